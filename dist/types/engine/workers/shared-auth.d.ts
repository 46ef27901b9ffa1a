import { type Authorization, type AuthObserver, type ClientCredentialsAuth } from '../../mcp/index.ts';
import type { RunShare } from './share.ts';
/** What a run's sessions need of `auth:`: each VU's identity, and whether the target asked for none. */
export interface RunAuthorization {
    forVu(vu: number): Authorization;
    readonly notRequired: boolean;
}
/**
 * OAuth once for all workers, as in one process: the leader's ClientCredentialsAuth discovers the
 * authorization server and fetches, refreshes and renews every identity's token (counted in its
 * metrics only, so the merged count is the one-process count); each new token is told to the
 * followers, whose sessions use it, ask the leader to refresh it once it is due, and ask for a new
 * one after a 401 (which they count as their own rejection, as a one-process run would). Once the
 * leader has ended, a follower fetches its own tokens.
 */
export declare function sharedAuthorization(makeAuth: () => ClientCredentialsAuth, identities: number, share: RunShare, observer: AuthObserver, onTokenHeld: (listener: (index: number) => void) => void): RunAuthorization;

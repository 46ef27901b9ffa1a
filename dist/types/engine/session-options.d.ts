import type { McpTarget, SessionOptions } from '../mcp/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { MetricsRegistry } from './metrics/index.ts';
import type { RunShare } from './workers/share.ts';
/** The session options of a virtual user: its rendered headers and its OAuth identity. */
export type SessionOptionsFor = (vu: number, iter: number, scenario: string) => SessionOptions;
export interface VuSessionOptions {
    forVu: SessionOptionsFor;
    /** Token fetches and rejections from now on are recorded in `registry` (the readiness wait comes before it). */
    record(registry: MetricsRegistry): void;
    /** What the user should know about authorization after the run. */
    warnings(): string[];
}
/**
 * Resolves once per run what differs between virtual users: the `{{templated}}` headers
 * (rendered once per session) and, with `auth:`, one token cache per identity shared by the VUs
 * dealt that identity. Tokens and rendered headers are registered as secrets (src/secrets), so
 * every output redacts them and the action masks them; nothing here records them.
 */
export declare function vuSessionOptions(scenario: Scenario, target: McpTarget, base: SessionOptions, share?: RunShare): VuSessionOptions;

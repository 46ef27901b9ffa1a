import { AuthError, identityIndex, type Authorization, type AuthObserver, type ClientCredentialsAuth } from '../../mcp/index.ts';
import type { RunShare } from './share.ts';

/** What a run's sessions need of `auth:`: each VU's identity, and whether the target asked for none. */
export interface RunAuthorization {
  forVu(vu: number): Authorization;
  readonly notRequired: boolean;
}

/** A token as told to followers: epoch-ms times, one clock for every process of the machine. */
type Told = { header: string; refreshAt: number; expiresAt: number } | { none: true } | { error: { stage: 'discovery' | 'token'; message: string } };
type Ask = { kind: 'ready' } | { kind: 'renew'; header: string | undefined } | { kind: 'refresh' };

const key = (index: number): string => `token:${index}`;

/**
 * OAuth once for all workers, as in one process: the leader's ClientCredentialsAuth discovers the
 * authorization server and fetches, refreshes and renews every identity's token (counted in its
 * metrics only, so the merged count is the one-process count); each new token is told to the
 * followers, whose sessions use it, ask the leader to refresh it once it is due, and ask for a new
 * one after a 401 (which they count as their own rejection, as a one-process run would). Once the
 * leader has ended, a follower fetches its own tokens.
 */
export function sharedAuthorization(
  makeAuth: () => ClientCredentialsAuth,
  identities: number,
  share: RunShare,
  observer: AuthObserver,
  onTokenHeld: (listener: (index: number) => void) => void,
): RunAuthorization {
  if (share.leader) return leading(makeAuth(), identities, share, onTokenHeld);
  return following(makeAuth, identities, share, observer);
}

function leading(auth: ClientCredentialsAuth, identities: number, share: RunShare, onTokenHeld: (listener: (index: number) => void) => void): RunAuthorization {
  const tell = (index: number): void => {
    const validity = auth.identity(index).validity?.();
    if (validity === undefined) return;
    const now = Date.now();
    share.publish(key(index), { header: validity.header, refreshAt: now + validity.refreshInMs, expiresAt: now + validity.expiresInMs } satisfies Told);
  };
  share.onAsk((asked, value) => {
    const index = Number(asked.slice('token:'.length));
    if (!asked.startsWith('token:') || !(index >= 0 && index < identities)) return;
    const identity = auth.identity(index);
    const ask = value as Ask;
    // A refresh that is due starts on reading the header (TokenCache), and its new token is told on arrival.
    if (ask.kind === 'refresh') return void identity.header();
    const answer = ask.kind === 'ready' ? identity.ready() : (identity.renew ?? identity.rejected).call(identity, ask.header);
    answer.then(
      (header) => (header === undefined ? share.publish(key(index), { none: true } satisfies Told) : tell(index)),
      (err: unknown) => {
        const stage = err instanceof AuthError ? err.stage : 'token';
        share.publish(key(index), { error: { stage, message: (err as Error).message } } satisfies Told);
      },
    );
  });
  onTokenHeld(tell);
  return auth;
}

function following(ownAuth: () => ClientCredentialsAuth, identities: number, share: RunShare, observer: AuthObserver): RunAuthorization {
  let own: ClientCredentialsAuth | undefined;
  let notRequired = false;
  const relayed = Array.from({ length: identities }, (_, index) => new RelayedAuthorization(index, share, observer, () => (own ??= ownAuth()).identity(index)));
  for (const identity of relayed)
    share.subscribe(key(identity.index), (value) => {
      if ((value as Told & { none?: true }).none) notRequired = true;
      identity.told(value as Told);
    });
  share.onLeaderGone(() => {
    for (const identity of relayed) identity.leaderGone();
  });
  return {
    forVu: (vu) => relayed[identityIndex(vu, identities)],
    get notRequired() {
      return notRequired || own?.notRequired === true;
    },
  };
}

class RelayedAuthorization implements Authorization {
  readonly index: number;
  private readonly share: RunShare;
  private readonly observer: AuthObserver;
  private readonly makeOwn: () => Authorization;
  private held: { header: string; refreshAt: number; expiresAt: number } | undefined;
  private none = false;
  private refreshAsked = false;
  private waiting: { promise: Promise<string | undefined>; resolve: (h: string | undefined) => void; reject: (e: Error) => void } | undefined;
  /** The leader has ended: what it told still serves while valid; anything new comes from this worker's own tokens. */
  private alone = false;
  private own: Authorization | undefined;

  constructor(index: number, share: RunShare, observer: AuthObserver, own: () => Authorization) {
    this.index = index;
    this.share = share;
    this.observer = observer;
    this.makeOwn = own;
  }

  header(): string | undefined {
    const ownHeader = this.own?.header();
    if (ownHeader !== undefined) return ownHeader;
    const held = this.held;
    if (held === undefined) return undefined;
    const now = Date.now();
    if (now >= held.expiresAt) return undefined;
    if (now >= held.refreshAt && !this.refreshAsked) {
      this.refreshAsked = true;
      if (this.alone)
        void this.ownAuthorization()
          .ready()
          .catch(() => {});
      else this.share.ask(key(this.index), { kind: 'refresh' } satisfies Ask);
    }
    return held.header;
  }

  ready(): Promise<string | undefined> {
    if (this.none) return Promise.resolve(undefined);
    const header = this.header();
    if (header !== undefined) return Promise.resolve(header);
    if (this.alone) return this.ownAuthorization().ready();
    return this.request({ kind: 'ready' });
  }

  rejected(header: string | undefined): Promise<string | undefined> {
    if (this.held !== undefined && this.held.header === header) this.held = undefined;
    // This worker's own tokens count their rejections themselves.
    if (this.alone) return this.ownAuthorization().rejected(header);
    this.observer.unauthorized();
    if (this.none) return Promise.resolve(undefined);
    return this.request({ kind: 'renew', header });
  }

  told(value: Told): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if ('none' in value) {
      this.none = true;
      return waiting?.resolve(undefined);
    }
    if ('error' in value) return waiting?.reject(new AuthError(value.error.stage, value.error.message));
    this.held = value;
    this.refreshAsked = false;
    waiting?.resolve(value.header);
  }

  leaderGone(): void {
    this.alone = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.ownAuthorization().ready().then(waiting.resolve, waiting.reject);
  }

  private ownAuthorization(): Authorization {
    this.own ??= this.makeOwn();
    return this.own;
  }

  private request(ask: Ask): Promise<string | undefined> {
    if (this.waiting) return this.waiting.promise;
    let resolve!: (h: string | undefined) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<string | undefined>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.waiting = { promise, resolve, reject };
    this.share.ask(key(this.index), ask);
    return promise;
  }
}

import { TransportError, type DiscoveryVerdict, type McpTarget } from '../../mcp/index.ts';
import type { RunShare } from './share.ts';

type Published = { verdict: DiscoveryVerdict } | { error: { reason: TransportError['reason']; message: string; status?: number } };

const KEY = 'discovery';

/**
 * One `server/discover` probe for all workers, as in one process (McpTarget.discovery is the probe
 * its sessions share): the leader's sessions probe as usual and its verdict, or its failure, is
 * published; a follower's sessions wait for it instead of probing. A failure fails the follower's
 * waiting sessions as it fails the leader's, and its next sessions wait for the leader's next
 * probe. Once the leader has ended, a follower probes for itself.
 */
export function shareDiscovery(target: McpTarget, share: RunShare): void {
  let current: Promise<DiscoveryVerdict> | undefined;
  if (share.leader) {
    Object.defineProperty(target, 'discovery', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (probe: Promise<DiscoveryVerdict> | undefined) => {
        current = probe;
        probe?.then(
          (verdict) => share.publish(KEY, { verdict } satisfies Published),
          (err: unknown) => {
            if (err instanceof TransportError)
              share.publish(KEY, {
                error: { reason: err.reason, message: err.message, ...(err.status === undefined ? {} : { status: err.status }) },
              } satisfies Published);
          },
        );
      },
    });
    return;
  }
  let settle: { resolve: (v: DiscoveryVerdict) => void; reject: (e: Error) => void } | undefined;
  let gone = false;
  const arm = (): Promise<DiscoveryVerdict> => {
    const waiting = new Promise<DiscoveryVerdict>((resolve, reject) => (settle = { resolve, reject }));
    waiting.catch(() => {
      if (current === waiting) current = gone ? undefined : arm();
    });
    return waiting;
  };
  current = arm();
  share.subscribe(KEY, (value) => {
    const published = value as Published;
    if ('verdict' in published) settle?.resolve(published.verdict);
    else settle?.reject(new TransportError(published.error.reason, published.error.message, published.error.status));
  });
  share.onLeaderGone(() => {
    gone = true;
    // A verdict already told stays; a wait still open becomes this worker's own probe at its next session.
    settle?.reject(new TransportError('closed', 'the worker that probes for all has ended: probing again'));
  });
  Object.defineProperty(target, 'discovery', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (probe: Promise<DiscoveryVerdict> | undefined) => {
      current = probe ?? (gone ? undefined : arm());
    },
  });
}

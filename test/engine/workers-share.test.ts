// What the workers find out once (src/engine/workers/share.ts, shared-auth.ts): worker 1's tokens
// told to the others, which ask it for a refresh when due and a new token after a 401, through a
// share that records every message, as the parent would route them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedAuthorization } from '../../src/engine/workers/shared-auth.ts';
import { WorkerShare, type ShareOut } from '../../src/engine/workers/share.ts';
import type { AuthObserver, ClientCredentialsAuth } from '../../src/mcp/index.ts';

function follower(): { share: WorkerShare; sent: ShareOut[]; rejections: () => number; auth: ReturnType<typeof sharedAuthorization>; ownMade: () => number } {
  const sent: ShareOut[] = [];
  const share = new WorkerShare(false, (m) => sent.push(m));
  let rejections = 0;
  const observer: AuthObserver = { tokenFetched: () => {}, unauthorized: () => rejections++ };
  let made = 0;
  const own = (): ClientCredentialsAuth => {
    made++;
    const identity = { header: () => 'Bearer own', ready: async () => 'Bearer own', rejected: async () => 'Bearer own' };
    return { identity: () => identity, forVu: () => identity, notRequired: false } as unknown as ClientCredentialsAuth;
  };
  const auth = sharedAuthorization(own, 2, share, observer, () => {});
  return { share, sent, rejections: () => rejections, auth, ownMade: () => made };
}

const tell = (share: WorkerShare, index: number, header: string, refreshInMs: number, expiresInMs: number): void =>
  share.receive({ type: 'share', key: `token:${index}`, value: { header, refreshAt: Date.now() + refreshInMs, expiresAt: Date.now() + expiresInMs } });

describe('workers share what one process finds out once', () => {
  it('a follower waits for the token worker 1 tells it, asking once however many sessions wait', async () => {
    const { share, sent, auth } = follower();
    const vu1 = auth.forVu(1);
    const waits = [vu1.ready(), vu1.ready(), auth.forVu(3).ready()];
    assert.deepEqual(sent, [{ type: 'ask', key: 'token:0', value: { kind: 'ready' } }]);
    tell(share, 0, 'Bearer leader-1', 60_000, 75_000);
    assert.deepEqual(await Promise.all(waits), ['Bearer leader-1', 'Bearer leader-1', 'Bearer leader-1']);
    assert.equal(auth.forVu(2).header(), undefined, 'identity 2 has been told nothing');
  });

  it('a token due for refresh still serves, and the follower asks worker 1 to refresh it once', () => {
    const { share, sent, auth } = follower();
    tell(share, 1, 'Bearer due', -1, 10_000);
    const vu2 = auth.forVu(2);
    assert.equal(vu2.header(), 'Bearer due');
    assert.equal(vu2.header(), 'Bearer due');
    assert.deepEqual(sent, [{ type: 'ask', key: 'token:1', value: { kind: 'refresh' } }]);
    tell(share, 1, 'Bearer fresh', 60_000, 75_000);
    assert.equal(vu2.header(), 'Bearer fresh');
    assert.equal(sent.length, 1);
  });

  it('an expired token is not sent; a 401 is counted by the follower and renewed by worker 1', async () => {
    const { share, sent, auth, rejections } = follower();
    tell(share, 0, 'Bearer old', -2, -1);
    const vu1 = auth.forVu(1);
    assert.equal(vu1.header(), undefined);
    tell(share, 0, 'Bearer rejected', 60_000, 75_000);
    const renewed = vu1.rejected('Bearer rejected');
    assert.equal(rejections(), 1);
    assert.deepEqual(sent.at(-1), { type: 'ask', key: 'token:0', value: { kind: 'renew', header: 'Bearer rejected' } });
    tell(share, 0, 'Bearer renewed', 60_000, 75_000);
    assert.equal(await renewed, 'Bearer renewed');
  });

  it('once worker 1 has ended, a follower keeps the valid token it was told, and fetches its own only for a new one', async () => {
    const { share, sent, auth, ownMade } = follower();
    tell(share, 0, 'Bearer told', 60_000, 75_000);
    share.receive({ type: 'leader-gone' });
    assert.equal(auth.forVu(1).header(), 'Bearer told');
    assert.equal(ownMade(), 0);
    assert.equal(await auth.forVu(2).ready(), 'Bearer own', 'identity 2 was never told: its own');
    assert.equal(ownMade(), 1);
    assert.deepEqual(sent, [], 'nothing asked of an ended worker 1');
  });

  it('a value told before a follower listens is kept for it: a worker that starts late still learns', () => {
    const share = new WorkerShare(false, () => {});
    share.receive({ type: 'share', key: 'discovery', value: { verdict: { era: 'session' } } });
    const heard: unknown[] = [];
    share.subscribe('discovery', (v) => heard.push(v));
    assert.deepEqual(heard, [{ verdict: { era: 'session' } }]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExchangeDeadlines, type Expiring } from '../../src/mcp/exchange-deadlines.ts';

/** An exchange due `inMs` from now that records when it was told it expired. */
function due(inMs: number): Expiring & { expiredAt: number | null; done: Promise<void> } {
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const ex = {
    deadline: performance.now() + inMs,
    expiredAt: null as number | null,
    done,
    expire() {
      ex.expiredAt = performance.now();
      resolve();
    },
  };
  return ex;
}

describe('ExchangeDeadlines: one timer for a dispatcher’s exchanges', () => {
  it('expires each exchange at its own deadline, an earlier one added later included, and never a removed one', async () => {
    const deadlines = new ExchangeDeadlines();
    const late = due(120);
    const removed = due(40);
    const early = due(60);
    deadlines.add(late);
    deadlines.add(removed);
    deadlines.add(early);
    deadlines.remove(removed);
    await Promise.all([late.done, early.done]);
    assert.equal(removed.expiredAt, null);
    // Node's timers may fire a millisecond early; a loaded machine makes them late, never much early.
    assert.ok(early.expiredAt! >= early.deadline - 2, `early expired ${(early.expiredAt! - early.deadline).toFixed(1)} ms from its deadline`);
    assert.ok(late.expiredAt! >= late.deadline - 2, `late expired ${(late.expiredAt! - late.deadline).toFixed(1)} ms from its deadline`);
    assert.ok(early.expiredAt! < late.expiredAt!);
  });

  it('requests that follow one another with the same timeout are all timed by the one timer, the last still expiring on time', async () => {
    const deadlines = new ExchangeDeadlines();
    for (let i = 0; i < 1000; i++) {
      const finished = due(50);
      deadlines.add(finished);
      deadlines.remove(finished);
    }
    const hanging = due(50);
    deadlines.add(hanging);
    await hanging.done;
    assert.ok(hanging.expiredAt! >= hanging.deadline - 2);
  });
});

describe('ExchangeDeadlines: moved and removed deadlines', () => {
  it('a pending deadline moved earlier re-arms the timer: it expires at its new time, not its old one', async () => {
    const deadlines = new ExchangeDeadlines();
    const other = due(10_000);
    deadlines.add(other);
    const moving = due(10_000) as ReturnType<typeof due> & { deadline: number };
    deadlines.add(moving);
    moving.deadline = performance.now() + 30;
    deadlines.moved(moving);
    await moving.done;
    assert.ok(moving.expiredAt! >= moving.deadline - 2);
    assert.equal(other.expiredAt, null);
    deadlines.remove(other);
  });

  it('an exchange whose expiry removes another due at the same time: the removed one is not told it expired', async () => {
    const deadlines = new ExchangeDeadlines();
    const second = due(20);
    // The same deadline exactly: two due(20) a loaded machine's millisecond apart made `second` due
    // first, rightly expired at its own time (a full suite once read 10570 here).
    const first = due(20) as ReturnType<typeof due> & { deadline: number };
    first.deadline = second.deadline;
    const expireFirst = first.expire;
    first.expire = () => {
      deadlines.remove(second);
      expireFirst();
    };
    deadlines.add(first);
    deadlines.add(second);
    await first.done;
    // The timer has returned: anything it still told would have been told by now.
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(second.expiredAt, null);
  });
});

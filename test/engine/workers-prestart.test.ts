// Worker threads started before the scenario is known (engine/workers/prestart.ts): the pool takes
// those that loaded its very source, the others end; none keeps the process alive while it waits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endPrestarted, prestartedCount, prestartWorkerThreads, sendSourceToPrestarted, takePrestarted } from '../../src/engine/workers/prestart.ts';

const source = { file: 'missing.yml', text: '', load: { env: {} } };

describe('pre-started worker threads', () => {
  it('the pool takes as many as it needs of those given its source; the rest end', async () => {
    prestartWorkerThreads(3);
    assert.equal(prestartedCount(), 3);
    sendSourceToPrestarted(source);
    const taken = takePrestarted(2, { file: source.file, load: source.load });
    assert.equal(taken.length, 2);
    assert.equal(prestartedCount(), 0, 'the third ended');
    await Promise.all(taken.map((w) => w.terminate()));
  });

  it('a source other than the one they were given (other options): none is taken, all end', () => {
    prestartWorkerThreads(2);
    sendSourceToPrestarted(source);
    assert.deepEqual(takePrestarted(2, { file: source.file, load: { env: {} } }), []);
    assert.equal(prestartedCount(), 0);
  });

  it('not needed (one worker, child processes): all end', () => {
    prestartWorkerThreads(2);
    endPrestarted();
    assert.equal(prestartedCount(), 0);
    assert.deepEqual(takePrestarted(2, source), []);
  });
});

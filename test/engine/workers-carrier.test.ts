// A worker process's carrier (src/engine/workers/carrier.ts). A message posted just as the worker
// ends fails to write (EPIPE). That is not the worker's failure: its own last message and its exit
// say how it ended. Observed in `bench/workers.ts`: `run --workers 2 --worker-mode process` exited 1
// with "internal error: write EPIPE". The leader's end made the parent post `leader-gone` to a
// worker that had sent its record and exited, and the 'error' event reached the run before the
// record was read.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { processCarrier } from '../../src/engine/workers/carrier.ts';
import type { WorkerMessage } from '../../src/engine/workers/protocol.ts';

/** Whether process `pid` has exited (a zombie not yet reaped): read without giving the event loop a turn. */
function hasExited(pid: number): boolean {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
}

describe('a worker process carrier', () => {
  it('a message posted after the worker sent its last message and exited is not an error: the message and the exit are what count', async () => {
    // The worker: one message, then it ends (its end of the channel closes with it).
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-carrier-'));
    const script = join(dir, 'worker.cjs');
    writeFileSync(script, "process.send({ type: 'progress' }, () => process.exit(0));\n");
    // Plain node: a loader's helper process (esbuild) would inherit and hold the channel open.
    const child = fork(script, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const carrier = processCarrier(child);
    const errors: Error[] = [];
    const messages: WorkerMessage['type'][] = [];
    carrier.onError((error) => errors.push(error));
    carrier.onMessage((message) => messages.push(message.type));
    const spawned = await new Promise<boolean>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', () => resolve(false));
    });
    assert.ok(spawned);
    // Hold this thread until the worker has exited, so that the parent has not yet read its
    // message nor seen the channel close: the post below writes to a closed channel.
    const deadline = Date.now() + 10_000;
    while (!hasExited(child.pid!)) assert.ok(Date.now() < deadline, 'the worker exits within 10 s');
    assert.equal(child.connected, true, 'the parent has not yet seen the channel close');
    carrier.post({ type: 'stop' });
    assert.equal(await carrier.exited, 0);
    assert.deepEqual(errors, []);
    assert.deepEqual(messages, ['progress']);
  });
});

// Worker 1's slice in the parent's own thread (src/engine/workers/local-carrier.ts): the protocol a
// worker thread speaks, against a server that counts what it receives.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localCarrier } from '../../src/engine/workers/local-carrier.ts';
import type { WorkerMessage, WorkerTask } from '../../src/engine/workers/protocol.ts';
import { runsFirstSliceHere } from '../../src/engine/workers/pool.ts';
import { ShardError, parseScenario } from '../../src/scenario/index.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

// 3 VUs × 2 iterations of one call: slice 1 of 2 runs 2 VUs (4 calls), slice 2 one VU.
const LOAD = `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 3
    iterations: 2
    flow:
      - call: echo
`;

let server: CountingServer;
before(async () => {
  server = await startCountingServer();
});
after(() => server.stop());

const text = () => `target: ${server.url}\n${LOAD}`;
const taskOf = (slice: WorkerTask['slice']): WorkerTask => ({
  file: 'local.yml',
  source: { text: text(), dataFiles: {} },
  load: { env: {} },
  url: server.url,
  slice,
  thresholdMetrics: [],
});
const scenario = () => parseScenario(text(), 'local.yml', { env: {} });

describe("worker 1's slice in the parent's thread", () => {
  it('reports ready, waits for the go, then runs exactly its slice: the calls the server received are in its record', async () => {
    const carrier = localCarrier(scenario());
    const seen: string[] = [];
    const before = server.calls();
    const done = new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve) =>
      carrier.onMessage((message) => {
        seen.push(message.type);
        if (message.type === 'ready') {
          // Nothing is sent before the go.
          assert.equal(server.calls() - before, 0);
          assert.equal(server.sessions(), 0);
          carrier.post({ type: 'go' });
        }
        // The pool's tokenizer is not part of this test: said at once, so the slice does not wait its grace for it.
        if (message.type === 'tokenizer-start') carrier.post({ type: 'tokenizer-ready', error: 'no tokenizer in this test' });
        if (message.type === 'done') resolve(message);
      }),
    );
    carrier.post({ type: 'task', task: taskOf({ index: 1, count: 2 }) });
    const { record } = await done;
    assert.equal(await carrier.exited, 0);
    assert.equal(server.calls() - before, 4);
    const calls = record.metrics.metrics.find((m) => m.metric === 'mcp_calls' && Object.keys(m.tags).length === 0);
    assert.deepEqual(calls?.type === 'counter' ? calls.summary.count : undefined, 4);
    assert.equal(seen[0], 'ready');
    assert.equal(seen.at(-1), 'done');
  });

  it('a stop before the go: the slice ends without a request, and still reports its record', async () => {
    const carrier = localCarrier(scenario());
    const before = server.calls();
    const sessions = server.sessions();
    const done = new Promise<void>((resolve) => carrier.onMessage((message) => message.type === 'done' && resolve()));
    carrier.post({ type: 'task', task: taskOf({ index: 2, count: 2 }) });
    carrier.post({ type: 'stop' });
    await done;
    assert.equal(server.calls() - before, 0);
    assert.equal(server.sessions() - sessions, 0);
  });

  it('a slice that fails reaches the pool as the error itself, with its class; the carrier exits', async () => {
    const carrier = localCarrier(scenario());
    const failed = new Promise<Error>((resolve) => carrier.onError(resolve));
    carrier.onMessage((message) => message.type === 'ready' && carrier.post({ type: 'go' }));
    carrier.post({ type: 'task', task: taskOf({ index: 4, count: 4 }) });
    assert.ok((await failed) instanceof ShardError);
    assert.equal(await carrier.exited, 1);
  });

  it('runs in the parent only for threads and a target of its own: not for child processes, nor beside the embedded demo server', () => {
    const withTarget = scenario();
    const withoutTarget = parseScenario(LOAD, 'local.yml', { env: {} });
    assert.equal(runsFirstSliceHere(withTarget, 'thread'), true);
    assert.equal(runsFirstSliceHere(withTarget, 'process'), false);
    assert.equal(runsFirstSliceHere(withoutTarget, 'thread'), false);
  });
});

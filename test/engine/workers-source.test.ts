// Workers run the scenario the parent parsed (Scenario.source: its text and data files, read once),
// not the files again: a scenario or data file changed or removed once the run began changes no worker.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StopSignal } from '../../src/engine/index.ts';
import { runInWorkers } from '../../src/engine/workers/pool.ts';
import { prestartedCount, prestartWorkerThreads, sendSourceToPrestarted } from '../../src/engine/workers/prestart.ts';
import type { WorkerMode } from '../../src/scenario/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';

// 2 VUs × 3 iterations of one call, each carrying the data file's row: 6 calls, 3 per worker.
const text = (url: string): string => `target: ${url}
data:
  rows: rows.json
scenarios:
  agents:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    flow:
      - call: echo
        args: { row: "{{pick data.rows}}" }
`;

let server: CountingServer;
let dir: string;
before(async () => {
  server = await startCountingServer();
  dir = mkdtempSync(join(tmpdir(), 'mcp-load-source-'));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The parent parses the scenario as it stands: its data file holds the row "as parsed". */
function parsedThenChanged(name: string) {
  const file = join(dir, name, 'load.yml');
  const rows = join(dir, name, 'rows.json');
  const load = { env: {} };
  const source = text(server.url);
  mkdirSync(join(dir, name));
  writeFileSync(file, source);
  writeFileSync(rows, '["as parsed"]');
  const scenario = parseScenario(source, file, load);
  // Then the files change: the scenario file is gone, the data file says something else.
  rmSync(file);
  writeFileSync(rows, '["edited during the run"]');
  return { file, load, source, scenario };
}

async function run(name: string, mode: WorkerMode, before?: (p: ReturnType<typeof parsedThenChanged>) => void) {
  const parsed = parsedThenChanged(name);
  before?.(parsed);
  const seen = server.callArguments().length;
  const outcome = await runInWorkers(parsed.scenario, {
    file: parsed.file,
    load: parsed.load,
    url: server.url,
    workers: 2,
    mode,
    stop: new StopSignal(),
    abort: new StopSignal(),
  });
  return { outcome, calls: server.callArguments().slice(seen) };
}

describe("workers run the parent's scenario, whatever the files say once it was parsed", () => {
  for (const [mode, workers] of [
    ['thread', 'threads'],
    ['process', 'child processes'],
  ] as const)
    it(`${workers}: the scenario file removed and the data file edited after the parse: every call carries the parsed row`, async () => {
      const { outcome, calls } = await run(mode, mode);
      assert.equal(outcome.records.length, 2);
      // Ground truth: what the server received.
      assert.deepEqual(calls, new Array(6).fill('{"row":"as parsed"}'));
    });

  it('a thread started before the parse reads the edited data file meanwhile: it runs the parent’s bytes instead', async () => {
    // The same file name and options object: the pool takes this thread for worker 2.
    const { calls } = await run('prestarted', 'thread', ({ file, load, source }) => {
      prestartWorkerThreads(1);
      sendSourceToPrestarted({ file, text: source, load });
      assert.equal(prestartedCount(), 1);
    });
    assert.deepEqual(calls, new Array(6).fill('{"row":"as parsed"}'));
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

const REPLY_TEXT_BYTES = 5_000;

describe('maxResponseSize: the reply-size cap is a scenario setting', () => {
  let server: RunningServer;
  let calls = 0;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      if (request.method !== 'tools/call') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
      }
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'x'.repeat(REPLY_TEXT_BYTES)));
    });
  });
  after(() => server.stop());

  const run = async (setting: string) => {
    const scenario = parseScenario(`${setting}scenarios:\n  s:\n    executor: per-vu-iterations\n    iterations: 3\n    flow: [{ call: big }]\n`, 'size.yml', {
      env: {},
    });
    return runTest(scenario, { url: server.url });
  };

  it('a 5 kB reply under maxResponseSize: 2KiB is aborted as too_large, each time, naming the cap', async () => {
    const before = calls;
    const outcome = await run('maxResponseSize: 2KiB\n');
    assert.equal(calls - before, 3);
    const [kind] = outcome.errors;
    assert.equal(outcome.errors.length, 1);
    assert.equal(kind.errorClass, 'transport');
    assert.equal(kind.reason, 'too_large');
    assert.equal(kind.count, 3);
    assert.match(kind.samples[0], /exceeds 2048 bytes/);
  });

  it('the same reply under the default (4MiB) and under 1MB succeeds', async () => {
    for (const setting of ['', 'maxResponseSize: 1MB\n']) {
      const outcome = await run(setting);
      assert.deepEqual(outcome.errors, [], setting);
    }
  });

  it('sizes outside 1KiB..1GiB or without a unit are refused at their line', () => {
    const errorOf = (value: string): string => {
      try {
        parseScenario(`maxResponseSize: ${value}\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{ ping: {} }]\n`, 'size.yml', { env: {} });
      } catch (error) {
        return (error as Error).message;
      }
      return 'loaded';
    };
    assert.equal(
      errorOf('2GiB'),
      'size.yml:1:18: maxResponseSize: must be between 1KiB and 1GiB, got 2147483648 bytes (the default, 4MiB, suits most servers)',
    );
    assert.equal(errorOf('lots'), 'size.yml:1:18: maxResponseSize: "lots" is not a size (bytes, or a number with B, kB, MB, GB, KiB, MiB or GiB, e.g. 16MiB)');
    assert.equal(errorOf('65536'), 'loaded');
  });
});

// Memory per distinct tool: `node --import tsx bench/series-memory.ts` runs, each in a fresh child
// process, a scenario that calls 1, 100 and 1,000 distinct tools (2 VUs, every tool twice each)
// against a minimal in-process server, and prints the peak RSS (VmHWM) after the run and after the
// result is built. docs/reliability.md quotes the figures.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { runTest } from '../src/engine/run.ts';
import { buildResult } from '../src/results/index.ts';
import { parseScenario } from '../src/scenario/index.ts';

const COUNTS = [1, 100, 1000];

function statusKb(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

async function measure(tools: number): Promise<void> {
  // A stateless 2025-11-25 endpoint answering every request at once.
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      const message = JSON.parse(body) as { id?: number; method: string };
      if (message.id === undefined) return void res.writeHead(202).end();
      const result =
        message.method === 'initialize'
          ? { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'bench', version: '1' } }
          : { content: [{ type: 'text', text: 'ok' }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  const flow = Array.from({ length: tools }, (_, i) => `      - call: tool_${i}\n`).join('');
  const yaml = `transport: streamable-http\nscenarios:\n  s:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 2\n    flow:\n${flow}`;
  const scenario = parseScenario(yaml, 'bench/series-memory.yml', { env: {} });
  const outcome = await runTest(scenario, { url });
  const afterRunKb = statusKb('VmHWM');
  const result = buildResult(scenario, url, outcome);
  const resultBytes = JSON.stringify(result).length;
  const peakKb = statusKb('VmHWM');
  server.close();
  process.stdout.write(
    `${JSON.stringify({ tools, calls: 4 * tools, peakRssMbAfterRun: afterRunKb / 1024, peakRssMbWithResult: peakKb / 1024, resultJsonMb: resultBytes / 1e6 })}\n`,
  );
  process.exit(0);
}

const only = process.argv[2];
if (only !== undefined) await measure(Number(only));
else {
  for (const tools of COUNTS) {
    process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', 'bench/series-memory.ts', String(tools)], { encoding: 'utf8' }));
  }
}

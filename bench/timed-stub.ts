// A Streamable HTTP MCP stub (2025 line, JSON replies) that is its own ground truth for the
// open-model bench: it counts the tool calls it answers and records how long it held each one.
// With --freeze-ms it freezes for that long every --freeze-every-ms: a call arriving in a freeze
// is answered when the freeze ends. GET /stats returns what it saw; POST /reset starts afresh.
// Prints `{"port":N}` once listening.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

/** What GET /stats returns. */
export interface StubStats {
  calls: number;
  /** Date.now() of the first and last call answered. */
  firstMs: number;
  lastMs: number;
  /** How long the stub held each call before answering, percentiles in ms. */
  holdP90Ms: number;
  holdP99Ms: number;
  /** The stub's own worst event-loop delay since the last reset, in ms: a stall of the stub's, which no hold time shows. */
  lagMaxMs: number;
}

const { values } = parseArgs({ options: { 'freeze-ms': { type: 'string', default: '0' }, 'freeze-every-ms': { type: 'string', default: '2000' } } });
const freezeMs = Number(values['freeze-ms']);
const everyMs = Number(values['freeze-every-ms']);
const epoch = Date.now();

const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();
let holds: number[] = [];
let firstMs = 0;
let lastMs = 0;

/** How long a call arriving now waits for the freeze to end (0 outside a freeze). */
function freezeLeftMs(now: number): number {
  if (freezeMs <= 0) return 0;
  const phase = (now - epoch) % everyMs;
  return phase < freezeMs ? freezeMs - phase : 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function json(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const server = createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
  if (req.url === '/stats') {
    const sorted = [...holds].sort((a, b) => a - b);
    const stats: StubStats = {
      calls: holds.length,
      firstMs,
      lastMs,
      holdP90Ms: percentile(sorted, 90),
      holdP99Ms: percentile(sorted, 99),
      lagMaxMs: Math.max(0, lag.max / 1e6 - LAG_RESOLUTION_MS),
    };
    return void json(res, stats);
  }
  if (req.url === '/reset') {
    holds = [];
    firstMs = lastMs = 0;
    lag.reset();
    return void res.writeHead(204).end();
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    if (req.method === 'DELETE') return void res.writeHead(200).end();
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const message = JSON.parse(body) as { id?: number; method?: string };
    if (message.id === undefined) return void res.writeHead(202).end();
    if (message.method === 'server/discover') return void res.writeHead(400).end();
    if (message.method === 'initialize') {
      const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'timed-stub', version: '1' } };
      return void json(res, { jsonrpc: '2.0', id: message.id, result }, { 'mcp-session-id': 'timed' });
    }
    const arrived = Date.now();
    const answer = () => {
      const now = Date.now();
      holds.push(now - arrived);
      if (firstMs === 0) firstMs = now;
      lastMs = now;
      json(res, { jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'hi' }] } });
    };
    const wait = freezeLeftMs(arrived);
    if (wait > 0) setTimeout(answer, wait);
    else answer();
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.on('SIGTERM', () => process.exit(0));

// A Streamable HTTP MCP endpoint (2025-11-25) that keeps its own count of what it receives — the
// ground truth tests compare mcp-load's figures with. A tools/call is answered after a delay the
// test sets (`args.ms` by default); DELETEs may be delayed or never answered.
import { startHttpFixture, type RunningServer } from './servers.ts';

export interface CountingServerOptions {
  /** How long a DELETE waits for its 200; `never`: it is never answered. */
  deleteDelayMs?: number | 'never';
  /** The delay of the server's n-th tools/call (1-based), whoever sends it; default: the call's `args.ms`. */
  callDelayMs?: (n: number) => number;
}

export interface CountingServer extends RunningServer {
  /** tools/call requests received. */
  calls(): number;
  /** Each tools/call's arguments as received, as JSON, in arrival order. */
  callArguments(): string[];
  /** initialize requests received (each opens a session of its own). */
  sessions(): number;
  deletes(): number;
  /** The most DELETEs it held unanswered at one moment. */
  maxConcurrentDeletes(): number;
  /** server/discover probes received (a 2026 client's first question; this server is of the 2025 line). */
  probes(): number;
}

export async function startCountingServer(options: CountingServerOptions = {}): Promise<CountingServer> {
  let calls = 0;
  const callArguments: string[] = [];
  let sessions = 0;
  let deletes = 0;
  let openDeletes = 0;
  let maxOpenDeletes = 0;
  let probes = 0;
  const json = { 'content-type': 'application/json' };
  const server = await startHttpFixture((req, res) => {
    if (req.method === 'DELETE') {
      deletes++;
      openDeletes++;
      maxOpenDeletes = Math.max(maxOpenDeletes, openDeletes);
      const done = (): void => {
        openDeletes--;
      };
      res.on('close', done);
      if (options.deleteDelayMs === 'never') return;
      setTimeout(() => res.writeHead(200).end(), options.deleteDelayMs ?? 0);
      return;
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const message = JSON.parse(body) as { id?: number | string; method?: string; params?: { arguments?: { ms?: string | number } } };
      if (message.method === 'tools/call') callArguments.push(JSON.stringify(message.params?.arguments ?? {}));
      if (message.id === undefined) return void res.writeHead(202).end();
      if (message.method === 'server/discover') {
        probes++;
        res.writeHead(400, json);
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request: Server not initialized' } }));
      }
      if (message.method === 'initialize') {
        sessions++;
        const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'counting', version: '1.0.0' } };
        res.writeHead(200, { ...json, 'mcp-session-id': `session-${sessions}` });
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      }
      if (message.method !== 'tools/call') return void res.writeHead(200, json).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} }));
      calls++;
      const reply = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'ok' }] } });
      const ms = options.callDelayMs ? options.callDelayMs(calls) : Number(message.params?.arguments?.ms ?? 0);
      setTimeout(() => res.writeHead(200, json).end(reply), ms);
    });
  });
  return Object.assign(server, {
    calls: () => calls,
    callArguments: () => [...callArguments],
    sessions: () => sessions,
    deletes: () => deletes,
    maxConcurrentDeletes: () => maxOpenDeletes,
    probes: () => probes,
  });
}

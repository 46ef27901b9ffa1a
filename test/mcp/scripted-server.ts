// A hand-written Streamable HTTP endpoint (2025-11-25, one session) whose replies to requests other
// than the handshake are scripted by the test, for replies no real server sends on purpose.
import type { ServerResponse } from 'node:http';
import type { JsonRpcRequest } from '../../src/mcp/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

export const SCRIPTED_SESSION_ID = 'scripted-session';

/**
 * server/discover → 400 (a 2025-line server), initialize → 200 JSON with `Mcp-Session-Id`, notifications and client answers → 202, DELETE → 200,
 * GET → 405; every other request goes to `answer`, which must reply on `res` (or never, to hang).
 */
export function startScriptedServer(
  answer: (request: JsonRpcRequest, res: ServerResponse) => void,
  /** Sees every JSON-RPC message POSTed, notifications included, before it is answered. */
  log?: (message: Partial<JsonRpcRequest>, headers: Record<string, string | string[] | undefined>) => void,
): Promise<RunningServer> {
  return startHttpFixture((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
      const message = JSON.parse(body) as Partial<JsonRpcRequest>;
      log?.(message, req.headers);
      if (message.method === undefined || message.id === undefined) return void res.writeHead(202).end();
      if (message.method === 'server/discover') {
        // What a 2025-line SDK server says to a request without a session: the probe finds no 2026 server.
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request: Server not initialized' } }));
      }
      if (message.method === 'initialize') {
        const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'scripted', version: '1.0.0' } };
        res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': SCRIPTED_SESSION_ID });
        return void res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      }
      answer(message as JsonRpcRequest, res);
    });
  });
}

/** A tools/call result with one text block, as a JSON-RPC response body. */
export function textResult(id: JsonRpcRequest['id'], text: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }] } });
}

// A Streamable HTTP server (2025-11-25, JSON replies) that echoes each request's credentials back in
// its errors, the way careless servers and proxies do: for tests that no secret reaches an output.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpFixture, type RunningServer } from './servers.ts';

/** Tools whose call fails, each echoing the credentials in its own way. */
export const ECHOING_TOOLS = {
  /** HTTP 401 whose text body quotes the Authorization header and the URL raw. */
  unauthorized: 'echo_401',
  /** A JSON-RPC error quoting them as HTML entities (`&#95;` for `_`) and URL-encoded. */
  rpcError: 'echo_rpc_error',
  /** A tool result with `isError: true` quoting every header, the Basic token and the cookie. */
  toolError: 'echo_tool_error',
  /** HTTP 500 with an HTML page quoting them entity-encoded. */
  serverError: 'echo_500',
} as const;

export interface EchoingServer extends RunningServer {
  /** Requests received, with their Authorization header: the ground truth that the secret was sent. */
  readonly authorizations: string[];
}

const entities = (text: string): string => [...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#${c.codePointAt(0)};`)).join('');

export async function startEchoingServer(): Promise<EchoingServer> {
  const authorizations: string[] = [];
  const server = await startHttpFixture((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => answer(req, res, body, authorizations));
  });
  return Object.assign(server, { authorizations });
}

function answer(req: IncomingMessage, res: ServerResponse, body: string, authorizations: string[]): void {
  authorizations.push(req.headers.authorization ?? '');
  if (req.method === 'DELETE') return void res.writeHead(200).end();
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
  const message = JSON.parse(body) as { id?: number; method?: string; params?: { name?: string } };
  if (message.id === undefined) return void res.writeHead(202).end();
  const json = (payload: Record<string, unknown>) => {
    res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'echo-session' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, ...payload }));
  };
  if (message.method === 'initialize') {
    return json({ result: { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'echoing', version: '1.0.0' } } });
  }
  const echoed = `authorization=${req.headers.authorization} url=${req.url} cookie=${req.headers.cookie} basic=${req.headers['x-upstream-auth']}`;
  switch (message.params?.name) {
    case ECHOING_TOOLS.unauthorized:
      res.writeHead(401, {
        'content-type': 'text/plain',
        'www-authenticate': `Bearer error="invalid_token", error_description="${req.headers.authorization}"`,
      });
      return void res.end(`unauthorized: ${echoed}`);
    case ECHOING_TOOLS.rpcError:
      return json({ error: { code: -32602, message: `bad token ${entities(req.headers.authorization ?? '')} for ${encodeURIComponent(req.url ?? '')}` } });
    case ECHOING_TOOLS.toolError:
      return json({ result: { isError: true, content: [{ type: 'text', text: `refused: ${echoed}` }] } });
    case ECHOING_TOOLS.serverError:
      res.writeHead(500, { 'content-type': 'text/html' });
      return void res.end(`<html><body><h1>500</h1><p>${entities(echoed)}</p></body></html>`);
    default:
      return json({ result: { tools: [], content: [{ type: 'text', text: 'ok' }] } });
  }
}

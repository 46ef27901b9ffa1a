// The embedded demo MCP server: Streamable HTTP on 127.0.0.1, endpoint /mcp, both protocol eras.
//
// Built on the v2 SDK alone. Its `createMcpHandler` serves 2026-07-28 requests but answers 2025
// traffic only statelessly (no Mcp-Session-Id, DELETE → 405), so, as the SDK documents for
// sessionful deployments, 2025 requests are routed with `isLegacyRequest` to our own table of
// stateful `WebStandardStreamableHTTPServerTransport`s (v2's successor to v1's
// `StreamableHTTPServerTransport` with `sessionIdGenerator`). Both legs build their server from one
// factory, so the eras cannot drift apart.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  hostHeaderValidationResponse,
  isLegacyRequest,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
  WebStandardStreamableHTTPServerTransport,
  type McpServer,
} from '@modelcontextprotocol/server';
import { createDemoMcpServer, resolveBehaviour, type DemoToolOptions } from './tools.ts';

export interface DemoServerOptions extends DemoToolOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A 2025 session without requests for this long is forgotten; its id then gets 404. */
  sessionIdleMs?: number;
}

export interface DemoServer {
  /** The MCP endpoint, `http://127.0.0.1:<port>/mcp`. */
  url: string;
  port: number;
  /** Ends every session and connection and frees the port. */
  close(): Promise<void>;
}

const ENDPOINT = '/mcp';
const DEFAULT_SESSION_IDLE_MS = 5 * 60_000;

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`demo option port must be an integer from 0 to 65535, got ${port}`);
  }
  const sessionIdleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  if (!(sessionIdleMs > 0 && Number.isFinite(sessionIdleMs))) {
    throw new RangeError(`demo option sessionIdleMs must be a positive number, got ${sessionIdleMs}`);
  }
  const behaviour = resolveBehaviour(options);
  const newServer = () => createDemoMcpServer(behaviour);

  const sessions = new SessionTable(newServer, sessionIdleMs);
  const modern = createMcpHandler(newServer, { legacy: 'reject' });
  const allowedHosts = localhostAllowedHostnames();
  const allowedOrigins = localhostAllowedOrigins();
  const endpoint = toNodeHandler({
    fetch: async (request) =>
      hostHeaderValidationResponse(request, allowedHosts) ??
      originValidationResponse(request, allowedOrigins) ??
      ((await isLegacyRequest(request)) ? sessions.handle(request) : modern.fetch(request)),
  });

  const http = createServer((req, res) => {
    if (req.url?.split('?', 1)[0] !== ENDPOINT) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    void endpoint(req, res);
  });
  await listen(http, port);
  const actualPort = (http.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actualPort}${ENDPOINT}`,
    port: actualPort,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        await Promise.all([sessions.closeAll(), modern.close()]);
        http.closeAllConnections();
        await stopped;
      })()),
  };
}

interface Session {
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport;
  expiry: NodeJS.Timeout;
}

/** The stateful 2025-line sessions: one SDK server and transport each, keyed by Mcp-Session-Id. */
class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly newServer: () => McpServer,
    private readonly idleMs: number,
  ) {}

  async handle(request: Request): Promise<Response> {
    const id = request.headers.get('mcp-session-id');
    if (id === null) return this.open(request);
    const session = this.sessions.get(id);
    if (!session) return sessionNotFound();
    session.expiry.refresh();
    return session.transport.handleRequest(request);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }

  /** A request without a session id: only `initialize` opens a session; the transport answers anything else with 400. */
  private async open(request: Request): Promise<Response> {
    const server = this.newServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        const expiry = setTimeout(() => void this.end(id), this.idleMs).unref();
        this.sessions.set(id, { server, transport, expiry });
      },
      // DELETE: the transport closes itself once this returns.
      onsessionclosed: (id) => void this.forget(id),
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  private async end(id: string): Promise<void> {
    const session = this.forget(id);
    await session?.server.close();
  }

  private forget(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session) {
      clearTimeout(session.expiry);
      this.sessions.delete(id);
    }
    return session;
  }
}

/** The SDK's own answer for an unknown session (spec: 404, the client starts a new session). */
function sessionNotFound(): Response {
  return Response.json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }, { status: 404 });
}

function listen(http: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
}

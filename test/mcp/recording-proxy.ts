// A loopback HTTP proxy that forwards every request to one upstream server, streaming both ways, and
// records what crossed it, so tests can assert the exact headers the wire client sent.
import http, { type IncomingHttpHeaders } from 'node:http';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

export interface ProxiedRequest {
  method: string;
  /** Path and query as requested. */
  path: string;
  /** Request headers, names lower-cased. */
  headers: IncomingHttpHeaders;
  /** The request body; complete once the request has been forwarded. */
  body: string;
  /** The upstream's status and content type; 0 and '' until its headers arrive. */
  status: number;
  contentType: string;
}

export interface RecordingProxy extends RunningServer {
  /** Every request, in arrival order. */
  readonly requests: ProxiedRequest[];
  /** JSON-RPC `method` of each POST body (`(response)` for client answers), in arrival order. */
  postedMethods(): string[];
}

/** Forwards to `upstream`'s origin, keeping the requested path; `url` has the upstream's path. */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const server = await startHttpFixture((req, res) => {
    const seen: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '/', headers: { ...req.headers }, body: '', status: 0, contentType: '' };
    requests.push(seen);
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (seen.body += chunk));
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (upstreamRes) => {
        seen.status = upstreamRes.statusCode ?? 0;
        seen.contentType = String(upstreamRes.headers['content-type'] ?? '');
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        res.flushHeaders(); // an SSE stream's headers must not wait for its first event
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    // The client hanging up (a closed SSE stream) hangs up upstream too.
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}${target.pathname}${target.search}`,
    requests,
    postedMethods: () => requests.filter((r) => r.method === 'POST').map((r) => (JSON.parse(r.body) as { method?: string }).method ?? '(response)'),
  };
}

// Debian's haproxy as the test's own process on a free loopback port, with a generated config: a
// real load balancer in front of several test servers. `.ci/run` installs it when missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBalancer } from './balancer-process.ts';
import { onFreePort } from './free-port.ts';

const HAPROXY = '/usr/sbin/haproxy';

export interface RunningHaproxy {
  /** The balanced MCP endpoint. */
  url: string;
  /** The servers' names in the config (s1, s2…), in the order of the upstreams given. */
  servers: string[];
  /** Stops haproxy and returns its log: per request, the server that served it, the status and the SRV cookie it carried. */
  stop(): Promise<BalancerLogLine[]>;
}

export interface BalancerLogLine {
  server: string;
  status: number;
  /** haproxy: the request's SRV cookie (its stickiness cookie), undefined when it carried none. */
  cookie?: string;
}

/**
 * haproxy in HTTP mode in front of `upstreams` (host:port), each response tagged `X-Served-By:
 * <server name>`, one log line per request on stdout. `backend` adds directives to the backend
 * (e.g. `balance roundrobin`, a stick table, `cookie SRV insert indirect nocache`); with
 * `serverCookies` each server line gets `cookie sN`.
 */
export function startHaproxy(upstreams: readonly string[], backend: string, options: { serverCookies?: boolean } = {}): Promise<RunningHaproxy> {
  return onFreePort(async (port) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-haproxy-'));
    const servers = upstreams.map((_, i) => `s${i + 1}`);
    const config = join(dir, 'haproxy.cfg');
    writeFileSync(
      config,
      `global
  log stdout format raw local0 info
  maxconn 512
defaults
  mode http
  log global
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend mcp
  bind 127.0.0.1:${port}
  http-request capture req.cook(SRV) len 32
  log-format "%s %ST %hr"
  default_backend servers
backend servers
  ${backend}
  http-response set-header X-Served-By %s
${upstreams.map((u, i) => `  server ${servers[i]} ${u}${options.serverCookies ? ` cookie ${servers[i]}` : ''}`).join('\n')}
`,
    );
    const process = await startBalancer('haproxy', HAPROXY, ['-db', '-f', config], port, () => '');
    return {
      url: `http://127.0.0.1:${port}/mcp`,
      servers,
      stop: async () => {
        await process.stop();
        rmSync(dir, { recursive: true, force: true });
        return parseLog(process.stdout());
      },
    };
  });
}

function parseLog(text: string): BalancerLogLine[] {
  const lines: BalancerLogLine[] = [];
  for (const line of text.split('\n')) {
    // `%hr`: the captured SRV cookie in braces, `{}` without one.
    const m = /^(\S+) (\d{3}) \{([^}]*)\}$/.exec(line.trim());
    // <NOSRV>: the readiness probe's connection, which sent no request.
    if (m && m[1] !== '<NOSRV>') lines.push({ server: m[1], status: Number(m[2]), ...(m[3] ? { cookie: m[3] } : {}) });
  }
  return lines;
}

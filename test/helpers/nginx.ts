// Debian's nginx as the test's own process on a free loopback port, with a generated config: a real
// load balancer in front of a test server. `.ci/run` installs it when missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onFreePort } from './free-port.ts';

const NGINX = '/usr/sbin/nginx';
const READY_TIMEOUT_MS = 5_000;

export interface RunningNginx {
  /** The proxied MCP endpoint. */
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx in front of `upstream` (host:port, or several: round-robin, each `server` line with
 * `serverParameters` such as `max_fails=0`) with HTTP/1.1 keep-alive to it, no response buffering,
 * and `location` directives added to the proxied location (e.g. `proxy_read_timeout 2s;`).
 */
export function startNginx(upstream: string | readonly string[], location: string, serverParameters = ''): Promise<RunningNginx> {
  const servers = (typeof upstream === 'string' ? [upstream] : upstream).map((u) => `server ${u}${serverParameters ? ` ${serverParameters}` : ''};`).join(' ');
  return onFreePort(async (port) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-nginx-'));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream mcp { ${servers} keepalive 8; }
  server {
    listen 127.0.0.1:${port};
    location /mcp {
      proxy_pass http://mcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      ${location}
    }
  }
}
`,
    );
    const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await listening(port, child, () => `${stderr}${safeRead(join(dir, 'error.log'))}`);
    } catch (err) {
      await stop();
      throw err;
    }
    return { url: `http://127.0.0.1:${port}/mcp`, stop };
  });
}

/** Resolves once the port accepts a connection; fails when nginx exits first or after the timeout. */
async function listening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log()}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a poll interval: nginx says nothing when it is ready
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

// Debian's nginx balancing several test servers, as the test's own process on a free loopback port
// with a generated config: every response (errors too) tagged `X-Served-By: $upstream_addr`, one
// access-log line per request as the ground truth of who served what.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBalancer } from './balancer-process.ts';
import type { BalancerLogLine } from './haproxy.ts';
import { onFreePort } from './free-port.ts';

const NGINX = '/usr/sbin/nginx';

export interface RunningNginxBalancer {
  url: string;
  /** Stops nginx and returns its access log: per request, the upstream that served it and the status. */
  stop(): Promise<BalancerLogLine[]>;
}

/** `balance`: the upstream block's method (`ip_hash;`, `hash $http_mcp_session_id;`, or '' for round-robin). */
export function startNginxBalancer(upstreams: readonly string[], balance: string): Promise<RunningNginxBalancer> {
  return onFreePort(async (port) => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-nginx-lb-'));
    const accessLog = join(dir, 'access.log');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  log_format served '$upstream_addr $status';
  access_log ${accessLog} served;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream mcp {
    ${balance}
${upstreams.map((u) => `    server ${u};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location /mcp {
      proxy_pass http://mcp;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_next_upstream off;
      add_header X-Served-By $upstream_addr always;
    }
  }
}
`,
    );
    const process = await startBalancer('nginx', NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], port, () => safeRead(join(dir, 'error.log')));
    return {
      url: `http://127.0.0.1:${port}/mcp`,
      stop: async () => {
        await process.stop();
        const log = safeRead(accessLog);
        rmSync(dir, { recursive: true, force: true });
        return log
          .split('\n')
          .map((line) => /^(\S+) (\d{3})$/.exec(line.trim()))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ server: m[1], status: Number(m[2]) }));
      },
    };
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

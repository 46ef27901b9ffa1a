// The fixed-cost MCP stub (nginx + njs, from shared/bench/mcp-stub), started and stopped for the benchmark.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const START_SCRIPT = process.env.MCP_STUB_START ?? findStartScript(fileURLToPath(new URL('.', import.meta.url)));
const CLOCK_TICKS_PER_S = 100;

export interface StubOptions {
  /** nginx worker processes. */
  workers: number;
  /** CPUs the stub may run on (taskset list, e.g. "0"); undefined = any. */
  cpus?: string;
  /** How tools/call is answered: JSON (the shared stub) or an SSE stream of one event (bench/sse-stub.js). */
  replies?: 'json' | 'sse';
}

export interface Stub {
  url: string;
  /** CPU time the stub's processes have used so far, in ms (master and workers). */
  cpuMs(): number;
  stop(): void;
}

export async function startStub(options: StubOptions): Promise<Stub> {
  const port = await freePort();
  const pidFile = options.replies === 'sse' ? await startSseStub(port, options) : await startSharedStub(port, options);
  const masterPid = Number(readFileSync(pidFile, 'utf8').trim());
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    cpuMs: () => [masterPid, ...childrenOf(masterPid)].reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    stop: () => process.kill(masterPid, 'SIGTERM'),
  };
}

async function startSharedStub(port: number, options: StubOptions): Promise<string> {
  const command = options.cpus === undefined ? [START_SCRIPT] : ['taskset', '-c', options.cpus, START_SCRIPT];
  const { stdout } = await run(command[0], [...command.slice(1), String(port), String(options.workers)]);
  return stdout.trim().split('\n').pop()!;
}

/** The shared stub's nginx set-up (its start script installed nginx and njs), serving bench/sse-stub.js instead. */
async function startSseStub(port: number, options: StubOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-stub-sse.'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'load_module /usr/lib/nginx/modules/ngx_http_js_module.so;',
      `worker_processes ${options.workers};`,
      'daemon on;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events { worker_connections 16384; }',
      'http {',
      '  access_log off;',
      '  keepalive_requests 10000000;',
      '  client_body_buffer_size 64k;',
      `  client_body_temp_path ${dir}/body;`,
      `  js_path "${fileURLToPath(new URL('.', import.meta.url))}";`,
      '  js_import mcp from sse-stub.js;',
      `  server { listen 127.0.0.1:${port}; location /mcp { js_content mcp.handle; } }`,
      '}',
      '',
    ].join('\n'),
  );
  const command = options.cpus === undefined ? ['nginx'] : ['taskset', '-c', options.cpus, 'nginx'];
  await run(command[0], [...command.slice(1), '-c', conf]);
  await listening(port);
  return join(dir, 'nginx.pid');
}

/** Resolves once something accepts connections on the port (nginx daemonizes before it listens), within 5 s. */
async function listening(port: number): Promise<void> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (performance.now() > deadline) throw new Error(`the SSE stub did not listen on port ${port} within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `shared/bench/mcp-stub/start.sh` beside the checkout or any folder above it (a worktree sits deeper than the main checkout). */
function findStartScript(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'bench', 'mcp-stub', 'start.sh');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no shared/bench/mcp-stub/start.sh above ${from}; set MCP_STUB_START to the stub's start script`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** /proc/PID/stat after the command name: state, ppid, …, utime (14th field), stime (15th). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

function cpuMsOf(pid: number): number {
  const f = statFields(pid);
  return f === undefined ? 0 : ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS_PER_S;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (statFields(Number(entry))?.[1] === String(pid)) children.push(Number(entry));
  }
  return children;
}

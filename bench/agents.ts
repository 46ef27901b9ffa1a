// `node --import tsx bench/agents.ts`: many thinking agents on this machine (not part of the test suite).
// N VUs (constant-vus, one session each) call echo, think 20 s, call again… for the run's duration,
// through the CLI bundle with --workers 2 (processes: here `ulimit -n` is 20,000, which one process
// cannot hold for 20,000 connections). The server is nginx + njs (shared/bench/mcp-stub/mcp.js) in its
// own configuration: two workers on `listen … reuseport` (an even spread), a limit each that holds
// the load, and an access log of every request with the session id it handed out. Ground truth is
// the server's: sessions opened (initialize answers carrying an Mcp-Session-Id) and when, the
// connections it holds mid-think (`ss`, established sockets on its port), the DELETEs it received.
// Also the generator's memory (RSS of the CLI and its worker processes) while every VU is idle.
// Writes bench/agents-results.json.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildShippedCli } from './shipped-cli.ts';

const { values } = parseArgs({
  options: {
    vus: { type: 'string', default: '20000,10000' },
    think: { type: 'string', default: '20' },
    duration: { type: 'string', default: '100' },
    port: { type: 'string', default: '18431' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'mcp-load-bench-agents-'));
// The shared stub beside the checkout (../shared from the main checkout, ../../shared from a worktree of it).
const stubJs =
  process.env.MCP_STUB_DIR ??
  ['../../shared/bench/mcp-stub/', '../../../shared/bench/mcp-stub/']
    .map((p) => fileURLToPath(new URL(p, import.meta.url)))
    .find((p) => existsSync(join(p, 'mcp.js')))!;
const THINK_S = Number(values.think);
const loadavgAtStart = loadavg();
const DURATION_S = Number(values.duration);
/** No run may take longer than this, whatever happens: the bench is bounded. */
const RUN_LIMIT_MS = (DURATION_S + 120) * 1000;
const ULIMIT_N = Number(execFileSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());

// --- the CLI as shipped -------------------------------------------------------------------------
const cli = buildShippedCli(dir);

// --- the server ---------------------------------------------------------------------------------
function startNginx(port: number): { pid: number; log: string; stop(): void } {
  const run = mkdtempSync(join(tmpdir(), 'mcp-load-agents-nginx-'));
  const log = join(run, 'access.log');
  writeFileSync(
    join(run, 'nginx.conf'),
    `load_module /usr/lib/nginx/modules/ngx_http_js_module.so;
worker_processes 2;
worker_rlimit_nofile 19000;
daemon on;
pid ${run}/nginx.pid;
error_log ${run}/error.log;
events { worker_connections 16000; }
http {
  log_format agents '$msec $request_method $status $sent_http_mcp_session_id';
  access_log ${log} agents buffer=256k flush=1s;
  keepalive_timeout 75s;
  keepalive_requests 10000000;
  client_body_buffer_size 64k;
  client_body_temp_path ${run}/body;
  js_path "${stubJs}";
  js_import mcp from mcp.js;
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location /mcp { js_content mcp.handle; }
  }
}
`,
  );
  execFileSync('nginx', ['-c', join(run, 'nginx.conf')]);
  const pid = Number(readFileSync(join(run, 'nginx.pid'), 'utf8').trim());
  return { pid, log, stop: () => process.kill(pid, 'SIGQUIT') };
}

/** Established connections on the server's port, as the kernel lists the server's own sockets. */
function serverConnections(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out === '' ? 0 : out.trimEnd().split('\n').length;
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {}
  }
  return found;
}

function rssKb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line === undefined ? 0 : Number.parseInt(line.slice(6), 10);
  } catch {
    return 0;
  }
}

/** What the server's log says so far: when its first request came (epoch ms) and the sessions it handed out. */
function logSoFar(file: string): { firstMs?: number; sessions: number } {
  if (!existsSync(file)) return { sessions: 0 };
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  let sessions = 0;
  for (const line of lines) {
    const sid = line.split(' ')[3];
    if (sid !== undefined && sid !== '-') sessions++;
  }
  const first = Number(lines[0]?.split(' ')[0]);
  return Number.isFinite(first) && first > 0 ? { firstMs: first * 1000, sessions } : { sessions };
}

interface AccessLog {
  sessions: number;
  /** Seconds from the first request to the Nth session handed out (undefined: never all). */
  secondsToAllUp?: number;
  calls: number;
  deletes: number;
  deletesFailed: number;
  /** Seconds from the first DELETE to the last. */
  deleteSpanS: number;
}

function readAccessLog(file: string, vus: number): AccessLog {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : [];
  let first = Number.POSITIVE_INFINITY;
  const sessionTimes: number[] = [];
  const deleteTimes: number[] = [];
  let calls = 0;
  let deletesFailed = 0;
  for (const line of lines) {
    const [msec, method, status, sid] = line.split(' ');
    const t = Number(msec);
    first = Math.min(first, t);
    if (method === 'DELETE') {
      deleteTimes.push(t);
      if (status !== '200') deletesFailed++;
    } else if (sid !== '-' && sid !== undefined) sessionTimes.push(t);
    else if (method === 'POST' && status === '200') calls++;
  }
  sessionTimes.sort((a, b) => a - b);
  const out: AccessLog = {
    sessions: sessionTimes.length,
    calls,
    deletes: deleteTimes.length,
    deletesFailed,
    deleteSpanS: deleteTimes.length === 0 ? 0 : Math.max(...deleteTimes) - Math.min(...deleteTimes),
  };
  if (sessionTimes.length >= vus) out.secondsToAllUp = sessionTimes[vus - 1] - first;
  return out;
}

interface AgentsRun {
  vus: number;
  workerMode: string;
  /** What the CLI said about its workers (the mode chosen, and why). */
  workersNote: string;
  server: AccessLog;
  /** The server's established connections, sampled each second from all-up + think/2 to the end of the duration: min and max. */
  connectionsHeldMidThink: { min: number; max: number; samples: number };
  /** From spawn until the server's log showed N sessions handed out, to the second (null: never). */
  secondsToAllUpSeen: number | null;
  connectionsEachSecond: number[];
  /** RSS of the CLI and its workers, sampled with the connections: the largest sum, and per VU. */
  rssKb: { parent: number; workers: number; total: number; perVuKb: number };
  result: { sessionsCreated: number; sessionsClosed: number; sessionsNotClosed: number; sessionsFailed: number; deleteFailures: number; durationMs: number };
  /** Wall time of the CLI from spawn to exit (start-up and report writing included); the bound the run (result.durationMs) must end within: duration + gracefulStop + teardownTimeout + about a second. */
  wallS: number;
  boundS: number;
  exitCode: number | null;
}

async function runAgents(vus: number, port: number): Promise<AgentsRun> {
  const nginx = startNginx(port);
  try {
    const file = join(dir, `agents-${vus}.yml`);
    writeFileSync(
      file,
      [
        `target: http://127.0.0.1:${port}/mcp`,
        'transport: streamable-http',
        'teardownTimeout: 30s',
        'scenarios:',
        '  agents:',
        '    executor: constant-vus',
        `    vus: ${vus}`,
        `    duration: ${DURATION_S}s`,
        '    gracefulStop: 5s',
        '    session: per-vu',
        '    flow:',
        '      - call: echo',
        '        args: { message: hi }',
        `      - think: ${THINK_S}s`,
        '',
      ].join('\n'),
    );
    const out = join(dir, `out-${vus}`);
    const t0 = Date.now();
    // A load one process cannot hold gets process workers without asking (and says so); a smaller one asks, to compare like with like.
    const mode = vus + 96 > ULIMIT_N ? [] : ['--worker-mode', 'process'];
    const child = spawn(process.execPath, [cli, 'run', file, '--workers', '2', ...mode, '--quiet', '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));

    // All up: the server has handed out N sessions (its access log, flushed each second). From then
    // on, once half a think has passed, every VU is thinking or calling on a held connection.
    let allUpAt: number | undefined;
    const held: number[] = [];
    const series: number[] = [];
    let rss = { parent: 0, workers: 0, total: 0 };
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (done) break;
      const now = Date.now();
      const connections = serverConnections(port);
      series.push(connections);
      const log = logSoFar(nginx.log);
      if (allUpAt === undefined && log.sessions >= vus) allUpAt = now;
      // The duration runs from about the first request: sampled until a second before it ends.
      const inWindow = allUpAt !== undefined && now >= allUpAt + (THINK_S / 2) * 1000 && now <= (log.firstMs ?? t0) + (DURATION_S - 1) * 1000;
      if (inWindow) {
        held.push(connections);
        const parent = rssKb(child.pid!);
        const workers = childrenOf(child.pid!).reduce((sum, pid) => sum + rssKb(pid), 0);
        if (parent + workers > rss.total) rss = { parent, workers, total: parent + workers };
      }
    }
    clearTimeout(killer);
    const exitCode = await exited;
    const wallS = (Date.now() - t0) / 1000;
    // The access log is flushed each second and on exit.
    nginx.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    const deleteFailures = result.metrics.metrics
      .filter((m: { metric: string; tags: Record<string, string> }) => m.metric === 'http_req_failed' && m.tags.http_method === 'DELETE')
      .reduce((sum: number, m: { summary: { passes: number } }) => sum + m.summary.passes, 0);
    return {
      vus,
      workerMode: result.environment.workerMode ?? 'thread',
      workersNote: stderr
        .split('\n')
        .filter((l) => l.startsWith('workers:'))
        .join(' '),
      server: readAccessLog(nginx.log, vus),
      connectionsHeldMidThink: { min: held.length ? Math.min(...held) : 0, max: held.length ? Math.max(...held) : 0, samples: held.length },
      secondsToAllUpSeen: allUpAt === undefined ? null : (allUpAt - t0) / 1000,
      connectionsEachSecond: series,
      rssKb: { ...rss, perVuKb: rss.total / vus },
      result: {
        sessionsCreated: result.sessions.created,
        sessionsClosed: result.sessions.closed,
        sessionsNotClosed: result.sessions.notClosed,
        sessionsFailed: result.sessions.failed,
        deleteFailures,
        durationMs: result.durationMs,
      },
      wallS,
      boundS: DURATION_S + 5 + 30 + 1,
      exitCode,
    };
  } finally {
    try {
      nginx.stop();
    } catch {}
  }
}

const runs: AgentsRun[] = [];
// One server port per run: the last run's TIME_WAIT sockets are per destination and do not take this one's ports.
for (const [i, vus] of values.vus.split(',').map(Number).entries()) {
  const run = await runAgents(vus, Number(values.port) + i);
  console.log(JSON.stringify(run));
  runs.push(run);
}
const summary = {
  date: new Date().toISOString(),
  cores: availableParallelism(),
  loadavgAtStart,
  loadavg: loadavg(),
  ulimitN: ULIMIT_N,
  settings: { thinkS: THINK_S, durationS: DURATION_S, workers: 2 },
  // RSS each further idle VU costs: the difference of two runs' totals over their VUs' difference (the processes' own baseline cancels).
  marginalRssPerVuKb: runs.length >= 2 ? (runs[0].rssKb.total - runs[runs.length - 1].rssKb.total) / (runs[0].vus - runs[runs.length - 1].vus) : null,
  runs,
};
writeFileSync(new URL('agents-results.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));

// Pre-flight: before the load, a run its process's descriptors cannot serve is refused, and one the
// machine's ephemeral ports may not serve is warned about, with the numbers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ephemeralPortWarning, readEphemeralPorts } from '../../src/engine/port-budget.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startCountingServer, type CountingServer } from '../helpers/counting-server.ts';
import { builtCli } from '../helpers/fresh-dist.ts';

const CHILD_TIMEOUT_MS = 60_000;

const vus = (n: number, target = 'http://127.0.0.1:1/mcp'): string =>
  `target: ${target}\nscenarios:\n  s:\n    executor: constant-vus\n    vus: ${n}\n    duration: 1s\n    flow:\n      - ping: {}\n`;

/** `mcp-load ARGS` (the CLI as shipped) under `ulimit -n LIMIT`, in a child process. */
async function runUnderLimit(limit: number, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const cli = await builtCli();
  return new Promise((resolve) => {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const child = spawn('bash', ['-c', `ulimit -n ${limit} && exec "${process.execPath}" "${cli}" ${quoted}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

describe('pre-flight', () => {
  let dir: string;
  let server: CountingServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-preflight-'));
    server = await startCountingServer();
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("under ulimit -n 256, 185 VUs in two worker threads are refused before any session opens: threads share one process's descriptors", async () => {
    // 185 VUs need 249 descriptors with the reserve; with what the process has open they do not fit.
    const file = join(dir, 'fds-threads.yml');
    writeFileSync(file, vus(185, server.url));
    const before = server.sessions();
    const run = await runUnderLimit(256, ['run', file, '--workers', '2', '--worker-mode', 'thread', '--out', join(dir, 'out-threads'), '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stderr,
      /runs up to 185 VUs at once, which need about 249 file descriptors \(1 per VU and 64 in reserve\), but this process may open 256 \(ulimit -n\) and already has \d+ open: about \d+ VUs fit\. Raise the limit \(ulimit -n \d+\), lower the VUs, or run it in worker processes, each with its own limit: --workers 2 --worker-mode process/,
    );
    assert.equal(server.sessions() - before, 0, 'nothing reached the server');
  });

  it('under ulimit -n 256, one process cannot hold 185 VUs and says how many worker processes would: --workers 2 --worker-mode process', async () => {
    const file = join(dir, 'fds-one.yml');
    writeFileSync(file, vus(185, server.url));
    const before = server.sessions();
    const run = await runUnderLimit(256, ['run', file, '--workers', '1', '--out', join(dir, 'out-one'), '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /runs up to 185 VUs at once, .* but this process may open 256 \(ulimit -n\).* --workers 2 --worker-mode process /);
    assert.equal(server.sessions() - before, 0, 'nothing reached the server');
  });

  it('under ulimit -n 256, the same 185 VUs run in two worker processes, each with its own limit: chosen without being asked, and said', async () => {
    const file = join(dir, 'fds-processes.yml');
    writeFileSync(file, vus(185, server.url));
    const before = { sessions: server.sessions(), deletes: server.deletes() };
    const out = join(dir, 'out-processes');
    const run = await runUnderLimit(256, ['run', file, '--workers', '2', '--out', out, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /workers: 2 child processes rather than threads: 185 VUs need about 249 file descriptors, more than this process may open \(ulimit -n 256, \d+ in use\)/,
    );
    // Ground truth: the server saw every VU's session opened and closed.
    assert.equal(server.sessions() - before.sessions, 185);
    assert.equal(server.deletes() - before.deletes, 185);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as { environment: { workers: number; workerMode: string } };
    assert.deepEqual([result.environment.workers, result.environment.workerMode], [2, 'process']);
  });

  it('a worker process whose slice does not fit is refused with its numbers: 185 VUs in 2 processes under ulimit -n 120', async () => {
    const file = join(dir, 'fds-small.yml');
    writeFileSync(file, vus(185, server.url));
    const before = server.sessions();
    const run = await runUnderLimit(120, ['run', file, '--workers', '2', '--worker-mode', 'process', '--out', join(dir, 'out-small'), '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    // 120 less 32 for a fresh process and 64 in reserve leaves 24 VUs a process: 8 processes.
    assert.match(
      run.stderr,
      /runs up to 93 VUs at once in worker process 1\/2, which need about 157 file descriptors .* but worker process 1\/2 may open 120 \(ulimit -n\) and starts with about 32 open: about 24 VUs fit\. .* --workers 8 --worker-mode process /,
    );
    assert.equal(server.sessions() - before, 0, 'nothing reached the server');
  });

  it('warns when the VUs need more connections than the ephemeral ports free now, with the numbers /proc gives', () => {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports = readEphemeralPorts();
    assert.ok(ports);
    assert.deepEqual([ports.low, ports.high], [low, high]);
    const free = high - low + 1 - ports.inUse;
    const warning = ephemeralPortWarning(parseScenario(vus(free + 1), 'ports.yml', { env: {}, openFileLimit: 1_000_000 }), false, ports);
    assert.equal(
      warning,
      `the scenario runs up to ${free + 1} VUs at once, which need about ${free + 1} connections, but the machine's ephemeral port range ` +
        `${low}–${high} has ${high - low + 1} ports and ${ports.inUse} are in use (${ports.timeWait} in TIME_WAIT): about ${free} are free. ` +
        'Connections past them may fail with EADDRNOTAVAIL or time out (the generator, not the server): widen net.ipv4.ip_local_port_range, ' +
        'wait for TIME_WAIT to drain, lower the VUs, or split the load over machines (--shard i/n).',
    );
    // As many as are free: no shortage, though past the even ports connect() slows (the test below).
    const atFree = ephemeralPortWarning(parseScenario(vus(Math.max(1, free)), 'ports.yml', { env: {}, openFileLimit: 1_000_000 }), false, ports);
    const even = Math.floor(high / 2) - Math.floor((low - 1) / 2);
    if (free > even) assert.match(atFree ?? '', new RegExp(`more than the ${even} even ports`));
    else assert.equal(atFree, undefined);
  });

  it('warns past the even ports of the range, which connect() hands out first (14,116 of 32768–60999, as bench/agents-ports.ts saw)', () => {
    const ports = { low: 32768, high: 60999, inUse: 0, timeWait: 0 };
    const scenario = (n: number) => parseScenario(vus(n), 'ports.yml', { env: {}, openFileLimit: 1_000_000 });
    assert.equal(ephemeralPortWarning(scenario(14_116), false, ports), undefined);
    assert.equal(
      ephemeralPortWarning(scenario(14_117), false, ports),
      'the scenario runs up to 14117 VUs at once, which need about 14117 connections, more than the 14116 even ports of the ephemeral range ' +
        "32768–60999: Linux's connect() takes the even ports first, and each connection past them is much slower to open (20 to 60 times in " +
        'bench/agents-ports.ts), which the ramp-up then measures instead of the server. Widen net.ipv4.ip_local_port_range to at least 28234 ports, ' +
        'or split the load over machines (--shard i/n).',
    );
    // An odd low end: 32769–60999 holds 14,115 even ports.
    assert.match(ephemeralPortWarning(scenario(14_116), false, { ...ports, low: 32769 }) ?? '', /more than the 14115 even ports/);
  });

  it('counts the sockets of /proc/net/tcp and tcp6 whose local port is in the range, and those in TIME_WAIT', () => {
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    const tables: Record<string, string> = {
      '/proc/sys/net/ipv4/ip_local_port_range': '32768\t60999\n',
      // 0x07E8 = 2024 (a listener, outside), 0xB746 = 46918 TIME_WAIT, 0x8000 = 32768 ESTABLISHED.
      '/proc/net/tcp':
        header +
        '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1594 1\n' +
        '   1: 0100007F:B746 0100007F:A587 06 00000000:00000000 03:0000028C 00000000     0        0 0 3\n' +
        '   2: 0100007F:8000 0100007F:07E8 01 00000000:00000000 00:00000000 00000000     0        0 17 1\n',
      '/proc/net/tcp6':
        header + '   0: 00000000000000000000000001000000:EE47 00000000000000000000000001000000:07E8 06 00000000:00000000 03:00000001 00000000 0 0 0 3\n',
    };
    const read = (path: string): string => {
      if (!(path in tables)) throw new Error(`ENOENT ${path}`);
      return tables[path];
    };
    assert.deepEqual(readEphemeralPorts(read), { low: 32768, high: 60999, inUse: 3, timeWait: 2 });
  });
});

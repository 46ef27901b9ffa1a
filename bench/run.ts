// `npm run bench`: mcp-load against autocannon, the official SDK clients and mcp-stress on the
// fixed-cost nginx MCP stub, each tool alone in a child process, rounds alternating; then
// mcp-load's RSS per idle VU. Prints the figures and PASS/MISS per target, writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleScripts } from './bundle.ts';
import { runScript } from './child.ts';
import type { IdleRss } from './idle-rss.ts';
import { hotFunctions, mainProfile } from './profile.ts';
import { startStub, type Stub } from './stub.ts';
import type { ToolResult } from './tools/tool-run.ts';

const TOOLS = [
  { name: 'mcp-load', script: 'tools/mcp-load.ts' },
  { name: 'autocannon', script: 'tools/autocannon.ts' },
  { name: 'sdk-v1', script: 'tools/sdk-v1.ts' },
  { name: 'sdk-v2', script: 'tools/sdk-v2.ts' },
  { name: 'mcp-stress', script: 'tools/mcp-stress.ts' },
] as const;
type ToolName = (typeof TOOLS)[number]['name'];

interface Settings {
  rounds: number;
  durationS: number;
  connections: number;
  idleVus: number;
  /** Bound on the idle run; it ends one second after every VU has made its call. */
  idleMaxDurationS: number;
  /** CPUs for the stub and for the generators; undefined when not pinned. */
  pinning: { stub: string; generator: string } | undefined;
  stubWorkers: number;
  profile: boolean;
}

interface Measurement extends ToolResult {
  callsPerSecond: number;
  /** Generator CPU per successful call, in microseconds. */
  cpuUsPerCall: number;
  /** The stub's CPU time over the measured window: near 100% per worker means the stub set the pace. */
  stubCpuPct: number;
}

interface ToolSummary {
  /** The best round: on a shared machine the least disturbed one. */
  callsPerSecond: number;
  medianCallsPerSecond: number;
  /** Median generator CPU per call, in microseconds. */
  cpuUsPerCall: number;
  runs: Measurement[];
}

interface Target {
  name: string;
  value: number;
  goal: string;
  pass: boolean;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      'idle-vus': { type: 'string', default: '5000' },
      'idle-max-duration': { type: 'string', default: '40' },
      'no-pin': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
  });
  const pin = !values['no-pin'] && availableParallelism() >= 2 && hasTaskset();
  return {
    rounds: positiveInt(values.rounds, '--rounds'),
    durationS: positiveInt(values.duration, '--duration'),
    connections: positiveInt(values.connections, '--connections'),
    idleVus: positiveInt(values['idle-vus'], '--idle-vus'),
    idleMaxDurationS: positiveInt(values['idle-max-duration'], '--idle-max-duration'),
    // Two cores: nginx gets one, the generator the other, for every tool alike.
    pinning: pin ? { stub: '0', generator: '1' } : undefined,
    stubWorkers: pin ? 1 : 2,
    profile: values.profile,
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  await bundleScripts([...TOOLS.map((t) => t.script), 'idle-rss.ts']);
  const stub = await startStub({ workers: settings.stubWorkers, cpus: settings.pinning?.stub });
  let results: ReturnType<typeof summarize>;
  try {
    printSetup(settings, stub.url);
    const runs = await measureRounds(settings, stub);
    const idle = await measureIdleRss(settings, stub.url);
    results = summarize(settings, { startedAt, loadAtStart }, runs, idle);
    printResults(results);
    if (settings.profile) await profileMcpLoad(settings, stub.url);
  } finally {
    stub.stop();
  }
  const file = new URL('results.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}

async function measureRounds(settings: Settings, stub: Stub): Promise<Map<ToolName, Measurement[]>> {
  const runs = new Map<ToolName, Measurement[]>(TOOLS.map((t) => [t.name, []]));
  const args = ['--url', stub.url, '--connections', String(settings.connections), '--duration', String(settings.durationS)];
  for (let round = 1; round <= settings.rounds; round++) {
    for (const tool of TOOLS) {
      const cpuBefore = stub.cpuMs();
      const result = await runScript<ToolResult>(tool.script, args, {
        cpus: settings.pinning?.generator,
        timeoutMs: settings.durationS * 1000 + 60_000,
      });
      const measurement: Measurement = {
        ...result,
        callsPerSecond: (result.calls * 1000) / result.durationMs,
        cpuUsPerCall: (result.cpuMs * 1000) / result.calls,
        stubCpuPct: ((stub.cpuMs() - cpuBefore) * 100) / result.durationMs,
      };
      runs.get(tool.name)!.push(measurement);
      console.log(
        `  round ${round}  ${tool.name.padEnd(10)} ${fmt(measurement.callsPerSecond).padStart(8)} calls/s` +
          `  ${measurement.cpuUsPerCall.toFixed(0).padStart(5)} µs CPU/call  errors ${result.errors}  stub CPU ${measurement.stubCpuPct.toFixed(0)}%`,
      );
    }
  }
  return runs;
}

/** Peak RSS of mcp-load holding N idle sessions, minus the same engine holding one. */
async function measureIdleRss(settings: Settings, url: string): Promise<{ baseline: IdleRss; loaded: IdleRss; kbPerVu: number }> {
  const run = (vus: number) =>
    runScript<IdleRss>('idle-rss.ts', ['--url', url, '--vus', String(vus), '--max-duration', String(settings.idleMaxDurationS)], {
      cpus: settings.pinning?.generator,
      timeoutMs: settings.idleMaxDurationS * 1000 + 60_000,
    });
  const baseline = await run(1);
  const loaded = await run(settings.idleVus);
  const kbPerVu = (loaded.peakRssKb - baseline.peakRssKb) / (loaded.vus - baseline.vus);
  console.log(
    `  idle RSS   1 VU ${fmt(baseline.peakRssKb)} KB, ${fmt(loaded.vus)} VUs ${fmt(loaded.peakRssKb)} KB ` +
      `(${fmt(loaded.sessions)} sessions up, ${fmt(loaded.calls)} calls ok, all idle after ${loaded.secondsToIdle.toFixed(0)} s)`,
  );
  return { baseline, loaded, kbPerVu };
}

function summarize(settings: Settings, start: { startedAt: Date; loadAtStart: number }, runs: Map<ToolName, Measurement[]>, idle: Awaited<ReturnType<typeof measureIdleRss>>) {
  const tools = Object.fromEntries([...runs].map(([name, ms]) => [name, summarizeRuns(ms)])) as Record<ToolName, ToolSummary>;
  const ours = tools['mcp-load'].callsPerSecond;
  const fasterSdk = Math.max(tools['sdk-v1'].callsPerSecond, tools['sdk-v2'].callsPerSecond);
  const ratios = {
    autocannon: ours / tools.autocannon.callsPerSecond,
    sdk: ours / fasterSdk,
    sdkV1: ours / tools['sdk-v1'].callsPerSecond,
    sdkV2: ours / tools['sdk-v2'].callsPerSecond,
    mcpStress: ours / tools['mcp-stress'].callsPerSecond,
  };
  // The same comparisons in CPU per call (theirs / ours): steadier than calls/s when the host is shared.
  const ourCpu = tools['mcp-load'].cpuUsPerCall;
  const cpuEfficiency = {
    autocannon: tools.autocannon.cpuUsPerCall / ourCpu,
    sdk: Math.min(tools['sdk-v1'].cpuUsPerCall, tools['sdk-v2'].cpuUsPerCall) / ourCpu,
    mcpStress: tools['mcp-stress'].cpuUsPerCall / ourCpu,
  };
  const targets: Target[] = [
    { name: 'mcp-load / autocannon', value: ratios.autocannon, goal: '>= 0.8', pass: ratios.autocannon >= 0.8 },
    { name: 'mcp-load / mcp-stress', value: ratios.mcpStress, goal: '>= 2', pass: ratios.mcpStress >= 2 },
    { name: 'mcp-load / faster SDK loop', value: ratios.sdk, goal: '>= 15', pass: ratios.sdk >= 15 },
    { name: 'RSS per idle VU (KB)', value: idle.kbPerVu, goal: '<= 20', pass: idle.kbPerVu <= 20 },
  ];
  return {
    date: start.startedAt.toISOString(),
    environment: {
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: start.loadAtStart,
      pinning: settings.pinning ?? 'none',
      stubWorkers: settings.stubWorkers,
    },
    workload: {
      request: 'tools/call echo {"message":"hi"} (Streamable HTTP, JSON reply)',
      connections: settings.connections,
      durationS: settings.durationS,
      rounds: settings.rounds,
      selection: 'best round per tool (median also given)',
    },
    tools,
    ratios,
    cpuEfficiency,
    idle: {
      vus: idle.loaded.vus,
      peakRssKb: idle.loaded.peakRssKb,
      baselineRssKb: idle.baseline.peakRssKb,
      kbPerVu: idle.kbPerVu,
      sessions: idle.loaded.sessions,
      secondsToIdle: idle.loaded.secondsToIdle,
    },
    targets,
  };
}

function summarizeRuns(runs: Measurement[]): ToolSummary {
  const rates = runs.map((r) => r.callsPerSecond);
  return {
    callsPerSecond: Math.max(...rates),
    medianCallsPerSecond: median(rates),
    cpuUsPerCall: median(runs.map((r) => r.cpuUsPerCall)),
    runs,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printSetup(settings: Settings, url: string): void {
  const pinning = settings.pinning ? `stub on CPU ${settings.pinning.stub}, generators on CPU ${settings.pinning.generator}` : 'no CPU pinning';
  console.log(`mcp-load bench: node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)}`);
  console.log(`stub ${url} (nginx, ${settings.stubWorkers} worker${settings.stubWorkers > 1 ? 's' : ''}); ${pinning}`);
  console.log(`${settings.connections} connections, ${settings.durationS} s per run, ${settings.rounds} rounds alternating\n`);
}

function printResults(results: ReturnType<typeof summarize>): void {
  console.log(`\n${'tool'.padEnd(12)}${'calls/s'.padStart(10)}${'median'.padStart(10)}${'µs CPU/call'.padStart(14)}   (calls/s: best of ${results.workload.rounds})`);
  for (const [name, t] of Object.entries(results.tools)) {
    console.log(`${name.padEnd(12)}${fmt(t.callsPerSecond).padStart(10)}${fmt(t.medianCallsPerSecond).padStart(10)}${t.cpuUsPerCall.toFixed(0).padStart(14)}`);
  }
  const r = results.ratios;
  console.log(
    `\nmcp-load is ${r.autocannon.toFixed(2)}x autocannon, ${r.mcpStress.toFixed(2)}x mcp-stress, ` +
      `${r.sdkV1.toFixed(1)}x SDK v1, ${r.sdkV2.toFixed(1)}x SDK v2`,
  );
  const e = results.cpuEfficiency;
  console.log(
    `per CPU-second mcp-load makes ${e.autocannon.toFixed(2)}x autocannon's calls, ${e.mcpStress.toFixed(2)}x mcp-stress's, ` +
      `${e.sdk.toFixed(1)}x the faster SDK's`,
  );
  console.log(`idle VUs: ${results.idle.kbPerVu.toFixed(1)} KB of RSS per VU (${fmt(results.idle.vus)} VUs)\n`);
  for (const t of results.targets) {
    console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(28)} ${t.value.toFixed(2).padStart(8)}  (target ${t.goal})`);
  }
}

/** One more mcp-load run under --cpu-prof; prints the functions with the most self time. */
async function profileMcpLoad(settings: Settings, url: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-prof-'));
  try {
    await runScript<ToolResult>('tools/mcp-load.ts', ['--url', url, '--connections', String(settings.connections), '--duration', String(settings.durationS)], {
      cpus: settings.pinning?.generator,
      nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
      timeoutMs: settings.durationS * 1000 + 60_000,
    });
    const root = new URL('..', import.meta.url).pathname;
    const hot = hotFunctions(mainProfile(dir), root);
    const show = (title: string, list: typeof hot) => {
      console.log(`\n${title}`);
      for (const h of list) console.log(`${h.selfPct.toFixed(1).padStart(6)}%  ${h.name}  ${h.where}`);
    };
    show('profile: top self time (all code)', hot.slice(0, 15));
    show('profile: top self time (src/)', hot.filter((h) => h.ours).slice(0, 15));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function positiveInt(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got ${value}`);
  return n;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.message}`);
  process.exitCode = 1;
});

// `npm run bench`: mcp-load against autocannon, the official SDK clients and mcp-stress on the
// fixed-cost nginx MCP stub, each tool alone in a child process, rounds alternating (ratios are
// taken within a round, then their median and spread); mcp-load's RSS per idle VU; the open
// model's accuracy against a stub that counts and times what it answers (bench/open-model.ts).
// Prints the figures and PASS/MISS per target, writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleScripts } from './bundle.ts';
import { runScript } from './child.ts';
import type { IdleRss } from './idle-rss.ts';
import { measureFreezeAccuracy, measureRateAccuracy, OPEN_MODEL_SCRIPTS, type FreezeAccuracy, type RateAccuracy } from './open-model.ts';
import { hotFunctions, mainProfile } from './profile.ts';
import { startStub, type Stub } from './stub.ts';
import type { ToolResult } from './tools/tool-run.ts';

const TOOLS = [
  { name: 'mcp-load', script: 'tools/mcp-load.ts' },
  { name: 'autocannon', script: 'tools/autocannon.ts' },
  { name: 'mcp-load-wire', script: 'tools/mcp-load-wire.ts' },
  { name: 'sdk-v1', script: 'tools/sdk-v1.ts' },
  { name: 'sdk-v2', script: 'tools/sdk-v2.ts' },
  { name: 'mcp-stress', script: 'tools/mcp-stress.ts' },
] as const;
type ToolName = (typeof TOOLS)[number]['name'];

interface Settings {
  /** The tools measured (`--tools mcp-load,autocannon` while iterating); all by default. */
  tools: readonly (typeof TOOLS)[number][];
  rounds: number;
  durationS: number;
  connections: number;
  /** Idle-VU counts to measure RSS at (`--idle-vus 10000,20000`; `none` skips it). */
  idleVus: number[];
  /** Bound on the idle run; it ends one second after every VU has made its call. */
  idleMaxDurationS: number;
  /** CPUs for the stub and for the generators; undefined when not pinned. */
  pinning: { stub: string; generator: string } | undefined;
  stubWorkers: number;
  profile: boolean;
  openModel: boolean;
  /** Each round also runs mcp-load against the stub answering tools/call as SSE (`--no-sse` skips it). */
  sse: boolean;
}

interface Measurement extends ToolResult {
  callsPerSecond: number;
  /** Generator CPU per call in the steady window (whole run for tools without one), in microseconds. */
  cpuUsPerCall: number;
  /** Generator CPU per successful call over the whole process (start-up, sessions, fixed costs included). */
  cpuUsPerCallWhole: number;
  /** The stub's CPU time over the measured window: near 100% per worker means the stub set the pace. */
  stubCpuPct: number;
}

interface ToolSummary {
  /** Median over the rounds (never the best round: that would pick each tool's luckiest moment). */
  callsPerSecond: number;
  /** Median generator CPU per call, in microseconds. */
  cpuUsPerCall: number;
  /** Rounds in which the stub's core was the limit (see STUB_BOUND_PCT). */
  stubBoundRounds: number;
  runs: Measurement[];
}

/**
 * A ratio taken within each round, where the two tools ran back to back on the same machine
 * state, then summarized over rounds: the median, and the spread (lowest and highest round).
 */
interface PairedRatio {
  median: number;
  min: number;
  max: number;
  rounds: number[];
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
      tools: { type: 'string', default: TOOLS.map((t) => t.name).join(',') },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      'idle-vus': { type: 'string', default: '5000' },
      'idle-max-duration': { type: 'string', default: '40' },
      'no-pin': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'no-open-model': { type: 'boolean', default: false },
      'no-sse': { type: 'boolean', default: false },
    },
  });
  const pin = !values['no-pin'] && availableParallelism() >= 2 && hasTaskset();
  return {
    tools: readTools(values.tools!),
    rounds: positiveInt(values.rounds, '--rounds'),
    durationS: positiveInt(values.duration, '--duration'),
    connections: positiveInt(values.connections, '--connections'),
    idleVus: values['idle-vus'] === 'none' ? [] : values['idle-vus']!.split(',').map((v) => positiveInt(v, '--idle-vus')),
    idleMaxDurationS: positiveInt(values['idle-max-duration'], '--idle-max-duration'),
    // Two cores: nginx gets one, the generator the other, for every tool alike.
    pinning: pin ? { stub: '0', generator: '1' } : undefined,
    stubWorkers: pin ? 1 : 2,
    profile: values.profile,
    openModel: !values['no-open-model'],
    sse: !values['no-sse'],
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  await bundleScripts([...settings.tools.map((t) => t.script), 'idle-rss.ts', ...OPEN_MODEL_SCRIPTS]);
  const stub = await startStub({ workers: settings.stubWorkers, cpus: settings.pinning?.stub });
  const sseStub = settings.sse ? await startStub({ workers: settings.stubWorkers, cpus: settings.pinning?.stub, replies: 'sse' }) : undefined;
  let results: ReturnType<typeof summarize>;
  try {
    printSetup(settings, stub.url);
    const runs = await measureRounds(settings, stub, sseStub);
    const idle = settings.idleVus.length > 0 ? await measureIdleRss(settings, stub.url) : undefined;
    const openModel = settings.openModel
      ? { rates: await measureRateAccuracy(settings.pinning), freeze: await measureFreezeAccuracy(settings.pinning) }
      : undefined;
    results = summarize(settings, { startedAt, loadAtStart }, runs, idle, openModel);
    printResults(results);
    if (settings.profile) await profileMcpLoad(settings, stub.url);
  } finally {
    stub.stop();
    sseStub?.stop();
  }
  const file = new URL('results.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}

/** The tools' runs, and mcp-load's against the SSE stub under the name `mcp-load-sse`. */
type Runs = Map<ToolName | typeof SSE_RUN, Measurement[]>;
const SSE_RUN = 'mcp-load-sse';

async function measureRounds(settings: Settings, stub: Stub, sseStub: Stub | undefined): Promise<Runs> {
  const runs: Runs = new Map(settings.tools.map((t) => [t.name, []]));
  const plan: { name: ToolName | typeof SSE_RUN; script: string; stub: Stub }[] = settings.tools.map((t) => ({ name: t.name, script: t.script, stub }));
  if (sseStub) {
    runs.set(SSE_RUN, []);
    plan.splice(1, 0, { name: SSE_RUN, script: 'tools/mcp-load.ts', stub: sseStub }); // right after mcp-load's JSON run
  }
  for (let round = 1; round <= settings.rounds; round++) {
    for (const tool of plan) {
      const stub = tool.stub;
      const args = ['--url', stub.url, '--connections', String(settings.connections), '--duration', String(settings.durationS)];
      const cpuBefore = stub.cpuMs();
      const result = await runScript<ToolResult>(tool.script, args, {
        cpus: settings.pinning?.generator,
        timeoutMs: settings.durationS * 1000 + 60_000,
      });
      const measurement: Measurement = {
        ...result,
        callsPerSecond: (result.calls * 1000) / result.durationMs,
        cpuUsPerCall: result.window === undefined ? (result.cpuMs * 1000) / result.calls : (result.window.cpuMs * 1000) / result.window.calls,
        cpuUsPerCallWhole: (result.cpuMs * 1000) / result.calls,
        stubCpuPct: ((stub.cpuMs() - cpuBefore) * 100) / result.durationMs,
      };
      runs.get(tool.name)!.push(measurement);
      console.log(
        `  round ${round}  ${tool.name.padEnd(12)} ${fmt(measurement.callsPerSecond).padStart(8)} calls/s` +
          `  ${measurement.cpuUsPerCall.toFixed(1).padStart(5)} µs CPU/call (whole ${measurement.cpuUsPerCallWhole.toFixed(1)})  errors ${result.errors}  stub CPU ${measurement.stubCpuPct.toFixed(0)}%` +
          (stubBound(measurement, settings) ? '  (stub-bound: its core was the limit, so this round says little about the generator)' : ''),
      );
    }
  }
  return runs;
}

interface IdleFigures {
  baseline: IdleRss;
  loaded: { run: IdleRss; kbPerVu: number }[];
  /** At the largest count measured. */
  kbPerVu: number;
}

/** Peak RSS of mcp-load holding N idle sessions, minus the same engine holding one, for each N. */
async function measureIdleRss(settings: Settings, url: string): Promise<IdleFigures> {
  const run = (vus: number) =>
    runScript<IdleRss>('idle-rss.ts', ['--url', url, '--vus', String(vus), '--max-duration', String(settings.idleMaxDurationS)], {
      cpus: settings.pinning?.generator,
      timeoutMs: settings.idleMaxDurationS * 1000 + 60_000,
    });
  const baseline = await run(1);
  const loaded: IdleFigures['loaded'] = [];
  for (const vus of settings.idleVus) {
    const r = await run(vus);
    const kbPerVu = (r.peakRssKb - baseline.peakRssKb) / (r.vus - baseline.vus);
    loaded.push({ run: r, kbPerVu });
    console.log(
      `  idle RSS   1 VU ${fmt(baseline.peakRssKb)} KB, ${fmt(r.vus)} VUs ${fmt(r.peakRssKb)} KB, ${kbPerVu.toFixed(1)} KB per VU ` +
        `(${fmt(r.sessions)} sessions up, ${fmt(r.calls)} calls ok, all idle after ${r.secondsToIdle.toFixed(0)} s)`,
    );
  }
  return { baseline, loaded, kbPerVu: loaded[loaded.length - 1].kbPerVu };
}

function summarize(
  settings: Settings,
  start: { startedAt: Date; loadAtStart: number },
  runs: Runs,
  idle: IdleFigures | undefined,
  openModel: { rates: RateAccuracy[]; freeze: FreezeAccuracy } | undefined,
) {
  const tools = Object.fromEntries([...runs].map(([name, ms]) => [name, summarizeRuns(ms, settings)])) as Partial<
    Record<ToolName | typeof SSE_RUN, ToolSummary>
  >;
  const ours = runs.get('mcp-load')!;
  const pairedWith = (other: ToolName | typeof SSE_RUN | undefined, ratio: (ours: Measurement, theirs: Measurement) => number) => {
    const theirs = other === undefined ? undefined : runs.get(other);
    return theirs === undefined ? undefined : paired(ours, theirs, ratio);
  };
  const calls = (a: Measurement, b: Measurement) => a.callsPerSecond / b.callsPerSecond;
  // CPU per call (theirs / ours) is the primary figure: on a shared host calls/s moves with the
  // neighbours' load, while the CPU a generator spends on one call hardly does.
  const cpu = (a: Measurement, b: Measurement) => b.cpuUsPerCall / a.cpuUsPerCall;
  const sdks = (['sdk-v1', 'sdk-v2'] as const).filter((name) => tools[name] !== undefined);
  const fasterSdk = sdks.sort((a, b) => tools[b]!.callsPerSecond - tools[a]!.callsPerSecond)[0];
  const ratios = {
    autocannon: pairedWith('autocannon', calls),
    sdk: pairedWith(fasterSdk, calls),
    sdkV1: pairedWith('sdk-v1', calls),
    sdkV2: pairedWith('sdk-v2', calls),
    mcpStress: pairedWith('mcp-stress', calls),
  };
  const cpuEfficiency = {
    autocannon: pairedWith('autocannon', cpu),
    sdk: pairedWith(fasterSdk, cpu),
    mcpStress: pairedWith('mcp-stress', cpu),
  };
  // SSE replies against JSON ones, mcp-load both times, back to back in each round: CPU per call, SSE / JSON.
  const sseCost = pairedWith(SSE_RUN, (json, sse) => sse.cpuUsPerCall / json.cpuUsPerCall);
  // mcp-load against its own bare wire: what the MCP client, transport, engine and metrics add to a call.
  const overWire = pairedWith('mcp-load-wire', (ours, wire) => ours.cpuUsPerCall / wire.cpuUsPerCall);
  const targets: Target[] = [];
  const target = (name: string, value: number | undefined, goal: string, pass: (v: number) => boolean) => {
    if (value !== undefined) targets.push({ name, value, goal, pass: pass(value) });
  };
  target('per CPU-second / autocannon', cpuEfficiency.autocannon?.median, '>= 1.0', (v) => v >= 1);
  target('calls/s / autocannon', ratios.autocannon?.median, '>= 0.8', (v) => v >= 0.8);
  target('CPU/call SSE / JSON replies', sseCost?.median, '<= 1.15', (v) => v <= 1.15);
  target('calls/s / mcp-stress', ratios.mcpStress?.median, '>= 2', (v) => v >= 2);
  target('calls/s / faster SDK loop', ratios.sdk?.median, '>= 15', (v) => v >= 15);
  target('RSS per idle VU (KB)', idle?.kbPerVu, '<= 20', (v) => v <= 20);
  for (const r of openModel?.rates ?? []) {
    targets.push({ name: `open model ${r.target}/s: rate error %`, value: r.deviation * 100, goal: '|x| <= 2', pass: r.pass });
  }
  if (openModel) {
    const f = openModel.freeze;
    targets.push({ name: 'freeze: p90 error % vs stub', value: f.deviation.p90 * 100, goal: '|x| <= 5', pass: Math.abs(f.deviation.p90) <= 0.05 });
    targets.push({ name: 'freeze: p99 error % vs stub', value: f.deviation.p99 * 100, goal: '|x| <= 5', pass: Math.abs(f.deviation.p99) <= 0.05 });
  }
  return {
    date: start.startedAt.toISOString(),
    environment: {
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: start.loadAtStart,
      /** One-minute load average as the figures are summarized: above the CPU count, other work shared the machine. */
      loadAverageAtEnd: loadavg()[0],
      /** `shared` when either load average exceeded SHARED_LOAD: other work ran beside the bench, and its figures need a quiet re-run. */
      machine: Math.max(start.loadAtStart, loadavg()[0]) > SHARED_LOAD ? 'shared' : 'quiet',
      pinning: settings.pinning ?? 'none',
      stubWorkers: settings.stubWorkers,
    },
    workload: {
      request: 'tools/call echo {"message":"hi"} (Streamable HTTP, JSON reply; mcp-load-sse: the same call answered as one SSE event, bench/sse-stub.js)',
      cpuPerCall:
        "generator CPU (user + system, all threads) per call over the steady window, from the tool's 1 s progress after the first second to one second before the end; cpuUsPerCallWhole counts the whole process",
      connections: settings.connections,
      durationS: settings.durationS,
      rounds: settings.rounds,
      selection: 'ratios within each round (tools back to back), then the median and spread over rounds; per-tool figures are medians',
      shared: 'measured on a machine shared with other work: CPU per call is robust to that, calls/s is not',
    },
    tools,
    ratios,
    cpuEfficiency,
    ...(sseCost ? { sseCost } : {}),
    ...(overWire ? { overWire } : {}),
    ...(idle
      ? {
          idle: {
            baselineRssKb: idle.baseline.peakRssKb,
            kbPerVu: idle.kbPerVu,
            runs: idle.loaded.map(({ run, kbPerVu }) => ({
              vus: run.vus,
              peakRssKb: run.peakRssKb,
              kbPerVu,
              sessions: run.sessions,
              secondsToIdle: run.secondsToIdle,
            })),
          },
        }
      : {}),
    ...(openModel ? { openModel } : {}),
    targets,
  };
}

/** A one-minute load average above this on the bench's 2 cores (stub + generator) means others shared the machine. */
const SHARED_LOAD = 1.5;

/**
 * A round where the stub's core was nearly all used: the generator then waits on the server, each
 * of its wake-ups finds fewer replies, and its CPU per call rises for reasons that are not its own.
 */
const STUB_BOUND_PCT = 90;

function stubBound(m: Measurement, settings: Settings): boolean {
  return m.stubCpuPct >= STUB_BOUND_PCT * (settings.pinning ? 1 : settings.stubWorkers);
}

function summarizeRuns(runs: Measurement[], settings: Settings): ToolSummary {
  return {
    callsPerSecond: median(runs.map((r) => r.callsPerSecond)),
    cpuUsPerCall: median(runs.map((r) => r.cpuUsPerCall)),
    stubBoundRounds: runs.filter((r) => stubBound(r, settings)).length,
    runs,
  };
}

function paired(ours: Measurement[], theirs: Measurement[], ratio: (ours: Measurement, theirs: Measurement) => number): PairedRatio {
  const rounds = ours.map((m, i) => ratio(m, theirs[i]));
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds };
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
  console.log(`\n${'tool'.padEnd(12)}${'calls/s'.padStart(10)}${'µs CPU/call'.padStart(14)}   (medians of ${results.workload.rounds} rounds)`);
  for (const [name, t] of Object.entries(results.tools)) {
    console.log(`${name.padEnd(12)}${fmt(t.callsPerSecond).padStart(10)}${t.cpuUsPerCall.toFixed(1).padStart(14)}`);
  }
  const show = (what: string, p: PairedRatio | undefined, digits = 2) =>
    p === undefined ? [] : [`${p.median.toFixed(digits)}x ${what} (rounds ${p.min.toFixed(digits)}..${p.max.toFixed(digits)})`];
  const e = results.cpuEfficiency;
  const perCpu = [...show("autocannon's", e.autocannon), ...show("mcp-stress's", e.mcpStress), ...show("the faster SDK's", e.sdk, 1)];
  console.log(`\nper CPU-second mcp-load makes ${perCpu.join(', ')} calls`);
  if (results.sseCost) console.log(`SSE replies cost mcp-load ${show('the CPU per call of JSON replies', results.sseCost).join('')}`);
  if (results.overWire)
    console.log(
      `mcp-load costs ${show('the CPU per call of its own bare wire (mcp-load-wire: the POST over H1Connection, nothing read)', results.overWire).join('')}`,
    );
  const r = results.ratios;
  const perSecond = [...show('autocannon', r.autocannon), ...show('mcp-stress', r.mcpStress), ...show('SDK v1', r.sdkV1, 1), ...show('SDK v2', r.sdkV2, 1)];
  console.log(`calls/s (moves with the host's load): ${perSecond.join(', ')}`);
  if (results.idle) console.log(`idle VUs: ${results.idle.runs.map((r) => `${r.kbPerVu.toFixed(1)} KB of RSS per VU at ${fmt(r.vus)}`).join(', ')}`);
  console.log('');
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

/** `--tools a,b`: mcp-load is always among them (every figure is a ratio to it). */
function readTools(list: string): (typeof TOOLS)[number][] {
  const names = new Set(list.split(',').map((n) => n.trim()));
  for (const name of names) {
    if (!TOOLS.some((t) => t.name === name)) throw new Error(`--tools: unknown tool ${name} (known: ${TOOLS.map((t) => t.name).join(', ')})`);
  }
  names.add('mcp-load');
  return TOOLS.filter((t) => names.has(t.name));
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

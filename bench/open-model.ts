// The open model's accuracy, held against a stub that is its own ground truth (bench/timed-stub.ts):
// the achieved arrival rate at 500, 2,000 and 10,000 per second against the stub's count of the
// calls it answered, and the tools/call p90/p99 under a stub that freezes 500 ms every 2 s against
// the stub's own hold times (and the freeze's arithmetic). Part of `npm run bench`, not the tests:
// on a shared 2-core machine these figures need the whole machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BUILD_DIR } from './bundle.ts';
import { runScript } from './child.ts';
import type { OpenModelRun } from './open-model-run.ts';
import type { StubStats } from './timed-stub.ts';

export const OPEN_MODEL_SCRIPTS = ['timed-stub.ts', 'open-model-run.ts'] as const;

const RATES = [500, 2000, 10_000] as const;
const RATE_DURATION_S = 5;
const FREEZE = { ms: 500, everyMs: 2000, rate: 200, durationS: 10 };
/** Goals: the achieved rate within 2 % of the target, the CO-corrected percentiles within 5 % of the truth. */
const RATE_TOLERANCE = 0.02;
const LATENCY_TOLERANCE = 0.05;

export interface RateAccuracy {
  target: number;
  /** Calls the stub answered per second of the schedule, and mcp-load's own count of iterations per second. */
  stubRate: number;
  mcpLoadRate: number;
  deviation: number;
  dropped: number;
  vusMax: number;
  generatorLagP99Ms: number;
  /** The stub's own worst event-loop delay: a stall of the stub's, not the generator's. */
  stubLagMaxMs: number;
  /** Generator CPU over the run's wall time: near 100 % means the generator had no room. */
  generatorCpuPct: number;
  pass: boolean;
}

export interface FreezeAccuracy {
  rate: number;
  durationS: number;
  freeze: string;
  mcpLoad: { p90Ms: number; p99Ms: number };
  /** The stub's own hold times (ground truth), and what the freeze implies for arrivals on schedule. */
  stub: { p90Ms: number; p99Ms: number; calls: number };
  arithmetic: { p90Ms: number; p99Ms: number };
  deviation: { p90: number; p99: number };
  dropped: number;
  pass: boolean;
}

interface TimedStub {
  url: string;
  stats(): Promise<StubStats>;
  reset(): Promise<void>;
  stop(): void;
}

async function startTimedStub(options: { freezeMs: number; cpus: string | undefined }): Promise<TimedStub> {
  const node = [process.execPath, join(BUILD_DIR, 'timed-stub.mjs'), '--freeze-ms', String(options.freezeMs), '--freeze-every-ms', String(FREEZE.everyMs)];
  const command = options.cpus === undefined ? node : ['taskset', '-c', options.cpus, ...node];
  const child: ChildProcess = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve((JSON.parse(line) as { port: number }).port));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/mcp`,
    // The bench harness, not the measured client: fetch is fine here.
    stats: async () => (await (await fetch(`${base}/stats`)).json()) as StubStats,
    reset: async () => void (await fetch(`${base}/reset`, { method: 'POST' })),
    stop: () => child.kill('SIGTERM'),
  };
}

function generatorRun(url: string, rate: number, durationS: number, pre: number, max: number, cpus: string | undefined): Promise<OpenModelRun> {
  const args = ['--url', url, '--rate', String(rate), '--duration', String(durationS), '--pre', String(pre), '--max', String(max)];
  return runScript<OpenModelRun>('open-model-run.ts', args, { cpus, timeoutMs: durationS * 1000 + 60_000 });
}

export async function measureRateAccuracy(pinning: { stub: string; generator: string } | undefined): Promise<RateAccuracy[]> {
  const stub = await startTimedStub({ freezeMs: 0, cpus: pinning?.stub });
  const out: RateAccuracy[] = [];
  try {
    for (const target of RATES) {
      await stub.reset();
      // Preallocated for a few ms of latency at the target rate; room for 20 times that.
      const pre = Math.max(20, Math.ceil(target / 100));
      const run = await generatorRun(stub.url, target, RATE_DURATION_S, pre, pre * 20, pinning?.generator);
      const stats = await stub.stats();
      const stubRate = stats.calls / RATE_DURATION_S;
      const deviation = stubRate / target - 1;
      const wallMs = run.endMs - run.startMs;
      const result: RateAccuracy = {
        target,
        stubRate,
        mcpLoadRate: run.iterations / RATE_DURATION_S,
        deviation,
        dropped: run.dropped,
        vusMax: run.vusMax,
        generatorLagP99Ms: run.lagP99Ms,
        stubLagMaxMs: stats.lagMaxMs,
        generatorCpuPct: (run.cpuMs * 100) / Math.max(1, wallMs),
        pass: Math.abs(deviation) <= RATE_TOLERANCE,
      };
      out.push(result);
      console.log(
        `  open model ${fmt(target).padStart(6)}/s: the stub answered ${fmt(stubRate)}/s (${pct(deviation)}), mcp-load counted ${fmt(result.mcpLoadRate)}/s, ` +
          `${fmt(run.dropped)} dropped, ${run.vusMax} VUs, generator CPU ${result.generatorCpuPct.toFixed(0)}%, lag p99 ${run.lagP99Ms.toFixed(0)} ms, ` +
          `the stub's own worst stall ${stats.lagMaxMs.toFixed(0)} ms`,
      );
    }
  } finally {
    stub.stop();
  }
  return out;
}

export async function measureFreezeAccuracy(pinning: { stub: string; generator: string } | undefined): Promise<FreezeAccuracy> {
  const stub = await startTimedStub({ freezeMs: FREEZE.ms, cpus: pinning?.stub });
  try {
    // Enough VUs for every call of a freeze to be in flight at once (200/s × 0.5 s), and room beyond.
    const run = await generatorRun(stub.url, FREEZE.rate, FREEZE.durationS, 150, 400, pinning?.generator);
    const stats = await stub.stats();
    // Arrivals on schedule are uniform over the 2 s cycle; one in the freeze waits for its end: the
    // top q of all calls are the top q·every/freeze of the frozen ones.
    const arithmetic = { p90Ms: FREEZE.ms - 0.1 * FREEZE.everyMs, p99Ms: FREEZE.ms - 0.01 * FREEZE.everyMs };
    const deviation = { p90: run.p90Ms / stats.holdP90Ms - 1, p99: run.p99Ms / stats.holdP99Ms - 1 };
    const result: FreezeAccuracy = {
      rate: FREEZE.rate,
      durationS: FREEZE.durationS,
      freeze: `${FREEZE.ms} ms every ${FREEZE.everyMs} ms`,
      mcpLoad: { p90Ms: run.p90Ms, p99Ms: run.p99Ms },
      stub: { p90Ms: stats.holdP90Ms, p99Ms: stats.holdP99Ms, calls: stats.calls },
      arithmetic,
      deviation,
      dropped: run.dropped,
      pass: Math.abs(deviation.p90) <= LATENCY_TOLERANCE && Math.abs(deviation.p99) <= LATENCY_TOLERANCE,
    };
    console.log(
      `  freeze ${result.freeze} at ${FREEZE.rate}/s: mcp-load p90 ${run.p90Ms.toFixed(0)} ms p99 ${run.p99Ms.toFixed(0)} ms; ` +
        `the stub held p90 ${stats.holdP90Ms} ms p99 ${stats.holdP99Ms} ms (${pct(deviation.p90)}, ${pct(deviation.p99)}); ` +
        `arithmetic ${arithmetic.p90Ms}/${arithmetic.p99Ms} ms; ${run.dropped} dropped`,
    );
    return result;
  } finally {
    stub.stop();
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
}

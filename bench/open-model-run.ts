// mcp-load in the open model against the timed stub: constant-arrival-rate, one echo call per
// iteration. Prints one JSON line with what mcp-load measured, for bench/open-model.ts to hold
// against the stub's own count and hold times.
import { parseArgs } from 'node:util';
import { runTest } from '../src/engine/run.ts';
import { parseScenario } from '../src/scenario/index.ts';
import { ECHO_ARGS, ECHO_TOOL, processCpuMs } from './tools/tool-run.ts';

/** The JSON line this script prints. */
export interface OpenModelRun {
  rate: number;
  durationS: number;
  /** Iterations the schedule planned, started, and dropped. */
  scheduled: number;
  iterations: number;
  dropped: number;
  /** The measured window, Date.now() ms. */
  startMs: number;
  endMs: number;
  /** tools/call latency from the scheduled start (successful calls), in ms. */
  p90Ms: number;
  p99Ms: number;
  errors: number;
  vusMax: number;
  /** Worst per-second p99 of the generator's event-loop delay. */
  lagP99Ms: number;
  cpuMs: number;
}

const { values } = parseArgs({
  options: { url: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, pre: { type: 'string' }, max: { type: 'string' } },
});
const [rate, durationS, pre, max] = [values.rate, values.duration, values.pre, values.max].map(Number);
const scenario = parseScenario(
  [
    'transport: streamable-http',
    'scenarios:',
    '  open:',
    '    executor: constant-arrival-rate',
    `    rate: ${rate}`,
    '    timeUnit: 1s',
    `    duration: ${durationS}s`,
    `    preAllocatedVUs: ${pre}`,
    `    maxVUs: ${max}`,
    '    gracefulStop: 5s',
    '    flow:',
    `      - call: ${ECHO_TOOL}`,
    `        args: ${JSON.stringify(ECHO_ARGS)}`,
    '',
  ].join('\n'),
  'bench/open-model.yml',
  { env: {} },
);
const cpuBefore = processCpuMs();
const outcome = await runTest(scenario, { url: values.url! });
const cpuMs = processCpuMs() - cpuBefore;
const { registry } = outcome;
const calls = registry.trend('mcp_call_duration').view({ method: 'tools/call', expected_response: 'true' }, (sink) => sink.summary(1));
const count = (metric: string) => registry.counter(metric).view({}, (sink) => sink.count);
const window = registry.window();
const run: OpenModelRun = {
  rate,
  durationS,
  scheduled: count('iterations') + count('dropped_iterations') + count('interrupted_iterations'),
  iterations: count('iterations'),
  dropped: count('dropped_iterations'),
  startMs: window.startMs,
  endMs: window.endMs,
  p90Ms: calls.p90,
  p99Ms: calls.p99,
  errors: registry.rate('mcp_errors').view({ method: 'tools/call' }, (sink) => sink.passes),
  vusMax: outcome.vusMax,
  lagP99Ms: outcome.generatorLagP99Ms,
  cpuMs,
};
console.log(JSON.stringify(run));
process.exit(0);

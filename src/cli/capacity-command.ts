import { withTargetOrDemo } from '../demo/index.ts';
import { runTest } from '../engine/run.ts';
import { withStopSignals } from '../engine/process-signals.ts';
import type { StopSignal } from '../engine/stop-signal.ts';
import { judgeStep, stepScenario } from '../capacity/step.ts';
import { searchCapacity } from '../capacity/search.ts';
import type { Slo } from '../capacity/slo.ts';
import { buildResult, type CapacityStep } from '../results/index.ts';
import { renderCapacityTerminal } from '../report/capacity-view.ts';
import { loadScenario, formatDuration, type Scenario } from '../scenario/index.ts';
import { writeReportFiles } from './report-files.ts';

export interface CapacityCommandOptions {
  file: string;
  target?: string;
  outDir: string;
  slo: Slo;
  start: number;
  factor: number;
  maxRate: number;
  stepMs: number;
  bisections: number;
  maxVUs: number;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `mcp-load capacity scenario.yml --slo "p95<200ms,errors<1%"`: the highest arrival rate that holds the SLO. */
export async function runCapacityCommand(options: CapacityCommandOptions): Promise<number> {
  const scenario = await loadScenario(options.file, { target: options.target });
  if (scenario.scenarios.length > 1) options.err(`capacity: ${options.file} has ${scenario.scenarios.length} scenarios; the search loads the first, "${scenario.scenarios[0].name}"\n`);
  const onDemo = (url: string): void => options.err(`no target in ${options.file}: running against the embedded demo server at ${url}\n`);
  return withTargetOrDemo(scenario.target, onDemo, (url) => withStopSignals(() => undefined, (signals) => search(scenario, url, signals, options)));
}

async function search(scenario: Scenario, url: string, signals: { stop: StopSignal; abort: StopSignal }, options: CapacityCommandOptions): Promise<number> {
  let first = true;
  let last: Awaited<ReturnType<typeof runTest>> | undefined;
  const { record, best } = await searchCapacity(
    { start: options.start, factor: options.factor, maxRate: options.maxRate, bisections: options.bisections, slo: options.slo.source, stopped: () => signals.stop.fired },
    async (rate) => {
      const plan = { rate, durationMs: options.stepMs, maxVUs: options.maxVUs };
      const stepped = stepScenario(scenario, plan, first);
      first = false;
      last = await runTest(stepped, { url, ...signals });
      const result = buildResult(stepped, url, last);
      const step = judgeStep(result, plan, options.slo);
      options.err(`${formatStep(step)}\n`);
      return { result, step };
    },
  );
  const result = best ?? (last ? buildResult(scenario, url, last) : undefined);
  if (result) {
    result.capacity = record;
    const files = await writeReportFiles(options.outDir, result);
    options.out(`\n${renderCapacityTerminal(record)}\n`);
    options.out(`written: ${files.result}, ${files.html}, ${files.markdown}\n`);
  }
  return record.verdict === 'server-bound' || record.verdict === 'not reached' ? 0 : 1;
}

/** One line per step while the search runs. */
export function formatStep(step: CapacityStep): string {
  const latency = step.latencyMs === null ? 'n/a' : `${step.latencyMs.toFixed(1)}ms`;
  const verdict = step.held ? 'held' : `broke: ${step.limit}`;
  return `capacity step ${step.rate}/s for ${formatDuration(step.durationMs)}: ${step.callsPerSecond.toFixed(1)} calls/s, ${step.latencyPercentile} ${latency}, errors ${(step.errorRate * 100).toFixed(2)} %, dropped ${step.dropped} → ${verdict}`;
}

import { withTargetOrDemo } from '../demo/index.ts';
import { withStopSignals } from '../engine/index.ts';
import { runCapacity, type CapacitySettings } from '../capacity/index.ts';
import { renderCapacityTerminal } from '../report/index.ts';
import type { CapacityStep } from '../results/index.ts';
import { formatDuration, loadScenario } from '../scenario/index.ts';
import { writeReportFiles } from './report-files.ts';

export interface CapacityCommandOptions extends CapacitySettings {
  file: string;
  target?: string;
  outDir: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `mcp-load capacity scenario.yml --slo "p95<200ms,errors<1%"`: the highest arrival rate that holds the SLO. */
export async function runCapacityCommand(options: CapacityCommandOptions): Promise<number> {
  const scenario = await loadScenario(options.file, { target: options.target });
  if (scenario.scenarios.length > 1)
    options.err(`capacity: ${options.file} has ${scenario.scenarios.length} scenarios; the search loads the first, "${scenario.scenarios[0].name}"\n`);
  const onDemo = (url: string): void => options.err(`no target in ${options.file}: running against the embedded demo server at ${url}\n`);
  const onStop = (): void => options.err('\nstopping: the running step may finish (gracefulStop); no further step starts\n');
  const result = await withTargetOrDemo(scenario.target, onDemo, (url) =>
    withStopSignals(onStop, (signals) => runCapacity(scenario, url, signals, options, (step) => options.err(`${formatStep(step)}\n`))),
  );
  const record = result.capacity!;
  const files = await writeReportFiles(options.outDir, result);
  options.out(`\n${renderCapacityTerminal(record)}\n`);
  options.out(`written: ${files.result}, ${files.html}, ${files.markdown}\n`);
  return record.verdict === 'server-bound' || record.verdict === 'not reached' ? 0 : 1;
}

/** One line per step while the search runs. */
export function formatStep(step: CapacityStep): string {
  const latency = step.latencyMs === null ? 'n/a' : `${step.latencyMs.toFixed(1)}ms`;
  const verdict = step.held ? 'held' : `broke: ${step.limit}`;
  return `capacity step ${step.rate}/s for ${formatDuration(step.durationMs)}: ${step.callsPerSecond.toFixed(1)} calls/s, ${step.latencyPercentile} ${latency}, errors ${(step.errorRate * 100).toFixed(2)} %, dropped ${step.dropped} → ${verdict}`;
}

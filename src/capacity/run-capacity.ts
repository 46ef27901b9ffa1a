import { runTest } from '../engine/index.ts';
import type { StopSignal } from '../engine/index.ts';
import { buildResult, type CapacityStep, type Result } from '../results/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { searchCapacity } from './search.ts';
import type { Slo } from './slo.ts';
import { judgeStep, stepScenario } from './step.ts';

export interface CapacitySettings {
  slo: Slo;
  /** Iterations per second of the first step. */
  start: number;
  factor: number;
  maxRate: number;
  stepMs: number;
  bisections: number;
  maxVUs: number;
}

export const DEFAULT_CAPACITY = { start: 10, factor: 2, maxRate: 10_000, stepMs: 30_000, bisections: 3, maxVUs: 1000 } as const;

/**
 * Runs the capacity search of the scenario's first workload against `url`: the result of the highest
 * step that held (the last step's when none did), with every step in `capacity`.
 */
export async function runCapacity(
  scenario: Scenario,
  url: string,
  signals: { stop: StopSignal; abort: StopSignal },
  settings: CapacitySettings,
  onStep: (step: CapacityStep) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result> {
  let first = true;
  let last: Result | undefined;
  const { record, best } = await searchCapacity(
    {
      start: settings.start,
      factor: settings.factor,
      maxRate: settings.maxRate,
      bisections: settings.bisections,
      slo: settings.slo.source,
      stopped: () => signals.stop.fired,
    },
    async (rate) => {
      const plan = { rate, durationMs: settings.stepMs, maxVUs: settings.maxVUs };
      const stepped = stepScenario(scenario, plan, first);
      first = false;
      last = buildResult(stepped, url, await runTest(stepped, { url, ...signals }), env);
      const step = judgeStep(last, plan, settings.slo);
      onStep(step);
      return { result: last, step };
    },
  );
  const result = best ?? last!;
  result.capacity = record;
  return result;
}

import type { CapacityRecord, CapacityStep, Result } from '../results/index.ts';

export interface SearchPlan {
  /** First arrival rate, iterations per second. */
  start: number;
  /** Each step's rate is the previous one's times this (> 1) until a step breaks. */
  factor: number;
  /** No step above this rate. */
  maxRate: number;
  /** Bisection rounds between the last held and the first broken rate. */
  bisections: number;
  slo: string;
  /** True once the user stopped the search (Ctrl-C): no further step starts. */
  stopped?: () => boolean;
}

export type RunStep = (rate: number) => Promise<{ result: Result; step: CapacityStep }>;

/**
 * The capacity search: geometric steps until the first breach, then bisection between the last rate
 * that held and the first that broke. A generator breach ends the search at once: figures past it
 * measure the load generator, so the capacity is only known to be at least the last held rate.
 */
export async function searchCapacity(plan: SearchPlan, runStep: RunStep): Promise<{ record: CapacityRecord; best: Result | undefined }> {
  const steps: CapacityStep[] = [];
  let held: { rate: number; result: Result } | undefined;
  let broken: CapacityStep | undefined;
  const run = async (rate: number): Promise<CapacityStep> => {
    const { result, step } = await runStep(rate);
    steps.push(step);
    if (step.held && (held === undefined || rate > held.rate)) held = { rate, result };
    if (!step.held && (broken === undefined || rate < broken.rate)) broken = step;
    return step;
  };

  let rate = plan.start;
  for (;;) {
    const step = await run(rate);
    if (!step.held || rate >= plan.maxRate || plan.stopped?.()) break;
    rate = Math.min(plan.maxRate, roundRate(rate * plan.factor));
  }
  for (let round = 0; round < plan.bisections && held && broken && broken.limit !== 'generator' && !plan.stopped?.(); round++) {
    const middle = roundRate((held.rate + broken.rate) / 2);
    if (middle <= held.rate || middle >= broken.rate) break;
    const step = await run(middle);
    if (step.limit === 'generator') break;
  }

  const record: CapacityRecord = {
    slo: plan.slo,
    steps,
    highestHeld: held?.rate ?? null,
    lowestBroken: broken?.rate ?? null,
    verdict: broken === undefined ? 'not reached' : broken.limit === 'generator' ? 'generator-bound' : held === undefined ? 'below start' : 'server-bound',
  };
  if (broken?.limit) record.limit = broken.limit;
  return { record, best: held?.result };
}

/** Rates people read: whole numbers from 10 up, two significant digits below. */
function roundRate(rate: number): number {
  return rate >= 10 ? Math.round(rate) : Number(rate.toPrecision(2));
}

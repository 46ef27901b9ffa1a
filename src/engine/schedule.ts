import type { Stage } from '../scenario/index.ts';

/** Sum of the stages' durations. */
export function stagesDurationMs(stages: readonly Stage[]): number {
  let total = 0;
  for (const s of stages) total += s.durationMs;
  return total;
}

/**
 * k6's ramping-vus target at `t` ms: linear from each stage's start value to its target, whole VUs
 * (rounded down while ramping up and up while ramping down, so a stage ends exactly at its target).
 */
export function rampingVusAt(startVUs: number, stages: readonly Stage[], t: number): number {
  let from = startVUs;
  let at = 0;
  for (const stage of stages) {
    if (t < at + stage.durationMs) {
      const exact = from + ((stage.target - from) * (t - at)) / stage.durationMs;
      return stage.target >= from ? Math.floor(exact) : Math.ceil(exact);
    }
    at += stage.durationMs;
    from = stage.target;
  }
  return from;
}

/**
 * Start times (ms from the executor's start) of an open-model arrival schedule: rates are
 * iterations per `timeUnitMs`, linear within each stage, as k6's ramping-arrival-rate. The n-th
 * iteration starts when the integral of the rate reaches n, so the count over any span is exact.
 */
export class ArrivalSchedule {
  private readonly stages: readonly Stage[];
  private readonly timeUnitMs: number;
  private stageIndex = 0;
  private stageStartMs = 0;
  /** Rate (per timeUnit) at the start of the current stage. */
  private stageFrom: number;
  /** Iterations scheduled before the current stage started (fractional). */
  private countAtStageStart = 0;
  private issued = 0;

  constructor(startRate: number, timeUnitMs: number, stages: readonly Stage[]) {
    this.timeUnitMs = timeUnitMs;
    this.stageFrom = startRate;
    this.stages = stages;
  }

  static constant(rate: number, timeUnitMs: number, durationMs: number): ArrivalSchedule {
    return new ArrivalSchedule(rate, timeUnitMs, [{ durationMs, target: rate }]);
  }

  /** Start time of the next iteration, or undefined when the schedule is over. */
  next(): number | undefined {
    const k = this.issued; // the first iteration starts at t = 0
    while (this.stageIndex < this.stages.length) {
      const stage = this.stages[this.stageIndex];
      const a = this.stageFrom / this.timeUnitMs;
      const b = (stage.target / this.timeUnitMs - a) / stage.durationMs;
      const inStage = k - this.countAtStageStart;
      // Whole numbers divided once, so whole counts and times are exact (17 / 1000 * 3000 would be 51.00000000000001).
      const stageTotal = ((this.stageFrom + stage.target) * stage.durationMs) / (2 * this.timeUnitMs);
      if (inStage < stageTotal) {
        const t = stage.target === this.stageFrom ? (inStage * this.timeUnitMs) / this.stageFrom : (-a + Math.sqrt(a * a + 2 * b * inStage)) / b;
        this.issued++;
        return this.stageStartMs + t;
      }
      this.countAtStageStart += stageTotal;
      this.stageStartMs += stage.durationMs;
      this.stageFrom = stage.target;
      this.stageIndex++;
    }
    return undefined;
  }
}

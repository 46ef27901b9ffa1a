import type { Gate } from './gate.ts';

export interface RateSummary {
  /** Samples that were non-zero / true (for `mcp_errors`: the errors). */
  passes: number;
  /** Samples that were zero / false. */
  fails: number;
  /** passes / (passes + fails); 0 when empty. */
  rate: number;
}

export class RateSink {
  passes = 0;
  fails = 0;

  add(nonZero: boolean): void {
    if (nonZero) this.passes++;
    else this.fails++;
  }

  isEmpty(): boolean {
    return this.passes + this.fails === 0;
  }

  mergeFrom(other: RateSink): void {
    this.passes += other.passes;
    this.fails += other.fails;
  }

  reset(): void {
    this.passes = 0;
    this.fails = 0;
  }

  dispose(): void {}

  summary(): RateSummary {
    const total = this.passes + this.fails;
    return { passes: this.passes, fails: this.fails, rate: total > 0 ? this.passes / total : 0 };
  }

  static fromSummary(summary: RateSummary): RateSink {
    const sink = new RateSink();
    sink.passes = summary.passes;
    sink.fails = summary.fails;
    return sink;
  }
}

export class RateHandle {
  constructor(
    private readonly gate: Gate,
    private readonly sinks: RateSink[],
  ) {}

  /** Any truthy / non-zero value counts as a pass. */
  add(value: boolean | number): void {
    if (!this.gate.measuring) return;
    const nonZero = value !== 0 && value !== false;
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i].add(nonZero);
  }
}

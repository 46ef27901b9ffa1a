import type { Gate } from './gate.ts';

export interface CounterSummary {
  /** Sum of everything added. */
  count: number;
  /** `count` per second of measured time. */
  rate: number;
}

export class CounterSink {
  count = 0;

  add(value: number): void {
    this.count += value;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  mergeFrom(other: CounterSink): void {
    this.count += other.count;
  }

  reset(): void {
    this.count = 0;
  }

  dispose(): void {}

  summary(durationMs: number): CounterSummary {
    return { count: this.count, rate: perSecond(this.count, durationMs) };
  }

  static fromSummary(summary: CounterSummary): CounterSink {
    const sink = new CounterSink();
    sink.count = summary.count;
    return sink;
  }
}

/** Pre-resolved recording target for one tag set; `add` allocates nothing. */
export class CounterHandle {
  constructor(
    private readonly gate: Gate,
    private readonly sinks: CounterSink[],
  ) {}

  add(value = 1): void {
    if (!this.gate.measuring) return;
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i].add(value);
  }
}

export function perSecond(count: number, durationMs: number): number {
  return durationMs > 0 ? (count * 1000) / durationMs : 0;
}

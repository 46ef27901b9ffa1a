import { builtinType } from './builtins.ts';
import { CounterHandle, CounterSink } from './counter.ts';
import { GaugeHandle, GaugeSink } from './gauge.ts';
import type { Gate } from './gate.ts';
import { Metric, type MetricType } from './metric.ts';
import { RateHandle, RateSink } from './rate.ts';
import type { Tags } from './tags.ts';
import { TrendHandle, TrendSink } from './trend.ts';

export type CounterMetric = Metric<'counter', CounterSink, CounterHandle>;
export type RateMetric = Metric<'rate', RateSink, RateHandle>;
export type TrendMetric = Metric<'trend', TrendSink, TrendHandle>;
export type GaugeMetric = Metric<'gauge', GaugeSink, GaugeHandle>;
export type AnyMetric = CounterMetric | RateMetric | TrendMetric | GaugeMetric;

export type Phase = 'warmup' | 'measuring';

export interface RegistryOptions {
  /** Start in warm-up: samples are dropped until `startMeasuring()`. Default false. */
  warmup?: boolean;
  /** Start of measured time when not warming up. Default `Date.now()`. */
  nowMs?: number;
}

/** All metrics of one run (or one merge of runs), with the measured time window that rates divide by. */
export class MetricsRegistry {
  private readonly gate: Gate;
  private readonly metrics = new Map<string, AnyMetric>();
  private startedMs: number | undefined;
  private endedMs: number | undefined;

  constructor(options: RegistryOptions = {}) {
    this.gate = { measuring: options.warmup !== true };
    if (this.gate.measuring) this.startedMs = options.nowMs ?? Date.now();
  }

  get phase(): Phase {
    return this.gate.measuring ? 'measuring' : 'warmup';
  }

  /** Ends warm-up: later samples are recorded and rates count from `nowMs`. */
  startMeasuring(nowMs: number = Date.now()): void {
    if (this.gate.measuring) return;
    this.gate.measuring = true;
    this.startedMs = nowMs;
  }

  /** Fixes the end of measured time (samples arriving later, e.g. in a graceful stop, still count). */
  finish(nowMs: number = Date.now()): void {
    this.endedMs = nowMs;
  }

  /** Measured window; `startMs === endMs` when measuring never started. */
  window(nowMs: number = Date.now()): { startMs: number; endMs: number } {
    const endMs = this.endedMs ?? nowMs;
    return { startMs: this.startedMs ?? endMs, endMs };
  }

  durationMs(nowMs: number = Date.now()): number {
    const { startMs, endMs } = this.window(nowMs);
    return Math.max(0, endMs - startMs);
  }

  counter(name: string): CounterMetric {
    return this.obtain(name, 'counter', () =>
      new Metric(name, 'counter', () => new CounterSink(), (targets) => new CounterHandle(this.gate, targets)),
    );
  }

  rate(name: string): RateMetric {
    return this.obtain(name, 'rate', () =>
      new Metric(name, 'rate', () => new RateSink(), (targets) => new RateHandle(this.gate, targets)),
    );
  }

  trend(name: string): TrendMetric {
    return this.obtain(name, 'trend', () =>
      new Metric(name, 'trend', () => new TrendSink(), (targets) => new TrendHandle(this.gate, targets)),
    );
  }

  gauge(name: string): GaugeMetric {
    return this.obtain(name, 'gauge', () =>
      new Metric(name, 'gauge', () => new GaugeSink(), (targets) => new GaugeHandle(targets)),
    );
  }

  /** The metric of that name and type, created if needed. */
  ofType(name: string, type: MetricType): AnyMetric {
    switch (type) {
      case 'counter':
        return this.counter(name);
      case 'rate':
        return this.rate(name);
      case 'trend':
        return this.trend(name);
      case 'gauge':
        return this.gauge(name);
    }
  }

  /** An existing metric, or a built-in one (created empty); undefined for unknown names. */
  get(name: string): AnyMetric | undefined {
    const existing = this.metrics.get(name);
    if (existing !== undefined) return existing;
    const type = builtinType(name);
    return type === undefined ? undefined : this.ofType(name, type);
  }

  all(): IterableIterator<AnyMetric> {
    return this.metrics.values();
  }

  /**
   * Registers a tag filter (sub-metric) before the run so that thresholds on it are read
   * without merging series. Unknown custom metrics must be created first.
   */
  track(name: string, filter: Tags): void {
    const metric = this.get(name);
    if (metric === undefined) throw new Error(`unknown metric "${name}"`);
    metric.track(filter);
  }

  /** Frees the histograms (WASM memory). The registry must not be used afterwards. */
  dispose(): void {
    for (const metric of this.metrics.values()) metric.dispose();
    this.metrics.clear();
  }

  private obtain<M extends AnyMetric>(name: string, type: M['type'], create: () => M): M {
    const existing = this.metrics.get(name);
    if (existing !== undefined) {
      if (existing.type !== type) throw new Error(`metric "${name}" is a ${existing.type}, not a ${type}`);
      return existing as M;
    }
    const builtin = builtinType(name);
    if (builtin !== undefined && builtin !== type) {
      throw new Error(`metric "${name}" is a built-in ${builtin}, not a ${type}`);
    }
    const metric = create();
    this.metrics.set(name, metric);
    return metric;
  }
}

import { builtinType } from './builtins.ts';
import { CounterHandle, CounterSink } from './counter.ts';
import { GaugeHandle, GaugeSink } from './gauge.ts';
import type { Gate } from './gate.ts';
import { Metric, type MetricType } from './metric.ts';
import { RateHandle, RateSink } from './rate.ts';
import type { Tags } from './tags.ts';
import { SERIES_SIGNIFICANT_DIGITS, SIGNIFICANT_DIGITS } from './histogram.ts';
import { TrendHandle, TrendSink } from './trend.ts';

export type CounterMetric = Metric<'counter', CounterSink, CounterHandle>;
export type RateMetric = Metric<'rate', RateSink, RateHandle>;
export type TrendMetric = Metric<'trend', TrendSink, TrendHandle>;
export type GaugeMetric = Metric<'gauge', GaugeSink, GaugeHandle>;
export type AnyMetric = CounterMetric | RateMetric | TrendMetric | GaugeMetric;

export type Phase = 'warmup' | 'measuring';

/**
 * Distinct tagged series per metric; later tag sets are folded into "(other)", so that a server
 * with thousands of tools cannot take the generator's memory. A tool has a series per outcome
 * class, most of them empty (a few hundred bytes; about 25 kB once a trend has samples), so
 * 10,000 leaves about 1,400 tools unfolded.
 */
export const MAX_SERIES_PER_METRIC = 10_000;

export interface RegistryOptions {
  /** Distinct tagged series per metric before folding. Default MAX_SERIES_PER_METRIC. */
  maxSeriesPerMetric?: number;
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
  private readonly maxSeries: number;

  constructor(options: RegistryOptions = {}) {
    this.maxSeries = options.maxSeriesPerMetric ?? MAX_SERIES_PER_METRIC;
    this.gate = { measuring: options.warmup !== true };
    if (this.gate.measuring) this.startedMs = options.nowMs ?? Date.now();
  }

  get phase(): Phase {
    return this.gate.measuring ? 'measuring' : 'warmup';
  }

  /** The load starts after a setup (sessions opened ahead): measured time counts from `nowMs`, unless a warm-up is still on. */
  startWindow(nowMs: number): void {
    if (this.gate.measuring) this.startedMs = nowMs;
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
    return this.obtain(
      name,
      'counter',
      () =>
        new Metric(
          name,
          'counter',
          () => new CounterSink(),
          (targets) => new CounterHandle(this.gate, targets),
          this.maxSeries,
        ),
    );
  }

  rate(name: string): RateMetric {
    return this.obtain(
      name,
      'rate',
      () =>
        new Metric(
          name,
          'rate',
          () => new RateSink(),
          (targets) => new RateHandle(this.gate, targets),
          this.maxSeries,
        ),
    );
  }

  trend(name: string): TrendMetric {
    return this.obtain(
      name,
      'trend',
      () =>
        new Metric(
          name,
          'trend',
          (role) => new TrendSink(role === 'subset' ? SERIES_SIGNIFICANT_DIGITS : SIGNIFICANT_DIGITS),
          (targets) => new TrendHandle(this.gate, targets),
          this.maxSeries,
        ),
    );
  }

  gauge(name: string): GaugeMetric {
    return this.obtain(
      name,
      'gauge',
      () =>
        new Metric(
          name,
          'gauge',
          () => new GaugeSink(),
          (targets) => new GaugeHandle(targets),
          this.maxSeries,
        ),
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

  /** Metrics whose later tag sets were folded into "(other)", with how many were. */
  folded(): { metric: string; tagSets: number }[] {
    return [...this.metrics.values()].filter((m) => m.foldedTagSets > 0).map((m) => ({ metric: m.name, tagSets: m.foldedTagSets }));
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

import type { Gate } from './gate.ts';
import { perSecond } from './counter.ts';
import {
  HIGHEST_TRACKABLE_US,
  addHistogram,
  createHistogram,
  decodeHistogram,
  encodeEmptyHistogram,
  encodeHistogram,
  SIGNIFICANT_DIGITS,
  isWasmHistogram,
  type Histogram,
} from './histogram.ts';

/** Durations in milliseconds (recorded in microseconds). */
export interface TrendSummary {
  count: number;
  /** Samples per second of measured time. */
  rate: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p99_9: number;
  max: number;
}

/** Everything needed to rebuild a trend exactly: the summary plus the encoded histogram and exact sum. */
export interface TrendState {
  summary: TrendSummary;
  /** hdr-histogram-js `encodeIntoCompressedBase64` of the microsecond histogram. */
  hdr: string;
  /** Exact sum of the recorded microseconds (integers), so that means survive merging. */
  sumUs: number;
}

// WASM histograms live outside the JS heap; free them if a sink is dropped without dispose().
const wasmFinalizer = new FinalizationRegistry<Histogram>((histogram) => histogram.destroy());

/**
 * The samples of one trend. Its histogram is created at the first sample (or merge): a run has a
 * series per tag set it might use (each outcome class of each tool), most of which stay empty.
 */
export class TrendSink {
  private hist: Histogram | undefined;
  /** Precision of the histogram (see histogram.ts); an empty sink takes that of what is merged into it. */
  digits: number;
  count = 0;
  sumUs = 0;
  minUs = Infinity;
  maxUs = -Infinity;
  private disposed = false;

  constructor(digits: number = SIGNIFICANT_DIGITS, histogram?: Histogram) {
    this.digits = digits;
    if (histogram) this.adopt(histogram);
  }

  /** The histogram, created empty if there was none yet. */
  get histogram(): Histogram {
    return this.hist ?? this.adopt(createHistogram(this.digits));
  }

  private adopt(histogram: Histogram): Histogram {
    this.hist = histogram;
    if (isWasmHistogram(histogram)) wasmFinalizer.register(this, histogram, this);
    return histogram;
  }

  /** `us` must already be an integer in range (see `toRecordableUs`). */
  record(us: number): void {
    (this.hist ?? this.histogram).recordValue(us);
    this.count++;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  isEmpty(): boolean {
    return this.count === 0;
  }

  /** Value at percentile `p` (0..100) in µs, clamped to the exact min and max. */
  percentileUs(p: number): number {
    if (this.count === 0) return 0;
    const value = this.histogram.getValueAtPercentile(p);
    return value < this.minUs ? this.minUs : value > this.maxUs ? this.maxUs : value;
  }

  meanUs(): number {
    return this.count === 0 ? 0 : this.sumUs / this.count;
  }

  mergeFrom(other: TrendSink): void {
    if (other.count === 0) return;
    if (this.hist === undefined) this.digits = other.digits;
    addHistogram(this.histogram, other.histogram);
    this.count += other.count;
    this.sumUs += other.sumUs;
    if (other.minUs < this.minUs) this.minUs = other.minUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
  }

  reset(): void {
    this.hist?.reset();
    this.count = 0;
    this.sumUs = 0;
    this.minUs = Infinity;
    this.maxUs = -Infinity;
  }

  /** Frees the histogram; safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    wasmFinalizer.unregister(this);
    this.hist?.destroy();
    this.hist = undefined;
  }

  summary(durationMs: number): TrendSummary {
    const empty = this.count === 0;
    return {
      count: this.count,
      rate: perSecond(this.count, durationMs),
      min: empty ? 0 : this.minUs / 1000,
      mean: this.meanUs() / 1000,
      p50: this.percentileUs(50) / 1000,
      p90: this.percentileUs(90) / 1000,
      p95: this.percentileUs(95) / 1000,
      p99: this.percentileUs(99) / 1000,
      p99_9: this.percentileUs(99.9) / 1000,
      max: empty ? 0 : this.maxUs / 1000,
    };
  }

  state(durationMs: number): TrendState {
    const hdr = this.hist === undefined ? encodeEmptyHistogram(this.digits) : encodeHistogram(this.hist);
    return { summary: this.summary(durationMs), hdr, sumUs: this.sumUs };
  }

  static fromState(state: TrendState): TrendSink {
    const { histogram, digits } = decodeHistogram(state.hdr);
    const sink = new TrendSink(digits, histogram);
    sink.count = sink.histogram.totalCount;
    sink.sumUs = state.sumUs;
    if (sink.count > 0) {
      // min and max were exact integers of µs before the division by 1000.
      sink.minUs = Math.round(state.summary.min * 1000);
      sink.maxUs = Math.round(state.summary.max * 1000);
    }
    return sink;
  }
}

/** Rounds to whole microseconds and clamps into the histogram's range (negative and NaN become 0). */
export function toRecordableUs(us: number): number {
  return us >= HIGHEST_TRACKABLE_US ? HIGHEST_TRACKABLE_US : us > 0 ? Math.round(us) : 0;
}

export class TrendHandle {
  constructor(
    private readonly gate: Gate,
    private readonly sinks: TrendSink[],
  ) {}

  /** Records a duration in microseconds. */
  record(us: number): void {
    if (!this.gate.measuring) return;
    const value = toRecordableUs(us);
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i].record(value);
  }
}

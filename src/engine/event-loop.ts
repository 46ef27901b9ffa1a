import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { TrendHandle } from './metrics/index.ts';

const RESOLUTION_MS = 10;

/**
 * The generator's own event-loop delay: when it is high, the load generator, not the server, is
 * the bottleneck and latencies are inflated. Each second's p99 is one sample of the
 * `event_loop_delay` trend, and the worst of them is what the generator-saturation finding reads:
 * the trend and the warning are the same statistic.
 */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly trend: TrendHandle;
  /** Worst per-second p99 seen, in ms. */
  worstP99Ms = 0;

  constructor(trend: TrendHandle) {
    this.trend = trend;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
  }

  /** Records the last second's p99 delay (in µs) and starts a new second. */
  sample(): void {
    if (this.histogram.count > 0) {
      // The sampler measures its own timer's period: the delay is what exceeds the resolution.
      const p99Ms = Math.max(0, this.histogram.percentile(99) / 1e6 - RESOLUTION_MS);
      this.trend.record(p99Ms * 1e3);
      this.worstP99Ms = Math.max(this.worstP99Ms, p99Ms);
    }
    this.histogram.reset();
  }

  stop(): void {
    this.histogram.disable();
  }
}

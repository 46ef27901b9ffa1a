import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { TrendHandle } from './metrics/index.ts';

/**
 * The generator's own event-loop delay: when it is high, the load generator, not the server, is
 * the bottleneck and latencies are inflated. Sampled into the `event_loop_delay` trend each second.
 */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly trend: TrendHandle;
  /** Worst per-second p99 seen, in ms. */
  worstP99Ms = 0;

  constructor(trend: TrendHandle) {
    this.trend = trend;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
  }

  /** Records the last second's delay (mean, in µs) and starts a new second. */
  sample(): void {
    if (this.histogram.count > 0) {
      this.trend.record(this.histogram.mean / 1000);
      this.worstP99Ms = Math.max(this.worstP99Ms, this.histogram.percentile(99) / 1e6);
    }
    this.histogram.reset();
  }

  stop(): void {
    this.histogram.disable();
  }
}

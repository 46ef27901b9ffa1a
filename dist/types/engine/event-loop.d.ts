import type { TrendHandle } from './metrics/index.ts';
/**
 * The generator's own event-loop delay: when it is high, the load generator, not the server, is
 * the bottleneck and latencies are inflated. Each second's p99 is one sample of the
 * `event_loop_delay` trend, and the worst of them is what the generator-saturation finding reads:
 * the trend and the warning are the same statistic.
 */
export declare class EventLoopMonitor {
    private readonly histogram;
    private readonly trend;
    /** Worst per-second p99 seen, in ms. */
    worstP99Ms: number;
    constructor(trend: TrendHandle);
    /** Records the last second's p99 delay (in µs) and starts a new second. */
    sample(): void;
    stop(): void;
}

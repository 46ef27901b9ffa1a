import { type Result } from '../results/index.ts';
import type { LiveSample, Output } from './output.ts';
export interface PromSeries {
    /** Including `__name__`. */
    labels: Record<string, string>;
    value: number;
    timestampMs: number;
}
/**
 * The result as Prometheus series, named as Prometheus names them: counters `mcp_load_<metric>_total`
 * (`_bytes_total` for data), rates `mcp_load_<metric>_rate`, gauges `mcp_load_<metric>`, latency
 * trends a summary in seconds (`mcp_load_<metric>_seconds{quantile}`, `_sum`, `_count`, `_max`);
 * every series labelled with the scenario id and its tags.
 */
export declare function resultSeries(result: Result): PromSeries[];
/** Live series of one second: VUs now, calls and errors since the start (counters, so rate() works). */
export declare function liveSeries(sample: LiveSample, scenario: string): PromSeries[];
/** A remote-write body: the WriteRequest protobuf, snappy block-compressed, labels sorted by name. */
export declare function encodeWriteRequest(series: readonly PromSeries[]): Uint8Array;
/** `prometheus=URL`: remote write of live series while the run goes and every result series at the end. */
export declare class PrometheusOutput implements Output {
    private readonly url;
    private readonly scenario;
    readonly description: string;
    private readonly queue;
    constructor(url: string, scenario: string);
    sample(sample: LiveSample): void;
    finish(result: Result): Promise<string[]>;
}

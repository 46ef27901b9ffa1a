import { type Tags } from './tags.ts';
import type { MetricType } from '../../metric-catalogue.ts';
export type { MetricType };
/**
 * What a sink aggregates: all of a metric's samples (its total, an untagged window), or a tagged
 * subset (a series, a tracked filter). Trends keep subsets at a coarser precision (histogram.ts);
 * subsets share it, so a tracked filter and a merge of its series agree exactly.
 */
export type SinkRole = 'total' | 'subset';
/** The value that folded tags take once a metric has its maximum of series. */
export declare const OTHER_TAG_VALUE = "(other)";
export interface Sink<S> {
    isEmpty(): boolean;
    mergeFrom(other: S): void;
    dispose(): void;
}
/** The samples of one metric that carried exactly one tag set. */
export interface Series<S> {
    readonly tags: Tags;
    readonly sink: S;
}
/**
 * One metric: an untagged aggregate (`total`) plus one series per tag set actually used.
 * A filter (tag subset) is answered either by a sink registered up front (`track`/`attach`,
 * fed at record time) or by merging the matching series on demand (`view`).
 */
export declare class Metric<T extends MetricType, S extends Sink<S>, H> {
    readonly name: string;
    readonly type: T;
    private readonly newSink;
    private readonly newHandle;
    /** Distinct series kept; later tag sets are folded (their high-cardinality values become "(other)"). */
    private readonly maxSeries;
    readonly total: S;
    private readonly untaggedTargets;
    private readonly seriesByKey;
    private readonly handles;
    private readonly taps;
    private readonly tracked;
    /** Tag sets that arrived after the maximum of series and were recorded as folded ones. */
    foldedTagSets: number;
    /** What the untagged aggregate stands for (`{expected_response:true}`), if not every sample. */
    private readonly implied;
    constructor(name: string, type: T, newSink: (role: SinkRole) => S, newHandle: (targets: S[]) => H, 
    /** Distinct series kept; later tag sets are folded (their high-cardinality values become "(other)"). */
    maxSeries?: number);
    /** A filter as it selects: one that leaves the implied tags unnamed gets them. */
    private effective;
    /** Recording handle for a tag set; create once per VU/step, outside the hot path. */
    handle(tags?: Tags): H;
    /** The sink of exactly this tag set (the total when untagged), created if needed. */
    sinkFor(tags: Tags): S;
    series(): IterableIterator<Series<S>>;
    /**
     * A sink fed with every later sample whose tags match `filter`, memoised per filter.
     * Register before the run so that it sees every sample.
     */
    track(filter: Tags): S;
    /** A new sink of its own (e.g. a per-second window), fed with every later matching sample. */
    attach(filter: Tags): S;
    /** Stops feeding an attached sink (the caller disposes it). */
    detach(sink: S): void;
    /**
     * Runs `read` on the aggregate of all samples whose tags match `filter`: the total, a tracked
     * sink, or a temporary merge of the matching series (disposed afterwards).
     */
    view<R>(filter: Tags, read: (sink: S) => R): R;
    dispose(): void;
    private entry;
}
/** The tag set with every high-cardinality value (tool, check, custom tags) replaced by "(other)". */
export declare function foldTags(tags: Tags): Tags;

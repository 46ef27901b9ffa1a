import { impliedFilter } from './builtins.ts';
import { isUntagged, matchesFilter, normalizeTags, seriesKey, type Tags } from './tags.ts';

import type { MetricType } from '../../metric-catalogue.ts';
export type { MetricType };

/**
 * What a sink aggregates: all of a metric's samples (its total, an untagged window), or a tagged
 * subset (a series, a tracked filter). Trends keep subsets at a coarser precision (histogram.ts);
 * subsets share it, so a tracked filter and a merge of its series agree exactly.
 */
export type SinkRole = 'total' | 'subset';

/** The value that folded tags take once a metric has its maximum of series. */
export const OTHER_TAG_VALUE = '(other)';

/** Tags kept as they are when a tag set is folded: few values each, so they cannot multiply series. */
const LOW_CARDINALITY_TAGS = new Set(['scenario', 'method', 'error_class', 'purpose', 'http_method', 'status']);

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

interface SeriesEntry<S> extends Series<S> {
  /** Everything a sample with these tags is recorded into: total, own sink, matching taps. Mutated in place. */
  readonly targets: S[];
}

interface Tap<S> {
  readonly filter: Tags;
  readonly sink: S;
}

/**
 * One metric: an untagged aggregate (`total`) plus one series per tag set actually used.
 * A filter (tag subset) is answered either by a sink registered up front (`track`/`attach`,
 * fed at record time) or by merging the matching series on demand (`view`).
 */
export class Metric<T extends MetricType, S extends Sink<S>, H> {
  readonly total: S;
  private readonly untaggedTargets: S[];
  private readonly seriesByKey = new Map<string, SeriesEntry<S>>();
  private readonly handles = new Map<string, H>();
  private readonly taps: Tap<S>[] = [];
  private readonly tracked = new Map<string, S>();
  /** Tag sets that arrived after the maximum of series and were recorded as folded ones. */
  foldedTagSets = 0;
  /** What the untagged aggregate stands for (`{expected_response:true}`), if not every sample. */
  private readonly implied: Tags | undefined;

  constructor(
    readonly name: string,
    readonly type: T,
    private readonly newSink: (role: SinkRole) => S,
    private readonly newHandle: (targets: S[]) => H,
    /** Distinct series kept; later tag sets are folded (their high-cardinality values become "(other)"). */
    private readonly maxSeries = Infinity,
  ) {
    this.total = newSink('total');
    this.untaggedTargets = [this.total];
    this.implied = impliedFilter(name);
  }

  /** A filter as it selects: one that leaves the implied tags unnamed gets them. */
  private effective(filter: Tags): Tags {
    const implied = this.implied;
    if (implied === undefined) return filter;
    for (const key of Object.keys(implied)) if (Object.hasOwn(filter, key)) return filter;
    return { ...filter, ...implied };
  }

  /** Recording handle for a tag set; create once per VU/step, outside the hot path. */
  handle(tags: Tags = {}): H {
    const key = seriesKey(this.name, tags);
    let handle = this.handles.get(key);
    if (handle === undefined) {
      if (isUntagged(tags)) handle = this.newHandle(this.untaggedTargets);
      else if (this.seriesByKey.has(key) || this.seriesByKey.size < this.maxSeries) handle = this.newHandle(this.entry(key, tags).targets);
      else {
        this.foldedTagSets++;
        const folded = foldTags(tags);
        handle = this.newHandle(this.entry(seriesKey(this.name, folded), folded).targets);
      }
      this.handles.set(key, handle);
    }
    return handle;
  }

  /** The sink of exactly this tag set (the total when untagged), created if needed. */
  sinkFor(tags: Tags): S {
    return isUntagged(tags) ? this.total : this.entry(seriesKey(this.name, tags), tags).sink;
  }

  series(): IterableIterator<Series<S>> {
    return this.seriesByKey.values();
  }

  /**
   * A sink fed with every later sample whose tags match `filter`, memoised per filter.
   * Register before the run so that it sees every sample.
   */
  track(filter: Tags): S {
    if (isUntagged(filter)) return this.total;
    const key = seriesKey(this.name, this.effective(filter));
    let sink = this.tracked.get(key);
    if (sink === undefined) {
      sink = this.attach(filter);
      this.tracked.set(key, sink);
    }
    return sink;
  }

  /** A new sink of its own (e.g. a per-second window), fed with every later matching sample. */
  attach(filter: Tags): S {
    const tap: Tap<S> = { filter: normalizeTags(this.effective(filter)), sink: this.newSink(isUntagged(filter) ? 'total' : 'subset') };
    this.taps.push(tap);
    if (isUntagged(filter)) this.untaggedTargets.push(tap.sink);
    for (const entry of this.seriesByKey.values()) {
      if (matchesFilter(entry.tags, tap.filter)) entry.targets.push(tap.sink);
    }
    return tap.sink;
  }

  /** Stops feeding an attached sink (the caller disposes it). */
  detach(sink: S): void {
    const index = this.taps.findIndex((tap) => tap.sink === sink);
    if (index < 0) return;
    this.taps.splice(index, 1);
    removeFrom(this.untaggedTargets, sink);
    for (const entry of this.seriesByKey.values()) removeFrom(entry.targets, sink);
    for (const [key, tracked] of this.tracked) if (tracked === sink) this.tracked.delete(key);
  }

  /**
   * Runs `read` on the aggregate of all samples whose tags match `filter`: the total, a tracked
   * sink, or a temporary merge of the matching series (disposed afterwards).
   */
  view<R>(filter: Tags, read: (sink: S) => R): R {
    if (isUntagged(filter)) return read(this.total);
    const selects = this.effective(filter);
    const tracked = this.tracked.get(seriesKey(this.name, selects));
    if (tracked !== undefined) return read(tracked);
    const merged = this.newSink('subset');
    try {
      for (const entry of this.seriesByKey.values()) {
        if (matchesFilter(entry.tags, selects)) merged.mergeFrom(entry.sink);
      }
      return read(merged);
    } finally {
      merged.dispose();
    }
  }

  dispose(): void {
    this.total.dispose();
    for (const entry of this.seriesByKey.values()) entry.sink.dispose();
    for (const tap of this.taps) tap.sink.dispose();
    this.seriesByKey.clear();
    this.handles.clear();
    this.taps.length = 0;
    this.tracked.clear();
  }

  private entry(key: string, tags: Tags): SeriesEntry<S> {
    let entry = this.seriesByKey.get(key);
    if (entry === undefined) {
      const normalized = normalizeTags(tags);
      const sink = this.newSink('subset');
      const targets = this.implied === undefined || matchesFilter(normalized, this.implied) ? [this.total, sink] : [sink];
      for (const tap of this.taps) {
        if (matchesFilter(normalized, tap.filter)) targets.push(tap.sink);
      }
      entry = { tags: normalized, sink, targets };
      this.seriesByKey.set(key, entry);
    }
    return entry;
  }
}

/** The tag set with every high-cardinality value (tool, check, custom tags) replaced by "(other)". */
export function foldTags(tags: Tags): Tags {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) out[key] = LOW_CARDINALITY_TAGS.has(key) ? value : OTHER_TAG_VALUE;
  return out;
}

function removeFrom<S>(targets: S[], sink: S): void {
  const index = targets.indexOf(sink);
  if (index >= 0) targets.splice(index, 1);
}

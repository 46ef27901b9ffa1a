/** Tags on a sample, e.g. `{method: 'tools/call', tool: 'echo'}`. */
export type Tags = Readonly<Record<string, string>>;
export declare const NO_TAGS: Tags;
/** A frozen copy with keys in sorted order; drops keys whose value is not a string. */
export declare function normalizeTags(tags: Tags): Tags;
/** Stable k6-style key: `mcp_call_duration{method:tools/call,tool:echo}`; no braces when untagged. */
export declare function seriesKey(metric: string, tags: Tags): string;
/** True when every tag of the filter is present in `tags` with the same value (subset match). */
export declare function matchesFilter(tags: Tags, filter: Tags): boolean;
export declare function isUntagged(tags: Tags): boolean;

/** Tags on a sample, e.g. `{method: 'tools/call', tool: 'echo'}`. */
export type Tags = Readonly<Record<string, string>>;

export const NO_TAGS: Tags = Object.freeze({});

/** A frozen copy with keys in sorted order; drops keys whose value is not a string. */
export function normalizeTags(tags: Tags): Tags {
  const out: Record<string, string> = {};
  for (const key of Object.keys(tags).sort()) {
    const value = tags[key];
    if (typeof value === 'string') out[key] = value;
  }
  return Object.freeze(out);
}

/** Stable k6-style key: `mcp_call_duration{method:tools/call,tool:echo}`; no braces when untagged. */
export function seriesKey(metric: string, tags: Tags): string {
  const keys = Object.keys(tags).sort();
  if (keys.length === 0) return metric;
  return `${metric}{${keys.map((key) => `${key}:${tags[key]}`).join(',')}}`;
}

/** True when every tag of the filter is present in `tags` with the same value (subset match). */
export function matchesFilter(tags: Tags, filter: Tags): boolean {
  for (const key of Object.keys(filter)) {
    if (tags[key] !== filter[key]) return false;
  }
  return true;
}

export function isUntagged(tags: Tags): boolean {
  for (const _ in tags) return false;
  return true;
}

/** Milliseconds as k6 prints them: µs below 1 ms, ms below 1 s, then s. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(2)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

export function formatRate(perSecond: number): string {
  return `${perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(2)}/s`;
}

export function formatDurationClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Untrusted text (tool names, server messages) on a terminal: no control characters, bounded. */
export function plainText(text: string, max = 120): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A threshold's aggregation as written: `p(95)`, `rate`, `avg`… */
export function thresholdAggregation(source: string): string {
  return /^\s*([a-z]+(?:\([\d.]+\))?)/.exec(source.slice(0, 100))?.[1] ?? 'value';
}

/** A threshold's observed value in its unit: milliseconds for durations, percent for rates of errors and checks. */
export function formatObserved(key: string, source: string, observed: number | null, formatNumber: (n: number) => string = String): string {
  if (observed === null) return 'n/a';
  const aggregation = thresholdAggregation(source);
  const metric = key.slice(0, 100).replace(/\{.*/, '');
  if (aggregation === 'rate' && !/^(http_reqs|mcp_calls|iterations|data_)/.test(metric)) return formatPercent(observed);
  if (/duration|waiting|delay/.test(metric) && aggregation !== 'count' && aggregation !== 'rate') return formatMs(observed);
  return formatNumber(Number(observed.toFixed(4)));
}

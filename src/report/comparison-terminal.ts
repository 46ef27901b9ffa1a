import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
import { formatMs, formatPercent, plainText } from './format.ts';
import { informationalLabel } from './view.ts';

const ORDER: readonly ComparisonVerdict['verdict'][] = ['regression', 'inconclusive', 'improvement', 'new', 'gone', 'not comparable', 'unchanged'];

/** The verdict table of `mcp-load compare`: a headline, then one row per metric, regressions first. */
export function renderComparison(comparison: Comparison): string {
  const gated = (verdict: ComparisonVerdict['verdict']) => comparison.verdicts.filter((v) => v.verdict === verdict && v.gated);
  const method = comparison.method === 'history-band' ? 'against the history (robust band)' : 'against the baseline (rank interval)';
  // "No regression detected" only when every gated metric was tested.
  const headline = !comparison.comparable
    ? `not comparable: ${plainText(comparison.reason ?? 'the runs differ')}`
    : comparison.regression
      ? `✗ regression ${method}: ${gated('regression').map(label).join(', ')}`
      : comparison.inconclusive
        ? `⚠ inconclusive ${method}: could not test ${gated('inconclusive').map(label).join(', ')}`
        : `✓ no regression detected ${method}`;
  const rows = [['', 'metric', 'baseline', 'current', 'change', 'note']];
  const sorted = [...comparison.verdicts].sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  for (const v of sorted) {
    rows.push([
      v.verdict === 'regression' && !v.gated ? informationalLabel(v.metric) : v.verdict,
      label(v),
      value(v.metric, v.baseline),
      value(v.metric, v.current),
      v.change === undefined ? '-' : `${v.change >= 0 ? '+' : ''}${(v.change * 100).toFixed(1)}%`,
      v.note ? plainText(v.note, 60) : '',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const table = rows
    .map(
      (r) =>
        `  ${r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd()}`,
    )
    .join('\n');
  return `${headline}\n\n${table}\n`;
}

function label(v: ComparisonVerdict): string {
  return plainText(v.tool === undefined ? v.metric : `${v.metric} (${v.tool})`, 80);
}

function value(metric: string, n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '-';
  if (/duration|_p\d+$/.test(metric)) return formatMs(n);
  if (/error/.test(metric)) return formatPercent(n);
  return Number(n.toFixed(3)).toString();
}

import { changePointFindings, historySeries, appendToHistory, regressionSettings, type History, robustBand } from '../compare/index.ts';
import type { Finding, Result } from '../results/index.ts';
import type { ChartSpec, ChartUnit } from './html-charts.ts';
import { markdownTable } from './markdown-text.ts';

/** The baseline band needs this many earlier runs, as the comparison does. */
const MIN_BAND_RUNS = 5;
const SPARKS = '▁▂▃▄▅▆▇█';

interface HistoryFigure {
  id: string;
  label: string;
  unit: string;
  /** Oldest first; the last is the current run. */
  values: (number | null)[];
  /** The earlier runs' band (median ± k·IQR, as the comparison's), null with fewer than 5 of them. */
  band: { low: number; center: number; high: number } | null;
}

/** The history as every report shows it: the figures over the runs, the current one last, and the change points. */
export interface HistoryView {
  runs: { date: string; sha?: string }[];
  figures: HistoryFigure[];
  findings: Finding[];
}

/** The earlier runs and this one, oldest first, with the band of the earlier runs. */
export function historyView(history: History, current: Result): HistoryView {
  const withCurrent = appendToHistory(history, current, { max: history.runs.length + 1 });
  const k = regressionSettings(current.scenario.echo.regression ?? {}).historyK;
  const figures = historySeries(withCurrent).map((series) => {
    const earlier = series.values.slice(0, -1).filter((v): v is number => v !== null && Number.isFinite(v));
    return { ...series, band: earlier.length >= MIN_BAND_RUNS ? robustBand(earlier, k) : null };
  });
  return {
    runs: withCurrent.runs.map((r) => ({ date: r.date, ...(r.sha ? { sha: r.sha } : {}) })),
    figures,
    findings: changePointFindings(withCurrent),
  };
}

/** The nightly comment's history: per figure a sparkline of the runs (current last), the band and this run's value; then the change points. */
export function historyMarkdown(view: HistoryView | undefined): string[] {
  if (view === undefined || view.runs.length < 2) return [];
  const rows = view.figures
    .filter((f) => f.values.some((v) => v !== null))
    .map((f) => {
      const current = f.values.at(-1) ?? null;
      const band = f.band ? `${format(f.band.low, f.unit)} – ${format(f.band.high, f.unit)}` : 'fewer than 5 earlier runs';
      const outside = f.band && current !== null && (current < f.band.low || current > f.band.high) ? ' ⚠️ outside' : '';
      return [f.label, `\`${sparkline(f.values)}\``, band, `${format(current, f.unit)}${outside}`];
    });
  const lines = [
    `### History (last ${view.runs.length} runs, this one last)`,
    '',
    ...markdownTable(['figure', 'runs', 'baseline band', 'this run'], ['left', 'left', 'right', 'right'], rows),
  ];
  if (view.findings.length > 0) lines.push('', ...view.findings.map((f) => `- ${f.severity === 'warning' ? '⚠️' : 'ℹ️'} ${f.statement} (${f.evidence[0]})`));
  return lines;
}

/** report.html's history charts: the figure over the runs, its band's edges dashed, the current run as a point. */
export function historyCharts(view: HistoryView | undefined): ChartSpec[] {
  if (view === undefined || view.runs.length < 2) return [];
  const x = view.runs.map((_, i) => i + 1);
  const units: Record<string, ChartUnit> = { ms: 'ms', perSecond: 'perSecond', percent: 'count', ratio: 'count' };
  return view.figures
    .filter((f) => f.values.some((v) => v !== null))
    .map((f) => {
      const scale = f.unit === 'percent' ? 100 : 1;
      const values = f.values.map((v) => (v === null ? null : v * scale));
      const last = values.length - 1;
      const band = (edge: 'low' | 'high') => x.map(() => (f.band ? f.band[edge] * scale : null));
      return {
        id: `history-${f.id}`,
        title: `History: ${f.label}${f.unit === 'percent' ? ' (%)' : ''}`,
        caption: f.band ? 'the baseline band of the earlier runs dashed; this run is the last point' : 'this run is the last point',
        unit: units[f.unit] ?? 'count',
        xKind: 'run',
        series: [
          { label: f.label, color: '#3b82f6', dash: false },
          { label: 'band low', color: '#a855f7', dash: true },
          { label: 'band high', color: '#a855f7', dash: true },
          { label: 'this run', color: '#e5484d', dash: false },
        ],
        tables: [[x, values, band('low'), band('high'), values.map((v, i) => (i === last ? v : null))]],
      };
    });
}

function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values
    .map((v) => (v === null || !Number.isFinite(v) ? ' ' : SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))]))
    .join('');
}

function format(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '-';
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'percent') return `${(value * 100).toFixed(2)} %`;
  if (unit === 'perSecond') return `${value.toFixed(1)}/s`;
  if (unit === 'tokens') return `${value.toFixed(1)} tokens`;
  return value.toFixed(2);
}

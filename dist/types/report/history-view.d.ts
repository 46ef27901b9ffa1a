import { type History } from '../compare/index.ts';
import type { Finding, Result } from '../results/index.ts';
import type { ChartSpec } from './html-charts.ts';
interface HistoryFigure {
    id: string;
    label: string;
    unit: string;
    /** Oldest first; the last is the current run. */
    values: (number | null)[];
    /** The earlier runs' band (median ± k·IQR, as the comparison's), null with fewer than 5 of them. */
    band: {
        low: number;
        center: number;
        high: number;
    } | null;
}
/** The history as every report shows it: the figures over the runs, the current one last, and the change points. */
export interface HistoryView {
    runs: {
        date: string;
        sha?: string;
    }[];
    figures: HistoryFigure[];
    findings: Finding[];
}
/** The earlier runs and this one, oldest first, with the band of the earlier runs. */
export declare function historyView(history: History, current: Result): HistoryView;
/** The nightly comment's history: per figure a sparkline of the runs (current last), the band and this run's value; then the change points. */
export declare function historyMarkdown(view: HistoryView | undefined): string[];
/** report.html's history charts: the figure over the runs, its band's edges dashed, the current run as a point. */
export declare function historyCharts(view: HistoryView | undefined): ChartSpec[];
export {};

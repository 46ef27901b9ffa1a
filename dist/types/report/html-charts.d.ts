import { type TrendState } from '../engine/index.ts';
import type { Result } from '../results/index.ts';
import type { History } from '../compare/index.ts';
/** How the browser formats a chart's y values. */
export type ChartUnit = 'count' | 'perSecond' | 'ms' | 'bytesPerSecond' | 'percent';
/** `[x, ...ys]` as uPlot takes it; null is a gap (a second without latency samples). */
export type ChartTable = [number[], ...(number | null)[][]];
/**
 * One uPlot chart, embedded as JSON. `tables` holds the run's table and, with a baseline, the
 * baseline's (joined in the browser with uPlot.join, as their x values differ); `series` lists
 * the y columns of all tables in order.
 */
export interface ChartSpec {
    id: string;
    title: string;
    caption: string;
    unit: ChartUnit;
    /** elapsed: seconds since the run started; percentile: 1/(1-p) on a log axis (HdrHistogram's plot); rate: a capacity step's arrivals/s; run: a run's number in a history. */
    xKind: 'elapsed' | 'percentile' | 'rate' | 'run';
    series: {
        label: string;
        color: string;
        dash: boolean;
    }[];
    tables: ChartTable[];
    /** Vertical lines at x with a label: the scenario's events, on every chart over elapsed time. */
    markers?: {
        x: number;
        label: string;
    }[];
}
/** The report's charts: five over time, then the latency distribution; a baseline's curves are dashed. */
export declare function buildCharts(result: Result, baseline?: Result, history?: History): ChartSpec[];
/**
 * Latency (ms) at percentiles 0, 12.9, 24.2 … approaching 100, while the histogram resolves them
 * (1/(1-p) up to the sample count), then the maximum. x is 1/(1-p) for a log axis.
 */
export declare function percentileTable(state: TrendState): ChartTable;

import type { CapacityRecord } from '../results/index.ts';
import type { ChartSpec } from './html-charts.ts';
/** One step of a capacity search as every renderer shows it, lowest rate first. */
export interface CapacityRow {
    rate: string;
    calls: string;
    latency: string;
    errors: string;
    dropped: string;
    verdict: string;
    held: boolean;
}
/** The derived view of a capacity search: the conclusion in one sentence, and the curve against rate. */
export interface CapacityView {
    conclusion: string;
    rows: CapacityRow[];
}
export declare function capacityView(record: CapacityRecord): CapacityView;
/** The terminal's CAPACITY block. */
export declare function renderCapacityTerminal(record: CapacityRecord): string;
/** The comment's capacity section: the conclusion, against the baseline's when it has one, then the table. */
export declare function capacityMarkdown(record: CapacityRecord | undefined, baseline?: CapacityRecord): string[];
/**
 * This search against the baseline's: each found an interval [held, broken); only intervals that do
 * not overlap say the capacity moved, and only searches against the same SLO compare.
 */
export declare function capacityChange(record: CapacityRecord, baseline: CapacityRecord): string;
/** report.html's chart of the SLO's latency percentile against the arrival rate. */
export declare function capacityChart(record: CapacityRecord): ChartSpec;

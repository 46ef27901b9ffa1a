import type { History, Comparison } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
export interface HtmlReportOptions {
    /** Earlier runs of the workload (oldest first): their figures are charted with this run last. */
    history?: History;
    /** A previous run: its key figures and curves are shown beside this run's. */
    baseline?: Result;
    /** The comparison with the baseline: the same verdicts and headline as summary.md. */
    comparison?: Comparison;
}
/** `report.html`: one self-contained file (styles, uPlot and chart data inline) that opens with no network. */
export declare function renderHtmlReport(result: Result, options?: HtmlReportOptions): string;
/** JSON that cannot end its <script> element or be misread around it: <, >, & and U+2028/9 escaped. */
export declare function scriptJson(value: unknown): string;

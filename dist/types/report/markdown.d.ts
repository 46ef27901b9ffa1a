import type { History } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
export { commentMarker } from './markdown-text.ts';
export type { ComparisonVerdict };
export interface MarkdownOptions {
    baseline?: Result;
    /** The comparison with the baseline; its verdicts judge the key figures. */
    comparison?: Comparison;
    /** Verdicts alone (a comparable comparison of these). */
    verdicts?: readonly ComparisonVerdict[];
    /** The HTML report (http or https only; anything else is not linked). */
    reportUrl?: string;
    /** Replaces the scenario id in the hidden marker, e.g. one comment per matrix job. */
    marker?: string;
    /** Default 65 000, under GitHub's 65 536-character limit for a comment or a job summary. */
    maxLength?: number;
    /** Per-tool rows shown, most called first; default 10. */
    topTools?: number;
    /** Earlier runs of the workload (oldest first): the history section and its change points. */
    history?: History;
}
export declare const DEFAULT_MAX_LENGTH = 65000;
/**
 * The PR comment / job summary: a hidden marker, the verdict in one line, the key figures against the
 * baseline, then thresholds, comparisons, the MCP-vs-HTTP ratio, the busiest tools and folded details.
 * Whatever the result holds, the text stays under `maxLength` and server strings stay inert.
 */
export declare function renderMarkdown(result: Result, options?: MarkdownOptions): string;

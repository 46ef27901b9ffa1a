import type { History, Comparison } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
import { type ChartSpec } from './html-charts.ts';
import type { EventRow } from './resilience-view.ts';
import { type ThresholdRow, type VerdictRow } from './view.ts';
import type { ToolOutputSection } from './tool-output-view.ts';
import type { InstanceRowView } from './sessions-view.ts';
/** Rows per table; the rest are counted in a note. */
export declare const MAX_TABLE_ROWS = 200;
/** Server-provided names and messages are cut to these lengths. */
export declare const MAX_NAME_LENGTH = 160;
export declare const MAX_MESSAGE_LENGTH = 300;
/** Display data of the HTML report: every value a string, ready for the template to escape. */
export interface HtmlView {
    title: string;
    tool: string;
    run: {
        scenario: string;
        file: string;
        target: string;
        startedAt: string;
        duration: string;
        facts: Fact[];
    };
    verdict: {
        status: 'passed' | 'failed' | 'warning';
        icon: string;
        headline: string;
        detail: string;
        comparison: string;
        notes: string[];
    };
    findings: FindingRow[];
    comparison: {
        state: string;
        headline: string;
        rows: ComparisonRow[];
    } | null;
    topErrors: {
        count: string;
        kind: string;
        message: string;
        advice: string;
    }[];
    baseline: {
        startedAt: string;
        target: string;
        scenario: string;
        workload: string;
        sameWorkload: boolean;
    } | null;
    figures: Figure[];
    load: LoadShape[];
    charts: ChartSpec[];
    thresholds: ThresholdRow[];
    checks: Bounded<CheckRow>;
    byTool: Bounded<OperationRow>;
    byMethod: Bounded<OperationRow>;
    /** Per tool: size and estimated tokens of its output (null without tool calls). */
    toolOutput: (Omit<ToolOutputSection, 'overall'> & {
        overall: string;
        more: number;
    }) | null;
    /** With `trace:` on: the slowest sampled calls and their trace ids (null: tracing was off). */
    traceExemplars: {
        rows: {
            tool: string;
            traceId: string;
            duration: string;
        }[];
    } | null;
    httpPerCall: Fact[];
    /** Sessions created, lost, re-initialised, closed, not closed. */
    sessions: Fact[];
    /** Per upstream instance (null: no response named one). */
    instances: {
        rows: InstanceRowView[];
        notes: string[];
    } | null;
    /** Availability by send time and the scenario's events; null when the result has neither. */
    resilience: {
        availability: string;
        worstWindow: string;
        events: EventRow[];
        streams: string[];
    } | null;
    errors: {
        byClass: Fact[];
        kinds: Bounded<ErrorRow>;
    };
    warnings: string[];
}
export interface FindingRow {
    severity: 'error' | 'warning' | 'info';
    statement: string;
    evidence: string[];
    advice: string;
}
/** A verdict row of the view, its verdict as a label and with the CSS tone of it. */
export type ComparisonRow = Omit<VerdictRow, 'verdict' | 'gated'> & {
    verdict: string;
    /** CSS class suffix: regression, inconclusive, improvement, neutral. */
    tone: string;
};
export interface Fact {
    label: string;
    value: string;
}
export interface Figure {
    id: string;
    label: string;
    value: string;
    sub: string;
    baseline?: string;
    delta?: string;
    /** Colour of the verdict: better, worse, warning, or neutral when nothing was judged. */
    change?: 'better' | 'worse' | 'warning' | 'neutral';
    /** The comparison's verdict on the figure, with the statistic it compared. */
    verdict?: string;
}
export interface Bounded<T> {
    rows: T[];
    /** Rows left out, 0 when all are shown. */
    more: number;
}
export interface LoadShape {
    name: string;
    executor: string;
    summary: string;
    stages: {
        n: number;
        duration: string;
        target: string;
    }[];
    options: Fact[];
    flow: string[];
}
/** The view's threshold rows, their strings cut for the page. */
export type { ThresholdRow } from './view.ts';
export interface CheckRow {
    ok: boolean;
    scenario: string;
    step: string;
    check: string;
    passes: string;
    fails: string;
    rate: string;
}
export interface OperationRow {
    name: string;
    method: string;
    hasErrors: boolean;
    calls: string;
    errors: string;
    p50: string;
    p95: string;
    p99: string;
    max: string;
    failedP95: string;
    httpPerCall: string;
    sentPerCall: string;
    receivedPerCall: string;
}
export interface ErrorRow {
    errorClass: string;
    method: string;
    tool: string;
    detail: string;
    count: string;
    samples: string[];
}
export declare function buildHtmlView(result: Result, baseline?: Result, comparison?: Comparison, history?: History): HtmlView;

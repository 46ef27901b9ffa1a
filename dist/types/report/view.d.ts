import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
import { type Finding, type Result } from '../results/index.ts';
import { type LoadView } from './load-view.ts';
import { type ResilienceView } from './resilience-view.ts';
import { type ToolOutputSection } from './tool-output-view.ts';
import { type InstancesView, type LifecycleFact } from './sessions-view.ts';
/**
 * The one derived view of a result (and its comparison) that every renderer formats: the verdict,
 * the findings, the key figures with their baseline and verdict, the thresholds and the errors
 * that matter. Strings here are plain text, untrusted parts included: each renderer escapes them
 * for its medium (terminal, Markdown, HTML), so the three say the same thing by construction.
 */
export interface ReportView {
    verdict: VerdictView;
    findings: Finding[];
    figures: KeyFigure[];
    thresholds: ThresholdRow[];
    /** The most frequent error kinds, with what they mean and what to do. */
    topErrors: ErrorRow[];
    errorsByClass: {
        errorClass: string;
        count: string;
    }[];
    /** Availability by send time and what followed each scenario event. */
    resilience: ResilienceView;
    /** Each scenario's executor, load and flow in words. */
    load: LoadView[];
    /** Failed calls' latency, apart from the successful calls' (`mcp_call_duration{expected_response:false}`). */
    failedCallLatency?: {
        avg: string;
        med: string;
        max: string;
        p95: string;
    };
    comparison?: ComparisonView;
    /** Per tool: the size and estimated tokens of its output (absent without tool calls). */
    toolOutput?: ToolOutputSection;
    /** Sessions created, lost, re-initialised, closed and not closed. */
    sessions: LifecycleFact[];
    /** Per upstream instance; absent when no response named one. */
    instances?: InstancesView;
}
export type VerdictState = 'passed' | 'failed' | 'interrupted';
export interface VerdictView {
    state: VerdictState;
    icon: '✅' | '❌' | '⚠️';
    /** `passed`, `2 thresholds failed`, `target unreachable: …`, `interrupted`… */
    title: string;
    /** `1,930 MCP calls at 10.00/s, p95 221µs (successful calls), 100.00% errors` */
    summary: string;
    /** The comparison's part of the verdict, when there is one. */
    comparison?: string;
}
export interface KeyFigure {
    id: 'mcp-calls' | 'mcp-rate' | 'http-per-call' | 'p95' | 'p99' | 'error-rate';
    label: string;
    value: string;
    /** What the figure is of, e.g. "successful calls, whole run". */
    note: string;
    baseline?: string;
    /** The whole-run change, as measured. */
    change?: string;
    /** The comparison's verdict on the figure's compared statistic, with that statistic named. */
    verdict?: string;
    /** The verdict alone, e.g. `🔴 regression`, for a narrow column. */
    verdictLabel?: string;
    tone: 'better' | 'worse' | 'warning' | 'neutral';
}
export interface ThresholdRow {
    ok: boolean;
    key: string;
    source: string;
    /** The observed value in its unit, or why there is none. */
    observed: string;
    default: boolean;
}
export interface ErrorRow {
    count: string;
    kind: string;
    message: string;
    advice: string;
}
export type ComparisonState = 'regression' | 'inconclusive' | 'no regression' | 'not comparable';
export interface ComparisonView {
    state: ComparisonState;
    /** `no regression detected against the baseline (rank interval)`… */
    headline: string;
    rows: VerdictRow[];
}
export interface VerdictRow {
    verdict: ComparisonVerdict['verdict'] | InformationalLabel;
    label: string;
    /** What was compared: `p95 MCP latency (median of 5 s window p95s)`. */
    statistic: string;
    baseline: string;
    current: string;
    change: string;
    note: string;
    gated: boolean;
}
export interface ViewInput {
    baseline?: Result;
    comparison?: Comparison;
}
export declare function buildReportView(result: Result, input?: ViewInput): ReportView;
/** The run failed: a threshold (the default health gate included) or an internal error of mcp-load. */
export declare function runFailed(result: Result): boolean;
export declare const VERDICT_LABELS: Record<ComparisonVerdict['verdict'], string>;
/** What a compared metric is a statistic of: the compare layer judges window medians, not whole-run figures. */
export declare function statisticOf(v: Pick<ComparisonVerdict, 'metric' | 'tool' | 'basis'>): string;
export type InformationalLabel = 'slower (informational)' | 'more tokens (informational)';
/** A worse figure that does not gate: slower, or (tokens per call) more tokens. */
export declare function informationalLabel(metric: string): InformationalLabel;

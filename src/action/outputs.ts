import * as core from '@actions/core';
import type { ReportView } from '../report/index.ts';
import type { Result } from '../results/index.ts';
import { callTotals, totalCount, trendTotal } from '../results/index.ts';

/** The headline numbers of a run, as the action's outputs carry them. */
export interface KeyFigures {
  mcpCalls: number;
  httpReqs: number;
  /** HTTP requests per MCP call; null without calls. */
  httpPerMcp: number | null;
  /** p95 of successful calls (mcp_call_duration) in ms; null without one. */
  p95Ms: number | null;
  /** Share of MCP calls that failed (0..1). */
  errorRate: number;
}

export function keyFigures(result: Result): KeyFigures {
  const { calls, failed } = callTotals(result);
  return {
    mcpCalls: calls,
    httpReqs: totalCount(result.metrics, 'http_reqs'),
    httpPerMcp: result.httpPerCall.overall,
    p95Ms: trendTotal(result.metrics, 'mcp_call_duration')?.p95 ?? null,
    errorRate: calls === 0 ? 0 : failed / calls,
  };
}

export interface ActionOutputs {
  resultFile: string;
  reportFile: string;
  regression: boolean;
  figures: KeyFigures;
  /** The report's verdict: the same words as the comment's headline. */
  view: Pick<ReportView, 'verdict' | 'comparison'>;
}

export function writeOutputs(outputs: ActionOutputs): void {
  const { figures } = outputs;
  core.setOutput('result', outputs.resultFile);
  core.setOutput('report', outputs.reportFile);
  core.setOutput('regression', String(outputs.regression));
  core.setOutput('verdict', outputs.view.verdict.state);
  core.setOutput('comparison', outputs.view.comparison?.state ?? 'none');
  core.setOutput('mcp-calls', String(figures.mcpCalls));
  core.setOutput('http-reqs', String(figures.httpReqs));
  core.setOutput('http-per-mcp', figures.httpPerMcp === null ? '' : round(figures.httpPerMcp, 3));
  core.setOutput('p95-ms', figures.p95Ms === null ? '' : round(figures.p95Ms, 2));
  core.setOutput('error-rate', round(figures.errorRate, 4));
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

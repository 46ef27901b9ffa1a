import * as core from '@actions/core';
import type { Result } from '../results/index.ts';

/** The headline numbers of a run, as the action's outputs carry them. */
export interface KeyFigures {
  mcpCalls: number;
  httpReqs: number;
  /** HTTP requests per MCP call; null without calls. */
  httpPerMcp: number | null;
  /** p95 of mcp_call_duration in ms; null without calls. */
  p95Ms: number | null;
  /** Share of MCP calls that failed (0..1). */
  errorRate: number;
}

export function keyFigures(result: Result): KeyFigures {
  const figures: KeyFigures = { mcpCalls: 0, httpReqs: 0, httpPerMcp: result.httpPerCall.overall, p95Ms: null, errorRate: 0 };
  for (const s of result.metrics.metrics) {
    if (Object.keys(s.tags).length > 0) continue;
    if (s.metric === 'mcp_calls' && s.type === 'counter') figures.mcpCalls = s.summary.count;
    else if (s.metric === 'http_reqs' && s.type === 'counter') figures.httpReqs = s.summary.count;
    else if (s.metric === 'mcp_errors' && s.type === 'rate') figures.errorRate = s.summary.rate;
    else if (s.metric === 'mcp_call_duration' && s.type === 'trend' && s.summary.count > 0) figures.p95Ms = s.summary.p95;
  }
  return figures;
}

export interface ActionOutputs {
  resultFile: string;
  reportFile: string;
  regression: boolean;
  figures: KeyFigures;
}

export function writeOutputs(outputs: ActionOutputs): void {
  const { figures } = outputs;
  core.setOutput('result', outputs.resultFile);
  core.setOutput('report', outputs.reportFile);
  core.setOutput('regression', String(outputs.regression));
  core.setOutput('mcp-calls', String(figures.mcpCalls));
  core.setOutput('http-reqs', String(figures.httpReqs));
  core.setOutput('http-per-mcp', figures.httpPerMcp === null ? '' : round(figures.httpPerMcp, 3));
  core.setOutput('p95-ms', figures.p95Ms === null ? '' : round(figures.p95Ms, 2));
  core.setOutput('error-rate', round(figures.errorRate, 4));
}

function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

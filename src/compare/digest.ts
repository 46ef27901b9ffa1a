import type { OperationBreakdown, Result } from '../results/index.ts';
import { fingerprint } from './fingerprint.ts';
import type { ToolOutputRecord } from '../results/index.ts';
import type { HistoryEntry, RunSummary, TokenSample, ToolSummary } from './types.ts';
import { steadyWindows } from './windows.ts';

// Results are read-only data; a run compared and then appended to a history is windowed once.
const digests = new WeakMap<Result, Map<number, HistoryEntry>>();

/** A run reduced to what comparisons read: steady-state window samples, whole-run summaries, fingerprint. */
export function digestRun(result: Result, windowMs: number): HistoryEntry {
  let byWindow = digests.get(result);
  if (byWindow === undefined) digests.set(result, (byWindow = new Map()));
  let entry = byWindow.get(windowMs);
  if (entry === undefined) byWindow.set(windowMs, (entry = digest(result, windowMs)));
  return structuredClone(entry);
}

function digest(result: Result, windowMs: number): HistoryEntry {
  const { windowMs: used, windows } = steadyWindows(result, windowMs);
  const entry: HistoryEntry = {
    date: result.startedAt,
    fingerprint: fingerprint(result),
    windowMs: used,
    windows: {
      p50: windows.flatMap((w) => (w.p50 === null ? [] : [round(w.p50)])),
      p95: windows.flatMap((w) => (w.p95 === null ? [] : [round(w.p95)])),
      throughput: windows.map((w) => round(w.throughput)),
    },
    summary: summarise(result),
  };
  const sha = result.environment.git?.sha;
  if (sha !== undefined) entry.sha = sha;
  return entry;
}

function summarise(result: Result): RunSummary {
  const { metrics } = result;
  const duration = metrics.metrics.find((s) => s.metric === 'mcp_call_duration' && s.type === 'trend' && isUntagged(s.tags));
  const errors = metrics.metrics.find((s) => s.metric === 'mcp_errors' && s.type === 'rate' && isUntagged(s.tags));
  const latency = duration?.type === 'trend' && duration.summary.count > 0 ? duration.summary : undefined;
  const outcomes = errors?.type === 'rate' ? errors.summary : { passes: 0, fails: 0 };
  const calls = outcomes.passes + outcomes.fails;
  const seconds = (metrics.endMs - metrics.startMs) / 1000;
  const { overall, byPhase } = result.httpPerCall;
  // Results converted from before discovery was its own phase may lack it.
  const discovery = byPhase.discovery ?? null;
  return {
    calls,
    errors: outcomes.passes,
    p50: latency?.p50 ?? null,
    p95: latency?.p95 ?? null,
    p99: latency?.p99 ?? null,
    throughput: seconds > 0 ? round(calls / seconds) : null,
    httpPerCall: { overall, discovery, setup: byPhase.setup, calls: byPhase.calls, teardown: byPhase.teardown },
    ...tokensOverall(result.toolOutput),
    tools: result.byTool.filter((row) => row.tool !== undefined).map((row) => ({ ...toolSummary(row), ...toolTokens(row, result.toolOutput) })),
  };
}

/** The run's tokens per call over all tools, and the replies it rests on. */
function tokensOverall(output: ToolOutputRecord | undefined): Pick<RunSummary, 'tokensPerCall' | 'tokenSample'> {
  if (output === undefined || output.tokensPerCall === null) return {};
  const measured = output.tools.filter((t) => t.tokensPerCall !== null);
  const sample: TokenSample = { sampled: measured.reduce((n, t) => n + t.sampled, 0), replies: measured.reduce((n, t) => n + t.replies, 0) };
  return { tokensPerCall: roundTokens(output.tokensPerCall), tokenSample: sample };
}

function toolTokens(row: OperationBreakdown, output: ToolOutputRecord | undefined): Pick<ToolSummary, 'tokensPerCall' | 'tokenSample'> {
  if (row.method !== 'tools/call' || output === undefined) return {};
  const t = output.tools.find((o) => o.tool === row.tool);
  if (t === undefined || t.tokensPerCall === null) return {};
  return { tokensPerCall: roundTokens(t.tokensPerCall), tokenSample: { sampled: t.sampled, replies: t.replies } };
}

/** A hundredth of a token is more than an estimate holds. */
function roundTokens(n: number): number {
  return Math.round(n * 100) / 100;
}

function toolSummary(row: OperationBreakdown): ToolSummary {
  const empty = row.calls === 0;
  return {
    key: toolKey(row),
    calls: row.calls,
    errors: row.errors,
    p50: empty ? null : row.p50,
    p95: empty ? null : row.p95,
    httpPerCall: empty ? null : row.httpPerCall,
  };
}

/** Tools by name; prompts and resources as `prompts/get:name`, `resources/read:uri`. */
function toolKey(row: OperationBreakdown): string {
  return row.method === 'tools/call' ? (row.tool as string) : `${row.method}:${row.tool}`;
}

function isUntagged(tags: Record<string, string>): boolean {
  return Object.keys(tags).length === 0;
}

/** Microsecond precision is all the histograms hold; it keeps histories small. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

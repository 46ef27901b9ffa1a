import { cpus } from 'node:os';
import { type RunOutcome, seriesKey, type ThresholdResult, recordOf, type RunRecord } from '../engine/index.ts';
import type { Scenario, ThresholdSpec } from '../scenario/index.ts';
import { TOOL_VERSION } from '../version.ts';
import { breakdowns } from './breakdown.ts';
import { findingsOf } from './findings.ts';
import { httpPerCall, sessionCounts } from './http-per-call.ts';
import { toolOutputOf } from './tool-output.ts';
import { instanceBreakdown } from './instances.ts';
import { sessionLifecycle } from './session-lifecycle.ts';
import { RESULT_SCHEMA_VERSION, type CheckOutcome, type Result, type ThresholdOutcome } from './types.ts';

/** The versioned result of a run: what the engine measured, in the one format every reader uses. */
export function buildResult(scenario: Scenario, url: string, run: RunOutcome, env: NodeJS.ProcessEnv = process.env): Result {
  return resultOfRecord(scenario, url, recordOf(run), env);
}

/** As buildResult, from a run's plain record (what a worker thread reports). */
export function resultOfRecord(scenario: Scenario, url: string, run: RunRecord, env: NodeJS.ProcessEnv = process.env): Result {
  const metrics = run.metrics;
  const result: Result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'mcp-load', version: TOOL_VERSION },
    scenario: { id: scenario.id, hash: scenario.hash, file: scenario.file, echo: scenario.toEcho() },
    target: publicUrl(url),
    environment: {
      os: process.platform,
      arch: process.arch,
      node: process.version,
      cpus: cpus().length,
      ci: env.CI === 'true',
      workers: 1,
    },
    startedAt: new Date(run.startedAt).toISOString(),
    endedAt: new Date(run.endedAt).toISOString(),
    durationMs: run.endedAt - run.startedAt,
    metrics,
    timeSeries: run.timeSeries,
    ...viewsOf(metrics),
    thresholds: thresholdOutcomes(scenario.thresholds, run.thresholds),
    errors: run.errors,
    warnings: run.warnings,
    findings: [],
    generator: { eventLoopLagP99Ms: run.generatorLagP99Ms },
    vusMax: run.vusMax,
  };
  if (env.GITHUB_SHA || env.GITHUB_REF) result.environment.git = { sha: env.GITHUB_SHA, ref: env.GITHUB_REF };
  if (run.interrupted) result.interrupted = run.interrupted;
  if (run.shard) result.shard = { index: run.shard.index, count: run.shard.count };
  if (run.traceExemplars) result.traceExemplars = run.traceExemplars;
  result.availability = run.availability;
  if (run.events) result.events = run.events;
  result.findings = findingsOf(result);
  return result;
}

/** What a result derives from its metrics: HTTP per call, sessions, per-tool and per-method tables, checks, tool output, instances. */
export function viewsOf(
  metrics: Result['metrics'],
): Pick<Result, 'httpPerCall' | 'sessions' | 'byTool' | 'byMethod' | 'checks' | 'toolOutput' | 'instances' | 'sessionLifecycle'> {
  const views: ReturnType<typeof viewsOf> = {
    httpPerCall: httpPerCall(metrics),
    sessions: sessionCounts(metrics),
    ...breakdowns(metrics),
    checks: checksOf(metrics),
  };
  const toolOutput = toolOutputOf(metrics);
  if (toolOutput !== undefined) views.toolOutput = toolOutput;
  const instances = instanceBreakdown(metrics);
  if (instances !== undefined) views.instances = instances;
  views.sessionLifecycle = sessionLifecycle(metrics);
  return views;
}

/** Evaluated thresholds under the keys the scenario wrote them with. */
export function thresholdOutcomes(specs: readonly Pick<ThresholdSpec, 'key' | 'default'>[], evaluated: readonly ThresholdResult[]): ThresholdOutcome[] {
  return evaluated.map((t, i) => ({
    key: specs[i]?.key ?? seriesKey(t.metric, t.tags),
    source: t.source,
    ok: t.ok,
    observed: t.observed,
    ...(t.error ? { error: t.error } : {}),
    ...(specs[i]?.default ? { default: true as const } : {}),
  }));
}

/** Pass and fail counts per check, from the tagged `checks` series. */
function checksOf(metrics: Result['metrics']): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  for (const s of metrics.metrics) {
    if (s.metric !== 'checks' || s.type !== 'rate' || s.tags.check === undefined) continue;
    out.push({ scenario: s.tags.scenario ?? '', step: s.tags.step ?? '', check: s.tags.check, passes: s.summary.passes, fails: s.summary.fails });
  }
  return out;
}

/** Drops credentials, query and fragment: tokens sometimes ride in URLs. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

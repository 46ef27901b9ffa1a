import { middleBandMs } from './middle-band.ts';
import { mergeTrendStates, type SeriesSnapshot, type TrendState } from '../engine/index.ts';
import type { Finding, Result } from './types.ts';

/** Fewer gateway failures than this of one operation are too few to call a cluster. */
export const DEADLINE_MIN_FAILURES = 5;
/** The middle 80 % of the gateway failures lie within this fraction of their median: one deadline. */
export const DEADLINE_SPREAD = 0.05;
/** Successful calls as long as this fraction of the deadline "run close to it". */
const CLOSE_TO_DEADLINE = 0.9;

/**
 * A proxy's deadline: an operation's gateway failures (a proxy's 502/503/504) bunched at one
 * duration while its successful calls run as long or longer. The proxy gave up at that duration,
 * the server may well have finished the work. Reads the per-tool `mcp_call_duration` histograms.
 */
export function proxyDeadlines(result: Pick<Result, 'metrics' | 'errors' | 'durationMs'>): Finding[] {
  const out: Finding[] = [];
  for (const group of byOperation(result.metrics.metrics).values()) {
    if (group.failed.length === 0 || group.succeeded.length === 0) continue;
    const failed = mergeTrendStates(group.failed, result.durationMs);
    const succeeded = mergeTrendStates(group.succeeded, result.durationMs);
    if (failed.summary.count < DEADLINE_MIN_FAILURES) continue;
    const band = middleBandMs(failed);
    const deadlineMs = failed.summary.p50;
    if (band.lowMs < deadlineMs * (1 - DEADLINE_SPREAD) || band.highMs > deadlineMs * (1 + DEADLINE_SPREAD)) continue;
    const longestMs = succeeded.summary.max;
    if (longestMs < deadlineMs * CLOSE_TO_DEADLINE) continue;
    out.push(finding(group, failed.summary.count, deadlineMs, band, longestMs, succeeded.summary.count, statusOf(result, group)));
  }
  return out;
}

interface OperationSeries {
  method: string;
  tool: string;
  failed: TrendState[];
  succeeded: TrendState[];
}

/** The gateway-failed and the successful duration series of each named operation, over scenarios. */
function byOperation(series: readonly SeriesSnapshot[]): Map<string, OperationSeries> {
  const groups = new Map<string, OperationSeries>();
  for (const s of series) {
    if (s.metric !== 'mcp_call_duration' || s.type !== 'trend' || s.tags.tool === undefined || s.summary.count === 0) continue;
    const gateway = s.tags.error_class === 'gateway';
    const success = s.tags.expected_response === 'true';
    if (!gateway && !success) continue;
    const key = `${s.tags.method}\u0000${s.tags.tool}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { method: s.tags.method ?? '', tool: s.tags.tool, failed: [], succeeded: [] }));
    (gateway ? group.failed : group.succeeded).push(s);
  }
  return groups;
}

/** The status most of the operation's gateway failures answered, from the error kinds. */
function statusOf(result: Pick<Result, 'errors'>, group: OperationSeries): number | undefined {
  let best: { status?: number; count: number } | undefined;
  for (const k of result.errors) {
    if (k.errorClass !== 'gateway' || k.method !== group.method || k.tool !== group.tool) continue;
    if (best === undefined || k.count > best.count) best = k;
  }
  return best?.status;
}

function finding(
  group: OperationSeries,
  failures: number,
  deadlineMs: number,
  band: { lowMs: number; highMs: number },
  longestMs: number,
  successes: number,
  status: number | undefined,
): Finding {
  const what = group.method === 'tools/call' ? `tool ${group.tool}` : `${group.method} ${group.tool}`;
  const answered = status === undefined ? 'a proxy error' : `HTTP ${status}`;
  const deadline = seconds(deadlineMs);
  return {
    id: 'proxy-deadline',
    severity: 'warning',
    statement: `a proxy timed out at ≈ ${deadline} on ${what}: ${count(failures)} calls answered ${answered} at ${deadline} while successful calls of ${group.tool} took up to ${seconds(longestMs)}; the server may have finished the work`,
    evidence: [
      `${count(failures)} gateway failures of ${what}, the middle 80 % between ${seconds(band.lowMs)} and ${seconds(band.highMs)} (median ${deadline})`,
      `${count(successes)} successful calls of ${what}, the longest ${seconds(longestMs)}`,
    ],
    advice: `set the timeout cascade: the balancer's timeout (≈ ${deadline} now, e.g. nginx proxy_read_timeout) above the server's processing timeout, and that above ${what}'s longest duration (${seconds(longestMs)} here)`,
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

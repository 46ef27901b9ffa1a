import type { ErrorKind } from '../engine/index.ts';
import { LOCAL_ERROR_CLASSES } from '../mcp/index.ts';
import { DEFAULT_MAX_DROPPED_SHARE } from '../scenario/index.ts';
import { proxyDeadlines } from './proxy-deadline.ts';
import { totalCount, totalOf } from './totals.ts';
import type { Finding, Result } from './types.ts';

/** Generator event-loop p99 (worst second) above this means the generator, not the server, set the pace. */
export const GENERATOR_LAG_LIMIT_MS = 50;
/** Dropped iterations above this share of the scheduled ones are a finding (and fail the default gate). */
export const DROPPED_SHARE_LIMIT = DEFAULT_MAX_DROPPED_SHARE;
/** The target is called unhealthy when at least this share of the calls failed. */
const UNHEALTHY_SHARE = 0.5;

/** Everything a result says about the run, as findings: most severe first. Reads the result only. */
export function findingsOf(result: Omit<Result, 'findings'>): Finding[] {
  const findings = [targetHealth(result), ...localErrors(result), ...proxyDeadlines(result), generatorSaturated(result), droppedIterations(result)].filter(
    (f): f is Finding => f !== undefined,
  );
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** What a failure kind means for the person running the test: a name, what happened, what to do. */
export interface FailureKind {
  id: string;
  /** `target unreachable`, `target unauthorised`… */
  title: string;
  /** How the calls failed, after "N of M MCP calls failed: …". */
  what: string;
  advice: string;
}

/** Names an error kind in words, with the fix a user would try first. */
export function describeFailure(kind: ErrorKind, target: string): FailureKind {
  const status = kind.status;
  const sample = kind.samples[0] ?? '';
  const step = kind.method === 'initialize' ? 'the session handshake (initialize)' : `${kind.method}${kind.tool === undefined ? '' : ` ${kind.tool}`}`;
  if (kind.errorClass === 'internal') {
    return { id: 'internal-error', title: 'mcp-load internal error', what: `mcp-load itself failed in ${step}`, advice: 'this is a bug in mcp-load, not in the server: please report it with result.json' };
  }
  if (kind.errorClass === 'generator') {
    return {
      id: 'generator-limit',
      title: 'generator limit',
      what: `the load generator hit a local limit in ${step}${codeOf(sample) ? ` (${codeOf(sample)})` : ''}`,
      advice: 'not charged to the server: raise the descriptor limit (ulimit -n) or run fewer VUs per process (--shard)',
    };
  }
  if (kind.reason === 'connect') {
    const code = codeOf(sample);
    return {
      id: 'target-unreachable',
      title: 'target unreachable',
      what: `${step} could not connect${code ? ` (${code})` : ''} to ${target}`,
      advice: code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `the host name does not resolve: check the target URL` : `nothing accepted the connection: check the target URL and that the server is running`,
    };
  }
  if (kind.reason === 'timeout') {
    return { id: 'target-timeout', title: 'target not answering', what: `${step} got no answer within the timeout`, advice: 'check that the server is up and not overloaded, or raise `timeout:` in the scenario' };
  }
  if (status === 401 || status === 403) {
    return {
      id: 'target-unauthorised',
      title: 'target unauthorised',
      what: `the server answered HTTP ${status} to ${step}`,
      advice: 'send credentials: `headers: { Authorization: "Bearer ${MCP_TOKEN}" }` in the scenario (the value from the environment)',
    };
  }
  if (status !== undefined && status >= 300 && status < 400) {
    return {
      id: 'target-redirects',
      title: 'target redirects',
      what: `the server redirected ${step} with HTTP ${status}${kind.location ? ` to ${kind.location}` : ''}`,
      advice: kind.location ? `mcp-load does not follow redirects: use ${kind.location} as the target` : 'mcp-load does not follow redirects: use the URL the redirect names as the target',
    };
  }
  if (status === 429) {
    return { id: 'target-rate-limited', title: 'target rate-limiting', what: `the server answered HTTP 429 (too many requests) to ${step}`, advice: 'the target rate-limits this load: lower the load, or raise or lift the limit for the test' };
  }
  if (status === 404 && kind.method === 'initialize') {
    return { id: 'target-not-mcp', title: 'no MCP endpoint', what: `the server answered HTTP 404 to ${step}`, advice: 'check the path of the target URL (often /mcp)' };
  }
  if (kind.errorClass === 'gateway') {
    return {
      id: 'gateway-errors',
      title: 'proxy failing',
      what: `a proxy or load balancer in front of the server answered HTTP ${status ?? '5xx'} to ${step}, not the server`,
      advice: "the balancer's own log says why (its upstream failed, refused or was too slow); the server's log may show the calls completing",
    };
  }
  if (status !== undefined && status >= 500) {
    return { id: 'target-failing', title: 'target failing', what: `the server answered HTTP ${status} to ${step}`, advice: "the server's own log says why" };
  }
  if (kind.errorClass === 'protocol') {
    return {
      id: 'protocol-errors',
      title: 'JSON-RPC errors',
      what: `the server returned JSON-RPC error${kind.code === undefined ? '' : ` ${kind.code}`} to ${step}`,
      advice: kind.code === -32601 || kind.code === -32602 ? 'check the method, tool name and arguments in the flow against `mcp-load session URL`' : 'the error message says why',
    };
  }
  if (kind.errorClass === 'tool') return { id: 'tool-errors', title: 'tool errors', what: `${step} returned isError: true`, advice: 'the tool reports a failure of its own: its message says why' };
  return {
    id: 'target-errors',
    title: 'target failing',
    what: `${step} failed${status ? ` with HTTP ${status}` : ''}${kind.reason ? ` (${kind.reason})` : ''}`,
    advice: 'the sample message says why',
  };
}

/** Most calls failed, mostly one way: the target, not the load, is the story. */
function targetHealth(result: Omit<Result, 'findings'>): Finding | undefined {
  const { calls, failed } = callTotals(result);
  const noneSucceeded = failed === calls && (calls > 0 || result.sessions.failed > 0);
  if (!noneSucceeded && (calls === 0 || failed / calls < UNHEALTHY_SHARE)) return undefined;
  const dominant = result.errors.find((k) => !LOCAL_ERROR_CLASSES.includes(k.errorClass));
  if (dominant === undefined) return undefined;
  const failure = describeFailure(dominant, result.target);
  const evidence = [`${count(failed)} of ${count(calls)} MCP calls failed`];
  if (result.sessions.failed > 0) evidence.push(`${count(result.sessions.failed)} session handshakes failed, ${count(result.sessions.created)} succeeded`);
  evidence.push(`${count(dominant.count)} × ${kindLabel(dominant)}`);
  if (dominant.samples[0]) evidence.push(`first message: ${dominant.samples[0]}`);
  if (result.sessions.backoffs > 0) evidence.push(`VUs backed off ${count(result.sessions.backoffs)} times before retrying a handshake`);
  return {
    id: failure.id,
    severity: 'error',
    statement: `${failure.title}: ${count(failed)} of ${count(calls)} MCP calls failed: ${failure.what}`,
    evidence,
    advice: failure.advice,
  };
}

/** Failures that are mcp-load's own: never charged to the server; an internal one fails the run. */
function localErrors(result: Omit<Result, 'findings'>): Finding[] {
  const out: Finding[] = [];
  for (const errorClass of LOCAL_ERROR_CLASSES) {
    const kinds = result.errors.filter((k) => k.errorClass === errorClass);
    if (kinds.length === 0) continue;
    const n = kinds.reduce((sum, k) => sum + k.count, 0);
    const failure = describeFailure(kinds[0], result.target);
    out.push({
      id: failure.id,
      severity: errorClass === 'internal' ? 'error' : 'warning',
      statement: `${failure.title}: ${count(n)} operations failed in mcp-load itself, not in the server`,
      evidence: kinds.slice(0, 3).map((k) => `${count(k.count)} × ${kindLabel(k)}${k.samples[0] ? `: ${k.samples[0]}` : ''}`),
      advice: failure.advice,
    });
  }
  return out;
}

function generatorSaturated(result: Omit<Result, 'findings'>): Finding | undefined {
  const lag = result.generator?.eventLoopLagP99Ms;
  if (lag === undefined || lag <= GENERATOR_LAG_LIMIT_MS) return undefined;
  return {
    id: 'generator-saturated',
    severity: 'warning',
    statement: `the generator, not the server, may have been the bottleneck: its event loop lagged up to ${Math.round(lag)} ms (p99 of a second), and every latency includes that lag`,
    evidence: [`worst per-second p99 event-loop delay ${Math.round(lag)} ms (limit ${GENERATOR_LAG_LIMIT_MS} ms)`],
    advice: 'run fewer VUs per process, or split the load over processes or machines (--shard)',
  };
}

function droppedIterations(result: Omit<Result, 'findings'>): Finding | undefined {
  const dropped = totalCount(result.metrics, 'dropped_iterations');
  const done = totalCount(result.metrics, 'iterations');
  // The scheduled iterations of the open model, as the default gate counts them (older results: every iteration).
  const scheduled = totalOf(result.metrics, 'dropped_iteration_share');
  const share = dropped / (scheduled?.type === 'rate' ? scheduled.summary.passes + scheduled.summary.fails : dropped + done);
  if (dropped === 0 || share <= DROPPED_SHARE_LIMIT) return undefined;
  return {
    id: 'dropped-iterations',
    severity: 'warning',
    statement: `${count(dropped)} scheduled iterations (${(share * 100).toFixed(1)} %) were dropped: no VU was free to start them, so the planned arrival rate was not reached and latency reflects less load than planned`,
    evidence: [`${count(dropped)} dropped, ${count(done)} run`],
    advice: 'raise maxVUs (and preAllocatedVUs), or lower the rate',
  };
}

/** Calls made and calls failed, from the untagged totals. */
export function callTotals(result: Pick<Result, 'metrics'>): { calls: number; failed: number } {
  const errors = totalOf(result.metrics, 'mcp_errors');
  if (errors?.type !== 'rate') return { calls: 0, failed: 0 };
  return { calls: errors.summary.passes + errors.summary.fails, failed: errors.summary.passes };
}

/** `transport · initialize · HTTP 401` */
export function kindLabel(kind: ErrorKind): string {
  const detail = [kind.status === undefined ? '' : `HTTP ${kind.status}`, kind.code === undefined ? '' : `code ${kind.code}`, kind.reason === undefined || kind.reason === 'http_status' ? '' : kind.reason].filter(Boolean);
  return [kind.errorClass, kind.tool === undefined ? kind.method : `${kind.method} ${kind.tool}`, ...detail].join(' · ');
}

function codeOf(message: string): string | undefined {
  return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(message)?.[1];
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

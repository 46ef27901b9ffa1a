import { OTHER_INSTANCE } from '../engine/index.ts';
import type { InstanceBreakdown, InstanceRow } from './instances.ts';
import type { SessionLifecycle } from './session-lifecycle.ts';
import type { Finding, Result } from './types.ts';

/** One instance serving at least this share of the requests, with others seen, is pinning. */
export const PINNED_SHARE = 0.9;
/** Shares or p95s this many times apart are an imbalance... */
export const IMBALANCE_RATIO = 2;
/** ... judged only with this many attributed requests in all, and this many successful calls per instance for latency. */
export const IMBALANCE_MIN_REQUESTS = 100;
export const IMBALANCE_MIN_CALLS = 20;
/** Fewer attributed requests say nothing about pinning. */
const PINNING_MIN_REQUESTS = 20;
/** p95s closer than this are not called apart, however large their ratio. */
const IMBALANCE_MIN_P95_GAP_MS = 5;
const SHOWN_INSTANCES = 5;

const STICKY_BY_SESSION = 'haproxy: `stick store-response res.hdr(mcp-session-id)` and `stick on req.hdr(mcp-session-id)`';

type Input = Pick<Result, 'sessions' | 'vusMax' | 'instances' | 'sessionLifecycle'>;

/** What the per-instance figures say about the balancer in front of the server. Reads the result only. */
export function instanceFindings(result: Input): Finding[] {
  const instances = result.instances;
  if (instances === undefined) return [];
  const lifecycle = result.sessionLifecycle;
  const out: Finding[] = [];
  const hashing = handshakeHashing(result, instances, lifecycle);
  if (hashing) out.push(hashing);
  else {
    const hops = sessionHops(instances, lifecycle);
    if (hops) out.push(hops);
  }
  const pinning = pinned(result, instances);
  if (pinning) out.push(pinning);
  else {
    const imbalance = imbalanced(instances);
    if (imbalance) out.push(imbalance);
  }
  return out;
}

/** Sessions served by more than one instance: a balancer without stickiness. */
function sessionHops(instances: InstanceBreakdown, lifecycle: SessionLifecycle | undefined): Finding | undefined {
  const hops = instances.sessionHops;
  if (hops === 0) return undefined;
  const failed = instances.callsFailedAfterHop;
  const lost = lifecycle?.lost ?? 0;
  const harmless = failed === 0 && lost === 0;
  const evidence = [
    `${count(hops)} ${plural(hops, 'session')} served by more than one instance; ${count(failed)} MCP ${plural(failed, 'call')} failed after a hop`,
  ];
  if (lifecycle && lost > 0) evidence.push(lossEvidence(lifecycle));
  if (lifecycle && lifecycle.reinitAttempts > 0) {
    evidence.push(
      `${count(lifecycle.reinitAttempts)} lost ${plural(lifecycle.reinitAttempts, 'session')} re-initialised, ${count(lifecycle.reinitialized)} successfully`,
    );
  }
  evidence.push(sharesEvidence(instances));
  return {
    id: 'session-hops',
    severity: harmless ? 'info' : 'error',
    statement: harmless
      ? `sessions hop between instances: ${count(hops)} ${plural(hops, 'session')} moved from one instance to another without failing (the instances share session state), but every hop costs the new instance a cold session`
      : `sessions hop between instances: ${count(hops)} ${plural(hops, 'session')} were served by more than one instance and ${count(failed)} MCP ${plural(failed, 'call')} failed after a hop; the balancer does not keep a session on the instance that holds it`,
    evidence,
    advice: `add stickiness by \`Mcp-Session-Id\`, learned from the initialize response (${STICKY_BY_SESSION}), or by a cookie the balancer inserts (haproxy \`cookie SRV insert\`, an ALB's stickiness cookie; mcp-load keeps cookies per session)`,
  };
}

/**
 * Handshakes fail while sessions that got through never move: the balancer hashes on a header
 * (Mcp-Session-Id) that initialize does not carry, so initialize goes anywhere and its follow-up,
 * which carries it, is hashed to another instance.
 */
function handshakeHashing(result: Input, instances: InstanceBreakdown, lifecycle: SessionLifecycle | undefined): Finding | undefined {
  if (lifecycle === undefined || lifecycle.lostAtHandshake === 0) return undefined;
  const lostInUse = lifecycle.lost - lifecycle.lostAtHandshake;
  if (lostInUse > 0 || lifecycle.reinitAttempts > 0 || result.sessions.created === 0 || named(instances).length < 2) return undefined;
  const handshakes = result.sessions.created + result.sessions.failed;
  return {
    id: 'handshake-hashing',
    severity: 'error',
    statement:
      `handshakes fail when the balancer hashes on a header the first request does not carry: ${count(lifecycle.lostAtHandshake)} of ${count(handshakes)} session handshakes failed ` +
      `(initialize was answered by one instance, its follow-up by another that did not know the session), while the ${count(result.sessions.created)} sessions that got through never moved`,
    evidence: [lossEvidence(lifecycle), `${count(result.sessions.created)} sessions created, none lost in use`, sharesEvidence(instances)],
    advice: `initialize carries no Mcp-Session-Id, so a hash on it (nginx \`hash $http_mcp_session_id\`) spreads initialize round-robin: learn the id from initialize's response instead (${STICKY_BY_SESSION}), or insert a stickiness cookie`,
  };
}

/** One instance took (nearly) everything while sessions ran side by side: stickiness by client IP. */
function pinned(result: Input, instances: InstanceBreakdown): Finding | undefined {
  const rows = named(instances);
  const attributed = rows.reduce((n, r) => n + r.requests, 0);
  if (rows.length === 0 || instances.folded || attributed < PINNING_MIN_REQUESTS || result.vusMax < 2 || result.sessions.created < 2) return undefined;
  const top = rows[0];
  if (rows.length > 1 && top.requests / attributed < PINNED_SHARE) return undefined;
  const sessions = `${count(result.sessions.created)} sessions of up to ${count(result.vusMax)} concurrent VUs`;
  const statement =
    rows.length === 1
      ? `only one instance (${top.instance}) served the run: all ${count(attributed)} attributed requests of ${sessions}; if the target has more instances, the test does not exercise them`
      : `one instance (${top.instance}) served ${percent(top.requests / attributed)} of ${count(attributed)} requests with ${count(rows.length)} instances seen (${sessions}): the test barely exercises the others`;
  return {
    id: 'instance-pinning',
    severity: 'warning',
    statement,
    evidence: [sharesEvidence(instances), `${count(result.sessions.created)} sessions created; at most ${count(result.vusMax)} VUs at once`],
    advice:
      'stickiness by client IP (nginx `ip_hash`, haproxy `stick on src`, source-IP affinity) pins every VU of one runner to one instance: stick by `Mcp-Session-Id` or a cookie instead, or run the load from several runners (`--shard` on several machines)',
  };
}

/** Instances served very different shares, or answered at very different p95s. */
function imbalanced(instances: InstanceBreakdown): Finding | undefined {
  const rows = named(instances);
  const attributed = rows.reduce((n, r) => n + r.requests, 0);
  if (rows.length < 2 || attributed < IMBALANCE_MIN_REQUESTS) return undefined;
  const most = rows[0];
  const least = rows[rows.length - 1];
  if (least.requests === 0 || most.requests / least.requests >= IMBALANCE_RATIO) {
    return {
      id: 'instance-imbalance',
      severity: 'warning',
      statement: `load is uneven across instances: ${most.instance} served ${percent(most.share)} of the requests and ${least.instance} ${percent(least.share)}, ${least.requests === 0 ? 'none' : `${(most.requests / least.requests).toFixed(1)} times fewer`}`,
      evidence: [sharesEvidence(instances)],
      advice:
        'check the balancing method and weights: a hash on a skewed key, or stickiness holding sessions of unequal length, loads some instances more than others',
    };
  }
  const timed = rows.filter((r) => r.p95 !== null && r.calls - r.errors >= IMBALANCE_MIN_CALLS).sort((a, b) => b.p95! - a.p95!);
  if (timed.length < 2) return undefined;
  const slow = timed[0];
  const fast = timed[timed.length - 1];
  if (slow.p95! / Math.max(fast.p95!, 0.001) < IMBALANCE_RATIO || slow.p95! - fast.p95! < IMBALANCE_MIN_P95_GAP_MS) return undefined;
  return {
    id: 'instance-imbalance',
    severity: 'warning',
    statement: `one instance is slower than the others: ${slow.instance} answered at p95 ${ms(slow.p95!)}, ${fast.instance} at ${ms(fast.p95!)}`,
    evidence: timed.slice(0, SHOWN_INSTANCES).map((r) => `${r.instance}: p95 ${ms(r.p95!)} over ${count(r.calls - r.errors)} successful calls`),
    advice: "the slow instance's host, resources or dependencies differ from the others': compare its metrics and logs",
  };
}

function named(instances: InstanceBreakdown): InstanceRow[] {
  return instances.rows.filter((r) => r.instance !== OTHER_INSTANCE);
}

function lossEvidence(lifecycle: SessionLifecycle): string {
  const byStatus = lifecycle.lostByStatus.map((s) => `${count(s.count)} × HTTP ${s.status}`).join(', ');
  const atHandshake = lifecycle.lostAtHandshake > 0 ? `, ${count(lifecycle.lostAtHandshake)} right after their handshake` : '';
  return `${count(lifecycle.lost)} ${plural(lifecycle.lost, 'session')} lost (${byStatus})${atHandshake}`;
}

function sharesEvidence(instances: InstanceBreakdown): string {
  const total = instances.rows.reduce((n, r) => n + r.requests, 0);
  const shown = instances.rows.slice(0, SHOWN_INSTANCES).map((r) => `${r.instance} ${count(r.requests)} (${percent(r.share)})`);
  const more = instances.rows.length > SHOWN_INSTANCES ? `, ${count(instances.rows.length - SHOWN_INSTANCES)} more` : '';
  return `requests per instance: ${shown.join(', ')}${more}, of ${count(total)} attributed`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share >= 0.995 || share < 0.005 ? 0 : 1)} %`;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

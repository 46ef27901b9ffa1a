import type { MetricsSnapshot } from '../engine/index.ts';
import { totalCount, totalOf } from './totals.ts';

/** How the run's sessions were lost and re-established, beyond SessionCounts. Durations in ms. */
export interface SessionLifecycle {
  /** Sessions the server no longer knew (404, or a 400 that said so)... */
  lost: number;
  /** ... of which right after their handshake (initialize answered, its follow-up refused), the rest while in use... */
  lostAtHandshake: number;
  /** ... by the status that said so, most first... */
  lostByStatus: { status: number; count: number }[];
  /** ... their age since the handshake when found lost (null without a loss)... */
  lostAgeMs: { p50: number; p95: number; max: number } | null;
  /** ... and the agent's calls they had made, on average. */
  lostMeanCalls: number | null;
  /** New sessions started after a loss, and those whose handshake succeeded. */
  reinitAttempts: number;
  reinitialized: number;
}

export function sessionLifecycle(snapshot: MetricsSnapshot): SessionLifecycle {
  const byStatus = new Map<number, number>();
  let atHandshake = 0;
  for (const s of snapshot.metrics) {
    if (s.metric !== 'sessions_lost' || s.type !== 'counter' || s.tags.status === undefined) continue;
    const status = Number(s.tags.status);
    byStatus.set(status, (byStatus.get(status) ?? 0) + s.summary.count);
    if (s.tags.phase === 'handshake') atHandshake += s.summary.count;
  }
  const lost = totalCount(snapshot, 'sessions_lost');
  const age = totalOf(snapshot, 'session_lost_age');
  return {
    lost,
    lostAtHandshake: atHandshake,
    lostByStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || a.status - b.status),
    lostAgeMs: age?.type === 'trend' && age.summary.count > 0 ? { p50: age.summary.p50, p95: age.summary.p95, max: age.summary.max } : null,
    lostMeanCalls: lost === 0 ? null : totalCount(snapshot, 'session_lost_calls') / lost,
    reinitAttempts: totalCount(snapshot, 'session_reinit_attempts'),
    reinitialized: totalCount(snapshot, 'session_reinits'),
  };
}

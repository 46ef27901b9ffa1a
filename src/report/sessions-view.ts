import type { Result } from '../results/index.ts';
import { formatMs, formatPercent } from './format.ts';
import { formatCount } from './markdown-text.ts';

/** One labelled figure, as every renderer lists it. */
export interface LifecycleFact {
  label: string;
  value: string;
}

/** Per upstream instance, formatted; instance names are untrusted plain text (each renderer escapes them). */
export interface InstanceRowView {
  instance: string;
  requests: string;
  share: string;
  httpFailed: string;
  calls: string;
  errors: string;
  p50: string;
  p95: string;
  sessions: string;
}

export interface InstancesView {
  rows: InstanceRowView[];
  /** How sessions moved between instances, and what the table leaves out (unattributed requests, folded instances). */
  notes: string[];
}

/** The sessions' lifecycle for the three reports: created, lost (status, age, calls), re-initialised (attempts, successes), closed, leaked. */
export function sessionLifecycleFacts(result: Result): LifecycleFact[] {
  const s = result.sessions;
  const l = result.sessionLifecycle;
  const facts: LifecycleFact[] = [
    { label: 'created', value: formatCount(s.created) },
    { label: 'failed handshakes', value: formatCount(s.failed) },
  ];
  if (l) {
    const byStatus = l.lostByStatus.map((x) => `${formatCount(x.count)} × HTTP ${x.status}`).join(', ');
    const detail = [byStatus, l.lostAtHandshake > 0 ? `${formatCount(l.lostAtHandshake)} right after the handshake` : ''].filter(Boolean).join('; ');
    facts.push({ label: 'lost', value: l.lost === 0 ? '0' : `${formatCount(l.lost)} (${detail})` });
    if (l.lostAgeMs) {
      facts.push({ label: 'age at loss', value: `p50 ${formatMs(l.lostAgeMs.p50)}, p95 ${formatMs(l.lostAgeMs.p95)}, max ${formatMs(l.lostAgeMs.max)}` });
    }
    if (l.lostMeanCalls !== null) facts.push({ label: 'calls before loss', value: `${l.lostMeanCalls.toFixed(1)} on average` });
    facts.push({ label: 're-initialised', value: `${formatCount(l.reinitialized)} of ${formatCount(l.reinitAttempts)} attempts` });
  } else {
    facts.push({ label: 're-initialised', value: formatCount(s.reinitialized) });
  }
  facts.push({ label: 'closed', value: formatCount(s.closed) }, { label: 'not closed (may leak on the server)', value: formatCount(s.notClosed) });
  if (s.backoffs > 0) facts.push({ label: 'back-offs after failed handshakes', value: formatCount(s.backoffs) });
  return facts;
}

/** The per-instance table; undefined when no response named the instance that served it. */
export function instancesView(result: Result): InstancesView | undefined {
  const b = result.instances;
  if (b === undefined) return undefined;
  const rows = b.rows.map(
    (r): InstanceRowView => ({
      instance: r.instance,
      requests: formatCount(r.requests),
      share: formatPercent(r.share),
      httpFailed: formatCount(r.httpFailed),
      calls: formatCount(r.calls),
      errors: r.errors === 0 ? '0' : `${formatCount(r.errors)} (${formatPercent(r.calls === 0 ? 0 : r.errors / r.calls)})`,
      p50: formatMs(r.p50),
      p95: formatMs(r.p95),
      sessions: formatCount(r.sessions),
    }),
  );
  const notes = [
    `${formatCount(b.sessionHops)} ${b.sessionHops === 1 ? 'session' : 'sessions'} served by more than one instance; ${formatCount(b.callsFailedAfterHop)} MCP calls failed after a hop`,
  ];
  if (b.unattributed > 0)
    notes.push(`${formatCount(b.unattributed)} of ${formatCount(b.requests)} HTTP requests named no instance (no response, or no instance header)`);
  if (b.folded) notes.push('instances past the first 16 are folded into "other"');
  return { rows, notes };
}

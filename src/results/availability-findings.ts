import { availabilitySummary, type FailureBurst, type SpanAvailability } from './availability.ts';
import { commandOutcome, eventImpacts, unexplainedBursts, type EventImpact } from './events.ts';
import type { Finding, Result } from './types.ts';

/** A window below this success ratio is a dip... */
export const DIP_BELOW = 0.95;
/** ... from a run that had windows at least this good (otherwise the run was bad throughout, a health finding). */
const HEALTHY_WINDOW = 0.99;

type Input = Pick<Result, 'events' | 'availability' | 'timeSeries' | 'startedAt'>;

/**
 * What followed each event that failures followed (`recovery`), and the dips in availability no
 * event explains (`availability-dip`): send-time windows, so a burst is dated when it began.
 */
export function availabilityFindings(result: Input): Finding[] {
  const series = result.availability;
  if (!series) return [];
  const impacts = eventImpacts(result);
  const out = impacts.filter((i) => i.burst).map(recoveryFinding);
  const healthy = series.calls.some((calls, k) => calls > 0 && 1 - series.failed[k] / calls >= HEALTHY_WINDOW);
  if (!healthy) return out;
  const dips = unexplainedBursts(series, impacts).filter((b) => b.worst.ratio !== null && b.worst.ratio < DIP_BELOW);
  if (dips.length > 0) out.push(dipFinding(dips, availabilitySummary(series).whole));
  return out;
}

function recoveryFinding(impact: EventImpact): Finding {
  const burst = impact.burst!;
  const { event } = impact;
  const at = event.firedAtMs!;
  const lasted = seconds(burst.lastMs - burst.firstMs);
  const name = `event ${event.name} at ${seconds(at)}`;
  const evidence = [
    `${count(burst.failed)} of ${count(burst.calls)} calls sent from ${seconds(burst.firstMs)} to ${seconds(burst.lastMs)} failed; the first was sent ${seconds(burst.firstMs - at)} after the event, the last ${seconds(burst.lastMs - at)} after it`,
    `availability: ${percent(impact.before)} in the 5 s before, ${percent(impact.after)} in the 5 s after, ${percent(impact.later)} in the 5 s after that; worst second ${window(burst.worst)}`,
  ];
  if (impact.p95BeforeMs !== null || impact.p95AfterMs !== null)
    evidence.push(`p95 of successful calls ${ms(impact.p95BeforeMs)} before, ${ms(impact.p95AfterMs)} after`);
  if (event.command) evidence.push(`its command ${commandOutcome(event.command)}`);
  if (!burst.recovered) {
    return {
      id: 'recovery',
      severity: 'error',
      statement: `after ${name}, calls kept failing until the run ended: no recovery was seen (the last failing call was sent ${seconds(burst.lastMs - at)} after it)`,
      evidence,
      advice: 'check that the failed part comes back (restart policy, health checks) and run long enough after the event to see it recover',
    };
  }
  return {
    id: 'recovery',
    severity: 'warning',
    statement: `after ${name}, calls failed for ${lasted} (time to recover, first to last failing call by send time) and availability fell to ${ratio(burst.worst.ratio)} before it recovered`,
    evidence,
    advice:
      'to keep the loss of an instance from reaching clients: health checks that take it out faster (nginx max_fails/fail_timeout, haproxy check inter/fall), retries of the request on another instance (nginx proxy_next_upstream, haproxy retries with option redispatch), and sessions that survive an instance (a shared session store, or a stateless server)',
  };
}

function dipFinding(dips: readonly FailureBurst[], whole: SpanAvailability): Finding {
  const worst = dips.reduce((a, b) => (b.worst.ratio! < a.worst.ratio! ? b : a));
  const evidence = dips
    .slice(0, 3)
    .map(
      (d) =>
        `${count(d.failed)} of ${count(d.calls)} calls sent from ${seconds(d.firstMs)} to ${seconds(d.lastMs)} failed${d.recovered ? '' : ' (still failing at the end of the run)'}; worst second ${window(d.worst)}`,
    );
  if (dips.length > 3) evidence.push(`${count(dips.length - 3)} more dips`);
  evidence.push(`the whole run: ${ratio(whole.ratio)} of ${count(whole.calls)} calls succeeded`);
  return {
    id: 'availability-dip',
    severity: 'warning',
    statement: `availability dipped to ${ratio(worst.worst.ratio)} at ≈ ${seconds(worst.firstMs)}${dips.length > 1 ? ` (${dips.length} dips)` : ''}: calls failed for ${seconds(worst.lastMs - worst.firstMs)} while the rest of the run was healthy, and no event of the scenario explains it`,
    evidence,
    advice:
      "the server's and the balancer's logs at that moment say why (a restart, a deploy, an instance marked down, a garbage collection); mark planned faults with events: to time their recovery",
  };
}

function window(w: SpanAvailability): string {
  return `${seconds(w.startMs)}–${seconds(w.endMs)}: ${count(w.failed)} of ${count(w.calls)} failed (${ratio(w.ratio)} available)`;
}

function percent(s: SpanAvailability): string {
  return s.ratio === null ? 'no calls' : `${ratio(s.ratio)} (${count(s.calls)} calls)`;
}

function ratio(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(1)} %`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function ms(v: number | null): string {
  return v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

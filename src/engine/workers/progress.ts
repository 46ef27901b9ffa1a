import type { Progress } from '../run.ts';

/** The workers' last progress as the whole run's: VUs and calls add, time is the furthest worker's. */
export function combineProgress(parts: readonly Progress[]): Progress {
  const whole: Progress = { elapsedMs: 0, totalMs: 0, vus: 0, callsPerSecond: 0, errorsPerSecond: 0, totalCalls: 0, totalErrors: 0, warmingUp: false };
  for (const p of parts) {
    whole.elapsedMs = Math.max(whole.elapsedMs, p.elapsedMs);
    whole.totalMs = Math.max(whole.totalMs, p.totalMs);
    whole.vus += p.vus;
    whole.callsPerSecond += p.callsPerSecond;
    whole.errorsPerSecond += p.errorsPerSecond;
    whole.totalCalls += p.totalCalls;
    whole.totalErrors += p.totalErrors;
    whole.warmingUp ||= p.warmingUp;
  }
  return whole;
}

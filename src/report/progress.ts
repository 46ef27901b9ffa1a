import type { Progress } from '../engine/index.ts';
import { formatDurationClock } from './format.ts';

/** The live progress line: elapsed/total, VUs, calls/s, errors. */
export function renderProgressLine(p: Progress): string {
  const phase = p.warmingUp ? ' warm-up' : '';
  const pct = p.totalMs > 0 ? Math.min(100, Math.floor((p.elapsedMs / p.totalMs) * 100)) : 0;
  return (
    `running${phase} ${formatDurationClock(p.elapsedMs)}/${formatDurationClock(p.totalMs)} (${pct}%)` +
    `  vus=${p.vus}  calls/s=${p.callsPerSecond}  calls=${p.totalCalls}  errors=${p.totalErrors}`
  );
}

/** Progress for a log rather than a terminal: the first line at once, then one line every `everyMs`. */
export function throttledProgress(write: (line: string) => void, everyMs: number): (p: Progress) => void {
  let lastLogged = -Infinity;
  return (p) => {
    if (p.elapsedMs - lastLogged < everyMs) return;
    lastLogged = p.elapsedMs;
    write(renderProgressLine(p));
  };
}

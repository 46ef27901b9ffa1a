const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;

// Units at most once each, largest first: 2h, 1m30s, 500ms, 1.5s.
const DURATION = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/;

export const DURATION_HINT = 'use 500ms, 30s, 1m30s';

/** Milliseconds for `500ms`, `30s`, `1m30s`, `2h` (and `0`); undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s + Number(ms ?? 0) * UNIT_MS.ms;
}

/** The shortest canonical spelling of a duration: 90000 → `1m30s`, 500 → `500ms`, 0 → `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['h', 'm', 's'] as const) {
    const whole = Math.floor(rest / UNIT_MS[unit]);
    if (whole > 0) {
      out += `${whole}${unit}`;
      rest -= whole * UNIT_MS[unit];
    }
  }
  if (rest > 0) out += `${Number(rest.toFixed(3))}ms`;
  return out;
}

import { plainText } from './format.ts';
import type { ResilienceView } from './resilience-view.ts';

/** The terminal's AVAILABILITY section: the run's availability, its worst second, and each event with what followed. */
export function resilienceLines(view: ResilienceView): string[] {
  if (view.availability === undefined && view.events.length === 0 && view.streams.length === 0) return [];
  const lines = ['  █ AVAILABILITY', ''];
  if (view.availability !== undefined) lines.push(`    ${view.availability}`);
  for (const s of view.streams) lines.push(`    ${s}`);
  if (view.worstWindow !== undefined) lines.push(`    worst second ${view.worstWindow}`);
  for (const e of view.events) {
    lines.push(
      '',
      `    ◆ ${plainText(e.name, 64)} at ${e.at}${e.command ? `  ${plainText(e.command, 160)}` : ''}${e.outcome ? `: ${plainText(e.outcome, 200)}` : ''}`,
    );
    if (e.output) lines.push(`        output: ${plainText(e.output, 200)}`);
    if (e.recovery) {
      lines.push(`        after it: ${e.errorsAfter} in 5 s; availability ${e.availability} (5 s before → 5 s after → 5 s later)`);
      lines.push(`        time to recover: ${e.recovery}; p95 ${e.p95}`);
    }
  }
  lines.push('', '');
  return lines;
}

import { inlineText, markdownTable } from './markdown-text.ts';
import type { ResilienceView } from './resilience-view.ts';

const MAX_TEXT = 200;

/** The PR comment's availability line and events table (every string escaped: command output is untrusted). */
export function resilienceMarkdown(view: ResilienceView): string[] {
  if (view.availability === undefined && view.events.length === 0 && view.streams.length === 0) return [];
  const lines = ['#### Availability', ''];
  if (view.availability !== undefined) {
    lines.push(`${inlineText(view.availability, MAX_TEXT)}${view.worstWindow === undefined ? '' : `; worst second ${inlineText(view.worstWindow, MAX_TEXT)}`}`);
  }
  for (const s of view.streams) lines.push('', inlineText(s, MAX_TEXT));
  if (view.events.length > 0) {
    if (view.availability !== undefined) lines.push('');
    lines.push(
      ...markdownTable(
        ['Event', 'At', 'Command', 'Errors in 5 s after', 'Availability before → after → later', 'Time to recover', 'p95 before → after'],
        ['left', 'right', 'left', 'right', 'left', 'left', 'left'],
        view.events.map((e) => [
          inlineText(e.name, 64),
          inlineText(e.at, 60),
          inlineText([e.command, e.outcome].filter(Boolean).join(': '), MAX_TEXT),
          inlineText(e.errorsAfter, 60),
          inlineText(e.availability, 60),
          inlineText(e.recovery, MAX_TEXT),
          inlineText(e.p95, 60),
        ]),
      ),
    );
  }
  return lines;
}

import { formatDuration } from './duration.ts';
import { show, type Issues } from './errors.ts';
import { MapReader } from './fields.ts';
import { plannedDurationMs } from './executors.ts';
import type { EventSpec, ScenarioSpec } from './types.ts';

export const EVENT_KEYS = ['at', 'name', 'run', 'timeout'] as const;
export const DEFAULT_EVENT_TIMEOUT_MS = 30_000;
const MAX_EVENT_TIMEOUT_MS = 10 * 60_000;
/** More events than this is a script, not a fault test; a name longer than this is not a label. */
const MAX_EVENTS = 50;
const MAX_NAME = 64;

/**
 * `events: [{ at: 8s, name: kill-b, run: "docker kill b" | [argv…], timeout: 10s }]`: moments of
 * the run (since its start, warm-up included) to mark, and commands to run then. Each event must
 * fall within the planned run, and a command must say something to run.
 */
export function readEvents(value: unknown, scenarios: readonly ScenarioSpec[], issues: Issues): EventSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    issues.add(['events'], `must be a list of events (e.g. - { at: 8s, name: kill-b, run: "docker kill b" }), got ${show(value)}`);
    return [];
  }
  if (value.length > MAX_EVENTS) issues.add(['events'], `at most ${MAX_EVENTS} events, got ${value.length}`);
  const endMs = Math.max(0, ...scenarios.map((s) => s.startTimeMs + plannedDurationMs(s)));
  const names = new Set<string>();
  const out: EventSpec[] = [];
  value.slice(0, MAX_EVENTS).forEach((item, i) => {
    const r = MapReader.open(item, ['events', i], issues);
    if (!r) return;
    r.allowOnly(EVENT_KEYS);
    const atMs = r.duration('at', { hint: 'when, since the run started, e.g. 8s' });
    if (r.has('at') && scenarios.length > 0 && atMs >= endMs) {
      issues.add(
        r.at('at'),
        `${formatDuration(atMs)} is at or after the planned end of the run (${formatDuration(endMs)}): the event would never happen; move it earlier or lengthen the load`,
      );
    }
    const name = r.string('name', { default: `event-${i + 1}` });
    if (name.length === 0 || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
      issues.add(r.at('name'), `must be 1 to ${MAX_NAME} printable characters`);
    } else if (names.has(name)) {
      issues.add(r.at('name'), `${show(name)} names another event too: give each event its own name`);
    }
    names.add(name);
    const event: EventSpec = { name, atMs, timeoutMs: r.duration('timeout', { default: DEFAULT_EVENT_TIMEOUT_MS, positive: true, max: MAX_EVENT_TIMEOUT_MS }) };
    const run = readRun(r, issues);
    if (run) event.run = run;
    out.push(event);
  });
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** A string runs through the shell (`/bin/sh -c`); a list runs as argv, without a shell. */
function readRun(r: MapReader, issues: Issues): EventSpec['run'] {
  if (!r.has('run')) return undefined;
  const value = r.get('run');
  if (typeof value === 'string') {
    if (value.trim() === '')
      issues.add(r.at('run'), 'is empty: write the command to run (a string runs in the shell), or leave run: out to only mark the moment');
    return { shell: value };
  }
  if (Array.isArray(value)) {
    const argv = value.map((part, j) => {
      if (typeof part === 'string' || typeof part === 'number') return String(part);
      issues.add([...r.at('run'), j], `must be a string, got ${show(part)}`);
      return '';
    });
    if (argv.length === 0 || argv[0] === '') issues.add(r.at('run'), 'is empty: a list is the program and its arguments, e.g. [docker, kill, b]');
    return { argv };
  }
  issues.add(r.at('run'), `must be a command: a string (run in the shell) or a list (program and arguments), got ${show(value)}`);
  return undefined;
}

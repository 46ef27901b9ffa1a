import { DURATION_HINT, parseDuration, type ExecutorOverrides } from '../scenario/index.ts';

/** Parses repeated `-H "Name: value"` options into a header map. */
export function parseHeaderOptions(values: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const raw of values ?? []) {
    const colon = raw.indexOf(':');
    if (colon <= 0) throw new UsageError(`header "${raw}" must look like "Name: value"`);
    headers[raw.slice(0, colon).trim()] = raw.slice(colon + 1).trim();
  }
  return headers;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Repeated `-e KEY=VALUE` as variables for the scenario's `${KEY}`; the last of one KEY wins. */
export function envOptions(values: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of values) {
    const equals = raw.indexOf('=');
    const key = equals < 0 ? raw : raw.slice(0, equals);
    if (equals < 0 || !VARIABLE_NAME.test(key))
      throw new UsageError(`-e needs KEY=VALUE with KEY a variable name (letters, digits, _), got "${key}${equals < 0 ? '' : '=…'}"`);
    env[key] = raw.slice(equals + 1);
  }
  return env;
}

/** `--vus`, `--duration`, `--iterations` checked as values; where each applies is the scenario's check (scenario/overrides.ts). */
export function overrideOptions(values: { vus?: string; duration?: string; iterations?: string }): ExecutorOverrides {
  const overrides: ExecutorOverrides = {};
  if (values.vus !== undefined) overrides.vus = wholeNumber('--vus', values.vus);
  if (values.iterations !== undefined) overrides.iterations = wholeNumber('--iterations', values.iterations);
  if (values.duration !== undefined) {
    const ms = parseDuration(values.duration);
    if (ms === undefined || ms <= 0) throw new UsageError(`--duration must be a duration longer than 0 (${DURATION_HINT}), got "${values.duration}"`);
    overrides.duration = values.duration;
  }
  return overrides;
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got "${text}"`);
  return n;
}

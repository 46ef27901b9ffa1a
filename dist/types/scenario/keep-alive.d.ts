import type { ScenarioSpec } from './types.ts';
/** Idle connections are kept at least this long, as before the key existed. */
export declare const MIN_DEFAULT_KEEP_ALIVE_MS = 10000;
/**
 * The idle lifetime of a kept-alive connection when the scenario sets no `keepAlive`: 5 s longer
 * than the longest think of any flow, and at least 10 s, so that thinking agents hold their
 * connections as production agents do. The server's `Keep-Alive: timeout` still caps it.
 */
export declare function defaultKeepAliveMs(scenarios: readonly ScenarioSpec[]): number;

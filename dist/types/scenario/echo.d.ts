import type { Scenario, ScenarioEcho } from './types.ts';
type EchoSource = Omit<Scenario, 'toEcho' | 'hash' | 'source'>;
/** The scenario as plain JSON, without secrets: header values, URL credentials and query values become "***". */
export declare function echoScenario(scenario: EchoSource, hash: string): ScenarioEcho;
/**
 * sha256 of the echo without where it came from, what it ran against, or how it is compared
 * (`regression:` tunes the verdict, not the load), so runs against any target compare.
 */
export declare function hashScenario(scenario: EchoSource): string;
/** JSON with object keys sorted at every level, so equal values hash equally. */
export declare function canonicalJson(value: unknown): string;
export {};

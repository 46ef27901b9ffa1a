import type { Result } from '../results/index.ts';
import type { Fingerprint } from './types.ts';
/** Same workload (and slice of it), same mcp-load major.minor, same kind of runner: only then are latencies comparable. */
export declare function fingerprint(result: Result): Fingerprint;
/** What differs between two fingerprints, in words; undefined when they match. */
export declare function fingerprintMismatch(current: Fingerprint, baseline: Fingerprint): string | undefined;

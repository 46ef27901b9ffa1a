import { MapReader, type Maximum } from '../fields.ts';
import type { Stage } from '../types.ts';
export declare const STAGE_KEYS: readonly ["duration", "target"];
export declare const VU_LIMIT: Maximum;
export declare const ITERATION_LIMIT: Maximum;
export declare const DEFAULT_GRACEFUL_RAMP_DOWN: number;
export declare const DEFAULT_MAX_DURATION: number;
export declare const DEFAULT_TIME_UNIT = 1000;
/** An arrival rate (iterations per timeUnit) above what one process can start is refused. */
export declare function checkRate(r: MapReader, path: readonly (string | number)[], rate: number, timeUnitMs: number): void;
export declare function readVuPool(r: MapReader): {
    preAllocatedVUs: number;
    maxVUs: number;
};
export declare function readStages(r: MapReader, hint: string, targetLimit?: Maximum): Stage[];
export declare function stagesDurationMs(stages: readonly Stage[]): number;
export declare function peakTarget(start: number, stages: readonly Stage[]): number;
export declare function shareStages(stages: readonly Stage[], share: (total: number) => number): Stage[];
/** `0 → 20 → 20 → 0`: the start and each stage's target (the first dozen). */
export declare function levelsText(start: number, stages: readonly Stage[]): string;
export declare function stageRows(stages: readonly Stage[], unit: string): {
    duration: string;
    target: string;
}[];
export declare function vuPoolText(config: {
    preAllocatedVUs: number;
    maxVUs: number;
}): {
    label: string;
    value: string;
};

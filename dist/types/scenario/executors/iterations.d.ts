import type { MapReader } from '../fields.ts';
/** The options both iteration-count executors read. */
export declare function readIterations(r: MapReader): {
    vus: number;
    iterations: number;
    maxDurationMs: number;
};

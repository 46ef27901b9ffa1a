import { type TrendState } from '../engine/index.ts';
/** The 10th and 90th percentiles of a trend: the middle 80 % of its samples lie between them (how the clustering findings say "bunched at ≈ T"). */
export declare function middleBandMs(state: TrendState): {
    lowMs: number;
    highMs: number;
};

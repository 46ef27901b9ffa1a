import type { Finding } from '../results/index.ts';
import type { History } from './types.ts';
/**
 * Change points in a series of runs by E-divisive means (Matteson & James, "A Nonparametric Approach
 * for Multiple Change Point Analysis of Multivariate Data", JASA 2014), as MongoDB runs it over its
 * nightly performance results (Daly et al., ICPE 2020) and hunter / Apache Otava after it: the split
 * that maximises the energy distance between the two sides is a candidate, kept when a permutation
 * test says a split that strong is unlikely in a series without one; then each side is searched again.
 */
export interface ChangePoint {
    /** Index of the first run after the shift. */
    index: number;
    /** Medians of the runs on either side (up to the neighbouring change points). */
    before: number;
    after: number;
    /** after / before − 1. */
    change: number;
    /** Permutation p-value of the split. */
    pValue: number;
}
export interface ChangePointOptions {
    /** Permutation test level. Default 0.01: about 1 false alarm in 200 nightly series of 30 runs (docs/change-points.md). */
    alpha?: number;
    /** Permutations per test. Default 199 (p-values down to 0.005). */
    permutations?: number;
    /** Fewest runs on either side of a change point. Default 3. */
    minSegment?: number;
    /** Shifts smaller than this relative change are not reported (noise-level moves). Default 0.05. */
    minChange?: number;
    seed?: number;
}
export declare function changePoints(series: readonly number[], options?: ChangePointOptions): ChangePoint[];
/** The series a history's trend shows and its change points are found in. */
export declare function historySeries(history: History): {
    id: string;
    label: string;
    unit: string;
    values: (number | null)[];
}[];
/**
 * One finding per change point of a tracked figure over the history (oldest run first): the run
 * where the shift began, its magnitude, and the medians either side. Runs without the figure are skipped.
 */
export declare function changePointFindings(history: History, options?: ChangePointOptions): Finding[];

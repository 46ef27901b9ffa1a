/** Quantile `q` (0..1) of ascending values, linear between order statistics (R type 7). */
export declare function quantile(sorted: ArrayLike<number>, q: number): number;
export declare function median(values: readonly number[]): number;
export interface RelativeChange {
    /** The Hodges–Lehmann estimate of the ratio current / baseline, minus 1. */
    estimate: number;
    low: number;
    high: number;
    /** The interval's exact coverage under the shift model: at least the confidence asked for. */
    coverage: number;
}
/**
 * Distribution-free interval of the relative change between two independent samples (Lehmann's
 * interval for a shift, on log values, so a slow-down by a factor is a shift): the order statistics
 * of the m·n pairwise log-ratios current_j / baseline_i that the Mann–Whitney null distribution
 * puts at the two tails. Its coverage is exact for any sample size when the windows of a run are
 * exchangeable; discreteness makes it at least `confidence`, never less (3 vs 3 windows reach 90 %).
 * Undefined when the samples are too small to reach `confidence` at all, or the baseline median
 * is not positive.
 */
export declare function rankRelativeChange(baseline: readonly number[], current: readonly number[], confidence: number): RelativeChange | undefined;
/** P(Z > z) for a standard normal Z (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8), never rounded to 0. */
export declare function normalTail(z: number): number;
/**
 * Pooled two-proportion z-test of `x2/n2` against `x1/n1`: one-sided p-values for a rise and a fall.
 * Both are 1 when nothing happened in either sample (no evidence either way).
 */
export declare function twoProportionTest(x1: number, n1: number, x2: number, n2: number): {
    pRise: number;
    pFall: number;
};
/** median ± k·IQR of a history's per-run values: robust to the odd bad run it contains. */
export declare function robustBand(values: readonly number[], k: number): {
    center: number;
    low: number;
    high: number;
};
/** The fewest samples per side with which `rankRelativeChange` reaches `confidence` (3 at 90 %, 4 at 95 %). */
export declare function fewestRankSamples(confidence: number): number;

import { decodeHistogram, type TrendState } from '../engine/index.ts';

/** The 10th and 90th percentiles of a trend: the middle 80 % of its samples lie between them (how the clustering findings say "bunched at ≈ T"). */
export function middleBandMs(state: TrendState): { lowMs: number; highMs: number } {
  const { histogram } = decodeHistogram(state.hdr);
  try {
    return { lowMs: histogram.getValueAtPercentile(10) / 1000, highMs: histogram.getValueAtPercentile(90) / 1000 };
  } finally {
    histogram.destroy();
  }
}

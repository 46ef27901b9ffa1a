export { buildResult, publicUrl } from './build.ts';
export { readResult, writeResult, ResultFileError } from './file.ts';
export { httpPerCall } from './http-per-call.ts';
export * from './types.ts';
export { breakdowns, type OperationBreakdown } from './breakdown.ts';
export { thresholdOutcomes, viewsOf } from './build.ts';
export { mergeShardResults, MergeError, type ShardResultFile } from './merge.ts';
export { mergeTimeSeries, type ShardSeries } from './merge-time-series.ts';
export { mergeErrorKinds } from './merge-errors.ts';

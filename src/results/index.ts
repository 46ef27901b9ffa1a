export { buildResult, publicUrl } from './build.ts';
export { readResult, writeResult, ResultFileError } from './file.ts';
export { httpPerCall } from './http-per-call.ts';
export * from './types.ts';
export { breakdowns, type OperationBreakdown } from './breakdown.ts';

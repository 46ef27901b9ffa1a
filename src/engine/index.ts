// The engine's public surface: runs a scenario's load against a target and keeps its metrics.
export { runTest, type Progress, type RunOptions, type RunOutcome } from './run.ts';
export * from './metrics/index.ts';
export { decodeHistogram } from './metrics/histogram.ts';
export { TrendSink } from './metrics/trend.ts';
export { StopSignal } from './stop-signal.ts';
export { withStopSignals } from './process-signals.ts';
export { TargetNotReadyError, WaitInterruptedError, waitForTarget } from './readiness.ts';
export { DescriptorBudgetError, checkDescriptorBudget, currentDescriptorLimits } from './descriptor-budget.ts';
export { MAX_KINDS, MAX_SAMPLES_PER_KIND, type ErrorKind } from './error-samples.ts';
export { MAX_TRACE_EXEMPLARS, type TraceExemplar } from './trace-exemplars.ts';
export { TOKEN_ENCODING, TOKENIZER } from './tool-output-tokens.ts';
export { defaultWorkerCount, workersWithLoad } from './workers/count.ts';
export { recordOf, type RunRecord } from './workers/record.ts';
export { runInWorkers, WorkerError, type WorkersOptions, type WorkersOutcome } from './workers/pool.ts';
export type { WorkerTask } from './workers/protocol.ts';
export { preflight } from './preflight.ts';

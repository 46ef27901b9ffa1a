export { loadScenario, parseScenario, readScenarioText, slugify, type LoadOptions } from './load.ts';
export type { ExecutorOverrides } from './overrides.ts';
export { ScenarioError, type ScenarioIssue } from './errors.ts';
export { parseDuration, formatDuration, DURATION_HINT } from './duration.ts';
export { interpolate } from './interpolate.ts';
export { actionVariablePolicy, cliVariablePolicy, isNeverRead, type VariablePolicy } from './variables.ts';
export { compileArgs, compileTemplate, TemplateError, type DataRows } from './templates.ts';
export { compileThink } from './think.ts';
export { parseThresholdKey, parseThresholdExpression, BUILTIN_METRICS, type MetricType } from './thresholds.ts';
export {
  plannedDurationMs,
  peakVUs,
  isOpenModel,
  loadPlan,
  describeExecutor,
  shortcutExecutors,
  type ExecutorDescription,
  type LoadPlan,
} from './executors.ts';
export type * from './types.ts';
export { formatShard, parseShard, scenarioWith, shardExecutor, shardScenario, shardsWithLoad, shareOf, ShardError, type Shard } from './shard.ts';
export { openFileLimit, RESERVED_DESCRIPTORS } from './limits.ts';
export { didYouMean } from './suggest.ts';
export { compileSchemaSampler, SchemaSampleError } from './schema-sample.ts';
export { MAX_WORKERS, WORKER_MODES, type WorkerMode } from './limits.ts';
export { defaultKeepAliveMs } from './keep-alive.ts';
export { DEFAULT_MAX_DROPPED_SHARE } from './defaults.ts';

export { loadScenario, parseScenario, slugify, type LoadOptions } from './load.ts';
export { ScenarioError, type ScenarioIssue } from './errors.ts';
export { parseDuration, formatDuration } from './duration.ts';
export { interpolate } from './interpolate.ts';
export { compileArgs, compileTemplate, TemplateError, type DataRows } from './templates.ts';
export { compileThink } from './think.ts';
export { parseThresholdKey, parseThresholdExpression, BUILTIN_METRICS, type MetricType } from './thresholds.ts';
export { plannedDurationMs, peakVUs } from './executors.ts';
export type * from './types.ts';

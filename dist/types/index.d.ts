export { TOOL_VERSION } from './version.ts';
export { loadScenario, parseScenario, ScenarioError, parseDuration, formatDuration, parseShard, shardScenario, ShardError, type LoadOptions, type Scenario, type ScenarioIssue, type Shard, } from './scenario/index.ts';
export { McpTarget, McpSession, TransportError, GatewayError, ClientCredentialsAuth, AuthError, OUTCOME_CLASSES, ERROR_CLASSES, type TargetOptions, type SessionOptions, type OperationResult, type OutcomeClass, } from './mcp/index.ts';
export { runTest, StopSignal, type RunOptions, type RunOutcome, type Progress } from './engine/index.ts';
export { buildResult, readResult, writeResult, ResultFileError, mergeShardResults, MergeError, findingsOf, RESULT_SCHEMA_VERSION, type Result, type Finding, type ShardResultFile, } from './results/index.ts';
export { compare, readHistory, type CompareOptions, type Comparison, type ComparisonVerdict, type History } from './compare/index.ts';
export { buildReportView, renderTerminalSummary, renderMarkdown, renderHtmlReport, renderComparison, type ReportView, type MarkdownOptions, type HtmlReportOptions, } from './report/index.ts';
export { parseOutputSpec, openOutputs, renderJunit, OutputSpecError, type Output, type OutputSpec } from './outputs/index.ts';

// mcp-load as a library: the front door the CLI and the action are built from (docs: README, Library).
// Everything here comes from a layer's barrel; what is not exported here is not public.

export { TOOL_VERSION } from './version.ts';

// A scenario: read, validated, defaults applied.
export {
  loadScenario,
  parseScenario,
  ScenarioError,
  parseDuration,
  formatDuration,
  parseShard,
  shardScenario,
  ShardError,
  type LoadOptions,
  type Scenario,
  type ScenarioIssue,
  type Shard,
} from './scenario/index.ts';

// The wire client: one target (connection pools), sessions on it.
export {
  McpTarget,
  McpSession,
  TransportError,
  GatewayError,
  ClientCredentialsAuth,
  AuthError,
  OUTCOME_CLASSES,
  ERROR_CLASSES,
  type TargetOptions,
  type SessionOptions,
  type OperationResult,
  type OutcomeClass,
} from './mcp/index.ts';

// A load test.
export { runTest, StopSignal, type RunOptions, type RunOutcome, type Progress } from './engine/index.ts';

// result.json: built from a run, read, written, merged across shards; its findings.
export {
  buildResult,
  readResult,
  writeResult,
  ResultFileError,
  mergeShardResults,
  MergeError,
  findingsOf,
  RESULT_SCHEMA_VERSION,
  type Result,
  type Finding,
  type ShardResultFile,
} from './results/index.ts';

// Regression detection against a baseline or a history.
export { compare, readHistory, type CompareOptions, type Comparison, type ComparisonVerdict, type History } from './compare/index.ts';

// The renderers, all reading one derived view.
export {
  buildReportView,
  renderTerminalSummary,
  renderMarkdown,
  renderHtmlReport,
  renderComparison,
  type ReportView,
  type MarkdownOptions,
  type HtmlReportOptions,
} from './report/index.ts';

// Outputs beside result.json: JUnit, JSON lines, Prometheus remote write, OTLP.
export { parseOutputSpec, openOutputs, renderJunit, OutputSpecError, type Output, type OutputSpec } from './outputs/index.ts';

import { capacityMarkdown } from './capacity-view.ts';
import { resilienceMarkdown } from './resilience-markdown.ts';
import { historyMarkdown, historyView, type HistoryView } from './history-view.ts';
import type { History } from '../compare/index.ts';
import type { ErrorKind } from '../engine/index.ts';
import type { OperationBreakdown } from '../results/index.ts';
import type { CheckOutcome, Result, ThresholdOutcome } from '../results/index.ts';
import type { Comparison, ComparisonVerdict } from '../compare/index.ts';
import type { FlowStepView } from './load-view.ts';
import { formatBytes, formatMs, formatObserved, formatPercent } from './format.ts';
import {
  commentMarker,
  cellText,
  formatChange,
  formatCompactCount,
  formatCount,
  formatRatio,
  formatScenarioDuration,
  inlineText,
  linkDestination,
  markdownTable,
  figureTable,
} from './markdown-text.ts';

import { buildReportView, VERDICT_LABELS, type ReportView, type VerdictRow } from './view.ts';
import { toolOutputMarkdown } from './tool-output-view.ts';

export { commentMarker } from './markdown-text.ts';

export type { ComparisonVerdict };

export interface MarkdownOptions {
  baseline?: Result;
  /** The comparison with the baseline; its verdicts judge the key figures. */
  comparison?: Comparison;
  /** Verdicts alone (a comparable comparison of these). */
  verdicts?: readonly ComparisonVerdict[];
  /** The HTML report (http or https only; anything else is not linked). */
  reportUrl?: string;
  /** Replaces the scenario id in the hidden marker, e.g. one comment per matrix job. */
  marker?: string;
  /** Default 65 000, under GitHub's 65 536-character limit for a comment or a job summary. */
  maxLength?: number;
  /** Per-tool rows shown, most called first; default 10. */
  topTools?: number;
  /** Earlier runs of the workload (oldest first): the history section and its change points. */
  history?: History;
}

export const DEFAULT_MAX_LENGTH = 65_000;
const DEFAULT_TOP_TOOLS = 10;

/** Longest untrusted strings, in characters before escaping. */
const MAX_NAME = 80;
const MAX_LABEL = 120;
const MAX_MESSAGE = 200;
/** Names in the first screen's tables: longer ones are cut so that no table outgrows the comment column (full in the folded tables and the HTML report). */
const MAX_CELL_NAME = 36;
const MAX_CELL_LABEL = 56;

type Detail = 'errors' | 'checks' | 'warnings' | 'unchanged' | 'tools' | 'methods' | 'environment' | 'scenario';
const DETAIL_ORDER: readonly Detail[] = ['errors', 'checks', 'tools', 'methods', 'unchanged', 'warnings', 'environment', 'scenario'];
/** Folded sections dropped first when the comment is too long: the least useful for a reviewer first. */
const DROP_ORDER: readonly Detail[] = ['scenario', 'environment', 'tools', 'methods', 'unchanged', 'warnings', 'checks', 'errors'];
const DETAIL_TITLES: Record<Detail, string> = {
  errors: 'error classes',
  checks: 'checks',
  warnings: 'warnings',
  unchanged: 'unchanged comparisons',
  tools: 'per-tool table',
  methods: 'per-method table',
  environment: 'environment',
  scenario: 'scenario shape',
};

/** How much of each section is rendered; shrunk step by step until the comment fits. */
interface Plan {
  details: readonly Detail[];
  detailRows: number;
  errorSamples: number;
  toolRows: number;
  verdictRows: number;
  thresholdRows: number;
}

/**
 * The PR comment / job summary: a hidden marker, the verdict in one line, the key figures against the
 * baseline, then thresholds, comparisons, the MCP-vs-HTTP ratio, the busiest tools and folded details.
 * Whatever the result holds, the text stays under `maxLength` and server strings stay inert.
 */
export function renderMarkdown(result: Result, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const input = prepare(result, options);
  const full: Plan = {
    details: DETAIL_ORDER,
    detailRows: 50,
    errorSamples: 2,
    toolRows: Math.max(0, options.topTools ?? DEFAULT_TOP_TOOLS),
    verdictRows: 20,
    thresholdRows: 20,
  };
  full.details = DETAIL_ORDER.filter((detail) => detailSection(detail, input, full).length > 0);
  let last = '';
  for (const plan of shrinking(full)) {
    const body = render(input, plan);
    const text = plan === full ? body : `${body}\n${truncationNote(input, full, plan)}\n`;
    if (text.length <= maxLength) return text;
    last = body;
  }
  return cutToLength(last, truncationNote(input, full, undefined), maxLength);
}

function* shrinking(full: Plan): Generator<Plan> {
  yield full;
  let plan: Plan = { ...full, detailRows: Math.min(full.detailRows, 20), errorSamples: 1 };
  yield plan;
  for (const drop of DROP_ORDER) {
    plan = { ...plan, details: plan.details.filter((d) => d !== drop) };
    yield plan;
  }
  for (const [tools, rows] of [
    [5, 10],
    [3, 5],
    [0, 0],
  ]) {
    yield {
      ...plan,
      toolRows: Math.min(full.toolRows, tools),
      verdictRows: Math.min(full.verdictRows, rows),
      thresholdRows: Math.min(full.thresholdRows, rows),
    };
  }
}

function truncationNote(input: Input, full: Plan, plan: Plan | undefined): string {
  const left: string[] = [];
  if (plan === undefined) left.push('most sections');
  else {
    const dropped = full.details.filter((d) => !plan.details.includes(d)).map((d) => DETAIL_TITLES[d]);
    if (dropped.length > 0) left.push(dropped.join(', '));
    if (plan.details.length > 0 && (plan.errorSamples < full.errorSamples || plan.detailRows < full.detailRows))
      left.push('rows and error samples of folded tables');
    const notable = (input.verdicts ?? []).filter((v) => v.verdict !== 'unchanged').length;
    const cut = (shown: number, all: number, fullShown: number): boolean => shown < fullShown && all > shown;
    if (
      cut(plan.toolRows, input.tools.length, full.toolRows) ||
      cut(plan.verdictRows, notable, full.verdictRows) ||
      cut(plan.thresholdRows, input.result.thresholds.length, full.thresholdRows)
    ) {
      left.push('rows of long tables');
    }
  }
  const where = input.reportLink ? `the [HTML report](${input.reportLink}) and result.json` : 'result.json';
  return `✂️ *Shortened to fit GitHub's comment size limit: left out ${left.join('; ')}. Everything is in ${where}.*`;
}

/** Last resort for a tiny `maxLength`: whole lines only, so no table row or HTML tag is cut. */
function cutToLength(body: string, note: string, maxLength: number): string {
  const lines = body.split('\n');
  const kept: string[] = [];
  let length = note.length + 2;
  for (const line of lines) {
    if (length + line.length + 1 > maxLength) break;
    kept.push(line);
    length += line.length + 1;
  }
  if (kept.length > 0) return `${kept.join('\n')}\n${note}\n`;
  return lines[0].length + 1 <= maxLength ? `${lines[0]}\n` : '';
}

// ---------------------------------------------------------------------------------------------
// Data: everything sections need, computed once (sorting 10 000 tools is not repeated per plan).

interface Input {
  result: Result;
  baseline: Result | undefined;
  verdicts: readonly ComparisonVerdict[] | undefined;
  marker: string;
  reportLink: string | undefined;
  view: ReportView;
  tools: OperationBreakdown[];
  baselineTools: Map<string, OperationBreakdown>;
  history: HistoryView | undefined;
}

function prepare(result: Result, options: MarkdownOptions): Input {
  const tools = [...result.byTool].sort((a, b) => b.calls - a.calls);
  const baselineTools = new Map((options.baseline?.byTool ?? []).map((row) => [toolKey(row), row]));
  const comparison = options.comparison ?? (options.verdicts ? comparisonOf(options.verdicts) : undefined);
  return {
    result,
    baseline: options.baseline,
    verdicts: comparison?.comparable ? comparison.verdicts : undefined,
    marker: commentMarker(options.marker ?? result.scenario.id),
    reportLink: options.reportUrl === undefined ? undefined : linkDestination(options.reportUrl),
    view: buildReportView(result, { ...(options.baseline ? { baseline: options.baseline } : {}), ...(comparison ? { comparison } : {}) }),
    tools,
    baselineTools,
    history: options.history && historyView(options.history, result),
  };
}

function toolKey(row: OperationBreakdown): string {
  return `${row.method}\u0000${row.tool ?? ''}`;
}

function comparisonOf(verdicts: readonly ComparisonVerdict[]): Comparison {
  const gated = verdicts.filter((v) => v.gated);
  return {
    comparable: true,
    verdicts: [...verdicts],
    regression: gated.some((v) => v.verdict === 'regression'),
    inconclusive: gated.some((v) => v.verdict === 'inconclusive'),
    method: 'rank-interval',
  };
}

// ---------------------------------------------------------------------------------------------
// Sections, in reading order.

function render(input: Input, plan: Plan): string {
  const blocks = [
    [input.marker, verdictLine(input)],
    contextLines(input),
    findingSection(input),
    keyTable(input),
    capacityMarkdown(input.result.capacity, input.baseline?.capacity),
    historyMarkdown(input.history),
    topErrorSection(input),
    resilienceMarkdown(input.view.resilience),
    comparisonSection(input, plan),
    thresholdSection(input.result.thresholds, plan.thresholdRows),
    ratioSection(input),
    sessionsSection(input),
    toolSection(input, plan.toolRows),
    toolOutputMarkdown(input.view.toolOutput, plan.toolRows),
    ...plan.details.map((detail) => detailSection(detail, input, plan)),
  ];
  return blocks
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')
    .concat('\n');
}

function verdictLine({ view }: Input): string {
  const v = view.verdict;
  const comparison = v.comparison === undefined ? '' : ` — ${inlineText(v.comparison, MAX_MESSAGE)}`;
  return `${v.icon} **mcp-load: ${inlineText(v.title, MAX_MESSAGE * 2)}** — ${inlineText(v.summary, MAX_MESSAGE)}${comparison}`;
}

const SEVERITY_ICONS = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

/** What happened, its evidence and the fix: first, because a number is not enough. */
function findingSection({ view }: Input): string[] {
  if (view.findings.length === 0) return [];
  return [
    '#### Findings',
    '',
    ...view.findings.slice(0, 10).map((f) => {
      const evidence =
        f.evidence.length === 0
          ? ''
          : `<br>Evidence: ${f.evidence
              .slice(0, 5)
              .map((e) => inlineText(e, MAX_MESSAGE))
              .join('; ')}`;
      const advice = f.advice === undefined ? '' : `<br>**Fix:** ${inlineText(f.advice, MAX_MESSAGE)}`;
      return `- ${SEVERITY_ICONS[f.severity]} ${inlineText(f.statement, MAX_MESSAGE * 2)}${evidence}${advice}`;
    }),
  ];
}

/** A list, not a table: messages and advice are sentences that must wrap in the comment column. */
function topErrorSection({ view }: Input): string[] {
  if (view.topErrors.length === 0) return [];
  return [
    '#### What failed',
    '',
    ...view.topErrors.map(
      (e) => `- **${e.count}** × ${inlineText(e.kind, MAX_LABEL)}: ${inlineText(e.message, MAX_MESSAGE)}<br>→ ${inlineText(e.advice, MAX_MESSAGE)}`,
    ),
  ];
}

function contextLines({ result, baseline, reportLink }: Input): string[] {
  const facts = [
    `Scenario **${inlineText(result.scenario.id, MAX_NAME)}**`,
    formatScenarioDuration(Math.round(result.durationMs / 100) * 100),
    `${formatCount(result.vusMax)} VUs max`,
    `target ${inlineText(result.target, MAX_LABEL)}`,
  ];
  // The whole load of a sharded test, or one slice of it: figures mean different things.
  if (result.mergedShards) facts.splice(3, 0, `merged from ${formatCount(result.mergedShards)} shards`);
  else if (result.shard) facts.splice(3, 0, `shard ${result.shard.index}/${result.shard.count} (a slice of the load)`);
  const sha = result.environment.git?.sha;
  if (sha) facts.push(`commit ${inlineText(sha.slice(0, 7), 7)}`);
  if (reportLink) facts.push(`📊 [HTML report](${reportLink})`);
  const lines = [facts.join(' · ')];
  if (result.interrupted === 'signal') lines.push('', '⚠️ The run was interrupted before it finished: figures cover the part that ran.');
  if (baseline) {
    const git = baseline.environment.git;
    const from = [
      `run of ${inlineText(baseline.startedAt.slice(0, 10), 10)}`,
      ...(git?.sha ? [`commit ${inlineText(git.sha.slice(0, 7), 7)}`] : []),
      ...(git?.ref ? [inlineText(git.ref, MAX_LABEL)] : []),
    ];
    lines.push('', `Baseline: ${from.join(' · ')}`);
    if (baseline.scenario.hash !== result.scenario.hash) {
      lines.push('', '⚠️ The baseline ran a different workload (the scenario changed): differences may come from the scenario, not the server.');
    }
  }
  return lines;
}

/**
 * At most five narrow columns, so that it fits GitHub's comment column (docs/pr-comment.md): the
 * baseline's only when there is one, the verdict by its label (its reasons are in the comparison).
 */
function keyTable({ view, baseline }: Input): string[] {
  const notes = figureNotes(view.figures);
  if (!baseline)
    return [
      ...markdownTable(
        ['', 'This run'],
        ['left', 'right'],
        view.figures.map((f) => [f.label, f.value]),
      ),
      '',
      notes,
    ];
  const judged = view.figures.some((f) => f.verdictLabel !== undefined);
  return [
    ...markdownTable(
      ['', 'This run', 'Baseline', 'Change', ...(judged ? ['Verdict'] : [])],
      ['left', 'right', 'right', 'right', ...(judged ? (['left'] as const) : [])],
      view.figures.map((f) => [
        f.label,
        f.value,
        f.baseline ?? '—',
        f.change ?? '—',
        ...(judged ? [f.verdictLabel === undefined ? '—' : inlineText(f.verdictLabel, MAX_NAME)] : []),
      ]),
    ),
    '',
    notes,
  ];
}

/** What the figures are of, under the table rather than in a wide first column: `p95 MCP latency, p99 MCP latency: successful calls, whole run`. */
function figureNotes(figures: ReportView['figures']): string {
  const byNote = new Map<string, string[]>();
  for (const f of figures) byNote.set(f.note, [...(byNote.get(f.note) ?? []), f.label]);
  return `*${[...byNote].map(([note, labels]) => `${labels.join(', ')}: ${note}`).join(' · ')}*`;
}

/** Notable verdicts first (five columns), each one's note in a list below; the unchanged are folded. */
function comparisonSection({ view, verdicts }: Input, plan: Plan): string[] {
  const rows = view.comparison?.rows;
  if (!verdicts || !rows || rows.length === 0) return [];
  const notable = rows.filter((r) => r.verdict !== 'unchanged');
  const unchanged = rows.length - notable.length;
  const lines = ['#### Compared with baseline', ''];
  if (notable.length === 0) lines.push(`All ${formatCount(unchanged)} comparisons unchanged.`);
  else {
    const shown = notable.slice(0, plan.verdictRows);
    lines.push(...verdictTable(shown));
    const notes = shown.filter((r) => r.note !== '');
    if (notes.length > 0) lines.push('', ...notes.map((r) => `- ${cellText(r.label, MAX_CELL_NAME)}: ${inlineText(r.note, MAX_LABEL)}`));
    const rest = [
      notable.length > plan.verdictRows ? `${formatCount(notable.length - plan.verdictRows)} more changes` : '',
      unchanged > 0 ? `${formatCount(unchanged)} unchanged` : '',
    ].filter(Boolean);
    if (rest.length > 0) lines.push('', `…and ${rest.join(', ')}.`);
  }
  return lines;
}

function verdictTable(rows: readonly VerdictRow[]): string[] {
  return markdownTable(
    ['', 'Compared', 'Baseline', 'This run', 'Change'],
    ['left', 'left', 'right', 'right', 'right'],
    rows.map((r) => [
      r.verdict.endsWith('(informational)')
        ? `🟠 ${r.verdict}`
        : (VERDICT_LABELS[r.verdict as keyof typeof VERDICT_LABELS] ?? inlineText(String(r.verdict), MAX_NAME)),
      cellText(r.label, MAX_CELL_NAME),
      r.baseline,
      r.current,
      r.change,
    ]),
  );
}

function thresholdSection(thresholds: readonly ThresholdOutcome[], limit: number): string[] {
  if (thresholds.length === 0) return [];
  const failed = thresholds.filter((t) => !t.ok).length;
  const lines = [`#### Thresholds: ${formatCount(thresholds.length - failed)} of ${formatCount(thresholds.length)} passed`];
  const shown = preferring(thresholds, limit, (t) => !t.ok);
  if (shown.length > 0) {
    lines.push(
      '',
      ...markdownTable(
        ['', 'Metric', 'Threshold', 'Observed'],
        ['left', 'left', 'left', 'right'],
        shown.map((t) => [
          t.ok ? '✓' : '✗',
          `${cellText(t.key, MAX_CELL_LABEL)}${t.default ? ' (default)' : ''}`,
          cellText(t.source, MAX_CELL_NAME),
          t.error ? inlineText(t.error, MAX_MESSAGE) : observedText(t),
        ]),
      ),
    );
  }
  if (shown.length < thresholds.length) lines.push('', `…and ${formatCount(thresholds.length - shown.length)} more.`);
  return lines;
}

function observedText(t: ThresholdOutcome): string {
  return formatObserved(String(t.key), String(t.source), t.observed, formatCount);
}

function ratioSection({ result, baseline }: Input): string[] {
  const row = (label: string, r: Result): string[] => [
    label,
    formatRatio(r.httpPerCall.overall),
    formatRatio(r.httpPerCall.byPhase.setup),
    formatRatio(r.httpPerCall.byPhase.calls),
    formatRatio(r.httpPerCall.byPhase.teardown),
  ];
  const s = result.sessions;
  const discovery = result.httpPerCall.byPhase.discovery;
  return [
    '#### HTTP requests per MCP call',
    '',
    ...markdownTable(
      ['', 'Overall', 'Setup (per session)', 'Calls (per call)', 'Teardown (per session)'],
      ['left', 'right', 'right', 'right', 'right'],
      [row('This run', result), ...(baseline ? [row('Baseline', baseline)] : [])],
    ),
    '',
    `Overall counts every HTTP request the run sent over the agent's MCP calls${discovery > 0 ? `, including ${formatCount(discovery)} protocol discovery ${discovery === 1 ? 'probe' : 'probes'} (per target, not per session)` : ''}. ` +
      `Sessions: ${formatCount(s.created)} created, ${formatCount(s.failed)} failed handshakes, ${formatCount(s.reinitialized)} re-initialised, ${formatCount(s.closed)} closed, ${formatCount(s.notClosed)} not closed${s.backoffs > 0 ? `; VUs backed off ${formatCount(s.backoffs)} times after failed handshakes` : ''}.`,
  ];
}

/** Lost and re-initialised sessions, and the per-instance table: shown when there were losses or responses named instances. */
function sessionsSection({ view }: Input): string[] {
  const facts = view.sessions.filter((f) => ['lost', 'age at loss', 'calls before loss', 're-initialised'].includes(f.label));
  const eventful = facts.some((f) => f.value !== '0' && !f.value.startsWith('0 of 0'));
  if (!eventful && view.instances === undefined) return [];
  const lines = ['#### Sessions and instances'];
  if (eventful) lines.push('', `Sessions ${facts.map((f) => `${f.label}: ${inlineText(f.value, MAX_MESSAGE)}`).join('; ')}.`);
  const instances = view.instances;
  if (instances) {
    // Five columns fit GitHub's comment column; requests, HTTP failures, p50 and sessions are in report.html.
    const header = ['Instance', 'Share', 'Calls', 'Errors', 'p95'];
    const rows = instances.rows.map((r) => [cellText(r.instance, MAX_CELL_NAME), r.share, r.calls, r.errors, r.p95]);
    lines.push('', ...figureTable(header, rows), '', ...instances.notes.map((n) => `- ${inlineText(n, MAX_MESSAGE)}`));
  }
  return lines;
}

/** Five columns at most: name, calls, errors, p95 and, with a baseline, its change; the rest is in the per-method table and the HTML report. */
function toolSection({ tools, baseline, baselineTools }: Input, limit: number): string[] {
  if (tools.length === 0) return [];
  const shown = tools.slice(0, limit);
  const title =
    shown.length === tools.length
      ? `#### Tools, prompts and resources (${formatCount(tools.length)})`
      : `#### Tools, prompts and resources (top ${formatCount(shown.length)} of ${formatCount(tools.length)} by calls)`;
  const lines = [title];
  if (shown.length > 0) {
    const header = ['Name', 'Calls', 'Errors', 'p95', baseline ? 'p95 change' : 'p99'];
    const rows = shown.map((row) => {
      const before = baselineTools.get(toolKey(row));
      return [
        cellText(row.tool ?? row.method, MAX_CELL_NAME),
        formatCompactCount(row.calls),
        row.errors === 0 ? '0' : `${formatCompactCount(row.errors)} (${formatPercent(row.errorRate)})`,
        formatMs(row.p95),
        baseline ? (before ? formatChange(before.p95, row.p95) : 'new') : formatMs(row.p99),
      ];
    });
    lines.push('', ...figureTable(header, rows));
  }
  if (shown.length < tools.length) lines.push('', `…and ${formatCount(tools.length - shown.length)} more in the HTML report and result.json.`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Folded details.

function detailSection(detail: Detail, input: Input, plan: Plan): string[] {
  const { result } = input;
  switch (detail) {
    case 'errors':
      return errorDetails(result.errors, plan);
    case 'checks':
      return checkDetails(result.checks, plan.detailRows);
    case 'warnings':
      return result.warnings.length === 0
        ? []
        : folded(`Warnings (${formatCount(result.warnings.length)})`, [
            ...result.warnings.slice(0, plan.detailRows).map((w) => `- ${inlineText(w, MAX_MESSAGE * 2)}`),
            ...moreLine(result.warnings.length - plan.detailRows),
          ]);
    case 'unchanged': {
      const unchanged = input.verdicts ? (input.view.comparison?.rows ?? []).filter((r) => r.verdict === 'unchanged') : [];
      if (unchanged.length === 0) return [];
      const shown = unchanged.slice(0, plan.detailRows);
      return folded(`Unchanged (${formatCount(unchanged.length)})`, [...verdictTable(shown), ...moreLine(unchanged.length - shown.length)]);
    }
    case 'tools':
      return toolDetails(input, plan.detailRows);
    case 'methods':
      return methodDetails(result.byMethod, plan.detailRows);
    case 'environment':
      return folded('Environment', environmentLines(result));
    case 'scenario':
      return folded('Scenario shape', scenarioLines(input, plan.detailRows));
  }
}

/** A `<details>` block; the blank lines let GitHub render the Markdown inside. */
function folded(summary: string, body: string[]): string[] {
  return [`<details><summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function moreLine(more: number): string[] {
  return more > 0 ? ['', `…and ${formatCount(more)} more.`] : [];
}

function errorDetails(errors: readonly ErrorKind[], plan: Plan): string[] {
  if (errors.length === 0) return [];
  const byClass = new Map<string, number>();
  for (const e of errors) byClass.set(e.errorClass, (byClass.get(e.errorClass) ?? 0) + e.count);
  const total = [...byClass.values()].reduce((a, b) => a + b, 0);
  const classes = [...byClass].map(([c, n]) => `${inlineText(c, MAX_NAME)} ${formatCount(n)}`).join(', ');
  const shown = errors.slice(0, plan.detailRows);
  const rows = shown.map((e) => [
    inlineText(e.errorClass, MAX_NAME),
    inlineText(e.method, MAX_NAME),
    e.tool === undefined ? '' : inlineText(e.tool, MAX_NAME),
    [
      e.status === undefined ? '' : `HTTP ${e.status}`,
      e.code === undefined ? '' : `code ${e.code}`,
      e.reason === undefined ? '' : inlineText(e.reason, MAX_NAME),
    ]
      .filter(Boolean)
      .join(', '),
    formatCount(e.count),
    e.samples
      .slice(0, plan.errorSamples)
      .map((s) => inlineText(s, MAX_MESSAGE))
      .join('<br>'),
  ]);
  return folded(`Errors: ${formatCount(total)} (${classes})`, [
    ...markdownTable(['Class', 'Method', 'Name', 'Status', 'Count', 'Sample messages'], ['left', 'left', 'left', 'left', 'right', 'left'], rows),
    ...moreLine(errors.length - shown.length),
  ]);
}

function checkDetails(checks: readonly CheckOutcome[], limit: number): string[] {
  if (checks.length === 0) return [];
  const passes = checks.reduce((n, c) => n + c.passes, 0);
  const all = checks.reduce((n, c) => n + c.passes + c.fails, 0);
  const shown = preferring(checks, limit, (c) => c.fails > 0);
  const rows = shown.map((c) => [
    c.fails === 0 ? '✓' : '✗',
    inlineText(c.scenario, MAX_NAME),
    inlineText(c.step, MAX_NAME),
    inlineText(c.check, MAX_LABEL),
    formatCount(c.passes),
    formatCount(c.fails),
  ]);
  return folded(`Checks: ${formatCount(passes)} of ${formatCount(all)} passed${all > 0 ? ` (${formatPercent(passes / all)})` : ''}`, [
    ...markdownTable(['', 'Scenario', 'Step', 'Check', 'Passes', 'Fails'], ['left', 'left', 'left', 'left', 'right', 'right'], rows),
    ...moreLine(checks.length - shown.length),
  ]);
}

/** Every figure of the busiest tools, folded: too wide for the comment column. */
function toolDetails({ tools, baseline, baselineTools }: Input, limit: number): string[] {
  if (tools.length === 0) return [];
  const shown = tools.slice(0, limit);
  const header = ['Name', 'Method', 'Calls', 'Errors', 'p50', 'p95', 'p99', 'HTTP/call', ...(baseline ? ['p95 vs baseline'] : [])];
  const rows = shown.map((row) => {
    const before = baselineTools.get(toolKey(row));
    return [
      inlineText(row.tool ?? '', MAX_NAME),
      inlineText(row.method, MAX_NAME),
      formatCount(row.calls),
      row.errors === 0 ? '0' : `${formatCount(row.errors)} (${formatPercent(row.errorRate)})`,
      formatMs(row.p50),
      formatMs(row.p95),
      formatMs(row.p99),
      formatRatio(row.httpPerCall),
      ...(baseline ? [before ? formatChange(before.p95, row.p95) : 'new'] : []),
    ];
  });
  return folded(`Per tool, every figure (${formatCount(tools.length)})`, [
    ...markdownTable(
      header,
      header.map((_, i) => (i < 2 ? 'left' : 'right')),
      rows,
    ),
    ...moreLine(tools.length - shown.length),
  ]);
}

function methodDetails(methods: readonly OperationBreakdown[], limit: number): string[] {
  if (methods.length === 0) return [];
  const shown = methods.slice(0, limit);
  const rows = shown.map((m) => [
    inlineText(m.method, MAX_NAME),
    formatCount(m.calls),
    formatCount(m.errors),
    formatPercent(m.errorRate),
    formatMs(m.p50),
    formatMs(m.p95),
    formatMs(m.p99),
    formatMs(m.max),
    formatMs(m.failedP95),
    formatCount(m.httpReqs),
    formatRatio(m.httpPerCall),
    formatBytes(m.bytesSent),
    formatBytes(m.bytesReceived),
  ]);
  // Latency of successful calls; failures' p95 apart, so failing fast never reads as faster.
  const header = ['Method', 'Calls', 'Errors', 'Error rate', 'p50', 'p95', 'p99', 'max', 'p95 failed', 'HTTP reqs', 'HTTP/call', 'Sent', 'Received'];
  return folded(`Per MCP method (${formatCount(methods.length)})`, [...figureTable(header, rows), ...moreLine(methods.length - shown.length)]);
}

function environmentLines(result: Result): string[] {
  const env = result.environment;
  const git = env.git;
  return [
    `- mcp-load ${inlineText(result.tool.version, MAX_NAME)} on ${inlineText(env.os, MAX_NAME)} ${inlineText(env.arch, MAX_NAME)}, Node ${inlineText(env.node, MAX_NAME)}, ${formatCount(env.cpus)} CPUs${env.ci ? ', CI' : ''}`,
    ...(git?.sha || git?.ref
      ? [
          `- git ${[git.sha, git.ref]
            .filter(Boolean)
            .map((s) => inlineText(String(s), MAX_LABEL))
            .join(', ')}`,
        ]
      : []),
    `- ${inlineText(result.startedAt, MAX_NAME)} → ${inlineText(result.endedAt, MAX_NAME)} (${formatMs(result.durationMs)})`,
  ];
}

function scenarioLines({ result, view }: Input, limit: number): string[] {
  const echo = result.scenario.echo;
  const lines = [
    `- file ${inlineText(result.scenario.file, MAX_LABEL)}, transport ${inlineText(echo.transport, MAX_NAME)}, timeout ${formatScenarioDuration(echo.timeoutMs)}, warm-up ${formatScenarioDuration(echo.warmupMs)}`,
  ];
  const loads = view.load.slice(0, limit);
  for (const load of loads) {
    lines.push(
      `- **${inlineText(load.name, MAX_NAME)}**: ${inlineText(load.executor, MAX_NAME)}, ${load.summary}, ${inlineText(load.session, MAX_NAME)} sessions; flow: ${flowText(load.flow)}`,
    );
  }
  lines.push(...moreLine(view.load.length - loads.length));
  return lines;
}

const MAX_FLOW_STEPS = 12;

function flowText(flow: readonly FlowStepView[]): string {
  const steps = flow
    .slice(0, MAX_FLOW_STEPS)
    .map((step) =>
      step.subject === undefined ? inlineText(step.label, MAX_LABEL) : `${inlineText(step.label, MAX_LABEL)} ${inlineText(step.subject, MAX_NAME)}`,
    );
  return `${steps.join(' → ')}${flow.length > MAX_FLOW_STEPS ? ` → … (${flow.length} steps)` : ''}`;
}

/** Up to `limit` items in their order, those matching `first` chosen before the rest. */
function preferring<T>(items: readonly T[], limit: number, first: (item: T) => boolean): T[] {
  if (items.length <= limit) return [...items];
  const chosen = new Set<T>(items.filter(first).slice(0, limit));
  for (const item of items) {
    if (chosen.size >= limit) break;
    chosen.add(item);
  }
  return items.filter((item) => chosen.has(item));
}

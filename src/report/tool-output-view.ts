import type { Result } from '../results/index.ts';
import type { ToolOutputRow } from '../results/index.ts';
import { formatBytes, plainText } from './format.ts';
import { figureTable, formatCount, inlineText } from './markdown-text.ts';

/** The "Tool output" section of every report: per tool, the size and estimated tokens of its output. */
export interface ToolOutputSection {
  title: 'Tool output';
  /** What the figures are and how they were obtained (encoding, sample). */
  note: string;
  header: readonly string[];
  rows: ToolOutputViewRow[];
  /** `tokens per call over all tools: 21.5 (≈ 1,204 tokens in 56 calls)`; absent without tokens. */
  overall?: string;
}

/** Plain text cells (the tool name untrusted: renderers escape it). */
export interface ToolOutputViewRow {
  tool: string;
  /** `4 of 4`, `500 of 12,034`. */
  sample: string;
  bytesP50: string;
  bytesP95: string;
  tokensP50: string;
  tokensP95: string;
  tokensPerCall: string;
  /** `≈ ` marks an estimate: fewer replies sampled than returned. */
  tokensTotal: string;
}

const HEADER = ['Tool', 'Replies measured', 'Bytes p50', 'Bytes p95', 'Tokens p50', 'Tokens p95', 'Tokens per call', 'Tokens total'] as const;

export function toolOutputSection(result: Result): ToolOutputSection | undefined {
  const output = result.toolOutput;
  if (output === undefined || output.tools.length === 0) return undefined;
  const estimated = output.tools.some((t) => t.sampled < t.replies);
  const section: ToolOutputSection = {
    title: 'Tool output',
    note:
      `text a client hands the model (text, embedded resources and structuredContent as JSON; images and audio left out), ` +
      `in UTF-8 bytes and ${output.encoding} tokens (${output.tokenizer}); ` +
      (estimated
        ? "estimated from a bounded sample of each tool's replies (Replies measured: sampled of returned); ≈ marks an estimated total"
        : 'every reply measured'),
    header: HEADER,
    rows: output.tools.map(rowOf),
  };
  if (output.tokensPerCall !== null && output.totalTokens !== null) {
    const replies = output.tools.reduce((n, t) => n + (t.totalTokens === null ? 0 : t.replies), 0);
    section.overall = `tokens per call over all tools: ${formatTokens(output.tokensPerCall)} (${estimated ? '≈ ' : ''}${formatCount(Math.round(output.totalTokens))} tokens in ${formatCount(replies)} replies)`;
  }
  return section;
}

function rowOf(t: ToolOutputRow): ToolOutputViewRow {
  const exact = t.sampled === t.replies;
  return {
    tool: t.tool,
    sample: `${formatCount(t.sampled)} of ${formatCount(t.replies)}`,
    bytesP50: t.bytes === null ? '—' : formatBytes(t.bytes.p50),
    bytesP95: t.bytes === null ? '—' : formatBytes(t.bytes.p95),
    tokensP50: t.tokens === null ? '—' : formatCount(Math.round(t.tokens.p50)),
    tokensP95: t.tokens === null ? '—' : formatCount(Math.round(t.tokens.p95)),
    tokensPerCall: t.tokensPerCall === null ? '—' : formatTokens(t.tokensPerCall),
    tokensTotal: t.totalTokens === null ? '—' : `${exact ? '' : '≈ '}${formatCount(Math.round(t.totalTokens))}`,
  };
}

/** A mean of tokens: one decimal below 100, whole above. */
export function formatTokens(n: number): string {
  return n < 100 ? String(Number(n.toFixed(1))) : formatCount(Math.round(n));
}

const MAX_TOOL_NAME = 80;
const TABLE_ROWS = 200;

function cells(r: ToolOutputViewRow, tool: string): string[] {
  return [tool, r.sample, r.bytesP50, r.bytesP95, r.tokensP50, r.tokensP95, r.tokensPerCall, r.tokensTotal];
}

/** The PR comment's and job summary's table, the busiest tools first. */
export function toolOutputMarkdown(section: ToolOutputSection | undefined, limit: number): string[] {
  if (section === undefined) return [];
  const shown = section.rows.slice(0, limit);
  const rows = shown.map((r) => cells(r, inlineText(r.tool, MAX_TOOL_NAME)));
  const lines = [`#### ${section.title}`, '', inlineText(section.note, 400), ''];
  lines.push(...figureTable(section.header, rows));
  if (shown.length < section.rows.length) lines.push('', `…and ${formatCount(section.rows.length - shown.length)} more in the HTML report and result.json.`);
  if (section.overall) lines.push('', inlineText(section.overall, 200));
  return lines;
}

/** The terminal summary's block: aligned columns, names cleaned of control characters. */
export function toolOutputTerminal(section: ToolOutputSection | undefined): string[] {
  if (section === undefined) return [];
  const rows = [section.header as readonly string[], ...section.rows.slice(0, TABLE_ROWS).map((r) => cells(r, plainText(r.tool, 40)))];
  const widths = section.header.map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = ['TOOL OUTPUT', `  ${plainText(section.note, 300)}`, ...rows.map((r) => `  ${line(r)}`)];
  if (section.rows.length > TABLE_ROWS) out.push(`  …and ${formatCount(section.rows.length - TABLE_ROWS)} more in result.json`);
  if (section.overall) out.push(`  ${section.overall}`);
  return out;
}

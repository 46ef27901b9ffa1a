import type { Result } from '../results/index.ts';
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
export declare function toolOutputSection(result: Result): ToolOutputSection | undefined;
/** A mean of tokens: one decimal below 100, whole above. */
export declare function formatTokens(n: number): string;
/** The PR comment's and job summary's table, the busiest tools first. */
export declare function toolOutputMarkdown(section: ToolOutputSection | undefined, limit: number): string[];
/** The terminal summary's block: aligned columns, names cleaned of control characters. */
export declare function toolOutputTerminal(section: ToolOutputSection | undefined): string[];

// Compact, exact views of an OperationResult for assertions.
import type { OperationResult } from '../../src/mcp/index.ts';

/** Each HTTP request of the operation as "METHOD status purpose", in order. */
export function httpLines(result: OperationResult): string[] {
  return result.http.map((r) => `${r.method} ${r.status} ${r.purpose}`);
}

/** The text of a tool result's first text content block. */
export function resultText(result: OperationResult): string | undefined {
  const content = (result.result as { content?: Array<{ type: string; text?: string }> } | undefined)?.content;
  return content?.find((c) => c.type === 'text')?.text;
}

import { McpSession, McpTarget, type OperationResult, type TransportChoice } from '../mcp/index.ts';
import { inertText } from '../inert-text.ts';
import { publicUrl } from '../results/index.ts';
import { redactSecrets, registerHeaderSecrets, registerUrlSecrets } from '../secrets/index.ts';

export interface SessionCommandOptions {
  url: string;
  transport: TransportChoice;
  headers: Record<string, string>;
  /** Tool to call, with JSON arguments. */
  call?: { name: string; args: unknown };
  timeoutMs?: number;
  out: (line: string) => void;
}

/**
 * One MCP session against a server, operation by operation, printing what each cost on the wire:
 * the quickest way to see how a server behaves before loading it.
 */
export async function runSessionCommand(options: SessionCommandOptions): Promise<number> {
  registerHeaderSecrets(options.headers);
  registerUrlSecrets(options.url);
  const target = new McpTarget({ url: options.url, headers: options.headers, timeoutMs: options.timeoutMs });
  const session = new McpSession(target, { transport: options.transport, progress: true });
  const results: OperationResult[] = [];
  let protocol = 'none';
  try {
    const init = await session.initialize();
    results.push(init);
    protocol = session.protocolVersion ?? 'none';
    if (init.outcome === 'success') {
      results.push(await session.listTools());
      if (options.call) results.push(await session.callTool(options.call.name, options.call.args));
      results.push(await session.close());
    }
  } finally {
    await target.close();
  }
  // Server text (errors, tool output) may echo the headers and is not meant for a terminal.
  const out = (line: string): void => options.out(inertText(redactSecrets(line)));
  out(`target     ${publicUrl(options.url)}`);
  out(`transport  ${session.transportKind ?? 'none'}   protocol ${protocol}`);
  out('');
  out(formatOperationTable(results));
  const failed = results.filter((r) => r.outcome !== 'success');
  for (const r of failed) out(`\n${r.method}${r.name ? ` ${r.name}` : ''}: ${r.outcome} error: ${r.error?.message ?? ''}`);
  return failed.length === 0 ? 0 : 1;
}

/** A fixed-width table: operation, outcome, HTTP requests (with statuses), bytes, TTFB, time. */
export function formatOperationTable(results: readonly OperationResult[]): string {
  const rows = [['operation', 'outcome', 'http', 'statuses', 'sent', 'received', 'ttfb', 'time']];
  for (const r of results) {
    rows.push([
      r.name ? `${r.method} ${r.name}` : r.method,
      r.outcome,
      String(r.http.length),
      r.http.map((h) => `${h.method} ${h.status || 'ERR'}`).join(', ') || '-',
      formatBytes(r.bytesSent),
      formatBytes(r.bytesReceived),
      r.ttfbMs >= 0 ? `${r.ttfbMs.toFixed(1)}ms` : '-',
      `${r.durationMs.toFixed(1)}ms`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

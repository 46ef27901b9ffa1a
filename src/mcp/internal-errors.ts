/** Internal errors already printed (message and innermost frames); bounded so that a bug in a hot loop cannot grow it. */
const printed = new Set<string>();
const MAX_PRINTED = 32;

/**
 * An exception from mcp-load's own code is a bug, not the server's failure: it is printed with
 * its stack on stderr once (per distinct stack) and counted as the `internal` outcome class.
 */
export function reportInternalError(err: unknown, where: string): string {
  const error = err instanceof Error ? err : new Error(String(err));
  const message = `${error.name}: ${error.message}`;
  const stack = error.stack ?? message;
  // The same bug reached from different callers is one bug: keyed by the message and where it was thrown.
  const key = stack.split('\n', 4).join('\n');
  if (!printed.has(key) && printed.size < MAX_PRINTED) {
    printed.add(key);
    process.stderr.write(`mcp-load: internal error in ${where} (a bug in mcp-load, not the server; please report it):\n${stack}\n`);
  }
  return `internal error in ${where}: ${message}`;
}

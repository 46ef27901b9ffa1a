/** Distinct internal errors already printed; bounded so that a bug in a hot loop cannot grow it. */
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
  if (!printed.has(stack) && printed.size < MAX_PRINTED) {
    printed.add(stack);
    process.stderr.write(`mcp-load: internal error in ${where} (a bug in mcp-load, not the server; please report it):\n${stack}\n`);
  }
  return `internal error in ${where}: ${message}`;
}

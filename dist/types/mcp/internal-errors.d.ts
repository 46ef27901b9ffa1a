/**
 * An exception from mcp-load's own code is a bug, not the server's failure: it is printed with
 * its stack on stderr once (per distinct stack) and counted as the `internal` outcome class.
 */
export declare function reportInternalError(err: unknown, where: string): string;

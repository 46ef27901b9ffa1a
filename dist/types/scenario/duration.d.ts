export declare const DURATION_HINT = "use 500ms, 30s, 1m30s";
/** Milliseconds for `500ms`, `30s`, `1m30s`, `2h` (and `0`); undefined when the text is not a duration. */
export declare function parseDuration(text: string): number | undefined;
/** The shortest canonical spelling of a duration: 90000 → `1m30s`, 500 → `500ms`, 0 → `0s`. */
export declare function formatDuration(ms: number): string;

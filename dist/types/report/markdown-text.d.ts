/**
 * An untrusted string (tool name, server message, check name) as inert inline text for a table cell,
 * a paragraph or HTML-in-Markdown: at most `max` characters, on one line, with no Markdown or HTML syntax,
 * no @mention or #reference that GitHub would turn into a notification or a cross-link, and no bare URL it would link.
 */
export declare function inlineText(text: string, max: number): string;
/** An untrusted string for a narrow table cell: as `inlineText`, cut shorter in the middle so that both ends (a tool's prefix and its suffix) stay readable. */
export declare function cellText(text: string, max: number): string;
/** The hidden first line the action looks for to update its comment instead of adding one. */
export declare function commentMarker(id: string): string;
/** An http(s) URL as a Markdown link destination, or undefined for anything else (javascript:, data:, relative). */
export declare function linkDestination(url: string): string | undefined;
/** A GitHub Markdown table; cells must already be inert text. */
export declare function markdownTable(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string[];
/** A table of figures: the first column names the row (left), every other column is a number (right). */
export declare function figureTable(header: readonly string[], rows: readonly (readonly string[])[]): string[];
export declare function formatCount(n: number | null | undefined): string;
/** A count for a narrow column: 987, 12,345, then 123k, 1.2M. */
export declare function formatCompactCount(n: number | null | undefined): string;
export declare function formatRatio(n: number | null | undefined): string;
/** A scenario duration as written in YAML: `500ms`, `30s`, `1m30s`. */
export declare function formatScenarioDuration(ms: number): string;
/**
 * Relative change as "▲ +23%" / "▼ −4.5%" / "±0%"; "—" when either side is missing.
 * `points` reports fractions (error rates) in percentage points, which reads better than a relative change of a small rate.
 */
export declare function formatChange(baseline: number | null | undefined, current: number | null | undefined, points?: boolean): string;
/** A relative change (0.23 → "▲ +23%"). */
export declare function formatRelative(change: number): string;

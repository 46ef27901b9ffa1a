// Text for GitHub Markdown that may also sit inside raw HTML (<details>, <summary>): untrusted strings
// are bounded and made inert here, and numbers are formatted the same way in every table.

/** Characters with a meaning in GitHub Markdown or HTML, written as character references (never parsed as syntax). */
const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
  '`': '&#96;',
  '\\': '&#92;',
  '[': '&#91;',
  ']': '&#93;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  $: '&#36;',
  '#': '&#35;',
};

// C0/C1 controls and line separators (a newline ends a table row), and bidirectional overrides
// that could make a cell read differently from what it holds.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SYNTAX = /[&<>|`\\[\]*_~$#]/g;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * An untrusted string (tool name, server message, check name) as inert inline text for a table cell,
 * a paragraph or HTML-in-Markdown: at most `max` characters, on one line, with no Markdown or HTML syntax,
 * no @mention or #reference that GitHub would turn into a notification or a cross-link, and no bare URL it would link.
 */
export function inlineText(text: string, max: number): string {
  return (
    bound(String(text), max)
      .replace(UNPRINTABLE, ' ')
      .replace(SYNTAX, (c) => REFERENCES[c])
      .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
      // GFM autolinks bare URLs from the raw text: a server message's link should not become clickable.
      .replace(/:\/\//g, '&#58;//')
      .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}&#46;`)
      .replace(/&#35;(?=[\p{L}\p{N}])/gu, `&#35;${ZERO_WIDTH_SPACE}`)
  );
}

/** An untrusted string for a narrow table cell: as `inlineText`, cut shorter in the middle so that both ends (a tool's prefix and its suffix) stay readable. */
export function cellText(text: string, max: number): string {
  const s = String(text);
  if (s.length <= max) return inlineText(s, max);
  const head = Math.ceil((max - 1) / 2);
  // Half a surrogate pair at either cut would print as garbage.
  let start = s.slice(0, head);
  if (/[\ud800-\udbff]$/.test(start)) start = start.slice(0, -1);
  let tail = s.slice(s.length - (max - 1 - head));
  if (/^[\udc00-\udfff]/.test(tail)) tail = tail.slice(1);
  return `${inlineText(start, head)}…${inlineText(tail, max)}`;
}

/** At most `max` UTF-16 units, with "…" when something was cut; a surrogate pair is never split. */
function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** The hidden first line the action looks for to update its comment instead of adding one. */
export function commentMarker(id: string): string {
  // Only characters that cannot end the comment (no `--`, no `>`) or break the line.
  const safe = String(id)
    .slice(0, 100)
    .replace(/[^A-Za-z0-9._:/+=-]/g, '-')
    .replace(/-{2,}/g, '-');
  return `<!-- mcp-load:${safe || 'default'} -->`;
}

/** An http(s) URL as a Markdown link destination, or undefined for anything else (javascript:, data:, relative). */
export function linkDestination(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // Percent-encode what could end the destination or be read as Markdown/HTML.
  return parsed.href.replace(/[()<>\s"'`[\]\\|*_]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A GitHub Markdown table; cells must already be inert text. */
export function markdownTable(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'right' ? '---:' : ':---'))), ...rows.map(line)];
}

/** A table of figures: the first column names the row (left), every other column is a number (right). */
export function figureTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return markdownTable(
    header,
    header.map((_, i) => (i === 0 ? 'left' : 'right')),
    rows,
  );
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const [int, frac] = String(Math.abs(Math.round(n * 100) / 100)).split('.');
  return `${n < 0 ? '−' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** A count for a narrow column: 987, 12,345, then 123k, 1.2M. */
export function formatCompactCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs < 100_000) return formatCount(n);
  const [scale, unit] = abs < 1e6 ? [1e3, 'k'] : abs < 1e9 ? [1e6, 'M'] : [1e9, 'G'];
  const scaled = abs / scale;
  return `${n < 0 ? '−' : ''}${scaled < 10 ? Number(scaled.toFixed(1)) : Math.round(scaled)}${unit}`;
}

export function formatRatio(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(2);
}

/** A scenario duration as written in YAML: `500ms`, `30s`, `1m30s`. */
export function formatScenarioDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(3))}s`;
  const s = ms / 1000;
  const m = Math.floor(s / 60);
  return m === 0 ? `${s}s` : `${m}m${s % 60 === 0 ? '' : `${s % 60}s`}`;
}

/**
 * Relative change as "▲ +23%" / "▼ −4.5%" / "±0%"; "—" when either side is missing.
 * `points` reports fractions (error rates) in percentage points, which reads better than a relative change of a small rate.
 */
export function formatChange(baseline: number | null | undefined, current: number | null | undefined, points = false): string {
  if (baseline === null || baseline === undefined || current === null || current === undefined) return '—';
  if (!Number.isFinite(baseline) || !Number.isFinite(current)) return '—';
  if (points) {
    const pp = (current - baseline) * 100;
    return Math.abs(pp) < 0.005 ? '±0 pp' : `${pp > 0 ? '▲ +' : '▼ −'}${Math.abs(pp).toFixed(2)} pp`;
  }
  if (baseline === current) return '±0%';
  if (baseline === 0) return `${current > 0 ? '▲' : '▼'} from 0`;
  return formatRelative((current - baseline) / Math.abs(baseline));
}

/** A relative change (0.23 → "▲ +23%"). */
export function formatRelative(change: number): string {
  if (!Number.isFinite(change)) return '—';
  const pct = Math.abs(change * 100);
  const text = pct >= 10 ? pct.toFixed(0) : pct.toFixed(1);
  if (text === '0' || text === '0.0') return '±0%';
  return `${change > 0 ? '▲ +' : '▼ −'}${text}%`;
}

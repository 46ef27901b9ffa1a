// 2026-07-28 (SEP-2243): tool arguments a tool's input schema marks with `x-mcp-header` are
// mirrored into `Mcp-Param-{Name}` request headers, so intermediaries can route on them.

/** Where one annotated argument sits in the arguments, and the header it is mirrored into. */
export interface ParamHeaderBinding {
  /** Lower-case `mcp-param-{name}`, as the transports send header names. */
  header: string;
  /** Property names from the arguments' root to the value. */
  path: readonly string[];
}

/** JSON-RPC error a server answers when the Mcp-Param headers do not match the body. */
export const HEADER_MISMATCH = -32020;

const HEADER_PREFIX = 'mcp-param-';
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Floating-point numbers have no single text form: the 2026-07-28 spec (and its conformance suite) refuse them as header sources.
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean']);
const MAX_DEPTH = 8;

/**
 * The bindings a tool's input schema declares, walking `properties` chains only (the statically
 * reachable paths). A declaration the spec forbids (a non-token or duplicate name, a non-primitive
 * property) makes the tool unusable: returned as the message to report.
 */
export function paramHeaderBindings(inputSchema: unknown): ParamHeaderBinding[] | string {
  const bindings: ParamHeaderBinding[] = [];
  const names = new Set<string>();
  const walk = (schema: unknown, path: string[]): string | undefined => {
    if (path.length > MAX_DEPTH || schema === null || typeof schema !== 'object') return undefined;
    const properties = (schema as { properties?: unknown }).properties;
    if (properties === null || typeof properties !== 'object') return undefined;
    for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
      if (property === null || typeof property !== 'object') continue;
      const name = (property as Record<string, unknown>)['x-mcp-header'];
      if (name !== undefined) {
        if (typeof name !== 'string' || !TOKEN.test(name))
          return `x-mcp-header ${JSON.stringify(name).slice(0, 64)} on ${[...path, key].join('.')} is not an HTTP token`;
        const type = (property as { type?: unknown }).type;
        if (typeof type !== 'string' || !PRIMITIVE_TYPES.has(type))
          return `x-mcp-header ${name} is on ${[...path, key].join('.')}, which is not a string, integer or boolean`;
        const header = HEADER_PREFIX + name.toLowerCase();
        if (names.has(header)) return `x-mcp-header ${name} is declared twice (names are case-insensitive)`;
        names.add(header);
        bindings.push({ header, path: [...path, key] });
      }
      const nested = walk(property, [...path, key]);
      if (nested) return nested;
    }
    return undefined;
  };
  return walk(inputSchema, []) ?? bindings;
}

/** The flat [name, value…] header list for a call's arguments; absent and null arguments send no header. */
export function paramHeaders(bindings: readonly ParamHeaderBinding[], args: unknown): string[] {
  const headers: string[] = [];
  for (const { header, path } of bindings) {
    let value: unknown = args;
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') headers.push(header, encodeHeaderValue(value));
    else if (typeof value === 'number' || typeof value === 'boolean') headers.push(header, String(value));
  }
  return headers;
}

const PLAIN_HEADER_VALUE = /^[\x20-\x7e\t]+$/;

/**
 * Header values go as-is only when plain printable ASCII without surrounding whitespace (and not
 * looking like the sentinel itself); anything else is sent as `=?base64?…?=` (2026-07-28, SEP-2243).
 */
export function encodeHeaderValue(value: string): string {
  const plain = PLAIN_HEADER_VALUE.test(value) && value.trim() === value && !(value.startsWith('=?base64?') && value.endsWith('?='));
  return plain ? value : `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/**
 * Headers that frame the message or the connection. mcp-load's HTTP clients set them per request,
 * so a scenario or a target may not configure them.
 */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer']);

export function isFramingHeader(name: string): boolean {
  return FRAMING_HEADERS.has(name.toLowerCase());
}

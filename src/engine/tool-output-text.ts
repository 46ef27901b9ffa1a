// What of a tools/call result a client hands a model as text, so its size and tokens can be counted.

/**
 * The text parts of a tools/call result, each counted on its own (tokens of parts are added, so
 * no separator is invented): a `text` item's text; an embedded `resource` item's resource object
 * as JSON (uri, mimeType, and its text or base64 blob, as a client inlining it sends it); any other
 * non-media item (a `resource_link`, an unknown type) as its JSON; `structuredContent` as JSON.
 * Images and audio are left out: models bill them by pixels or seconds, not by text tokens.
 */
export function outputParts(result: unknown): string[] {
  if (result === null || typeof result !== 'object') return [];
  const { content, structuredContent } = result as { content?: unknown; structuredContent?: unknown };
  const parts: string[] = [];
  if (Array.isArray(content)) {
    for (const item of content) {
      const part = itemText(item);
      if (part !== undefined) parts.push(part);
    }
  }
  if (structuredContent !== undefined && structuredContent !== null) parts.push(JSON.stringify(structuredContent));
  return parts;
}

function itemText(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const { type, text, resource } = item as { type?: unknown; text?: unknown; resource?: unknown };
  switch (type) {
    case 'text':
      return typeof text === 'string' ? text : undefined;
    case 'image':
    case 'audio':
      return undefined;
    case 'resource':
      return resource === undefined ? undefined : JSON.stringify(resource);
    default:
      return JSON.stringify(item);
  }
}

/**
 * The text parts of a tools/call result, each counted on its own (tokens of parts are added, so
 * no separator is invented): a `text` item's text; an embedded `resource` item's resource object
 * as JSON (uri, mimeType, and its text or base64 blob, as a client inlining it sends it); any other
 * non-media item (a `resource_link`, an unknown type) as its JSON; `structuredContent` as JSON.
 * Images and audio are left out: models bill them by pixels or seconds, not by text tokens.
 */
export declare function outputParts(result: unknown): string[];

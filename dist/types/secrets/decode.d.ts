/**
 * Text with its escapes decoded, and where each decoded character came from: runs of literal text
 * map one to one, a decoded escape maps to the whole escape.
 */
export declare class Decoded {
    readonly text: string;
    /** Per segment: where it starts in the decoded text, where in the original, and (for an escape) where it ends there. */
    private readonly decodedStarts;
    private readonly originalStarts;
    private readonly escapeEnds;
    constructor(text: string, 
    /** Per segment: where it starts in the decoded text, where in the original, and (for an escape) where it ends there. */
    decodedStarts: number[], originalStarts: number[], escapeEnds: (number | undefined)[]);
    /** The span of the original text that decoded characters [from, to) came from. */
    originalSpan(from: number, to: number): [number, number];
    private position;
}
/** True when `text` may hold an escape that decodeEscapes would decode. */
export declare function mayHoldEscapes(text: string): boolean;
/**
 * Decodes HTML entities (`&#95;`, `&#x5f;`, `&amp;`…), URL %-escapes (UTF-8) and JSON escapes
 * (`\u005f`, `\/`), once, keeping where each decoded character was: so that a secret written in
 * any mix of them can be found in the decoded text and replaced in the original.
 */
export declare function decodeEscapes(text: string): Decoded;

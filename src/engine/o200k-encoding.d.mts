/** The o200k_base tokens of a text, a special token's spelling counted as ordinary text. */
export function countTextTokens(text: string): number;

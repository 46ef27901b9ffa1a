/** The file's text of a rank table (index = rank; a token is a string, or bytes that are not UTF-8 text). */
export function rankTableText(ranks: readonly (string | readonly number[])[]): string;
/** The rank table of a file's text: the same strings and byte arrays, rank for rank. */
export function ranksOfText(text: string): (string | number[])[];

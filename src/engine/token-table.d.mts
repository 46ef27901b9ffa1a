/** A byte-level BPE encoding's tokens, looked up by their bytes. */
export interface TokenTable {
  readonly offsets: Uint32Array;
  readonly bytes: Uint8Array;
  readonly slots: Int32Array;
  readonly mask: number;
}
/** The file of a rank table (index = rank; a token is a string, or bytes that are not UTF-8 text). */
export function tokenTableBytes(ranks: readonly (string | readonly number[])[]): Uint8Array;
/** The lookup table of a file (tokenTableBytes). */
export function loadTokenTable(file: Uint8Array): TokenTable;
/** The rank of the token whose bytes are bytes[start, end), or -1. */
export function rankOfBytes(table: TokenTable, bytes: Uint8Array, start: number, end: number): number;
/** Whether bytes[start, end) is UTF-8 text as gpt-tokenizer judges it. */
export function isUtf8(bytes: Uint8Array, start: number, end: number): boolean;

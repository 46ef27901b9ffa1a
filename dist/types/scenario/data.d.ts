export declare class DataError extends Error {
    readonly name = "DataError";
}
export declare function isDataFile(file: string): boolean;
/** Rows of a CSV (objects keyed by the header row) or JSON (a non-empty array) file. Throws DataError. */
export declare function parseDataSet(text: string, file: string): unknown[];
/**
 * RFC 4180 CSV: a header row, then one object per row; quoted fields may hold commas, quotes ("")
 * and line breaks; blank lines are skipped; every row must have as many fields as the header.
 */
export declare function parseCsv(text: string): Record<string, string>[];

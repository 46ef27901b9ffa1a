import { type Result } from './types.ts';
export declare class ResultFileError extends Error {
    name: string;
}
export declare function writeResult(file: string, result: Result): Promise<void>;
/** Reads a result file; one of another schema version is refused with a message saying what to do. */
export declare function readResult(file: string): Promise<Result>;

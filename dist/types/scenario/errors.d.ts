/** A path into the scenario document, e.g. ['scenarios', 'agents', 'stages', 1, 'duration']. */
export type Path = readonly (string | number)[];
export interface SourcePosition {
    line: number;
    column: number;
}
/** One problem found in a scenario file; `line`/`column` are 1-based and absent when unknown. */
export interface ScenarioIssue {
    file: string;
    line?: number;
    column?: number;
    /** Dotted path of the offending key, e.g. `scenarios.agents.stages[1].duration`; '' for the whole file. */
    path: string;
    message: string;
}
/** Every problem found while loading a scenario, one per line: `file:line:column: path: message`. */
export declare class ScenarioError extends Error {
    readonly name = "ScenarioError";
    readonly issues: readonly ScenarioIssue[];
    constructor(issues: readonly ScenarioIssue[]);
}
export declare function formatIssue(issue: ScenarioIssue): string;
export declare function formatPath(path: Path): string;
/** Renders a user-supplied value for an error message: strings quoted, collections named. */
export declare function show(value: unknown): string;
/** A problem waiting for its source position; `at` says whether to point at the key or its value. */
export interface PendingIssue {
    path: Path;
    message: string;
    at: 'key' | 'value';
    position?: SourcePosition;
}
/** Collects problems so that one load reports all of them, not just the first. */
export declare class Issues {
    readonly list: PendingIssue[];
    /**
     * Paths (formatPath) whose value was written with a `${VAR}` reference: such a string is
     * coerced where the schema expects a number or boolean (`vus: ${VUS:-2}`), and nowhere else.
     */
    readonly interpolated: Set<string>;
    add(path: Path, message: string, at?: 'key' | 'value'): void;
    addAt(position: SourcePosition, message: string): void;
    get count(): number;
}

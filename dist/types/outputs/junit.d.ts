import type { Comparison } from '../compare/index.ts';
import type { Result } from '../results/index.ts';
import type { Output } from './output.ts';
/**
 * JUnit XML of a run, as GitHub test reporters read it: one suite each for the thresholds, the checks
 * and the comparison's gated verdicts; a failing case carries the observed value.
 */
export declare function renderJunit(result: Result, comparison?: Comparison): string;
export declare class JunitOutput implements Output {
    private readonly file;
    readonly description: string;
    constructor(file: string);
    finish(result: Result, comparison?: Comparison): Promise<string[]>;
}

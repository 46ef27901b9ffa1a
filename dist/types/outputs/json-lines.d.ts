import type { Result } from '../results/index.ts';
import type { LiveSample, Output } from './output.ts';
/**
 * k6-like JSON lines: a `Metric` line per metric first, then a `Point` per metric each second while
 * the run goes (`mcp_calls` the calls of that second, `mcp_errors` their error fraction, `vus` the
 * VUs then), and at the end a `Summary` line per metric and tag set, as result.json has it
 * (histograms left out).
 */
export declare class JsonLinesOutput implements Output {
    private readonly file;
    readonly description: string;
    private readonly stream;
    private failure;
    constructor(file: string);
    sample(sample: LiveSample): void;
    finish(result: Result): Promise<string[]>;
    private write;
}

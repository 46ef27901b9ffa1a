/** The outputs `--output KIND=TARGET` can name, as k6's `--out`. */
export declare const OUTPUT_KINDS: readonly ["json", "junit", "prometheus", "otlp"];
export type OutputKind = (typeof OUTPUT_KINDS)[number];
export interface OutputSpec {
    kind: OutputKind;
    target: string;
}
export declare class OutputSpecError extends Error {
    readonly name = "OutputSpecError";
}
/** `junit=results.xml`, `prometheus=http://…/api/v1/write`: throws OutputSpecError naming what is wrong. */
export declare function parseOutputSpec(text: string): OutputSpec;

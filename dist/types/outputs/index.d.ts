import type { Output } from './output.ts';
import type { OutputSpec } from './spec.ts';
export { parseOutputSpec, OutputSpecError, OUTPUT_KINDS, type OutputSpec, type OutputKind } from './spec.ts';
export type { Output, LiveSample } from './output.ts';
export { renderJunit } from './junit.ts';
/**
 * The outputs a run writes to, opened before it starts (a JSON lines file is created then). Each
 * kind's module is loaded only when asked for: OTLP and remote write bring OpenTelemetry and protobuf.
 */
export declare function openOutputs(specs: readonly OutputSpec[], scenarioId: string): Promise<Output[]>;

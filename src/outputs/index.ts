import { JsonLinesOutput } from './json-lines.ts';
import { JunitOutput } from './junit.ts';
import { OtlpOutput } from './otlp.ts';
import type { Output } from './output.ts';
import { PrometheusOutput } from './prometheus.ts';
import type { OutputSpec } from './spec.ts';

export { parseOutputSpec, OutputSpecError, OUTPUT_KINDS, type OutputSpec, type OutputKind } from './spec.ts';
export type { Output, LiveSample } from './output.ts';
export { renderJunit } from './junit.ts';

/** The outputs a run writes to, opened before it starts (a JSON lines file is created then). */
export function openOutputs(specs: readonly OutputSpec[], scenarioId: string): Output[] {
  return specs.map((spec) => {
    switch (spec.kind) {
      case 'json':
        return new JsonLinesOutput(spec.target);
      case 'junit':
        return new JunitOutput(spec.target);
      case 'prometheus':
        return new PrometheusOutput(spec.target, scenarioId);
      case 'otlp':
        return new OtlpOutput(spec.target, scenarioId);
    }
  });
}

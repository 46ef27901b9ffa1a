/** The outputs `--output KIND=TARGET` can name, as k6's `--out`. */
export const OUTPUT_KINDS = ['json', 'junit', 'prometheus', 'otlp'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** What each kind's target is, for the error that names a missing one. */
const TARGET_OF: Readonly<Record<OutputKind, string>> = {
  json: 'a file (JSON lines)',
  junit: 'a file (JUnit XML)',
  prometheus: 'the remote-write URL, e.g. http://localhost:9090/api/v1/write',
  otlp: 'the OTLP/HTTP metrics URL, e.g. http://localhost:4318/v1/metrics',
};

export interface OutputSpec {
  kind: OutputKind;
  target: string;
}

export class OutputSpecError extends Error {
  override readonly name = 'OutputSpecError';
}

/** `junit=results.xml`, `prometheus=http://…/api/v1/write`: throws OutputSpecError naming what is wrong. */
export function parseOutputSpec(text: string): OutputSpec {
  const equals = text.indexOf('=');
  const kind = (equals < 0 ? text : text.slice(0, equals)) as OutputKind;
  if (!(OUTPUT_KINDS as readonly string[]).includes(kind)) {
    throw new OutputSpecError(`--output "${text}": unknown output "${kind}"; outputs: ${OUTPUT_KINDS.map((k) => `${k}=…`).join(', ')}`);
  }
  const target = equals < 0 ? '' : text.slice(equals + 1);
  if (target === '') throw new OutputSpecError(`--output ${kind}= needs ${TARGET_OF[kind]}`);
  if ((kind === 'prometheus' || kind === 'otlp') && !/^https?:\/\/[^/]/.test(target)) {
    throw new OutputSpecError(`--output ${kind}=${target}: needs ${TARGET_OF[kind]}`);
  }
  return { kind, target };
}

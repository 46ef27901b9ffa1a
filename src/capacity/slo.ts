/** A service-level objective a capacity step must hold: a latency percentile and/or an error rate. */
export interface Slo {
  latency?: { percentile: 50 | 90 | 95 | 99; limitMs: number };
  /** Fraction, e.g. 0.01. */
  errorRate?: number;
  /** As written, for reports. */
  source: string;
}

export class SloError extends Error {
  override readonly name = 'SloError';
}

const LATENCY = /^p(50|90|95|99)\s*<\s*(\d+(?:\.\d+)?)\s*(ms|s)$/;
const ERRORS = /^errors\s*<\s*(\d+(?:\.\d+)?)\s*(%?)$/;
const EXAMPLE = 'e.g. --slo "p95<200ms,errors<1%"';

/** `p95<200ms,errors<1%` (also `p99<1.5s`, `errors<0.01`); throws SloError naming the part it cannot read. */
export function parseSlo(text: string): Slo {
  const slo: Slo = { source: text.trim() };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const latency = LATENCY.exec(part);
    const errors = ERRORS.exec(part);
    if (latency) {
      if (slo.latency) throw new SloError(`--slo "${text}": more than one latency objective`);
      const value = Number(latency[2]) * (latency[3] === 's' ? 1000 : 1);
      if (!(value > 0)) throw new SloError(`--slo "${text}": the latency limit must be above 0`);
      slo.latency = { percentile: Number(latency[1]) as 50 | 90 | 95 | 99, limitMs: value };
    } else if (errors) {
      if (slo.errorRate !== undefined) throw new SloError(`--slo "${text}": more than one error objective`);
      const value = Number(errors[1]) / (errors[2] === '%' ? 100 : 1);
      if (!(value > 0 && value < 1)) throw new SloError(`--slo "${text}": the error rate must be between 0 and 100 %`);
      slo.errorRate = value;
    } else {
      throw new SloError(`--slo "${text}": cannot read "${part}"; write p50|p90|p95|p99<N(ms|s) and/or errors<N%, ${EXAMPLE}`);
    }
  }
  if (!slo.latency && slo.errorRate === undefined) throw new SloError(`--slo is empty; ${EXAMPLE}`);
  return slo;
}

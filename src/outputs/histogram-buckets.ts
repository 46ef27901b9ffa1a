import hdr from 'hdr-histogram-js';

/** Counts per explicit bucket (OTLP's `(b[i-1], b[i]]`, the last one open) from an encoded HDR histogram of µs. */
export function explicitBucketCounts(encoded: string, boundariesSeconds: readonly number[]): number[] {
  const counts = new Array<number>(boundariesSeconds.length + 1).fill(0);
  // A JS histogram: its iterator walks the recorded values (the WASM one has no iterator).
  const histogram = hdr.decodeFromCompressedBase64(encoded, 32, false) as hdr.JsHistogram;
  try {
    const values = histogram.recordedValuesIterator;
    values.reset();
    while (values.hasNext()) {
      const step = values.next();
      // Each HDR bucket is reported at its highest equivalent value: within 0.1 % (3 digits) of the samples.
      const seconds = step.valueIteratedTo / 1e6;
      let i = 0;
      while (i < boundariesSeconds.length && seconds > boundariesSeconds[i]) i++;
      counts[i] += step.countAddedInThisIterationStep;
    }
  } finally {
    histogram.destroy();
  }
  return counts;
}

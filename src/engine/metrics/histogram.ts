// Thin layer over hdr-histogram-js: one histogram configuration for the whole tool
// (microseconds, 1 µs .. 1 hour, 3 significant digits) so that every histogram can be
// added to every other one exactly, whichever backend (WASM or JS) created it.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };
export type HistogramBackend = 'wasm' | 'js';

export const LOWEST_TRACKABLE_US = 1;
export const HIGHEST_TRACKABLE_US = 3_600_000_000;
export const SIGNIFICANT_DIGITS = 3;

let backend: HistogramBackend | undefined;

/**
 * Chooses the histogram backend once, before the run. WASM records about 5x faster than the
 * JS implementation; it is the default and falls back to JS where WebAssembly is unavailable.
 * Calling it is optional (the first histogram initialises WASM synchronously otherwise).
 */
export async function initMetrics(options: { backend?: HistogramBackend } = {}): Promise<HistogramBackend> {
  if (options.backend === 'js') return (backend = 'js');
  try {
    await hdr.initWebAssembly();
    backend = 'wasm';
  } catch (error) {
    if (options.backend === 'wasm') throw error;
    backend = 'js';
  }
  return backend;
}

export function histogramBackend(): HistogramBackend {
  if (backend === undefined) {
    try {
      hdr.initWebAssemblySync();
      backend = 'wasm';
    } catch {
      backend = 'js';
    }
  }
  return backend;
}

export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: LOWEST_TRACKABLE_US,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: histogramBackend() === 'wasm',
  });
}

export function isWasmHistogram(histogram: Histogram): boolean {
  return histogram instanceof hdr.WasmHistogram;
}

/** Compressed base64 (HdrHistogram V2 format), readable by any HdrHistogram implementation. */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Decodes into a histogram of our configuration (so `add` between them takes the exact fast path). */
export function decodeHistogram(base64: string): Histogram {
  const decoded = decodeRaw(base64, histogramBackend() === 'wasm');
  const histogram = createHistogram();
  try {
    histogram.add(decoded);
  } catch (error) {
    histogram.destroy();
    throw error;
  } finally {
    decoded.destroy();
  }
  return histogram;
}

/** `into += from`, also across backends (hdr-histogram-js refuses to add a WASM histogram to a JS one). */
export function addHistogram(into: Histogram, from: Histogram): void {
  if (isWasmHistogram(into) === isWasmHistogram(from)) {
    into.add(from);
    return;
  }
  const converted = decodeRaw(encodeHistogram(from), isWasmHistogram(into));
  try {
    into.add(converted);
  } finally {
    converted.destroy();
  }
}

function decodeRaw(base64: string, wasm: boolean): Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, wasm);
}

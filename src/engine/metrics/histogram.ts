// Thin layer over hdr-histogram-js: one histogram range for the whole tool (microseconds,
// 1 µs .. 1 hour) at two precisions: 3 significant digits for a metric's total (0.1 %), 2 for each
// tagged series (1 %, a fifth of the memory: a run may have thousands of series). Histograms of
// the same precision add exactly, whichever backend (WASM or JS) created them.
import { deflateSync, inflateSync } from 'node:zlib';
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram };

/** JsHistogram.decode, which hdr-histogram-js attaches at run time without declaring it. */
type PayloadDecoder = { decode(payload: Uint8Array, bitBucketSize: 32, minBarForHighestTrackableValue: number): Histogram };

/** HdrHistogram's V2 compressed encoding cookie, less its word-size nibble. */
const V2_COMPRESSED_COOKIE_BASE = 0x1c849304;
export type HistogramBackend = 'wasm' | 'js';

export const LOWEST_TRACKABLE_US = 1;
export const HIGHEST_TRACKABLE_US = 3_600_000_000;
export const SIGNIFICANT_DIGITS = 3;
/** Precision of tagged series (per tool, method, status…). */
export const SERIES_SIGNIFICANT_DIGITS = 2;

let backend: HistogramBackend | undefined;

/**
 * Chooses the histogram backend once, before the run. WASM records about 5x faster than the
 * JS implementation; it is the default and falls back to JS where WebAssembly is unavailable.
 * Calling it is optional (the first histogram initialises WASM synchronously otherwise).
 */
export async function initMetrics(options: { backend?: HistogramBackend } = {}): Promise<HistogramBackend> {
  if (options.backend === 'js') return (backend = 'js');
  try {
    // The synchronous loader: the asynchronous one asks whether its argument is a fetch Response,
    // and reading the global Response makes Node load its internal undici (tens of ms at start-up).
    hdr.initWebAssemblySync();
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

export function createHistogram(digits: number = SIGNIFICANT_DIGITS): Histogram {
  return hdr.build({
    lowestDiscernibleValue: LOWEST_TRACKABLE_US,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: digits as 1 | 2 | 3 | 4 | 5,
    bitBucketSize: 32,
    autoResize: false,
    useWebAssembly: histogramBackend() === 'wasm',
  });
}

export function isWasmHistogram(histogram: Histogram): boolean {
  return histogram instanceof hdr.WasmHistogram;
}

/** HdrHistogram's V2 compressed encoding: this cookie, the deflated length, the deflated V2 encoding. */
const V2_COMPRESSED_COOKIE = 0x1c849304 | 0x10;
/**
 * A histogram's V2 encoding is tens to a few thousand bytes: with zlib's default 32 kB window and
 * 128 kB hash, setting them up was most of each deflate (28 µs against 18.5 µs, the same bytes out,
 * for the encodings of test/fixtures/results/html-report.json). Any inflate reads a smaller window.
 */
const DEFLATE_OPTIONS = { windowBits: 10, memLevel: 4 };

/** Compressed base64 (HdrHistogram V2 format), readable by any HdrHistogram implementation. */
export function encodeHistogram(histogram: Histogram): string {
  if (!isWasmHistogram(histogram)) return hdr.encodeIntoCompressedBase64(histogram);
  const deflated = deflateSync((histogram as InstanceType<typeof hdr.WasmHistogram>).encode(), DEFLATE_OPTIONS);
  const encoded = Buffer.allocUnsafe(8 + deflated.length);
  encoded.writeInt32BE(V2_COMPRESSED_COOKIE, 0);
  encoded.writeInt32BE(deflated.length, 4);
  deflated.copy(encoded, 8);
  return encoded.toString('base64');
}

const emptyEncodings = new Map<number, string>();

/** The encoding of an empty histogram of that precision, made once: empty series need no histogram of their own. */
export function encodeEmptyHistogram(digits: number): string {
  let encoded = emptyEncodings.get(digits);
  if (encoded === undefined) {
    const empty = createHistogram(digits);
    encoded = encodeHistogram(empty);
    empty.destroy();
    emptyEncodings.set(digits, encoded);
  }
  return encoded;
}

/**
 * Decodes into a histogram of our range at the precision it was encoded with (so `add` between
 * histograms of the same precision takes the exact fast path). An encoding of our own range (every
 * one mcp-load writes) decodes straight into the chosen backend; any other is added into one of ours.
 */
export function decodeHistogram(base64: string): { histogram: Histogram; digits: number } {
  const payload = encodedPayload(base64);
  const digits = payload.readInt32BE(12);
  if (payload.readBigInt64BE(16) === BigInt(LOWEST_TRACKABLE_US) && payload.readBigInt64BE(24) === BigInt(HIGHEST_TRACKABLE_US)) {
    const histogram =
      histogramBackend() === 'wasm' ? hdr.WasmHistogram.decode(payload, 32, 0) : (hdr.JsHistogram as unknown as PayloadDecoder).decode(payload, 32, 0);
    return { histogram, digits };
  }
  const decoded = decodeRaw(base64, false);
  const histogram = createHistogram(digits);
  try {
    addHistogram(histogram, decoded);
  } catch (error) {
    histogram.destroy();
    throw error;
  } finally {
    decoded.destroy();
  }
  return { histogram, digits };
}

/**
 * The V2 payload of a compressed encoding (cookie, length, deflated payload), inflated: its header
 * holds the precision (bytes 12-15) and the range (16-31, lowest and highest trackable values).
 */
function encodedPayload(base64: string): Buffer {
  const data = Buffer.from(base64.trim(), 'base64');
  if (data.length < 8 || (data.readInt32BE(0) & ~0xf0) !== V2_COMPRESSED_COOKIE_BASE) throw new Error('Encoding not supported, only V2 is supported');
  const payload = inflateSync(data.subarray(8, 8 + data.readInt32BE(4)));
  if (payload.length < 40) throw new Error('Encoding not supported: its header is cut short');
  return payload;
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

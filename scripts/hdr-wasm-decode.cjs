// What hdr-histogram-js's WebAssembly loader (dist/wasm/index.js) takes from base64-js and pako,
// done by Node itself, for the tests that run the sources (scripts/test-loader/register.mjs): the
// loader decodes its embedded binary (base64 of zlib) in every thread that starts; pako's
// JavaScript inflate and base64-js took most of that time, Buffer and zlib take little. The bundles
// read the binary inflated at build time from dist/hdr-histogram.wasm (scripts/build.mjs).
// The bytes are the same (test/package/barrel-imports.test.ts). Histograms are deflated by
// src/engine/metrics/histogram.ts with node:zlib.
const { inflateSync } = require('node:zlib');

/** base64-js's toByteArray. */
exports.toByteArray = (text) => Buffer.from(text, 'base64');
/** pako's inflate (zlib format). */
exports.inflate = (bytes) => inflateSync(bytes);

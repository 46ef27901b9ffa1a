// What hdr-histogram-js's WebAssembly loader (dist/wasm/index.js) takes from base64-js and pako,
// done by Node itself: the bundles (scripts/build.mjs) give the loader this module instead. The
// loader decodes its embedded binary (base64 of zlib) in every thread that starts, before the first
// request; pako's JavaScript inflate and base64-js took most of that time, Buffer and zlib take little.
// The bytes are the same (test/package/hdr-wasm-decode.test.ts); encoded histograms still use pako.
const { inflateSync } = require('node:zlib');

/** base64-js's toByteArray. */
exports.toByteArray = (text) => Buffer.from(text, 'base64');
/** pako's inflate (zlib format). */
exports.inflate = (bytes) => inflateSync(bytes);

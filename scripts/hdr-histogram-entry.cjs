// What mcp-load uses of hdr-histogram-js, for the bundles (scripts/build.mjs resolves the package
// to this module): its index.js loads every module of the package, and HistogramLogWriter's top
// level makes an Intl.NumberFormat, whose ICU set-up took about a tenth of the CLI's start-up.
// Its encoding module loads only where src/engine/metrics/histogram.ts asks for it (a histogram of
// the JavaScript backend encoded), after the run.
const { build } = require('hdr-histogram-js/dist/HistogramBuilder');
const { initWebAssemblySync, WasmHistogram } = require('hdr-histogram-js/dist/wasm');

const encoding = () => require('hdr-histogram-js/dist/encoding');

exports.build = build;
exports.initWebAssemblySync = initWebAssemblySync;
exports.WasmHistogram = WasmHistogram;
exports.encodeIntoCompressedBase64 = (...args) => encoding().encodeIntoCompressedBase64(...args);
exports.decodeFromCompressedBase64 = (...args) => encoding().decodeFromCompressedBase64(...args);

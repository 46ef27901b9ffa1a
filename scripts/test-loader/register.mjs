import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CACHE_ENV, ROOT } from './paths.mjs';

const cacheDir = process.env[CACHE_ENV];
if (!cacheDir) throw new Error(`${CACHE_ENV} is not set: run the tests with \`npm test\` (scripts/test.mjs compiles the sources first)`);
// A test file runs as the JavaScript compile.mjs wrote (scripts/test.mjs), whose imports name the
// compiled modules: it needs no hooks, which run on a thread of their own and cost each test process
// about a quarter of a second of CPU. A child process or worker thread started on a .ts file needs them.
const runsCompiled = isMainThread && process.argv[1]?.startsWith(`${cacheDir}/`);
// MCP_LOAD_TEST_RECORD=1 npm test: each test process's lifetime, by its entry (scripts/test.mjs).
const processLog = process.env.MCP_LOAD_TEST_PROCESS_LOG;
if (runsCompiled && processLog) {
  process.on('exit', () => appendFileSync(processLog, `${JSON.stringify({ entry: process.argv[1], seconds: process.uptime() })}\n`));
}
if (!runsCompiled) register('./hooks.mjs', import.meta.url, { data: { rootUrl: pathToFileURL(ROOT).href, cacheDir: `${cacheDir}/` } });

// As in the bundles (scripts/build.mjs, nativeWasmDecode): hdr-histogram-js's WebAssembly loader
// decodes its binary with Node's base64 and zlib (scripts/hdr-wasm-decode.cjs) instead of base64-js
// and pako's JavaScript inflate, which cost every test process that records a latency ~0.2 s of CPU.
const WASM_LOADER = /hdr-histogram-js[\\/]dist[\\/]wasm[\\/]index\.js$/;
const NATIVE_DECODE = fileURLToPath(new URL('../hdr-wasm-decode.cjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWasmDecode(request, parent, ...rest) {
  if ((request === 'pako' || request === 'base64-js') && WASM_LOADER.test(parent?.filename ?? '')) return NATIVE_DECODE;
  return resolveFilename.call(this, request, parent, ...rest);
};

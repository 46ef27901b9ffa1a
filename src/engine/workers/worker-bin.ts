// The worker's entry (dist/worker.cjs, which a worker thread or process starts): runs the bundled
// worker (dist/worker-main.cjs, built from worker-main.ts) through the V8 code cache of
// src/code-cache.ts, as the CLI's bin does; worker-main writes the cache once its run is done (a
// thread the pool ends has no exit to write it at).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCodeCache } from '../../code-cache.ts';

/** A hash of the bundle's cached files (scripts/build.mjs): a cache is for the one build it was made from. */
declare const MCP_LOAD_CODE_BUILD: string;

useCodeCache(dirname(fileURLToPath(import.meta.url)), MCP_LOAD_CODE_BUILD, /^(worker-main|undici)\.cjs$/);
createRequire(import.meta.url)('./worker-main.cjs');

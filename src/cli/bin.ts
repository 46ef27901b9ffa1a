#!/usr/bin/env node
// The installed bin (dist/cli.cjs: CommonJS, so Node starts no ES module loader for it): runs the
// bundled CLI (dist/cli-main.cjs, built from src/cli/index.ts by scripts/build.mjs) through the V8
// code cache of src/code-cache.ts, written at exit (about 60 ms less to a run's first request,
// bench/startup.ts).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCodeCache, writeCodeCache } from '../code-cache.ts';

/** A hash of the bundle's cached files (scripts/build.mjs): a cache is for the one build it was made from. */
declare const MCP_LOAD_CODE_BUILD: string;

/** The CLI's CommonJS files, the chunks it shares with the library, and undici's. */
useCodeCache(dirname(fileURLToPath(import.meta.url)), MCP_LOAD_CODE_BUILD, /^(cli-main|chunk-[A-Z0-9]+|undici)\.cjs$/);
process.once('exit', writeCodeCache);
createRequire(import.meta.url)('./cli-main.cjs');

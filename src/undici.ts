// undici, loaded at its first use: the lean HTTP/1.1 client carries a run's sessions by default,
// and loading undici at start-up (its half a megabyte of code, and the globalThis.Headers it reads,
// which makes Node load its own internal copy too) cost a run tens of milliseconds before its first
// request. Its users (the undici session client, shared pools, OAuth, pushes) call loadUndici()
// where they need it; `import type` is free.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/**
 * Set by scripts/build.mjs: the bundles load undici from their own copy beside them (dist/undici.cjs,
 * the installed package has no dependencies); from the sources it is the package in node_modules.
 */
declare const MCP_LOAD_UNDICI_MODULE: string | undefined;

let undici: typeof Undici | undefined;

/** undici's exports (loaded synchronously once, then cached). */
export function loadUndici(): typeof Undici {
  undici ??= createRequire(import.meta.url)(typeof MCP_LOAD_UNDICI_MODULE === 'string' ? MCP_LOAD_UNDICI_MODULE : 'undici') as typeof Undici;
  return undici;
}

// undici, loaded at its first use: the lean HTTP/1.1 client carries a run's sessions by default,
// and loading undici at start-up cost a run tens of milliseconds before its first request. Only the
// parts mcp-load uses load (undici-parts.cjs). Its users (the undici session client, shared pools,
// OAuth, pushes) call loadUndici() where they need it; `import type` is free.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

/** What mcp-load uses of undici: its exports of the same names. */
export interface UndiciParts {
  Client: typeof Undici.Client;
  Pool: typeof Undici.Pool;
  request: typeof Undici.request;
}

/**
 * Set by scripts/build.mjs: the bundles load their own copy beside them (dist/undici.cjs, the
 * installed package has no dependencies); from the sources it is undici-parts.cjs beside this file.
 */
declare const MCP_LOAD_UNDICI_MODULE: string | undefined;

let undici: UndiciParts | undefined;

/** undici's parts (loaded synchronously once, then cached). */
export function loadUndici(): UndiciParts {
  undici ??= createRequire(import.meta.url)(typeof MCP_LOAD_UNDICI_MODULE === 'string' ? MCP_LOAD_UNDICI_MODULE : './undici-parts.cjs') as UndiciParts;
  return undici;
}

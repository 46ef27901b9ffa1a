import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where a run of scripts/test.mjs compiled the sources: its own directory, so two runs never share one. */
export const CACHE_ENV = 'MCP_LOAD_TEST_CACHE';
export const CACHE_ROOT = fileURLToPath(new URL('../../node_modules/.cache/mcp-load-tests/', import.meta.url));

import type * as Undici from 'undici';
/** What mcp-load uses of undici: its exports of the same names. */
export interface UndiciParts {
    Client: typeof Undici.Client;
    Pool: typeof Undici.Pool;
    request: typeof Undici.request;
}
/** undici's parts (loaded synchronously once, then cached). */
export declare function loadUndici(): UndiciParts;

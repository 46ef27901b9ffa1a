import type { Scenario } from '../scenario/index.ts';
/**
 * undici carries what the lean HTTP/1.1 client does not: the GET stream, the legacy HTTP+SSE
 * transport, OAuth's requests and the answers to server requests; src/undici.ts loads it at its
 * first use. A run whose scenario asks for one of these loads it here, before its load starts, so
 * that loading it (tens of milliseconds of one thread) never stalls the event loop inside the
 * measured window. Left to their first use, where they happen: a call's cancellation after a
 * timeout, an SSE resumption, `auto` falling back to the legacy transport.
 */
export declare function loadUndiciIfPlanned(scenario: Scenario, openStream: boolean): void;

import { MapReader } from './fields.ts';
import type { ClientSettings } from './types.ts';
/** Top-level keys that configure the wire client (see ClientSettings). */
export declare const CLIENT_KEYS: readonly ["protocolVersion", "stream", "progress", "replies", "replyGrace", "reissue", "trace", "instance", "cookies"];
export declare const DEFAULT_TRACE_SAMPLE = 0.01;
export declare const REPLY_KEYS: readonly ["sampling", "elicitation", "roots"];
export declare const DEFAULT_REPLY_GRACE_MS = 250;
export declare function readClientSettings(r: MapReader): ClientSettings;
/** The settings that differ from the defaults, for the echo: a scenario without them keeps its hash. */
export declare function echoClientSettings(client: ClientSettings): Partial<ClientSettings> | undefined;

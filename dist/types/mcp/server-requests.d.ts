import type { ServerReplies } from '../scenario/index.ts';
import type { JsonRpcRequest, JsonRpcResponse } from './types.ts';
/** Canned replies to requests a server sends the client (the scenario's `replies:`); a missing one is answered with an error. */
export type ServerRequestReplies = ServerReplies;
/** Capabilities the client can honestly declare given its canned replies. */
export declare function clientCapabilities(replies: ServerRequestReplies): Record<string, unknown>;
/** The answer to a server-to-client request: ping always, the rest from the canned replies. */
export declare function answerServerRequest(req: JsonRpcRequest, replies: ServerRequestReplies): JsonRpcResponse;

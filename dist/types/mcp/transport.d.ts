import type { OperationTrace } from './trace.ts';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse, TransportKind } from './types.ts';
/** How an MCP session moves JSON-RPC messages; one instance per session. */
export interface Transport {
    readonly kind: TransportKind;
    /**
     * Sends a request and resolves with its matching response; rejects with a TransportError.
     * `paramHeaders` (2026-07-28 Mcp-Param-*, flat [name, value…]) go with it where the transport has them.
     */
    request(message: JsonRpcRequest, trace: OperationTrace, paramHeaders?: readonly string[]): Promise<JsonRpcResponse>;
    /** Sends our answer to a server-to-client request (answered 202). */
    respond(message: JsonRpcResponse, trace: OperationTrace): Promise<void>;
    /** Sends a notification (answered 202). */
    notify(message: JsonRpcNotification, trace: OperationTrace): Promise<void>;
    /** Ends the session on the server where the transport can (DELETE) and releases streams. */
    close(trace: OperationTrace): Promise<void>;
    /** Forgets the session so the next request starts a new one. */
    reset(): void;
    /** Cuts every request in flight now (they end as `closed` transport failures). */
    abort(): void;
    /** Whether a failure means the server no longer knows this session. */
    isSessionLost(err: unknown): boolean;
}
/** Handles what a server sends that is not the awaited response. */
export interface ServerMessageSink {
    onServerRequest(request: JsonRpcRequest, trace: OperationTrace | null): void;
    onNotification(message: JsonRpcNotification, trace: OperationTrace | null): void;
    /** Where work the transport does on its own (reopening the GET stream) is counted: the operation in flight, if any. */
    backgroundTrace(): OperationTrace;
}

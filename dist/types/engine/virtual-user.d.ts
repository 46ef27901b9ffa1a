import type { McpSession } from '../mcp/index.ts';
import { StopSignal } from './stop-signal.ts';
/** A virtual user: an id, its iteration count and (per-vu sessions) its warm MCP session. */
export declare class VirtualUser {
    readonly id: number;
    iterations: number;
    session: McpSession | null;
    /** Handshakes failed in a row: the back-off before the next attempt grows with it. */
    failedHandshakes: number;
    /** Fired when the VU is retired or interrupted: a pause that does no work (back-off) ends then. */
    private rest;
    private isRetired;
    /** Fired to cut the current iteration short (graceful period over, hard stop). */
    interrupt: StopSignal;
    /** The handshake of a session opened ahead of the first iteration (open-model setup), until it ends. */
    opening: Promise<void> | null;
    /** The session of the running iteration: an interrupt aborts its requests in flight. */
    activeSession: McpSession | null;
    /** An iteration is in progress. */
    running: boolean;
    /** The run stopped waiting for this VU's interrupted iteration (already counted as interrupted). */
    abandoned: boolean;
    constructor(id: number);
    /** Asked to stop after its current iteration (ramp-down, end of schedule). */
    get retired(): boolean;
    set retired(value: boolean);
    /** Waits `ms` unless the VU is retired or interrupted first: for pauses that hold no work. */
    pause(ms: number): Promise<void>;
    /** Readies a reused VU for a new run of iterations. */
    revive(): void;
    /** One listener per signal, not per iteration: the hot path only sets `activeSession`. */
    private newInterrupt;
}

import type { McpSession } from '../mcp/index.ts';
import { sleep, StopSignal } from './stop-signal.ts';

/** A virtual user: an id, its iteration count and (per-vu sessions) its warm MCP session. */
export class VirtualUser {
  readonly id: number;
  iterations = 0;
  session: McpSession | null = null;
  /** Handshakes failed in a row: the back-off before the next attempt grows with it. */
  failedHandshakes = 0;
  /** Fired when the VU is retired or interrupted: a pause that does no work (back-off) ends then. */
  private rest = new StopSignal();
  private isRetired = false;
  /** Fired to cut the current iteration short (graceful period over, hard stop). */
  interrupt: StopSignal;
  /** The handshake of a session opened ahead of the first iteration (open-model setup), until it ends. */
  opening: Promise<void> | null = null;
  /** The session of the running iteration: an interrupt aborts its requests in flight. */
  activeSession: McpSession | null = null;
  /** An iteration is in progress. */
  running = false;
  /** The run stopped waiting for this VU's interrupted iteration (already counted as interrupted). */
  abandoned = false;

  constructor(id: number) {
    this.id = id;
    this.interrupt = this.newInterrupt();
  }

  /** Asked to stop after its current iteration (ramp-down, end of schedule). */
  get retired(): boolean {
    return this.isRetired;
  }

  set retired(value: boolean) {
    this.isRetired = value;
    if (value) this.rest.fire();
  }

  /** Waits `ms` unless the VU is retired or interrupted first: for pauses that hold no work. */
  pause(ms: number): Promise<void> {
    return sleep(ms, this.rest);
  }

  /** Readies a reused VU for a new run of iterations. */
  revive(): void {
    this.retired = false;
    if (this.interrupt.fired) this.interrupt = this.newInterrupt();
    if (this.rest.fired) this.rest = new StopSignal();
  }

  /** One listener per signal, not per iteration: the hot path only sets `activeSession`. */
  private newInterrupt(): StopSignal {
    const signal = new StopSignal();
    signal.onFire(() => {
      this.rest.fire();
      this.activeSession?.abort();
    });
    return signal;
  }
}

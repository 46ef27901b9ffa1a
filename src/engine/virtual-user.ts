import type { McpSession } from '../mcp/index.ts';
import { StopSignal } from './stop-signal.ts';

/** A virtual user: an id, its iteration count and (per-vu sessions) its warm MCP session. */
export class VirtualUser {
  readonly id: number;
  iterations = 0;
  session: McpSession | null = null;
  /** Asked to stop after its current iteration (ramp-down, end of schedule). */
  retired = false;
  /** Fired to cut the current iteration short (graceful period over, hard stop). */
  interrupt: StopSignal;
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

  /** Readies a reused VU for a new run of iterations. */
  revive(): void {
    this.retired = false;
    if (this.interrupt.fired) this.interrupt = this.newInterrupt();
  }

  /** One listener per signal, not per iteration: the hot path only sets `activeSession`. */
  private newInterrupt(): StopSignal {
    const signal = new StopSignal();
    signal.onFire(() => this.activeSession?.abort());
    return signal;
  }
}

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
  interrupt = new StopSignal();

  constructor(id: number) {
    this.id = id;
  }

  /** Readies a reused VU for a new run of iterations. */
  revive(): void {
    this.retired = false;
    if (this.interrupt.fired) this.interrupt = new StopSignal();
  }
}

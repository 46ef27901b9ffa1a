import { traceIdOf } from '../mcp/index.ts';

/** One slow sampled call, for finding its trace in the server's tracing backend. */
export interface TraceExemplar {
  tool: string;
  /** The W3C trace id (32 hex digits) the call's traceparent carried. */
  traceId: string;
  durationMs: number;
}

/** How many of the slowest sampled calls a result keeps. */
export const MAX_TRACE_EXEMPLARS = 10;

/** The slowest sampled (traceparent flag 01) tool calls of the measured phase, bounded. */
export class TraceExemplars {
  private readonly kept: TraceExemplar[] = [];

  offer(tool: string, traceparent: string, durationMs: number): void {
    if (!traceparent.endsWith('-01')) return;
    const kept = this.kept;
    if (kept.length < MAX_TRACE_EXEMPLARS) {
      kept.push({ tool, traceId: traceIdOf(traceparent), durationMs });
      return;
    }
    let fastest = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i].durationMs < kept[fastest].durationMs) fastest = i;
    if (durationMs > kept[fastest].durationMs) kept[fastest] = { tool, traceId: traceIdOf(traceparent), durationMs };
  }

  /** Slowest first. */
  toJSON(): TraceExemplar[] {
    return [...this.kept].sort((a, b) => b.durationMs - a.durationMs);
  }
}

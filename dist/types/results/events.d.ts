import type { AvailabilitySeriesJSON } from '../engine/index.ts';
import type { EventCommandRecord, EventRecord } from '../engine/index.ts';
import { type FailureBurst, type SpanAvailability } from './availability.ts';
import type { Result } from './types.ts';
/** The span compared before and after an event: long enough for a few calls, short enough to be about it. */
export declare const EVENT_WINDOW_MS = 5000;
/** A failure burst that starts later than this after an event is not called its consequence. */
export declare const EVENT_LOOKAHEAD_MS = 10000;
/** What followed one event, from the send-time windows and the per-second latency. */
export interface EventImpact {
    event: EventRecord;
    /** The EVENT_WINDOW_MS before it, and the two after it (whole seconds from its own). */
    before: SpanAvailability;
    after: SpanAvailability;
    later: SpanAvailability;
    /** The failures that followed it (absent: none within EVENT_LOOKAHEAD_MS, or it is `during`). */
    burst?: FailureBurst;
    /** It happened while an earlier event's failures went on: that event's name. */
    during?: string;
    /** p95 of successful calls that ended in the EVENT_WINDOW_MS before and after it, ms. */
    p95BeforeMs: number | null;
    p95AfterMs: number | null;
}
/** Every event that happened, with what followed; empty without events or send-time windows. */
export declare function eventImpacts(result: Pick<Result, 'events' | 'availability' | 'timeSeries' | 'startedAt'>): EventImpact[];
/** The failure bursts of the run that no event explains (none started within the lookahead of one). */
export declare function unexplainedBursts(series: AvailabilitySeriesJSON, impacts: readonly EventImpact[]): FailureBurst[];
/** `exited 0 after 0.1 s`, `timed out after 10.0 s and was killed`, `could not start: …`. */
export declare function commandOutcome(c: EventCommandRecord): string;

import type { HttpRecord } from '../mcp/index.ts';
import { type MetricsRegistry } from './metrics/index.ts';
/** Distinct instances recorded by name; later ones are folded into OTHER_INSTANCE (a server's names must not grow the metrics without bound). */
export declare const MAX_INSTANCES = 16;
export declare const OTHER_INSTANCE = "other";
/**
 * The per-instance metrics of one run (tag `instance`), shared by every recorder of the registry so
 * the cap on distinct instances holds for the whole run. Handles are resolved once per instance.
 */
export declare class InstanceRecorder {
    private readonly registry;
    private readonly byName;
    private constructor();
    private static readonly perRegistry;
    static of(registry: MetricsRegistry): InstanceRecorder;
    request(r: HttpRecord, failed: boolean): void;
    call(instance: string, ok: boolean, durationMs: number): void;
    sessionStarted(instance: string): void;
    private handles;
    private resolve;
}

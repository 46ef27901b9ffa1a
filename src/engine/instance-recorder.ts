import type { HttpRecord } from '../mcp/index.ts';
import { EXPECTED_RESPONSE_TAG, type CounterHandle, type MetricsRegistry, type RateHandle, type TrendHandle } from './metrics/index.ts';

/** Distinct instances recorded by name; later ones are folded into OTHER_INSTANCE (a server's names must not grow the metrics without bound). */
export const MAX_INSTANCES = 16;
export const OTHER_INSTANCE = 'other';

interface InstanceHandles {
  requests: CounterHandle;
  httpFailed: RateHandle;
  calls: { ok: CounterHandle; failed: CounterHandle };
  duration: { ok: TrendHandle; failed: TrendHandle };
  sessions: CounterHandle;
}

/**
 * The per-instance metrics of one run (tag `instance`), shared by every recorder of the registry so
 * the cap on distinct instances holds for the whole run. Handles are resolved once per instance.
 */
export class InstanceRecorder {
  private readonly byName = new Map<string, InstanceHandles>();

  private constructor(private readonly registry: MetricsRegistry) {}

  private static readonly perRegistry = new WeakMap<MetricsRegistry, InstanceRecorder>();

  static of(registry: MetricsRegistry): InstanceRecorder {
    let recorder = InstanceRecorder.perRegistry.get(registry);
    if (recorder === undefined) {
      recorder = new InstanceRecorder(registry);
      InstanceRecorder.perRegistry.set(registry, recorder);
    }
    return recorder;
  }

  request(r: HttpRecord, failed: boolean): void {
    if (r.instance === undefined) return;
    const h = this.handles(r.instance);
    h.requests.add(1);
    h.httpFailed.add(failed);
  }

  call(instance: string, ok: boolean, durationMs: number): void {
    const h = this.handles(instance);
    (ok ? h.calls.ok : h.calls.failed).add(1);
    (ok ? h.duration.ok : h.duration.failed).record(durationMs * 1000);
  }

  sessionStarted(instance: string): void {
    this.handles(instance).sessions.add(1);
  }

  private handles(instance: string): InstanceHandles {
    let h = this.byName.get(instance);
    if (h !== undefined) return h;
    if (this.byName.size >= MAX_INSTANCES) {
      h = this.byName.get(OTHER_INSTANCE) ?? this.resolve(OTHER_INSTANCE);
      this.byName.set(OTHER_INSTANCE, h);
      return h;
    }
    h = this.resolve(instance);
    this.byName.set(instance, h);
    return h;
  }

  private resolve(instance: string): InstanceHandles {
    const r = this.registry;
    const tags = { instance };
    const ok = { instance, [EXPECTED_RESPONSE_TAG]: 'true' };
    const failed = { instance, [EXPECTED_RESPONSE_TAG]: 'false' };
    return {
      requests: r.counter('instance_http_reqs').handle(tags),
      httpFailed: r.rate('instance_http_failed').handle(tags),
      calls: { ok: r.counter('instance_calls').handle(ok), failed: r.counter('instance_calls').handle(failed) },
      duration: { ok: r.trend('instance_call_duration').handle(ok), failed: r.trend('instance_call_duration').handle(failed) },
      sessions: r.counter('instance_sessions').handle(tags),
    };
  }
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InstanceRecorder, MAX_INSTANCES, OTHER_INSTANCE } from '../../src/engine/instance-recorder.ts';
import { initMetrics, MetricsRegistry, snapshot } from '../../src/engine/metrics/index.ts';
import type { HttpRecord } from '../../src/mcp/index.ts';
import { instanceBreakdown } from '../../src/results/index.ts';

const record = (instance: string, status = 200): HttpRecord => ({
  method: 'POST',
  status,
  ttfbMs: 1,
  durationMs: 2,
  bytesSent: 0,
  bytesReceived: 0,
  purpose: 'call',
  failed: false,
  heldOpen: false,
  instance,
});

test(`a server naming 40 instances costs ${MAX_INSTANCES} series sets and "other"; every request still counted`, async () => {
  await initMetrics();
  const registry = new MetricsRegistry({ nowMs: 0 });
  try {
    const recorder = InstanceRecorder.of(registry);
    assert.equal(InstanceRecorder.of(registry), recorder, 'one per registry: the cap holds for the whole run');
    for (let i = 0; i < 40; i++) {
      recorder.request(record(`pod-${i}`), false);
      recorder.call(`pod-${i}`, true, 3);
    }
    recorder.request(record('pod-39', 503), true);
    const b = instanceBreakdown(snapshot(registry, 1000))!;
    assert.equal(b.rows.length, MAX_INSTANCES + 1);
    assert.equal(b.folded, true);
    const other = b.rows[b.rows.length - 1];
    assert.deepEqual([other.instance, other.requests, other.httpFailed, other.calls], [OTHER_INSTANCE, 40 - MAX_INSTANCES + 1, 1, 40 - MAX_INSTANCES]);
    assert.equal(
      b.rows.reduce((n, r) => n + r.requests, 0),
      41,
    );
  } finally {
    registry.dispose();
  }
});

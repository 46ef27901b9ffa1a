// The hot path's recorders: what one operation becomes in metrics, tag by tag, checked on the
// registry's snapshot (every series and its exact summary) for operations the test writes down.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorSamples } from '../../src/engine/error-samples.ts';
import { MetricsRegistry, snapshot, type SeriesSnapshot } from '../../src/engine/metrics/index.ts';
import { CallRecorder, SessionRecorder, httpFailed } from '../../src/engine/recorder.ts';
import type { HttpRecord, OperationResult } from '../../src/mcp/index.ts';

const T0 = Date.UTC(2026, 0, 1);

function http(overrides: Partial<HttpRecord> = {}): HttpRecord {
  return {
    method: 'POST',
    status: 200,
    ttfbMs: 3,
    durationMs: 5,
    bytesSent: 100,
    bytesReceived: 200,
    purpose: 'call',
    failed: false,
    heldOpen: false,
    ...overrides,
  };
}

function operation(overrides: Partial<OperationResult> = {}): OperationResult {
  return {
    method: 'tools/call',
    name: 'echo',
    outcome: 'success',
    durationMs: 5,
    ttfbMs: 3,
    http: [http()],
    bytesSent: 100,
    bytesReceived: 200,
    reinitAttempted: false,
    reinitialized: false,
    streamResumptions: 0,
    resumed: false,
    reissued: 0,
    progressNotifications: 0,
    notifications: 0,
    serverRequests: 0,
    ...overrides,
  };
}

/** The series of the registry that have samples, as `metric{tag=value,…}` → summary. */
function recorded(registry: MetricsRegistry): Map<string, SeriesSnapshot['summary']> {
  const series = new Map<string, SeriesSnapshot['summary']>();
  for (const s of snapshot(registry, T0 + 1000).metrics) {
    if (Object.keys(s.tags).length === 0) continue;
    const summary = s.summary as { count?: number; passes?: number; fails?: number };
    if ((summary.count ?? 0) === 0 && (summary.passes ?? 0) + (summary.fails ?? 0) === 0) continue;
    const tags = Object.entries(s.tags)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    series.set(`${s.metric}{${tags}}`, s.summary);
  }
  return series;
}

function fresh(): { registry: MetricsRegistry; errors: ErrorSamples } {
  return { registry: new MetricsRegistry({ nowMs: T0 }), errors: new ErrorSamples() };
}

describe('CallRecorder', () => {
  it('a successful call: one MCP call of the expected class, its time in µs, its HTTP request and bytes under the tool', () => {
    const { registry, errors } = fresh();
    try {
      new CallRecorder(registry, errors, 'agents', 'tools/call', 'echo').record(operation({ durationMs: 12.5 }), 2.5);
      const series = recorded(registry);
      const call = 'expected_response=true,method=tools/call,scenario=agents,tool=echo';
      const request = 'expected_response=true,http_method=POST,method=tools/call,purpose=call,scenario=agents,status=200,tool=echo';
      assert.deepEqual([...series.keys()].sort(), [
        `data_received{method=tools/call,scenario=agents,tool=echo}`,
        `data_sent{method=tools/call,scenario=agents,tool=echo}`,
        `http_req_duration{${request}}`,
        `http_req_failed{${request}}`,
        `http_req_waiting{${request}}`,
        `http_reqs{${request}}`,
        `mcp_call_duration{${call}}`,
        `mcp_calls{${call}}`,
        `mcp_errors{${call}}`,
        `mcp_success{${call}}`,
      ]);
      const duration = series.get(`mcp_call_duration{${call}}`) as { count: number; max: number };
      // The call's 12.5 ms plus the 2.5 ms it waited to start (the open model's scheduled start).
      assert.deepEqual([duration.count, duration.max], [1, 15]);
      assert.deepEqual(series.get(`mcp_errors{${call}}`), { passes: 0, fails: 1, rate: 0 });
      assert.deepEqual(series.get(`mcp_success{${call}}`), { passes: 1, fails: 0, rate: 1 });
      assert.equal((series.get(`http_req_waiting{${request}}`) as { max: number }).max, 3);
      assert.equal((series.get(`data_received{method=tools/call,scenario=agents,tool=echo}`) as { count: number }).count, 200);
      assert.deepEqual(errors.toJSON(), []);
    } finally {
      registry.dispose();
    }
  });

  it('each failure class is counted under its own error_class, and its error kept as a sample', () => {
    const { registry, errors } = fresh();
    try {
      const recorder = new CallRecorder(registry, errors, 'agents', 'tools/call', 'echo');
      recorder.record(operation({ outcome: 'tool', error: { message: 'out of stock' } }));
      recorder.record(operation({ outcome: 'protocol', error: { message: 'unknown tool', code: -32602 } }));
      recorder.record(operation({ outcome: 'gateway', error: { message: 'HTTP 502', status: 502 }, http: [http({ status: 502 })] }));
      const series = recorded(registry);
      for (const errorClass of ['tool', 'protocol', 'gateway']) {
        const tags = `error_class=${errorClass},expected_response=false,method=tools/call,scenario=agents,tool=echo`;
        assert.equal((series.get(`mcp_calls{${tags}}`) as { count: number }).count, 1, errorClass);
        assert.deepEqual(series.get(`mcp_errors{${tags}}`), { passes: 1, fails: 0, rate: 1 }, errorClass);
      }
      assert.equal(series.has('mcp_calls{expected_response=true,method=tools/call,scenario=agents,tool=echo}'), false);
      // The 502 is a failed request, tagged with its status.
      const failed = 'expected_response=false,http_method=POST,method=tools/call,purpose=call,scenario=agents,status=502,tool=echo';
      assert.deepEqual(series.get(`http_req_failed{${failed}}`), { passes: 1, fails: 0, rate: 1 });
      assert.deepEqual(
        errors.toJSON().map((k) => [k.errorClass, k.code ?? k.status, k.count, k.samples]),
        [
          ['tool', undefined, 1, ['out of stock']],
          ['protocol', -32602, 1, ['unknown tool']],
          ['gateway', 502, 1, ['HTTP 502']],
        ],
      );
    } finally {
      registry.dispose();
    }
  });

  it('during warm-up the samples are dropped and no error sample is kept', () => {
    const registry = new MetricsRegistry({ warmup: true, nowMs: T0 });
    const errors = new ErrorSamples();
    try {
      new CallRecorder(registry, errors, 'agents', 'tools/call', 'echo').record(operation({ outcome: 'tool', error: { message: 'early' } }));
      assert.equal(registry.counter('mcp_calls').total.count, 0);
      assert.deepEqual(errors.toJSON(), []);
    } finally {
      registry.dispose();
    }
  });

  it('the stream, session and server-request counts of an operation land in their counters', () => {
    const { registry, errors } = fresh();
    try {
      const recorder = new CallRecorder(registry, errors, 'agents', 'tools/call', 'echo');
      recorder.record(
        operation({
          reinitAttempted: true,
          reinitialized: true,
          streamResumptions: 2,
          resumed: true,
          reissued: 1,
          progressNotifications: 3,
          notifications: 4,
          serverRequests: 5,
          http: [http(), http({ purpose: 'reinit', status: 200 }), http({ method: 'GET', purpose: 'resume', heldOpen: true })],
        }),
      );
      recorder.interrupted();
      const total = (metric: string) => registry.counter(metric).total.count;
      assert.deepEqual(
        [
          'session_reinit_attempts',
          'session_reinits',
          'stream_resumptions',
          'stream_resumed_calls',
          'requests_reissued',
          'mcp_progress_notifications',
          'mcp_notifications',
          'mcp_server_requests',
          'reply_streams_held_open',
          'mcp_calls_interrupted',
          'http_reqs',
          'mcp_calls',
        ].map((m) => [m, total(m)]),
        [
          ['session_reinit_attempts', 1],
          ['session_reinits', 1],
          ['stream_resumptions', 2],
          ['stream_resumed_calls', 1],
          ['requests_reissued', 1],
          ['mcp_progress_notifications', 3],
          ['mcp_notifications', 4],
          ['mcp_server_requests', 5],
          ['reply_streams_held_open', 1],
          ['mcp_calls_interrupted', 1],
          ['http_reqs', 3],
          ['mcp_calls', 1],
        ],
      );
    } finally {
      registry.dispose();
    }
  });

  it('a call whose session could not be opened fails with the handshake’s class and time, and charges no HTTP request to the call', () => {
    const { registry, errors } = fresh();
    try {
      const recorder = new CallRecorder(registry, errors, 'agents', 'tools/call', 'echo');
      recorder.recordUnreachable(operation({ method: 'initialize', outcome: 'transport', durationMs: 40, error: { message: 'ECONNREFUSED' } }), 10);
      const series = recorded(registry);
      const tags = 'error_class=transport,expected_response=false,method=tools/call,scenario=agents,tool=echo';
      assert.deepEqual([...series.keys()].sort(), [`mcp_call_duration{${tags}}`, `mcp_calls{${tags}}`, `mcp_errors{${tags}}`, `mcp_success{${tags}}`]);
      assert.equal((series.get(`mcp_call_duration{${tags}}`) as { max: number }).max, 50);
    } finally {
      registry.dispose();
    }
  });
});

describe('SessionRecorder', () => {
  it('a handshake and a DELETE are session metrics, never MCP calls; their requests count as HTTP under initialize and close', () => {
    const { registry, errors } = fresh();
    try {
      const sessions = new SessionRecorder(registry, errors, 'agents');
      sessions.recordInit(
        operation({ method: 'initialize', name: undefined, durationMs: 30, http: [http({ purpose: 'session' }), http({ purpose: 'session', status: 202 })] }),
      );
      sessions.recordInit(
        operation({
          method: 'initialize',
          name: undefined,
          outcome: 'transport',
          error: { message: 'ECONNRESET' },
          http: [http({ purpose: 'session', status: 0, failed: true })],
        }),
      );
      sessions.recordClose(operation({ method: 'close', name: undefined, http: [http({ method: 'DELETE', purpose: 'teardown' })] }));
      sessions.recordClose(operation({ method: 'close', name: undefined, outcome: 'transport', http: [] }));
      sessions.recordBackoff();
      const total = (metric: string) => registry.counter(metric).total.count;
      assert.equal(total('mcp_calls'), 0);
      assert.deepEqual(['sessions_created', 'sessions_closed', 'sessions_not_closed', 'session_backoffs', 'http_reqs'].map(total), [1, 1, 1, 1, 4]);
      assert.deepEqual(registry.rate('session_init_errors').total.summary(), { passes: 1, fails: 1, rate: 0.5 });
      const series = recorded(registry);
      assert.equal((series.get('session_init_duration{expected_response=true,scenario=agents}') as { max: number }).max, 30);
      assert.equal(
        (series.get('http_reqs{expected_response=true,http_method=POST,method=initialize,purpose=session,scenario=agents,status=202}') as { count: number })
          .count,
        1,
      );
      assert.equal(
        (series.get('http_reqs{expected_response=false,http_method=POST,method=initialize,purpose=session,scenario=agents,status=0}') as { count: number })
          .count,
        1,
      );
      assert.equal(
        (series.get('http_reqs{expected_response=true,http_method=DELETE,method=close,purpose=teardown,scenario=agents,status=200}') as { count: number })
          .count,
        1,
      );
      assert.deepEqual(
        errors.toJSON().map((k) => [k.errorClass, k.method, k.samples]),
        [['transport', 'initialize', ['ECONNRESET']]],
      );
    } finally {
      registry.dispose();
    }
  });
});

describe('httpFailed', () => {
  it('a request fails with no response, a 3xx, 4xx or 5xx; a probe or discovery only for a real reason', () => {
    const cases: [Partial<HttpRecord>, boolean][] = [
      [{ status: 200 }, false],
      [{ status: 202 }, false],
      [{ status: 0 }, true],
      [{ status: 200, failed: true }, true],
      [{ status: 302 }, true],
      [{ status: 404 }, true],
      [{ status: 503 }, true],
      [{ purpose: 'discovery', status: 404 }, false],
      [{ purpose: 'discovery', status: 405 }, false],
      [{ purpose: 'probe', status: 400 }, false],
      [{ purpose: 'discovery', status: 401 }, true],
      [{ purpose: 'probe', status: 403 }, true],
      [{ purpose: 'discovery', status: 302 }, true],
      [{ purpose: 'probe', status: 500 }, true],
    ];
    assert.deepEqual(
      cases.map(([r]) => [r, httpFailed(http(r))]),
      cases,
    );
  });
});

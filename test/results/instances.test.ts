import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { mergeTrendStates, type TrendState } from '../../src/engine/metrics/index.ts';
import { runTest } from '../../src/engine/run.ts';
import { instanceFindings } from '../../src/results/instance-findings.ts';
import { buildResult, mergeShardResults, type InstanceBreakdown, type InstanceRow, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';

/** A one-session-per-VU endpoint whose replies name instance a, b or c in turn; it counts what each "served". */
function roundRobinTagging(served: Record<string, number>): Promise<RunningServer> {
  let next = 0;
  return startHttpFixture((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const message = body ? (JSON.parse(body) as { id?: number; method?: string }) : {};
      const instance = 'abc'[next++ % 3];
      served[instance] = (served[instance] ?? 0) + 1;
      res.setHeader('x-served-by', instance);
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (message.method === 'server/discover')
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request: Server not initialized"}}');
      if (message.id === undefined) return void res.writeHead(202).end();
      const result =
        message.method === 'initialize'
          ? { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'rr', version: '1' } }
          : { content: [{ type: 'text', text: 'ok' }] };
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': `s-${next}` });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  });
}

describe('per-instance figures of shards', () => {
  let server: RunningServer;
  const served: Record<string, number> = {};
  let shards: Result[];
  let merged: Result;

  before(async () => {
    server = await roundRobinTagging(served);
    const scenario = parseScenario(
      'scenarios:\n  agents:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 6\n    flow:\n      - call: echo\n',
      'shards.yml',
      { env: {} },
    );
    shards = [];
    for (const index of [1, 2]) {
      const outcome = await runTest(scenario, { url: server.url, shard: { index, count: 2 } });
      shards.push(buildResult(scenario, server.url, outcome, {}));
      outcome.registry.dispose();
    }
    merged = mergeShardResults(shards.map((result, i) => ({ file: `shard${i + 1}.json`, result })));
  });
  after(() => server?.stop());

  it("merge to the server's own count of what each instance served, and the shards' sum", () => {
    const rows = Object.fromEntries(merged.instances!.rows.map((r) => [r.instance, r.requests]));
    assert.deepEqual(rows, served);
    for (const instance of Object.keys(served)) {
      const perShard = shards.map((s) => s.instances!.rows.find((r) => r.instance === instance)?.requests ?? 0);
      assert.equal(rows[instance], perShard[0] + perShard[1]);
    }
    assert.equal(merged.instances!.unattributed, 0);
  });

  it("merge percentiles from the shards' added histograms, never averaged", () => {
    for (const row of merged.instances!.rows) {
      const states = shards.flatMap((s) =>
        s.metrics.metrics.filter((m) => m.metric === 'instance_call_duration' && m.tags.instance === row.instance && m.tags.expected_response === 'true'),
      ) as TrendState[];
      if (states.length === 0) {
        assert.equal(row.p95, null);
        continue;
      }
      const summary = mergeTrendStates(states, merged.metrics.endMs - merged.metrics.startMs).summary;
      assert.equal(row.p95, summary.p95);
      assert.equal(row.p50, summary.p50);
    }
  });

  it('count every session as hopping: the instances take turns whatever the session', () => {
    assert.equal(merged.instances!.sessionHops, merged.sessions.created);
    assert.equal(merged.instances!.callsFailedAfterHop, 0);
    assert.equal(merged.findings.find((f) => f.id === 'session-hops')?.severity, 'info');
  });
});

/** A breakdown with the given requests and successful-call p95s per instance. */
function breakdown(rows: Array<[string, number, number | null, number?]>, extra: Partial<InstanceBreakdown> = {}): InstanceBreakdown {
  const total = rows.reduce((n, [, r]) => n + r, 0);
  return {
    rows: rows.map(
      ([instance, requests, p95, calls = requests]): InstanceRow => ({
        instance,
        requests,
        httpFailed: 0,
        share: requests / total,
        calls,
        errors: 0,
        p50: p95,
        p95,
        sessions: 1,
      }),
    ),
    folded: false,
    requests: total,
    unattributed: 0,
    sessionHops: 0,
    callsFailedAfterHop: 0,
    ...extra,
  };
}

const base = { sessions: { created: 6, failed: 0, reinitialized: 0, closed: 6, notClosed: 0, backoffs: 0 }, vusMax: 6 };
const ids = (instances: InstanceBreakdown): string[] => instanceFindings({ ...base, instances }).map((f) => f.id);

describe('instance findings', () => {
  it("514/234/369 requests (the issue's hash run): an imbalance, naming the busiest and the idlest", () => {
    const [f] = instanceFindings({
      ...base,
      instances: breakdown([
        ['a', 514, 5],
        ['c', 369, 5],
        ['b', 234, 5],
      ]),
    });
    assert.equal(f.id, 'instance-imbalance');
    assert.equal(f.statement, 'load is uneven across instances: a served 46.0 % of the requests and b 20.9 %, 2.2 times fewer');
  });

  it('even shares with one instance answering at a p95 four times the others: an imbalance of latency', () => {
    const [f] = instanceFindings({
      ...base,
      instances: breakdown([
        ['a', 100, 40],
        ['b', 100, 10],
        ['c', 100, 11],
      ]),
    });
    assert.equal(f.statement, 'one instance is slower than the others: a answered at p95 40 ms, b at 10 ms');
  });

  it('p95s far apart in ratio but within 5 ms, or shares under 2×, or under 100 requests: nothing', () => {
    assert.deepEqual(
      ids(
        breakdown([
          ['a', 100, 4],
          ['b', 100, 1],
        ]),
      ),
      [],
    );
    assert.deepEqual(
      ids(
        breakdown([
          ['a', 150, 5],
          ['b', 80, 5],
        ]),
      ),
      [],
    );
    assert.deepEqual(
      ids(
        breakdown([
          ['a', 60, 5],
          ['b', 20, 5],
        ]),
      ),
      [],
    );
  });

  it('one instance with 95 % of the requests and others seen: pinning, not imbalance', () => {
    const [f] = instanceFindings({
      ...base,
      instances: breakdown([
        ['a', 950, 5],
        ['b', 30, 5],
        ['c', 20, 5],
      ]),
    });
    assert.equal(f.id, 'instance-pinning');
    assert.match(f.statement, /^one instance \(a\) served 95\.0 % of 1,000 requests with 3 instances seen/);
  });

  it('one instance for a single VU is no pinning: nothing ran concurrently', () => {
    assert.deepEqual(instanceFindings({ ...base, vusMax: 1, instances: breakdown([['a', 500, 5]]) }), []);
  });

  it('hops with failed calls are an error; with none, information', () => {
    const hopping = instanceFindings({
      ...base,
      instances: breakdown(
        [
          ['a', 50, 5],
          ['b', 50, 5],
        ],
        { sessionHops: 4, callsFailedAfterHop: 3 },
      ),
    });
    assert.equal(hopping[0].severity, 'error');
    assert.match(hopping[0].statement, /^sessions hop between instances: 4 sessions were served by more than one instance and 3 MCP calls failed after a hop/);
    const harmless = instanceFindings({
      ...base,
      instances: breakdown(
        [
          ['a', 50, 5],
          ['b', 50, 5],
        ],
        { sessionHops: 4 },
      ),
    });
    assert.equal(harmless[0].severity, 'info');
  });

  it('no instance named: no finding at all', () => {
    assert.deepEqual(instanceFindings({ ...base, instances: undefined }), []);
  });
});

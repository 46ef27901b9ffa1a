import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Finding, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startHaproxy, type BalancerLogLine } from '../helpers/haproxy.ts';
import { startNginxBalancer } from '../helpers/nginx-balancer.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';

/** VUs for 2 s, each calling echo in its own session, behind the balancer under test. */
function scenarioYaml(extra: string, vus: number): string {
  return `${extra}
scenarios:
  agents:
    executor: constant-vus
    vus: ${vus}
    duration: 1s
    gracefulStop: 2s
    flow:
      - call: echo
        args: { message: hi }
      # Agents pause between calls: a few hundred calls a run, which the generator and the three
      # instances carry on a busy runner (a saturated generator withholds the instance findings).
      - think: 25ms
`;
}

interface LabRun {
  result: Result;
  /** The balancer's own log: one line per request it proxied. */
  log: BalancerLogLine[];
}

async function runBehind(balancer: { url: string; stop(): Promise<BalancerLogLine[]> }, extra = '', vus = 4): Promise<LabRun> {
  const scenario = parseScenario(scenarioYaml(extra, vus), 'lab.yml', { env: {} });
  let result: Result;
  let log: BalancerLogLine[];
  try {
    const outcome = await runTest(scenario, { url: balancer.url });
    try {
      result = buildResult(scenario, balancer.url, outcome, {});
    } finally {
      outcome.registry.dispose();
    }
  } finally {
    // Stopped before reading: its log is complete once it has exited.
    log = await balancer.stop();
  }
  return { result, log };
}

/** Requests per server as the balancer logged them. */
function served(log: readonly BalancerLogLine[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of log) out[line.server] = (out[line.server] ?? 0) + 1;
  return out;
}

function measured(result: Result): Record<string, number> {
  return Object.fromEntries((result.instances?.rows ?? []).map((r) => [r.instance, r.requests]));
}

function finding(result: Result, id: string): Finding {
  const f = result.findings.find((x) => x.id === id);
  assert.ok(f, `no ${id} finding; findings: ${JSON.stringify(result.findings.map((x) => x.id))}`);
  return f;
}

/** The finding's statement, as each report prints it (Markdown escapes some punctuation, HTML some more). */
function assertInAllReports(result: Result, said: RegExp): void {
  assert.match(renderTerminalSummary(result), said, 'terminal summary');
  assert.match(renderMarkdown(result).replaceAll('&#58;', ':').replaceAll('\\', ''), said, 'summary.md');
  assert.match(renderHtmlReport(result).replaceAll('&#x27;', "'").replaceAll('&#x60;', '`').replaceAll('&#x3D;', '='), said, 'report.html');
}

const HOP_OR_PINNING = ['session-hops', 'handshake-hashing', 'instance-pinning'];

describe('behind a real balancer in front of three server-everything instances', () => {
  let servers: RunningServer[];
  let upstreams: string[];

  before(async () => {
    servers = await Promise.all([0, 1, 2].map(() => startEverything('streamableHttp')));
    upstreams = servers.map((s) => `127.0.0.1:${s.port}`);
  });

  after(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
  });

  describe('nginx round-robin without stickiness', () => {
    let run: LabRun;
    before(async () => {
      run = await runBehind(await startNginxBalancer(upstreams, ''));
    });

    it("counts the requests of each instance exactly as nginx's access log does", () => {
      assert.equal(run.log.length, run.result.instances?.requests);
      assert.deepEqual(measured(run.result), served(run.log));
      assert.equal(run.result.instances?.unattributed, 0);
      assert.equal(Object.keys(served(run.log)).length, 3);
    });

    it('finds the sessions hopping, with the hops, the calls failed after them and the lost sessions as evidence', () => {
      const f = finding(run.result, 'session-hops');
      assert.equal(f.severity, 'error');
      const hops = run.result.instances!.sessionHops;
      assert.ok(hops > 0);
      assert.match(f.statement, new RegExp(`^sessions hop between instances: ${hops} sessions? (were|was) served by more than one instance`));
      assert.match(f.evidence.join('\n'), /sessions? lost \(\d+ × HTTP 400/);
      assert.match(f.advice ?? '', /Mcp-Session-Id/);
      assertInAllReports(run.result, /sessions hop between instances: \d+ sessions? (were|was) served by more than one instance/);
    });

    it('names a follow-up refused after initialize answered 200 a session lost right after the handshake, never a missing transport', () => {
      const samples = run.result.errors.flatMap((k) => k.samples).join('\n');
      assert.doesNotMatch(samples, /speaks neither MCP transport/);
      const handshake = run.result.errors.find((k) => k.method === 'initialize');
      assert.ok(handshake, JSON.stringify(run.result.errors));
      assert.match(
        handshake.samples[0],
        /^session lost right after the handshake: initialize was answered HTTP 200 from instance 127\.0\.0\.1:\d+, then its follow-up got HTTP 400 from instance 127\.0\.0\.1:\d+, another instance/,
      );
      assert.ok((run.result.sessionLifecycle?.lostAtHandshake ?? 0) > 0);
    });

    it('shows lost and re-initialised sessions and the per-instance table in all three reports', () => {
      const lost = run.result.sessionLifecycle!.lost;
      assert.match(renderTerminalSummary(run.result), new RegExp(`sessions lost\\.+: ${lost} \\(`));
      assert.match(renderMarkdown(run.result), new RegExp(`Sessions lost: ${lost} \\(`));
      const html = renderHtmlReport(run.result);
      assert.match(html, new RegExp(`<dt>lost</dt><dd>${lost} \\(`));
      for (const instance of upstreams) assert.ok(html.includes(`<td class="name">${instance}</td>`), instance);
    });
  });

  describe('nginx hash $http_mcp_session_id (initialize carries no session id)', () => {
    let run: LabRun;
    before(async () => {
      // More VUs: a handshake gets through only when its follow-up hashes to initialize's instance (1 in 3).
      run = await runBehind(await startNginxBalancer(upstreams, 'hash $http_mcp_session_id;'), '', 6);
    });

    it('counts each instance exactly as the access log does', () => {
      assert.deepEqual(measured(run.result), served(run.log));
    });

    it('finds handshakes failing under a hash on a header the first request lacks, not plain hopping', () => {
      const f = finding(run.result, 'handshake-hashing');
      const lost = run.result.sessionLifecycle!.lostAtHandshake;
      const { created, failed } = run.result.sessions;
      assert.ok(lost > 0 && created > 0, `${lost} lost, ${created} created`);
      assert.match(
        f.statement,
        new RegExp(
          `^handshakes fail when the balancer hashes on a header the first request does not carry: ${lost} of ${created + failed} session handshakes failed`,
        ),
      );
      assert.ok(!run.result.findings.some((x) => x.id === 'session-hops'));
      assertInAllReports(run.result, /handshakes fail when the balancer hashes on a header the first request does not carry/);
    });
  });

  describe('nginx ip_hash (stickiness by client IP)', () => {
    let run: LabRun;
    before(async () => {
      run = await runBehind(await startNginxBalancer(upstreams, 'ip_hash;'));
    });

    it('sees the one instance the access log shows served everything, with no error', () => {
      assert.deepEqual(measured(run.result), served(run.log));
      assert.equal(Object.keys(served(run.log)).length, 1);
      assert.deepEqual(run.result.errors, []);
    });

    it('finds the runner pinned to one instance', () => {
      const f = finding(run.result, 'instance-pinning');
      const [only] = Object.keys(served(run.log));
      assert.match(
        f.statement,
        new RegExp(`^only one instance \\(${only.replaceAll('.', '\\.')}\\) served the run: all ${run.log.length} attributed requests`),
      );
      assert.match(f.advice ?? '', /client IP/);
      assertInAllReports(run.result, /only one instance \(127\.0\.0\.1:\d+\) served the run/);
    });
  });

  describe('haproxy sticking on the Mcp-Session-Id learned from the response', () => {
    let run: LabRun;
    before(async () => {
      const haproxy = await startHaproxy(
        upstreams,
        'balance roundrobin\n  stick-table type string len 64 size 10k expire 5m\n  stick store-response res.hdr(mcp-session-id)\n  stick on req.hdr(mcp-session-id)',
      );
      run = await runBehind(haproxy);
    });

    it("counts each server's requests exactly as haproxy's log does, with every session on one server and no error", () => {
      const seen = JSON.stringify({ errors: run.result.errors, sessions: run.result.sessions, instances: run.result.instances, log: served(run.log) });
      assert.deepEqual(measured(run.result), served(run.log), seen);
      assert.deepEqual(run.result.errors, [], seen);
      assert.equal(run.result.instances?.sessionHops, 0, seen);
      assert.ok(run.result.sessions.created >= 3, seen);
    });

    it('finds no hopping, hashing or pinning', () => {
      const ids = run.result.findings.map((f) => f.id);
      for (const id of HOP_OR_PINNING) assert.ok(!ids.includes(id), `${id} in ${ids.join(', ')}`);
    });
  });

  describe("haproxy's inserted stickiness cookie (cookie SRV insert)", () => {
    const backend = 'balance roundrobin\n  cookie SRV insert indirect nocache';

    it('comes back on every request after a session’s first, so no session hops', async () => {
      const run = await runBehind(await startHaproxy(upstreams, backend, { serverCookies: true }));
      assert.deepEqual(measured(run.result), served(run.log));
      const handshakes = run.result.sessions.created + run.result.sessions.failed;
      // Ground truth from haproxy's log: only each session's initialize came without the cookie.
      assert.equal(run.log.filter((l) => l.cookie === undefined).length, handshakes);
      assert.ok(run.log.filter((l) => l.cookie !== undefined).length > handshakes);
      assert.equal(run.result.instances?.sessionHops, 0);
      assert.deepEqual(run.result.errors, []);
      assert.ok(!run.result.findings.some((f) => f.id === 'session-hops'));
    });

    it('with cookies: false, never comes back, and sessions hop', async () => {
      const run = await runBehind(await startHaproxy(upstreams, backend, { serverCookies: true }), 'cookies: false');
      assert.deepEqual(measured(run.result), served(run.log));
      assert.equal(run.log.filter((l) => l.cookie !== undefined).length, 0);
      assert.ok(run.result.instances!.sessionHops > 0);
      finding(run.result, 'session-hops');
    });
  });
});

describe("haproxy's inserted cookie in front of three legacy HTTP+SSE instances", () => {
  let servers: RunningServer[];

  before(async () => {
    servers = await Promise.all([0, 1, 2].map(() => startEverything('sse')));
  });
  after(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
  });

  it("takes every POST to the instance holding the session's stream, as haproxy's log shows", async () => {
    const haproxy = await startHaproxy(
      servers.map((s) => `127.0.0.1:${s.port}`),
      'balance roundrobin\n  cookie SRV insert indirect nocache\n  timeout tunnel 30s',
      { serverCookies: true },
    );
    const url = haproxy.url.replace(/\/mcp$/, '/sse');
    const scenario = parseScenario(scenarioYaml('transport: sse\ntimeout: 3s', 3), 'legacy-lab.yml', { env: {} });
    let result: Result;
    let log: BalancerLogLine[];
    try {
      const outcome = await runTest(scenario, { url });
      result = buildResult(scenario, url, outcome, {});
      outcome.registry.dispose();
    } finally {
      log = await haproxy.stop();
    }
    assert.deepEqual(result.errors, []);
    assert.equal(result.instances?.sessionHops, 0);
    // Only each session's GET stream went without the cookie; every POST carried it.
    assert.equal(log.filter((l) => l.cookie === undefined).length, result.sessions.created);
    assert.deepEqual(measured(result), served(log));
  });
});

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { renderHtmlReport } from '../../src/report/html.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderTerminalSummary } from '../../src/report/terminal.ts';
import { buildResult, type Result } from '../../src/results/index.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { startNginx, type RunningNginx } from '../helpers/nginx.ts';
import { freePort } from '../helpers/servers.ts';

const INSTANCE = fileURLToPath(new URL('./fixtures/instance.mjs', import.meta.url));
const KILL_AT_MS = 1500;
const RESTART_AT_MS = 3000;
/** How far the measured time to recover may be from the outage the instances' own logs show. */
const TOLERANCE_MS = 400;

interface Instance {
  port: number;
  log: string;
  child?: ChildProcess;
}

/** `listening <pid> <epoch>` and `served <epoch>` lines of an instance's own log. */
function readLog(file: string): { starts: { pid: number; at: number }[]; served: number } {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return {
    starts: lines.filter((l) => l.startsWith('listening ')).map((l) => ({ pid: Number(l.split(' ')[1]), at: Number(l.split(' ')[2]) })),
    served: lines.filter((l) => l.startsWith('served ')).length,
  };
}

async function startInstance(instance: Instance): Promise<void> {
  instance.child = spawn(process.execPath, [INSTANCE, String(instance.port), instance.log], { stdio: 'ignore' });
  for (;;) {
    if (readLog(instance.log).starts.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20)); // a poll interval: the instance says it listens in its log
  }
}

/**
 * Three stateless instances behind nginx round-robin, which neither retries another instance
 * (proxy_next_upstream off) nor takes a failed one out (max_fails=0): what a client sees of an
 * instance's death is every third call failing until it is back. The scenario's events kill
 * instance b (argv: kill -KILL pid) and start it again (shell, in the background).
 */
describe('one of three instances behind nginx killed and restarted by events:', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-restart-'));
  const instances: Instance[] = [];
  let nginx: RunningNginx;
  let result: Result;
  let killedAt = 0;

  before(async () => {
    for (const name of ['a', 'b', 'c']) {
      const log = join(dir, `${name}.log`);
      writeFileSync(log, '');
      instances.push({ port: await freePort(), log });
    }
    await Promise.all(instances.map(startInstance));
    nginx = await startNginx(
      instances.map((i) => `127.0.0.1:${i.port}`),
      'proxy_next_upstream off;',
      'max_fails=0',
    );
    const b = instances[1];
    // The kill's time comes from the shell that sends it, just before: this process, busy with the
    // load, would see b's exit late.
    const killedAtFile = join(dir, 'killed-at');
    const scenario = parseScenario(
      `
scenarios:
  agents:
    executor: constant-vus
    vus: 3
    duration: 5s
    flow:
      - call: work
      - think: 10ms
events:
  - { at: ${KILL_AT_MS}ms, name: kill-b, run: [sh, -c, "date +%s%3N > ${killedAtFile}; exec kill -KILL ${b.child!.pid}"] }
  - { at: ${RESTART_AT_MS}ms, name: restart-b, run: "${process.execPath} ${INSTANCE} ${b.port} ${b.log} >/dev/null 2>&1 &", timeout: 5s }
`,
      'restart.yml',
      { env: {} },
    );
    const outcome = await runTest(scenario, { url: nginx.url });
    killedAt = Number(readFileSync(killedAtFile, 'utf8'));
    try {
      result = buildResult(scenario, nginx.url, outcome, {});
    } finally {
      outcome.registry.dispose();
    }
  });

  after(async () => {
    await nginx?.stop();
    for (const i of instances) {
      for (const { pid } of readLog(i.log).starts) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires both events on time and records what their commands did', () => {
    const [kill, restart] = result.events ?? [];
    assert.equal(kill.name, 'kill-b');
    assert.equal(kill.command?.form, 'argv');
    assert.equal(kill.command?.exitCode, 0);
    assert.equal(kill.command?.timedOut, false);
    assert.equal(restart.command?.form, 'shell');
    assert.equal(restart.command?.exitCode, 0);
    for (const e of [kill, restart]) assert.ok(e.firedAtMs! >= e.atMs - 5 && e.firedAtMs! < e.atMs + 300, `${e.name} fired at ${e.firedAtMs} ms`);
    assert.equal(readLog(instances[1].log).starts.length, 2, 'instance b was started again by the event');
  });

  it("counts as successful exactly the calls the instances' own logs say they served", () => {
    const served = instances.reduce((sum, i) => sum + readLog(i.log).served, 0);
    const ok = result.metrics.metrics.find((s) => s.metric === 'mcp_calls' && s.tags.tool === 'work' && s.tags.expected_response === 'true');
    assert.equal(ok?.type === 'counter' ? ok.summary.count : -1, served);
    const a = result.availability!;
    assert.equal(a.calls.reduce((x, y) => x + y, 0) - a.failed.reduce((x, y) => x + y, 0), served);
  });

  it('times the recovery by send time: from the kill to the restart the instance logged, within 0.4 s', () => {
    const startedAt = Date.parse(result.startedAt);
    const killed = killedAt - startedAt;
    const back = readLog(instances[1].log).starts[1].at - startedAt;
    const finding = result.findings.find((f) => f.id === 'recovery');
    assert.ok(finding, JSON.stringify(result.findings));
    const m =
      /^after event kill-b at (\d+\.\d) s, calls failed for (\d+\.\d) s \(time to recover, first to last failing call by send time\) and availability fell to (\d+\.\d) % before it recovered$/.exec(
        finding.statement,
      );
    assert.ok(m, `${finding.statement} (b's own log: killed at ${killed} ms, listening again at ${back} ms)`);
    const recovered = Number(m[2]) * 1000;
    assert.ok(Math.abs(recovered - (back - killed)) <= TOLERANCE_MS, `recovery ${recovered} ms; outage ${killed}..${back} ms`);
    // Every third call went to b: the worst second lost about a third, never all.
    const worst = Number(m[3]);
    assert.ok(worst > 20 && worst < 90, `worst ${worst} %`);
    assert.equal(finding.severity, 'warning');
    assert.ok(!result.findings.some((f) => f.id === 'availability-dip'), 'the dip is explained by the event');
  });

  it('the failures sit in the send-time windows of the outage, none before the kill', () => {
    const a = result.availability!;
    const startedAt = Date.parse(result.startedAt);
    const killed = killedAt - startedAt;
    const firstFailing = a.firstFailedMs.find((v) => v !== null)!;
    assert.ok(firstFailing >= killed - 50, `first failure sent at ${firstFailing} ms, killed at ${killed} ms`);
    const before = a.failed.slice(0, Math.floor(killed / 1000)).reduce((x, y) => x + y, 0);
    assert.equal(before, 0);
  });

  it('the terminal summary, the PR comment and report.html show the availability, both events and the recovery', () => {
    const terminal = renderTerminalSummary(result);
    assert.match(terminal, /█ AVAILABILITY/);
    assert.match(terminal, /◆ kill-b at 1\.\d s {2}argv: sh -c .*kill -KILL \d+.*: exited 0/);
    assert.match(terminal, /time to recover: \d\.\d s \(first failure \+0\.\d s/);
    assert.match(terminal, /◆ restart-b at \d\.\d s .* time to recover: during the failures after kill-b/s);
    const markdown = renderMarkdown(result);
    assert.match(markdown, /#### Availability/);
    assert.match(markdown, /\| kill-b \| 1\.\d s \| argv: sh -c .*kill -KILL \d+.*: exited 0 after/);
    assert.match(markdown, /calls failed for \d\.\d s \(time to recover/);
    const html = renderHtmlReport(result);
    assert.match(html, /<section id="availability">/);
    assert.match(html, /<td class="name">kill-b<\/td>/);
    assert.match(html, /"markers":\[\{"x":1\.\d+,"label":"kill-b"\},\{"x":[\d.]+,"label":"restart-b"\}\]/);
    assert.match(html, /"id":"availability"/);
  });
});

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EventSchedule, MAX_EVENT_OUTPUT_BYTES } from '../../src/engine/events.ts';
import { ScenarioError, parseScenario } from '../../src/scenario/index.ts';
import { registerSecret } from '../../src/secrets/index.ts';

async function runOne(run: { shell: string } | { argv: string[] }, timeoutMs = 5000) {
  const schedule = new EventSchedule([{ name: 'e', atMs: 0, run, timeoutMs }]);
  schedule.start(performance.now());
  // The timer fires on the next turn; settle() then waits for the command it started.
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const [record] = await schedule.settle();
  return record;
}

describe('an event command', () => {
  it('in the shell form runs through /bin/sh, with its exit status and output', async () => {
    const r = await runOne({ shell: 'echo out; echo err >&2; exit 3' });
    assert.equal(r.command?.form, 'shell');
    assert.equal(r.command?.exitCode, 3);
    assert.equal(r.command?.timedOut, false);
    assert.match(r.command!.output, /out\n/);
    assert.match(r.command!.output, /err\n/);
    assert.equal(r.command?.outputBytes, 8);
  });

  it('in the argv form runs the program without a shell: its arguments are not expanded', async () => {
    const r = await runOne({ argv: ['echo', '$HOME', '*'] });
    assert.equal(r.command?.exitCode, 0);
    assert.equal(r.command?.output, '$HOME *\n');
  });

  it('that cannot start records why, and the run goes on', async () => {
    const r = await runOne({ argv: ['/nonexistent/program'] });
    assert.match(r.command?.error ?? '', /ENOENT/);
    assert.equal(r.command?.exitCode, null);
  });

  it('is killed with everything it started when its timeout passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-load-event-'));
    try {
      const marker = join(dir, 'survived');
      const started = performance.now();
      // The background child would write the marker after 1 s unless its process group is killed.
      const r = await runOne({ shell: `(sleep 1; touch ${marker}) & sleep 5` }, 300);
      assert.equal(r.command?.timedOut, true);
      assert.equal(r.command?.signal, 'SIGKILL');
      assert.ok(performance.now() - started < 2000);
      await new Promise((resolve) => setTimeout(resolve, 1200)); // past the moment the grandchild would have written
      assert.equal(existsSync(marker), false, 'the background child was killed too');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the last 4 KiB of its output, counts all of it, and redacts secrets', async () => {
    registerSecret('s3cr3t-token-value');
    const r = await runOne({ shell: `head -c 20000 /dev/zero | tr '\\0' x; echo; echo token=s3cr3t-token-value` });
    assert.equal(r.command?.outputBytes, 20000 + 1 + 'token=s3cr3t-token-value\n'.length);
    assert.ok(Buffer.byteLength(r.command!.output) <= MAX_EVENT_OUTPUT_BYTES);
    assert.match(r.command!.output, /token=\*\*\*\n$/);
    assert.doesNotMatch(JSON.stringify(r), /s3cr3t/);
  });

  it('does not block the event loop while it runs', async () => {
    const schedule = new EventSchedule([{ name: 'slow', atMs: 0, run: { shell: 'sleep 0.5' }, timeoutMs: 5000 }]);
    schedule.start(performance.now());
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(ticker);
    assert.ok(ticks >= 10, `${ticks} ticks of 10 ms in 300 ms`);
    const [r] = await schedule.settle();
    assert.equal(r.command?.exitCode, 0);
  });

  it('an event the run never reached has no firedAtMs and ran nothing', async () => {
    const schedule = new EventSchedule([{ name: 'late', atMs: 60_000, run: { shell: 'true' }, timeoutMs: 1000 }]);
    schedule.start(performance.now());
    const [r] = await schedule.settle();
    assert.deepEqual(r, { name: 'late', atMs: 60_000 });
  });
});

const LOAD = `
scenarios:
  a:
    executor: constant-vus
    vus: 1
    duration: 10s
    flow: [{ call: echo }]
`;

function issues(yaml: string): string[] {
  try {
    parseScenario(LOAD + yaml, 'events.yml', { env: { TOKEN: 'tok-123456' } });
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('events: in a scenario', () => {
  it('reads the shell form, the argv form and a mark, sorted by time, with the default timeout', () => {
    const s = parseScenario(
      `${LOAD}events:
  - { at: 8s, name: restart, run: [docker, start, b] }
  - { at: 2s, name: kill, run: "docker kill b", timeout: 5s }
  - { at: 5s, name: mark }
`,
      'events.yml',
      { env: {} },
    );
    assert.deepEqual(s.events, [
      { name: 'kill', atMs: 2000, timeoutMs: 5000, run: { shell: 'docker kill b' } },
      { name: 'mark', atMs: 5000, timeoutMs: 30_000 },
      { name: 'restart', atMs: 8000, timeoutMs: 30_000, run: { argv: ['docker', 'start', 'b'] } },
    ]);
  });

  it('refuses an event at or after the end of the run, a bad duration, an empty command and a duplicate name, each at its line', () => {
    assert.deepEqual(
      issues(`events:
  - { at: 10s, name: late }
  - { at: soon, name: bad }
  - { at: 1s, name: empty, run: "  " }
  - { at: 1s, name: none, run: [] }
  - { at: 2s, name: empty }
`),
      [
        '9: events[0].at: 10s is at or after the planned end of the run (10s): the event would never happen; move it earlier or lengthen the load',
        '10: events[1].at: "soon" is not a duration (use 500ms, 30s, 1m30s)',
        '11: events[2].run: is empty: write the command to run (a string runs in the shell), or leave run: out to only mark the moment',
        '12: events[3].run: is empty: a list is the program and its arguments, e.g. [docker, kill, b]',
        '13: events[4].name: "empty" names another event too: give each event its own name',
      ],
    );
  });

  it("a command's ${VARS} are secrets: the echo in result.json shows them redacted", () => {
    const s = parseScenario(`${LOAD}events:\n  - { at: 1s, name: k, run: "kubectl --token \${TOKEN} delete pod b" }\n`, 'events.yml', {
      env: { TOKEN: 'tok-123456' },
    });
    assert.deepEqual(s.toEcho().events, [{ name: 'k', atMs: 1000, timeoutMs: 30_000, run: { shell: 'kubectl --token *** delete pod b' } }]);
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { startHttpFixture, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer } from '../mcp/scripted-server.ts';

/** Colour, an OSC window title, clear screen, a carriage return and a right-to-left override. */
const HOSTILE = 'red\u001b[31m title\u001b]0;pwned\u0007 clear\u001b[2J back\rover rtl\u202egnp.exe';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output is inert: server text cannot drive the terminal', () => {
  let server: RunningServer;
  let failing: RunningServer;
  let dir: string;
  before(async () => {
    server = await startScriptedServer((request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { isError: true, content: [{ type: 'text', text: HOSTILE }] } }));
    });
    failing = await startHttpFixture((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end(HOSTILE);
    });
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-inert-'));
  });
  after(async () => {
    await Promise.all([server.stop(), failing.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('session prints a tool error with escape sequences and a bidi override as visible escapes', async () => {
    const run = await runCli(['session', server.url, '--call', 'anything']);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(!RAW.test(run.stdout), JSON.stringify(run.stdout));
    assert.ok(run.stdout.includes('red\\x1b[31m title\\x1b]0;pwned\\x07 clear\\x1b[2J back\\x0dover rtl\\u202egnp.exe'), run.stdout);
  });

  it('an error message quoting the server (target not ready) is inert on stderr', async () => {
    const file = join(dir, 'wait.yml');
    writeFileSync(file, `target: ${failing.url}\nwait: { timeout: 200ms }\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{ ping: {} }]\n`);
    const run = await runCli(['run', file, '--out', join(dir, 'out'), '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /did not answer initialize within 200ms \(last error: .*red\\x1b\[31m/);
    assert.ok(!RAW.test(run.stderr.replace(/\n/g, '')), JSON.stringify(run.stderr));
  });
});

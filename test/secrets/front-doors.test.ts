import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runShippedCli, type CliExit } from '../helpers/cli.ts';
import { ECHOING_TOOLS, startEchoingServer, type EchoingServer } from '../helpers/echoing-server.ts';

const TOKEN = 'tok_SECRET/12345';
const QUERY_KEY = 'qk_SECRET/67890';
const BASIC_PAIR = 'alice:pw_SECRET_4242';
const BASIC = Buffer.from(BASIC_PAIR).toString('base64');
const COOKIE = 'ck_SECRET_31337';

/** Every form in which a planted secret could leak: raw, URL-encoded, HTML entities (as Markdown escaping writes `_`), base64. */
function leakedForms(secret: string): string[] {
  const someEntities = secret.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.codePointAt(0)};`);
  const allEntities = [...secret].map((c) => `&#${c.codePointAt(0)};`).join('');
  return [secret, encodeURIComponent(secret), someEntities, allEntities, Buffer.from(secret).toString('base64')];
}

const PLANTED = [TOKEN, QUERY_KEY, BASIC_PAIR, 'pw_SECRET_4242', BASIC, COOKIE];

function assertNoSecret(where: string, text: string): void {
  for (const secret of PLANTED) {
    for (const form of leakedForms(secret)) assert.ok(!text.includes(form), `${where} holds ${JSON.stringify(form)} (of ${secret}):\n${text.slice(0, 4000)}`);
  }
}

// Child processes (a secret is registered process-wide), each with files of its own: they run at once.
describe('no secret reaches any output of the CLI', { concurrency: true }, () => {
  let server: EchoingServer;
  let dir: string;
  const env = (): NodeJS.ProcessEnv => ({ ECHO_URL: server.url, TOKEN, QUERY_KEY, BASIC, COOKIE });

  before(async () => {
    server = await startEchoingServer();
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-secrets-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run: a server echoing the headers, cookie and URL in a 401, a JSON-RPC error, a tool error and a 500 leaves them in no file, on no stream', async () => {
    const file = join(dir, 'echo.yml');
    writeFileSync(
      file,
      `target: \${ECHO_URL}?key=\${QUERY_KEY}
headers:
  Authorization: "Bearer \${TOKEN}"
  X-Upstream-Auth: "Basic \${BASIC}"
  Cookie: "sid=\${COOKIE}"
scenarios:
  leaky:
    executor: per-vu-iterations
    vus: 1
    iterations: 2
    flow:
${Object.values(ECHOING_TOOLS)
  .map((tool) => `      - call: ${tool}\n`)
  .join('')}`,
    );
    const out = join(dir, 'run');
    const run = await runShippedCli(['run', file, '--out', out, '--quiet'], undefined, env());
    // Every call failed: the default health gate fails the run, and the files are written all the same.
    assert.equal(run.code, 99, run.stderr);
    // Ground truth: the server did receive the token, and its echoes were recorded (redacted).
    assert.ok(server.authorizations.includes(`Bearer ${TOKEN}`));
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as {
      errors: { tool?: string; samples: string[] }[];
      scenario: { echo: { target: string } };
    };
    assert.deepEqual(result.errors.map((e) => e.tool).sort(), Object.values(ECHOING_TOOLS).sort());
    for (const kind of result.errors)
      assert.ok(
        kind.samples.some((s) => s.includes('***')),
        JSON.stringify(kind),
      );
    assert.equal(result.scenario.echo.target, `${server.url}?key=***`);
    assertOutputsClean(out, run);
  });

  it('run: a target override with a password and a query key that is not a URL is quoted without them', async () => {
    const file = join(dir, 'plain.yml');
    writeFileSync(file, 'scenarios:\n  s:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 1\n    flow: [{ ping: {} }]\n');
    const run = await runShippedCli(['run', file, '--target', `http://alice:pw_SECRET_4242@exa mple.com/mcp?key=${QUERY_KEY}`, '--quiet']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /"http:\/\/\*\*\*@exa mple\.com\/mcp\?\*\*\*" is not a URL/);
    assertNoSecret('stderr', run.stderr);
  });

  it('run: a template error names the variable, not its value', async () => {
    const file = join(dir, 'template.yml');
    writeFileSync(
      file,
      'scenarios:\n  s:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 1\n    flow:\n      - call: x\n        args: { n: "{{randomInt ${TOKEN} 5}}" }\n',
    );
    const run = await runShippedCli(['run', file, '--quiet'], undefined, { TOKEN });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /\$\{TOKEN\}/);
    assertNoSecret('stderr', run.stderr);
  });

  it('session: -H values and the URL query are in none of its output, even when the server echoes them', async () => {
    const run = await runShippedCli([
      'session',
      `${server.url}?key=${QUERY_KEY}`,
      '-H',
      `Authorization: Bearer ${TOKEN}`,
      '-H',
      `Cookie: sid=${COOKIE}`,
      '--call',
      ECHOING_TOOLS.toolError,
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /tools\/call echo_tool_error: tool error: refused: authorization=\*\*\* url=\/mcp\?key=\*\*\* cookie=\*\*\*/);
    assertNoSecret('stdout', run.stdout);
    assertNoSecret('stderr', run.stderr);
  });
});

function assertOutputsClean(out: string, run: CliExit): void {
  const files = readdirSync(out);
  assert.deepEqual(files.sort(), ['report.html', 'result.json', 'summary.md']);
  for (const name of files) assertNoSecret(name, readFileSync(join(out, name), 'utf8'));
  assertNoSecret('stdout', run.stdout);
  assertNoSecret('stderr', run.stderr);
}

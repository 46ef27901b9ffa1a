import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CAPACITY } from '../../src/capacity/run-capacity.ts';
import { main } from '../../src/cli/main.ts';
import { COMMANDS, commandHelp, parseCommand, type CommandName } from '../../src/cli/options.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/** main() in-process, stdout and stderr captured. */
async function cli(args: string[]): Promise<{ code: number; stdout: string[]; stderr: string }> {
  const stdout: string[] = [];
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args, (line) => stdout.push(line));
    return { code, stdout, stderr };
  } finally {
    process.stderr.write = write;
  }
}

const NAMES = Object.keys(COMMANDS) as CommandName[];

describe('--help for every command', () => {
  it('exits 0 with the usage, and a line for every option of its table, for --help, -h and help <command>', async () => {
    for (const name of NAMES) {
      const help = await cli([name, '--help']);
      assert.equal(help.code, 0, name);
      assert.equal(help.stderr, '');
      assert.deepEqual(help.stdout, [commandHelp(name)]);
      const text = help.stdout[0];
      assert.match(text, new RegExp(`^Usage: mcp-load ${name}`));
      for (const option of [...Object.keys(COMMANDS[name].options), 'help'])
        assert.match(text, new RegExp(`^ {2}(-\\w, )?--${option}\\b`, 'm'), `${name} --${option}`);
      assert.deepEqual((await cli([name, '-h'])).stdout, help.stdout);
      assert.deepEqual((await cli(['help', name])).stdout, help.stdout);
    }
  });

  it('prints the help, not an error, even beside options it would refuse', async () => {
    const help = await cli(['run', 'missing.yml', '--no-such-option', '--help']);
    assert.equal(help.code, 0);
    assert.deepEqual(help.stdout, [commandHelp('run')]);
  });

  it('history --help, exactly', async () => {
    assert.deepEqual((await cli(['history', '--help'])).stdout, [
      [
        'Usage: mcp-load history <dir> [options]',
        '',
        'the runs of one workload found under dir (result.json files, e.g. downloaded artifacts, or a',
        'history.json) in time order, their key figures, and the change points where one shifted',
        '',
        'Options:',
        '  -h, --help             print this help',
      ].join('\n'),
    ]);
  });

  it('the parser takes every option the help lists, and nothing else', () => {
    for (const name of NAMES) {
      for (const [option, spec] of Object.entries(COMMANDS[name].options)) {
        const args = spec.type === 'string' ? [`--${option}`, 'x'] : [`--${option}`];
        assert.doesNotThrow(() => parseCommand(name, args), `${name} --${option}`);
      }
      assert.throws(() => parseCommand(name, ['--not-an-option']), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
    }
  });

  it('capacity shows the search defaults it runs with', () => {
    const o = COMMANDS.capacity.options;
    assert.deepEqual([o.start.default, o.factor.default, o['max-rate'].default, o.bisect.default, o['max-vus'].default].map(Number), [
      DEFAULT_CAPACITY.start,
      DEFAULT_CAPACITY.factor,
      DEFAULT_CAPACITY.maxRate,
      DEFAULT_CAPACITY.bisections,
      DEFAULT_CAPACITY.maxVUs,
    ]);
  });
});

describe('run: -e, --vus/--duration/--iterations and --summary-json', () => {
  let server: RunningServer;
  /** The `who` argument of every tools/call the server answered: the ground truth. */
  let calls: string[] = [];
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-run-options-'));
    server = await startScriptedServer((request, res) => {
      if (request.method === 'tools/call') calls.push(String((request.params as { arguments?: { who?: unknown } }).arguments?.who));
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, 'ok'));
    });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function scenario(name: string, body: string): string {
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      `target: ${server.url}\nscenarios:\n  s:\n${body
        .trim()
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}\n`,
    );
    return file;
  }

  const ITERATIONS = `executor: per-vu-iterations
vus: 1
iterations: 1
flow:
  - call: echo
    args: { who: "\${WHO:-file}" }`;

  it('--vus 3 --iterations 2 make exactly 6 calls; -e WHO=cli wins over the process environment; --summary-json - puts only the JSON on stdout', async () => {
    const file = scenario('iterations', ITERATIONS);
    calls = [];
    process.env.WHO = 'process';
    let run;
    try {
      run = await cli(['run', file, '--out', join(dir, 'out-1'), '--quiet', '-e', 'WHO=cli', '--vus', '3', '--iterations', '2', '--summary-json', '-']);
    } finally {
      delete process.env.WHO;
    }
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(calls, ['cli', 'cli', 'cli', 'cli', 'cli', 'cli']);
    assert.equal(run.stdout.length, 1);
    const summary = JSON.parse(run.stdout[0]);
    assert.equal(summary.summaryVersion, 1);
    assert.equal(summary.verdict.state, 'passed');
    assert.equal(summary.figures.find((f: { id: string }) => f.id === 'mcp-calls').value, '6');
    assert.deepEqual(
      summary.load.map((l: { summary: string }) => l.summary),
      ['3 VUs × 2 iterations'],
    );
    // The human summary and the files written went to stderr.
    assert.match(run.stderr, /written: .*result\.json/);
    const result = JSON.parse(readFileSync(join(dir, 'out-1', 'result.json'), 'utf8'));
    assert.equal(result.scenario.echo.scenarios[0].vus, 3);
  });

  it('the process environment is read when -e does not set the variable; --summary-json FILE writes the same shape', async () => {
    const file = scenario('iterations-env', ITERATIONS);
    calls = [];
    process.env.WHO = 'process';
    let run;
    try {
      run = await cli(['run', file, '--out', join(dir, 'out-2'), '--quiet', '--summary-json', join(dir, 'summary.json')]);
    } finally {
      delete process.env.WHO;
    }
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(calls, ['process']);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    assert.deepEqual(Object.keys(summary).slice(0, 5), ['summaryVersion', 'generator', 'scenario', 'startedAt', 'endedAt']);
    assert.equal(summary.figures.find((f: { id: string }) => f.id === 'mcp-calls').value, '1');
    assert.ok(
      run.stdout.some((line) => line.includes('MCP')),
      'the human summary stays on stdout',
    );
  });

  it('--vus on ramping-vus is refused at the scenario executor, file:line, with where it applies; nothing is sent', async () => {
    const file = scenario('ramping', 'executor: ramping-vus\nstages: [{ duration: 1s, target: 2 }]\nflow: [ping]');
    calls = [];
    const run = await cli(['run', file, '--vus', '5', '--out', join(dir, 'out-3'), '--quiet']);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `mcp-load: ${file}:4:15: scenarios.s.executor: --vus does not apply to ramping-vus (it sets constant-vus, per-vu-iterations, shared-iterations); change scenarios.s in the file instead\n`,
    );
    assert.deepEqual(calls, []);
  });

  it('--iterations on constant-vus and --duration on ramping-arrival-rate are refused the same way', async () => {
    const constant = scenario('constant', 'executor: constant-vus\nduration: 1s\nflow: [ping]');
    const refused = await cli(['run', constant, '--iterations', '3', '--out', join(dir, 'out-4'), '--quiet']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /scenarios\.s\.executor: --iterations does not apply to constant-vus \(it sets per-vu-iterations, shared-iterations\)/);
    const rate = scenario('rate', 'executor: ramping-arrival-rate\nstages: [{ duration: 1s, target: 2 }]\npreAllocatedVUs: 1\nflow: [ping]');
    const duration = await cli(['run', rate, '--duration', '2s', '--out', join(dir, 'out-5'), '--quiet']);
    assert.match(
      duration.stderr,
      /--duration does not apply to ramping-arrival-rate \(it sets constant-vus, per-vu-iterations, shared-iterations, constant-arrival-rate\)/,
    );
  });

  it('malformed values are usage errors (exit 2) that say what is expected', async () => {
    const file = scenario('bad-values', ITERATIONS);
    const cases: [string[], string][] = [
      [['--vus', '0'], '--vus must be a whole number of at least 1, got "0"'],
      [['--iterations', '2.5'], '--iterations must be a whole number of at least 1, got "2.5"'],
      [['--duration', '10'], '--duration must be a duration longer than 0 (use 500ms, 30s, 1m30s), got "10"'],
      [['-e', 'WHO'], '-e needs KEY=VALUE with KEY a variable name (letters, digits, _), got "WHO"'],
      [['-e', '1X=y'], '-e needs KEY=VALUE with KEY a variable name (letters, digits, _), got "1X=…"'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['run', file, ...args, '--quiet', '--out', join(dir, 'out-bad')]);
      assert.equal(run.code, 2, args.join(' '));
      assert.ok(run.stderr.startsWith(`mcp-load: ${message}\n\nUsage: mcp-load <command>`), run.stderr);
    }
  });
});

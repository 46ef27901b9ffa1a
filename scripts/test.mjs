// `npm test [FILE...]`: every test/**/*.test.ts (or the files named), compiled to JavaScript first
// (test-loader/: one esbuild call instead of tsx in every test process), in three groups:
// - the files listed in test/serial.txt assert on time measured under load (latency, schedules,
//   deadlines); they run one at a time (MCP_LOAD_TEST_TIMED_CONCURRENCY) at the normal CPU priority;
// - every other file runs beside them, CONCURRENCY at a time, under the idle CPU scheduling class
//   (SCHED_IDLE, else nice 19): it uses the CPU the timed files leave, so their clocks do not see
//   its load, and the two groups take the time of one. One timed file at a time leaves the
//   background a core (two at once, both busy, starved it: event-loop stalls of 400 ms in CI);
// - the files listed in test/alone.txt restart a server on its port, or start dozens of processes
//   that must not be starved: they run one at a time once the others are done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, normalize } from 'node:path';
import { compileForTests } from './test-loader/compile.mjs';
import { CACHE_ENV } from './test-loader/paths.mjs';

function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`${name} must be a positive integer, got ${JSON.stringify(process.env[name])}`);
  process.exit(2);
}

const concurrency = positiveInteger('MCP_LOAD_TEST_CONCURRENCY', 2 * availableParallelism());
const timedConcurrency = positiveInteger('MCP_LOAD_TEST_TIMED_CONCURRENCY', 1);

function listed(list) {
  const entries = readFileSync(list, 'utf8')
    .split('\n')
    .map((line, i) => ({ file: line.replace(/#.*/, '').trim(), line: i + 1 }))
    .filter((entry) => entry.file !== '');
  const missing = entries.filter((entry) => !existsSync(entry.file));
  for (const entry of missing) console.error(`${list}:${entry.line}: ${entry.file} does not exist: remove or correct the line`);
  if (missing.length > 0) process.exit(2);
  return new Set(entries.map((entry) => entry.file));
}

const timedFiles = listed('test/serial.txt');
const aloneFiles = listed('test/alone.txt');

const named = process.argv.slice(2);
const files = (named.length > 0 ? named.map((f) => normalize(f)) : readdirSync('test', { recursive: true }).map((f) => join('test', String(f))))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();

const cacheDir = await compileForTests();
process.env[CACHE_ENV] = cacheDir;
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
const LOADER = ['--enable-source-maps', '--import', new URL('./test-loader/register.mjs', import.meta.url).href];

// The lowest CPU priority this machine grants without privileges: SCHED_IDLE (Linux), else nice 19.
function idlePriority() {
  if (spawnSync('chrt', ['--idle', '0', 'true']).status === 0) return ['chrt', '--idle', '0'];
  if (spawnSync('nice', ['-n', '19', 'true']).status === 0) return ['nice', '-n', '19'];
  return [];
}

/** Runs `group` with node --test; output streams to ours, or is held and printed once the group ends. */
function run(group, n, { prefix = [], hold = false } = {}) {
  if (group.length === 0) return Promise.resolve(0);
  const [command, ...args] = [...prefix, process.execPath, ...LOADER, '--test', `--test-concurrency=${n}`, ...group];
  const child = spawn(command, args, { stdio: ['ignore', hold ? 'pipe' : 'inherit', hold ? 'pipe' : 'inherit'] });
  const held = [];
  if (hold) {
    child.stdout.on('data', (chunk) => held.push(chunk));
    child.stderr.on('data', (chunk) => held.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (status, signal) => {
      if (hold) process.stdout.write(Buffer.concat(held));
      resolve(signal ? 1 : (status ?? 1));
    });
  });
}

// Every group runs whatever another one's outcome, so one run reports every failure.
const [background, timed] = await Promise.all([
  run(
    files.filter((f) => !timedFiles.has(f) && !aloneFiles.has(f)),
    concurrency,
    { prefix: idlePriority() },
  ),
  run(
    files.filter((f) => timedFiles.has(f)),
    timedConcurrency,
    { hold: true },
  ),
]);
const alone = await run(
  files.filter((f) => aloneFiles.has(f)),
  1,
);
process.exit(background || timed || alone);

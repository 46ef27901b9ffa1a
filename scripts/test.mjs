// `npm test [FILE...]`: every test/**/*.test.ts (or the files named), compiled to JavaScript first
// (test-loader/), in three phases, one after the other:
// - every file not listed below, CONCURRENCY at a time;
// - the timed files, which assert on time measured under load (latency, schedules, deadlines):
//   test/serial-busy.txt, those that also keep a core busy, one at a time, beside test/serial.txt,
//   those that mostly wait, three at a time. So at most one busy timed file runs at any moment and a
//   core stays free for the timers;
// - from the start, beside both, under the idle CPU class (SCHED_IDLE: they get a core only when no
//   other file wants it), the files of test/idle.txt, which start no server, no timer and no child,
//   so that starving them changes nothing they assert
//   (MCP_LOAD_TEST_TIMED_CONCURRENCY=1: every group after the other, each timed one a file at a time);
// - from the end of the first phase, beside the timed files and under the idle CPU class too, those of
//   test/idle-late.txt: heavy on CPU, but asserting on no time measured under load.
// Within the first phase and the idle group, files share processes: each group's files are packed
// into one entry module per runner slot, which imports them one after the other (a process per file
// cost about a third of a second of CPU, and the source modules they share load once per process),
// by their seconds in test/durations.json, and the longest processes start first; those of
// test/own-process.txt, which change what a neighbour would see, keep a process of their own.
// Servers that restart on their port take it from below the ephemeral range
// (test/helpers/free-port.ts), where no connect() of a neighbour can take it while they are down.
// Running the timed files beside all the others under SCHED_IDLE was tried: the starved files with
// loads and servers then failed their own runs (event-loop stalls of 400 ms, timeouts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, normalize, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledPath, compileForTests } from './test-loader/compile.mjs';
import { CACHE_ENV } from './test-loader/paths.mjs';

function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`${name} must be a positive integer, got ${JSON.stringify(process.env[name])}`);
  process.exit(2);
}

const concurrency = positiveInteger('MCP_LOAD_TEST_CONCURRENCY', 2 * availableParallelism());
const timedConcurrency = positiveInteger('MCP_LOAD_TEST_TIMED_CONCURRENCY', 2);

/** The files a list names, in its order. */
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

const waitingTimedFiles = listed('test/serial.txt');
const idleFiles = listed('test/idle.txt');
const busyTimedFiles = listed('test/serial-busy.txt');
const lateIdleFiles = listed('test/idle-late.txt');
const ownProcessFiles = listed('test/own-process.txt');

const named = process.argv.slice(2);
const files = (named.length > 0 ? named.map((f) => normalize(f)) : readdirSync('test', { recursive: true }).map((f) => join('test', String(f))))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();

const cacheDir = await compileForTests();
process.env[CACHE_ENV] = cacheDir;
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
const LOADER = ['--enable-source-maps', '--import', new URL('./test-loader/register.mjs', import.meta.url).href];

/**
 * Each file's seconds in its last measured run (test/durations.json, which
 * `MCP_LOAD_TEST_RECORD=1 npm test` writes): what packs the batches and orders the
 * processes. A file not in it counts as the median.
 */
const DURATIONS_FILE = 'test/durations.json';
const fileSeconds = existsSync(DURATIONS_FILE) ? JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) : {};
const knownSeconds = Object.values(fileSeconds).sort((a, b) => a - b);
const MEDIAN_SECONDS = knownSeconds[Math.floor(knownSeconds.length / 2)] ?? 1;
const secondsOf = (file) => fileSeconds[file] ?? MEDIAN_SECONDS;
/** The file each process of a single file runs, by its entry module. */
const processOf = new Map();

/** A process of one file. */
const alone = (file) => ({ files: [file], seconds: secondsOf(file) });

/**
 * One entry module per process, importing its files one after the other, the longest process first:
 * node --test starts its files in the order of their names, so each entry is named by its rank, and
 * the last to start are short and none is left running alone at the end.
 */
function entryModules(processes, name) {
  return [...processes]
    .sort((a, b) => b.seconds - a.seconds)
    .map(({ files }, rank) => {
      const label = files.length === 1 ? basename(files[0], '.test.ts') : 'batch';
      const entry = join(cacheDir, 'test', `${name}-${String(rank).padStart(3, '0')}-${label}.js`);
      if (files.length === 1) processOf.set(entry, files[0]);
      writeFileSync(entry, files.map((file) => `import ${JSON.stringify(pathToFileURL(compiledPath(cacheDir, file)).href)};\n`).join(''));
      return entry;
    });
}

/**
 * What node --test runs for `group`: each file of test/own-process.txt in a process of its own, the
 * others packed into at most `batches` processes (the longest file into the batch with the fewest
 * seconds so far, so that batches end together).
 */
function entries(group, batches, name) {
  const shared = group.filter((file) => !ownProcessFiles.has(file)).sort((a, b) => secondsOf(b) - secondsOf(a));
  const packed = Array.from({ length: Math.min(batches, shared.length) }, () => ({ files: [], seconds: 0 }));
  for (const file of shared) {
    const lightest = packed.reduce((min, batch) => (batch.seconds < min.seconds ? batch : min));
    lightest.files.push(file);
    lightest.seconds += secondsOf(file);
  }
  return entryModules([...group.filter((file) => ownProcessFiles.has(file)).map(alone), ...packed], name);
}

/** Each file in a process of its own (the timed lanes: a neighbour's leftovers must not share their event loop). */
const oneEach = (group, name) => entryModules(group.map(alone), name);

/**
 * Runs `modules` (compiled test files or batch entries) with node --test, its output streaming to
 * ours, or with `held`, kept until `held` resolves and then written whole (a lane beside another
 * must not interleave its report with it).
 */
function run(modules, n, held, { idle = false, name } = {}) {
  if (modules.length === 0) return Promise.resolve(0);
  const started = performance.now();
  const command = [process.execPath, ...LOADER, '--test', `--test-concurrency=${n}`, ...recorder(name, held), ...modules];
  // chrt(1) sets the class for the runner and, inherited, for every test process it starts.
  const [file, ...args] = idle ? ['chrt', '--idle', '0', ...command] : command;
  const child = spawn(file, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const output = [];
  if (held) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
  const status = new Promise((resolve) =>
    child.on('close', (code, signal) => {
      groupTimes.push(`${name}: ${secondsSince(started)}`);
      resolve(signal ? 1 : (code ?? 1));
    }),
  );
  if (!held) return status;
  return Promise.all([status, held]).then(([code]) => {
    process.stdout.write(Buffer.concat(output));
    return code;
  });
}

/**
 * With MCP_LOAD_TEST_RECORD=1, each file's seconds go to test/durations.json at the end: a file in a
 * process of its own, the process's (test-loader/register.mjs logs each test process's lifetime:
 * root-level hooks are in no test's duration); a file in a batch, its top-level tests' durations,
 * which a reporter beside the default one writes.
 */
const record = process.env.MCP_LOAD_TEST_RECORD === '1';
const recorded = [];
const PROCESS_LOG = join(tmpdir(), `mcp-load-test-processes-${process.pid}.jsonl`);
if (record) process.env.MCP_LOAD_TEST_PROCESS_LOG = PROCESS_LOG;
function recorder(name, held) {
  if (!record) return [];
  // Outside the compiled tree, which is removed at exit before this file's handler runs.
  const destination = join(tmpdir(), `mcp-load-test-durations-${process.pid}-${recorded.length}.jsonl`);
  recorded.push(destination);
  const report = held || !process.stdout.isTTY ? 'tap' : 'spec';
  const reporter = new URL('./test-loader/durations-reporter.mjs', import.meta.url).href;
  return [`--test-reporter=${report}`, '--test-reporter-destination=stdout', `--test-reporter=${reporter}`, `--test-reporter-destination=${destination}`];
}
process.on('exit', () => {
  if (!record) return;
  const seconds = {};
  for (const destination of recorded.filter((file) => existsSync(file))) {
    const lines = readFileSync(destination, 'utf8').split('\n').filter(Boolean);
    rmSync(destination);
    for (const line of lines) {
      const { file, ms } = JSON.parse(line);
      // The file a test is in: its source (the events carry the source-mapped path) or the compiled one.
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      const source = path.startsWith(`${cacheDir}/`) ? relative(cacheDir, path).replace(/\.js$/, '.ts') : relative(process.cwd(), path);
      seconds[source] = Number(((seconds[source] ?? 0) + ms / 1000).toFixed(1));
    }
  }
  if (existsSync(PROCESS_LOG)) {
    const lines = readFileSync(PROCESS_LOG, 'utf8').split('\n').filter(Boolean);
    rmSync(PROCESS_LOG);
    for (const line of lines) {
      const { entry, seconds: lifetime } = JSON.parse(line);
      const file = processOf.get(entry);
      if (file !== undefined) seconds[file] = Number(lifetime.toFixed(1));
    }
  }
  // Files not run this time keep their last figure, while they exist.
  const kept = Object.entries({ ...fileSeconds, ...seconds }).filter(([file]) => existsSync(file));
  const sorted = Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(DURATIONS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  console.error(`# wrote ${DURATIONS_FILE}: ${Object.keys(seconds).length} files measured`);
});

/** The files to run that a list names. */
const inGroup = (list) => files.filter((f) => list.has(f));
/** The first phase's: those of no list. */
const otherFiles = files.filter((f) => ![busyTimedFiles, waitingTimedFiles, idleFiles, lateIdleFiles].some((list) => list.has(f)));

/** Each group's wall time, printed at the end (which group sets the suite's length). */
const groupTimes = [];
process.on('exit', () => console.error(`# groups: ${groupTimes.join(', ')}`));
const secondsSince = (started) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/**
 * One batch per runner slot: each process costs its start-up and its own load of the shared source
 * modules, and a batch waiting on its servers leaves the cores to the idle group. Suite (wall, CPU
 * of the machine; one run each, 2 December) with 3 batches per slot 152 s / 292 s, 2: 148 / 287,
 * 1: 146 / 283.
 */
const IDLE_CONCURRENCY = 2;
/** The timed files that mostly wait, at once: with the one busy timed file, a core stays mostly free. */
const WAITING_CONCURRENCY = 3;
const firstPhase = entries(otherFiles, concurrency, 'first');
const idleGroup = entries(inGroup(idleFiles), IDLE_CONCURRENCY, 'idle');

/**
 * dist/ built from the sources (test/helpers/fresh-dist.ts) before the first group starts, when a
 * file to run uses the bundles: built while they ran, it held their runner slots idle (first
 * phase 132 s against 113 s with the build already there; two runs, 2 December).
 */
async function buildDistForTests() {
  if (!files.some((file) => /\b(freshDist|builtCli|runShippedCli)\b/.test(readFileSync(file, 'utf8')))) return;
  const started = performance.now();
  const child = spawn(process.execPath, [...LOADER, compiledPath(cacheDir, 'test/helpers/build-fresh-dist.ts')], { stdio: 'inherit' });
  const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  groupTimes.push(`dist for the tests: ${secondsSince(started)}${code === 0 ? '' : ' (failed: the tests that need it build it)'}`);
}

// Every group runs whatever another one's outcome, so one run reports every failure.
if (timedConcurrency === 1) {
  await buildDistForTests();
  const others = await run(firstPhase, concurrency, undefined, { name: 'first phase' });
  const busy = await run(oneEach(inGroup(busyTimedFiles), 'busy'), 1, undefined, { name: 'busy timed' });
  const waiting = await run(oneEach(inGroup(waitingTimedFiles), 'waiting'), 1, undefined, { name: 'waiting timed' });
  const idle = await run(idleGroup, 1, undefined, { name: 'idle' });
  const lateIdle = await run(oneEach(inGroup(lateIdleFiles), 'late'), 1, undefined, { name: 'late idle' });
  process.exit(others || busy || waiting || idle || lateIdle);
}
// The idle files start with the first phase, whose gaps (files waiting on their servers) they fill,
// and go on beside the timed ones; their report comes after the timed files'.
let timedReported;
const idle = run(idleGroup, IDLE_CONCURRENCY, new Promise((resolve) => (timedReported = resolve)), { idle: true, name: 'idle' });
await buildDistForTests();
const others = await run(firstPhase, concurrency, undefined, { name: 'first phase' });
const busy = run(oneEach(inGroup(busyTimedFiles), 'busy'), 1, undefined, { name: 'busy timed' });
const waiting = run(oneEach(inGroup(waitingTimedFiles), 'waiting'), WAITING_CONCURRENCY, busy, { name: 'waiting timed' });
let idleReported;
const lateIdle = run(oneEach(inGroup(lateIdleFiles), 'late'), IDLE_CONCURRENCY, new Promise((resolve) => (idleReported = resolve)), {
  idle: true,
  name: 'late idle',
});
const timed = (await Promise.all([busy, waiting])).find((status) => status !== 0) ?? 0;
timedReported();
const idleStatus = await idle;
idleReported();
process.exit(others || timed || idleStatus || (await lateIdle));

// `npm test [FILE...]`: every test/**/*.test.ts (or the files named), compiled to JavaScript first
// (test-loader/: one esbuild call instead of tsx in every test process). Most files wait on sockets and
// timers, not the CPU, so they run CONCURRENCY at a time (MCP_LOAD_TEST_CONCURRENCY, default 2 per
// core); the files listed in test/serial.txt measure time under load and run one at a time after them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, normalize } from 'node:path';
import { compileForTests } from './test-loader/compile.mjs';
import { CACHE_ENV } from './test-loader/paths.mjs';

const SERIAL_LIST = 'test/serial.txt';
const concurrency = Number(process.env.MCP_LOAD_TEST_CONCURRENCY ?? 2 * availableParallelism());
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`MCP_LOAD_TEST_CONCURRENCY must be a positive integer, got ${JSON.stringify(process.env.MCP_LOAD_TEST_CONCURRENCY)}`);
  process.exit(2);
}

const serial = readFileSync(SERIAL_LIST, 'utf8')
  .split('\n')
  .map((line, i) => ({ file: line.replace(/#.*/, '').trim(), line: i + 1 }))
  .filter((entry) => entry.file !== '');
const missing = serial.filter((entry) => !existsSync(entry.file));
if (missing.length > 0) {
  for (const entry of missing) console.error(`${SERIAL_LIST}:${entry.line}: ${entry.file} does not exist: remove or correct the line`);
  process.exit(2);
}
const serialFiles = new Set(serial.map((entry) => entry.file));

const named = process.argv.slice(2);
const files = (named.length > 0 ? named.map((f) => normalize(f)) : readdirSync('test', { recursive: true }).map((f) => join('test', String(f))))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();

const cacheDir = await compileForTests();
process.env[CACHE_ENV] = cacheDir;
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
const LOADER = ['--enable-source-maps', '--import', new URL('./test-loader/register.mjs', import.meta.url).href];

function run(group, n) {
  if (group.length === 0) return 0;
  const { status, signal } = spawnSync(process.execPath, [...LOADER, '--test', `--test-concurrency=${n}`, ...group], { stdio: 'inherit' });
  return signal ? 1 : (status ?? 1);
}

// Both groups run whatever the first one's outcome, so one run reports every failure.
const parallel = run(
  files.filter((f) => !serialFiles.has(f)),
  concurrency,
);
const alone = run(
  files.filter((f) => serialFiles.has(f)),
  1,
);
process.exit(parallel || alone);

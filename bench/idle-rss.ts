// mcp-load holding idle sessions: N VUs each call echo once, then think for 60 s. Prints the
// process's RSS high-water mark (VmHWM) as measured just before the schedule ends, so the
// teardown's DELETE burst is not part of it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runTest } from '../src/engine/run.ts';
import { parseScenario } from '../src/scenario/index.ts';
import { ECHO_ARGS, ECHO_TOOL } from './tools/tool-run.ts';

/** The JSON line this script prints. */
export interface IdleRss {
  vus: number;
  /** Peak RSS in KB while the sessions sat idle. */
  peakRssKb: number;
  /** Sessions whose initialize succeeded, and echo calls that did. */
  sessions: number;
  calls: number;
}

const { values } = parseArgs({ options: { url: { type: 'string' }, vus: { type: 'string' }, duration: { type: 'string', default: '8' } } });
const vus = Number(values.vus);
const durationS = Number(values.duration);

const yaml = [
  'transport: streamable-http',
  'scenarios:',
  '  idle:',
  '    executor: constant-vus',
  `    vus: ${vus}`,
  `    duration: ${durationS}s`,
  '    gracefulStop: 0s',
  '    session: per-vu',
  '    flow:',
  `      - call: ${ECHO_TOOL}`,
  `        args: ${JSON.stringify(ECHO_ARGS)}`,
  '      - think: 60s',
  '',
].join('\n');

let peakRssKb = 0;
const sampler = setTimeout(() => (peakRssKb = statusKb('VmHWM')), durationS * 1000 - 500);
const { registry } = await runTest(parseScenario(yaml, 'bench/idle-rss.yml', { env: {} }), { url: values.url! });
clearTimeout(sampler);
const succeeded = (method: string): number =>
  registry.counter('mcp_calls').view({ method }, (s) => s.count) - registry.rate('mcp_errors').view({ method }, (s) => s.passes);
const result: IdleRss = { vus, peakRssKb, sessions: succeeded('initialize'), calls: succeeded('tools/call') };
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));

function statusKb(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return line === undefined ? 0 : Number.parseInt(line.slice(field.length + 1), 10);
}

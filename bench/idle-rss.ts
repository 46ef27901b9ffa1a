// mcp-load holding idle sessions: N VUs (constant-vus, one session each) call echo once, then
// think for 60 s. Once every VU is idle the process's RSS high-water mark (VmHWM) is read and the
// run is stopped, so the end-of-run DELETE burst is not part of the figure.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runTest } from '../src/engine/run.ts';
import { StopSignal } from '../src/engine/stop-signal.ts';
import { parseScenario } from '../src/scenario/index.ts';
import { ECHO_ARGS, ECHO_TOOL } from './tools/tool-run.ts';

/** The JSON line this script prints. */
export interface IdleRss {
  vus: number;
  /** Peak RSS in KB up to the moment every VU was idle. */
  peakRssKb: number;
  /** Sessions whose initialize succeeded, and echo calls that did. */
  sessions: number;
  calls: number;
  /** From the start of the run until every VU had made its call (0 when some never did). */
  secondsToIdle: number;
}

const { values } = parseArgs({ options: { url: { type: 'string' }, vus: { type: 'string' }, 'max-duration': { type: 'string', default: '40' } } });
const vus = Number(values.vus);

const yaml = [
  'transport: streamable-http',
  'scenarios:',
  '  idle:',
  '    executor: constant-vus',
  `    vus: ${vus}`,
  `    duration: ${values['max-duration']}s`,
  '    gracefulStop: 0s',
  '    session: per-vu',
  '    flow:',
  `      - call: ${ECHO_TOOL}`,
  `        args: ${JSON.stringify(ECHO_ARGS)}`,
  '      - think: 60s',
  '',
].join('\n');

const stop = new StopSignal();
let peakRssKb = 0;
let secondsToIdle = 0;
const { registry } = await runTest(parseScenario(yaml, 'bench/idle-rss.yml', { env: {} }), {
  url: values.url!,
  stop,
  // Each VU makes one MCP call (echo; its handshake is a session metric); one more second of quiet after the last of them.
  onProgress(p) {
    if (secondsToIdle > 0) {
      peakRssKb = statusKb('VmHWM');
      stop.fire();
    } else if (p.totalCalls >= vus) {
      secondsToIdle = p.elapsedMs / 1000;
    }
  },
});
if (peakRssKb === 0) peakRssKb = statusKb('VmHWM');
const succeeded = (method: string): number =>
  registry.counter('mcp_calls').view({ method }, (s) => s.count) - registry.rate('mcp_errors').view({ method }, (s) => s.passes);
const sessions = registry.counter('sessions_created').view({}, (s) => s.count);
const result: IdleRss = { vus, peakRssKb, sessions, calls: succeeded('tools/call'), secondsToIdle };
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));

function statusKb(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return line === undefined ? 0 : Number.parseInt(line.slice(field.length + 1), 10);
}

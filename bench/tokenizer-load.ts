// The token estimate's fixed cost: the CPU a process spends to start the tokenizer thread (a
// dist's tokenizer.js) and count its first text, against Node alone, in paired rounds.
// Run: node --import tsx bench/tokenizer-load.ts --dist DIR [--baseline-dist DIR] [--runs N]
// (under `flock -x /tmp/s5/machine.lock` on the shared machine). Prints medians and spreads of CPU ms.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { dist: { type: 'string' }, 'baseline-dist': { type: 'string' }, runs: { type: 'string', default: '11' } } });
if (!values.dist) throw new Error('--dist DIR: a built dist/ (node scripts/build.mjs DIR --no-types)');

/** A process that starts the thread, counts one text, and prints its CPU (every thread's) in ms. */
const script = (tokenizer: string | undefined): string =>
  tokenizer === undefined
    ? 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);'
    : `const { Worker } = require('node:worker_threads');
const w = new Worker(${JSON.stringify(tokenizer)});
w.on('message', (m) => {
  if (m === 'ready') return w.postMessage({ id: 1, texts: ['hello world'] });
  w.terminate().then(() => { const u = process.cpuUsage(); console.log((u.user + u.system) / 1000); });
});`;

const modes: [string, string | undefined][] = [
  ['node alone', undefined],
  ['tokenizer.js', resolve(values.dist, 'tokenizer.js')],
  ...(values['baseline-dist'] ? ([['baseline tokenizer.js', resolve(values['baseline-dist'], 'tokenizer.js')]] as [string, string][]) : []),
];
const cpu = modes.map((): number[] => []);
for (let round = 0; round < Number(values.runs); round++) {
  modes.forEach(([, tokenizer], i) => {
    const out = spawnSync(process.execPath, ['-e', script(tokenizer)], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(out.stderr);
    cpu[i].push(Number(out.stdout));
  });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  JSON.stringify(
    modes.map(([mode], i) => ({
      mode,
      medianCpuMs: Math.round(median(cpu[i])),
      minCpuMs: Math.round(Math.min(...cpu[i])),
      maxCpuMs: Math.round(Math.max(...cpu[i])),
      cpuMs: cpu[i].map(Math.round),
    })),
    null,
    1,
  ),
);

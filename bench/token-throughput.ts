// Counting throughput of the token counter (src/engine/o200k-encoding.mjs) against gpt-tokenizer's
// own o200k_base `countTokens`, on a realistic mix of tool outputs (JSON results, prose, code,
// Markdown, CJK, a base64 blob), each text counted alone as the tokenizer thread does. Paired rounds:
// each round runs both counters in fresh processes, in alternating order; a process loads its
// counter, counts the mix once to warm up, then times `--passes` passes (CPU of the counting only).
// gpt-tokenizer keeps an LRU cache of merged pieces, which repeated passes over one mix favour.
// Run: node --import tsx bench/token-throughput.ts [--runs 9] [--passes 20]
// (under `flock -x /tmp/s5/machine.lock` on the shared machine). Prints ms per MB: median and spread.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, passes: { type: 'string', default: '20' }, counter: { type: 'string' } },
});

/** The mix: what tools return, about 160 KB of UTF-16 text in 60 texts. */
function toolOutputs(): string[] {
  const texts: string[] = [];
  for (let i = 0; i < 20; i++) {
    texts.push(
      JSON.stringify({
        results: Array.from({ length: 12 }, (_, j) => ({
          id: `doc-${i}-${j}`,
          title: `Quarterly report ${2020 + (j % 6)}: revenue, churn and hiring (${j} of 12)`,
          url: `https://intranet.example.com/reports/${i}/${j}?format=pdf&lang=en`,
          score: Math.round(1e4 / (j + 1)) / 1e4,
          snippet: 'Revenue grew 14 % year over year, driven by the enterprise tier; churn fell to 2.1 %.',
          tags: ['finance', j % 2 ? 'q3' : 'q4'],
        })),
      }),
    );
  }
  const prose =
    'The service returned an error after the upstream dependency timed out. Retrying with exponential back-off resolved it within three attempts; the p99 latency during the incident was 2.4 s. ';
  for (let i = 0; i < 15; i++) texts.push(prose.repeat(8 + i));
  const code = `export async function handler(event: { path: string; body?: string }): Promise<Response> {\n  const started = performance.now();\n  const data = event.body ? JSON.parse(event.body) : {};\n  if (!data.id) return new Response('missing id', { status: 400 });\n  return Response.json({ id: data.id, ms: performance.now() - started });\n}\n`;
  for (let i = 0; i < 10; i++) texts.push(code.repeat(3 + i));
  for (let i = 0; i < 8; i++)
    texts.push(
      `# Result ${i}\n\n| name | value |\n|---|---|\n${Array.from({ length: 30 }, (_, j) => `| item-${j} | ${j * 17.5} |`).join('\n')}\n\n- [x] done\n- [ ] pending\n`,
    );
  for (let i = 0; i < 5; i++) texts.push('東京都の今日の天気は晴れ、最高気温は二十五度です。北京市今天多云转晴。서울의 날씨는 맑습니다。'.repeat(10 + i));
  texts.push(Buffer.from(Array.from({ length: 12_000 }, (_, i) => (i * 131 + 7) % 256)).toString('base64'));
  texts.push('مرحبا بالعالم، هذا نص عربي. 👩‍👩‍👧‍👦 👍🏽 🇨🇭 '.repeat(40));
  return texts;
}

async function countInThisProcess(counter: string, passes: number): Promise<void> {
  const count: (text: string) => number =
    counter === 'gpt-tokenizer'
      ? await import('gpt-tokenizer/encoding/o200k_base').then(
          ({ countTokens }) =>
            (text: string) =>
              countTokens(text, { disallowedSpecial: new Set() }),
        )
      : (await import('../src/engine/o200k-encoding.mjs')).countTextTokens;
  const texts = toolOutputs();
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  let tokens = 0;
  for (const text of texts) tokens += count(text);
  const before = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++) for (const text of texts) count(text);
  const used = process.cpuUsage(before);
  console.log(JSON.stringify({ msPerMB: (used.user + used.system) / 1000 / ((bytes * passes) / 1e6), tokens, bytes }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const figures = (xs: number[]) => ({ median: Number(median(xs).toFixed(2)), min: Number(Math.min(...xs).toFixed(2)), max: Number(Math.max(...xs).toFixed(2)) });

if (values.counter) {
  await countInThisProcess(values.counter, Number(values.passes));
} else {
  const counters = ['o200k-encoding', 'gpt-tokenizer'];
  const rounds: Record<string, number>[] = [];
  let tokens: Record<string, number> = {};
  for (let round = 0; round < Number(values.runs); round++) {
    const result: Record<string, number> = {};
    for (const counter of round % 2 ? [...counters].reverse() : counters) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--counter', counter, '--passes', values.passes!], {
        encoding: 'utf8',
      });
      if (child.status !== 0) throw new Error(child.stderr);
      const out = JSON.parse(child.stdout) as { msPerMB: number; tokens: number; bytes: number };
      result[counter] = out.msPerMB;
      tokens = { ...tokens, [counter]: out.tokens, bytes: out.bytes };
    }
    rounds.push(result);
  }
  console.log(
    JSON.stringify(
      {
        runs: rounds.length,
        passes: Number(values.passes),
        tokensOfTheMix: tokens,
        msPerMB: Object.fromEntries(counters.map((c) => [c, figures(rounds.map((r) => r[c]))])),
        ratio: figures(rounds.map((r) => r['o200k-encoding'] / r['gpt-tokenizer'])),
      },
      null,
      1,
    ),
  );
}

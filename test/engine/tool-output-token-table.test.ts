// The tokenizer's rank table as the bundle loads it (a text file, src/engine/token-ranks.mjs) against
// gpt-tokenizer's own o200k_base: the same table rank for rank, and the same count for every text,
// hostile ones included. Ground truth: the stock module, loaded here as the package ships it. The
// table's text form is checked rank for rank here and, read from dist/o200k_base.ranks, by the built
// thread's counts; src/engine/o200k-encoding.mjs in this test's own thread reads whichever table
// the loader gives it (the text file under the test loader's hooks, gpt-tokenizer's own without).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { countTokens as stockCount } from 'gpt-tokenizer/encoding/o200k_base';
import stockRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import * as specialTokens from 'gpt-tokenizer/specialTokens';
import { countTextTokens } from '../../src/engine/o200k-encoding.mjs';
import { rankTableText, ranksOfText } from '../../src/engine/token-ranks.mjs';
import { seededRandom } from '../../src/seeded-random.ts';
import { freshDist } from '../helpers/fresh-dist.ts';

/** How a tool's output is counted: a special token's spelling is ordinary text (src/engine/o200k-encoding.mjs). */
const stockOrdinary = (text: string): number => stockCount(text, { disallowedSpecial: new Set() });

/** Every special token gpt-tokenizer knows (o200k_base's, and the Harmony format's). */
const specials: string[] = Object.values(specialTokens);

/** Code points from the planes a server's text draws on, lone surrogates among them. */
const RANGES: [number, number][] = [
  [0x00, 0x7f],
  [0x80, 0x24f],
  [0x370, 0x52f],
  [0x590, 0x6ff],
  [0x900, 0x97f],
  [0xe00, 0xe7f],
  [0x3040, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xd800, 0xdfff],
  [0xfe00, 0xfe0f],
  [0x1f300, 0x1faff],
  [0x10000, 0x10ffff],
];

function randomTexts(count: number, length: number): string[] {
  const random = seededRandom(0x70c3);
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < length) {
      const [low, high] = RANGES[Math.floor(random() * RANGES.length)];
      text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
      if (random() < 0.15) text += ' ';
    }
    return text;
  });
}

const HOSTILE = [
  '',
  ' ',
  'hello world',
  'The quick brown fox – ünïcode 🦊 jumps',
  'Grüße aus Zürich, 東京 und Москва; مرحبا بالعالم; नमस्ते दुनिया; สวัสดีชาวโลก; 안녕하세요',
  'e\u0301\u0302\u0303 Z\u0351\u0352\u0353\u0354 a\u20dd combining marks',
  '👩‍👩‍👧‍👦 👍🏽 🇨🇭🇯🇵 🏳️‍🌈 ❤️‍🔥 #️⃣ 🧑🏿‍🚀',
  '\ud800',
  '\udfff',
  'x\udc00\ud800y',
  'lone high \ud83d at the end \ud83d',
  'paired 😀 then lone \ude00 low',
  '\u0000\u0001\u001f\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff',
  '\r\n\r\n\t\t \u3000\u2003 mixed\rline\nbreaks\r\n',
  'a'.repeat(3_000),
  ' '.repeat(3_000),
  '0123456789'.repeat(500),
  '🦊'.repeat(800),
  'ab'.repeat(1_500),
  '\n'.repeat(2_000),
  'É'.repeat(1_500),
  JSON.stringify({ rows: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['x', 'ÿ'] })) }),
  Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 131) % 256)).toString('base64'),
  Buffer.from(Array.from({ length: 1_000 }, (_, i) => (i * 37) % 256)).toString('latin1'),
  "function f(x) { return x ?? 'y'; } // it's, we're, I'll, they've, he'd",
  ...specials,
  specials.join(''),
  specials.join(' and '),
  `<|endoftext|>${'<|im_start|>'.repeat(100)}<|fim_prefix|x<|`,
  '<|endoftext',
  'endoftext|>',
  '<|unknown|>',
  '<||>',
];

describe('the token table as the bundle loads it', () => {
  it('holds the same tokens as gpt-tokenizer’s own o200k_base, rank for rank, bytes and text', () => {
    const ranks = ranksOfText(rankTableText(stockRanks));
    assert.equal(ranks.length, stockRanks.length);
    assert.deepEqual(ranks, stockRanks);
    assert.ok(
      stockRanks.some((token) => typeof token !== 'string'),
      'the table has tokens that are not UTF-8 text',
    );
  });

  it('refuses a table it could not write back exactly', () => {
    assert.throws(() => rankTableText(['a', 'b\uffffc']), /rank 1/);
    assert.throws(() => rankTableText(['\ufffe1,2']), /rank 0/);
    assert.throws(() => rankTableText(['a', [256]]), /rank 1/);
    // biome-ignore lint/suspicious/noSparseArray: a table with a hole
    assert.throws(() => rankTableText(['a', , 'c'] as unknown as string[]), /rank 1 has no token/);
  });

  it('counts every hostile, multilingual and special-token text as the stock tokenizer does', () => {
    const mine = HOSTILE.map(countTextTokens);
    assert.deepEqual(mine, HOSTILE.map(stockOrdinary));
    // A special token's spelling is text: more than one token, and never a throw.
    assert.ok(countTextTokens('<|endoftext|>') > 1);
    assert.throws(() => stockCount('<|endoftext|>'), /Disallowed special token/);
  });

  it('counts 300 seeded random texts over many scripts, emoji and lone surrogates as the stock tokenizer does', () => {
    const texts = randomTexts(300, 120);
    assert.deepEqual(texts.map(countTextTokens), texts.map(stockOrdinary));
  });

  it('the built dist/tokenizer.cjs thread, with its o200k_base.ranks beside it, counts as the stock tokenizer does', async () => {
    const dist = await freshDist();
    const worker = new Worker(join(dist, 'tokenizer.cjs'));
    try {
      const texts = [...HOSTILE, ...randomTexts(50, 80)];
      const counts = await new Promise<number[]>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (message: 'ready' | { counts: number[] }) => {
          if (message === 'ready') worker.postMessage({ id: 1, texts });
          else resolve(message.counts);
        });
      });
      assert.deepEqual(counts, texts.map(stockOrdinary));
    } finally {
      await worker.terminate();
    }
  });
});

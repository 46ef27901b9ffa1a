// The token counter (src/engine/o200k-encoding.mjs over the table of src/engine/token-table.mjs)
// against gpt-tokenizer's own o200k_base, count for count: every token of the vocabulary as text,
// corpora of every kind a tool returns, hostile texts, and the built thread reading its table file.
// Ground truth: the stock module, loaded here as the package ships it. Under the test loader the
// counter reads the table file the loader made (as the bundle does); without it, a table made from
// gpt-tokenizer's ranks at import.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { countTokens as stockCount } from 'gpt-tokenizer/encoding/o200k_base';
import stockRanks from 'gpt-tokenizer/bpeRanks/o200k_base';
import * as specialTokens from 'gpt-tokenizer/specialTokens';
import { countTextTokens } from '../../src/engine/o200k-encoding.mjs';
import { loadTokenTable, rankOfBytes, tokenTableBytes } from '../../src/engine/token-table.mjs';
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
  [0x300, 0x36f],
  [0x370, 0x52f],
  [0x590, 0x6ff],
  [0x900, 0x97f],
  [0xe00, 0xe7f],
  [0x3040, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xd800, 0xdfff],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0x1f300, 0x1faff],
  [0x10000, 0x10ffff],
];

function randomTexts(count: number, length: number, seed = 0x70c3, spaces = 0.15): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < length) {
      const [low, high] = RANGES[Math.floor(random() * RANGES.length)];
      text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
      if (random() < spaces) text += ' ';
    }
    return text;
  });
}

/** One word of `length` letters drawn from `letters`: a single piece, merged over thousands of bytes. */
function randomWord(letters: string, length: number, seed: number): string {
  const random = seededRandom(seed);
  const chars = [...letters];
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

const ENGLISH =
  'The load test ran for thirty seconds against the staging server. It’s fine, we’re told, but the p99 latency doubled after the deploy; they’ve asked us to re-check. "Quoted", (parenthesised) and hyphen-ated words, U.S.A., e.g., i.e., CamelCase, snake_case, SHOUTING and Mixed.Case.';
const CODE = `import { readFileSync } from 'node:fs';
export async function main(argv: string[]): Promise<number> {
\tconst config = JSON.parse(readFileSync(argv[2] ?? './config.json', 'utf8')) as Record<string, unknown>;
    for (let i = 0; i < 10_000; i++) if ((i & 0xff) === 0) console.log(\`step \${i}/\${argv.length}\`);
    return config?.exitCode === undefined ? 0 : Number(config.exitCode); // it's done
}
#!/usr/bin/env python3
def f(x): return [y**2 for y in range(x) if y % 3 == 0]  # comment
SELECT id, name FROM users WHERE email LIKE '%@example.com' ORDER BY created_at DESC LIMIT 50;
`;
const JSON_OUTPUT = JSON.stringify({
  content: [{ type: 'text', text: 'Found 3 issues' }],
  structuredContent: {
    issues: Array.from({ length: 40 }, (_, i) => ({
      id: 1000 + i,
      title: `Crash ${i} when the cache is cold`,
      url: `https://example.com/issues/${1000 + i}?tab=comments&sort=desc`,
      labels: ['bug', i % 2 ? 'p1' : 'p2'],
      score: i / 7,
      createdAt: new Date(1_700_000_000_000 + i * 86_400_000).toISOString(),
    })),
  },
});
const CJK =
  '東京都渋谷区の天気は晴れ、最高気温は二十五度です。北京市今天多云转晴，气温十八到二十六摄氏度。서울의 날씨는 맑고 기온은 이십 도입니다。カタカナとひらがなが混ざった文章。';
const ARABIC = 'مرحبا بالعالم، هذا نص عربي طويل مع أرقام ١٢٣٤٥٦٧٨٩٠ وعلامات التشكيل: مُحَمَّدٌ رَسُولُ. שלום עולם בעברית.';
const EMOJI = '👩‍👩‍👧‍👦 👍🏽 🇨🇭🇯🇵 🏳️‍🌈 ❤️‍🔥 #️⃣ 🧑🏿‍🚀 👨‍💻👩🏻‍🔬 🫶🏾 😀😃😄😁😆';
const COMBINING = 'e\u0301\u0302\u0303 Z\u0351\u0352\u0353\u0354 a\u20dd n\u0303o\u0308 \u0915\u094d\u0937 ก\u0e34\u0e48 Ẓ̵̡̛͎̤̦̭ͨ̀͊ͥ';
const DIGITS = `${'0123456789'.repeat(200)} 3.14159265358979 1,234,567.89 ١٢٣ ٤٥٦ 一二三 ⅠⅡⅢ ①②③ 2026-12-01T23:59:59.999Z`;
const WHITESPACE = `${' '.repeat(500)}x${'\t'.repeat(300)}\n${'\r\n'.repeat(200)} \u00a0\u2000\u2001\u2002\u3000\u2028\u2029\u0085 \n\n\n   \n\t \n`;

/** A hostile server's texts: edges of the splitter and of the merge. */
const HOSTILE = [
  '',
  ' ',
  'hello world',
  '\ud800',
  '\udfff',
  'x\udc00\ud800y',
  'lone high \ud83d at the end \ud83d',
  'paired 😀 then lone \ude00 low',
  '\ufeff',
  '\ufeff\ufeff\ufeffusing namespace std; \ufeff// \ufeff#\n\ufeff\n\n',
  '\u0000\u0001\u001f\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff\ufffd',
  '\r\n\r\n\t\t \u3000\u2003 mixed\rline\nbreaks\r\n',
  'a'.repeat(3_000),
  ' '.repeat(3_000),
  '🦊'.repeat(800),
  'ab'.repeat(1_500),
  '\n'.repeat(2_000),
  'É'.repeat(1_500),
  Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 131) % 256)).toString('base64'),
  Buffer.from(Array.from({ length: 1_000 }, (_, i) => (i * 37) % 256)).toString('latin1'),
  Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 53) % 256)).toString('hex'),
  ...specials,
  specials.join(''),
  specials.join(' and '),
  `<|endoftext|>${'<|im_start|>'.repeat(100)}<|fim_prefix|x<|`,
  '<|endoftext',
  'endoftext|>',
  '<|unknown|>',
  '<||>',
];

const CORPORA = { ENGLISH, CODE, JSON_OUTPUT, CJK, ARABIC, EMOJI, COMBINING, DIGITS, WHITESPACE };

describe('the o200k_base token counter', () => {
  it('counts every token of the vocabulary that is text, alone, as the stock tokenizer does', () => {
    const texts = stockRanks.filter((token): token is string => typeof token === 'string');
    assert.ok(texts.length > 198_000, `${texts.length} tokens of text`);
    const mismatched = texts.filter((text) => countTextTokens(text) !== stockOrdinary(text));
    assert.deepEqual(mismatched, []);
  });

  it('counts English, code, JSON tool output, CJK, Arabic, emoji, combining marks, digit and whitespace runs as the stock tokenizer does, alone and all together', () => {
    const texts = [...Object.values(CORPORA), Object.values(CORPORA).join('\n'), Object.values(CORPORA).join('').repeat(3)];
    assert.deepEqual(texts.map(countTextTokens), texts.map(stockOrdinary));
  });

  it('counts hostile texts (lone surrogates, byte order marks, control characters, special-token spellings) as the stock tokenizer does, and never throws on a special token', () => {
    assert.deepEqual(HOSTILE.map(countTextTokens), HOSTILE.map(stockOrdinary));
    assert.ok(countTextTokens('<|endoftext|>') > 1);
    assert.throws(() => stockCount('<|endoftext|>'), /Disallowed special token/);
  });

  it('counts 400 seeded random texts over many scripts, emoji, byte order marks and lone surrogates as the stock tokenizer does', () => {
    const texts = [...randomTexts(300, 120), ...randomTexts(100, 200, 0x5eed, 0.02)];
    assert.deepEqual(texts.map(countTextTokens), texts.map(stockOrdinary));
  });

  it('merges single words of thousands of bytes (Latin, accented, CJK) as the stock tokenizer does', () => {
    const words = [
      randomWord('abcdefghijklmnopqrstuvwxyz', 3_000, 1),
      randomWord('eéèêëaàâ', 1_500, 2),
      randomWord('東京都渋谷区天気晴', 800, 3),
      randomWord('ab', 2_000, 4),
    ];
    assert.deepEqual(words.map(countTextTokens), words.map(stockOrdinary));
  });

  it('counts 200,000 letters of one kind, one piece, as the stock tokenizer counts 2,000 of them a hundred times', () => {
    // The stock merge scans every pair on every merge (minutes for 200,000 bytes); merging a run of
    // one letter is periodic (the leftmost lowest pair first), so the stock count of 2,000 is the truth
    // for each 2,000 of them.
    assert.equal(countTextTokens('a'.repeat(200_000)), 100 * stockOrdinary('a'.repeat(2_000)));
  });
});

describe('the token table file', () => {
  it('finds every token gpt-tokenizer finds by its bytes at its rank, and leaves out the tokens of UTF-8 bytes gpt-tokenizer never finds', () => {
    const table = loadTokenTable(tokenTableBytes(stockRanks));
    const encoder = new TextEncoder();
    const left: number[] = [];
    stockRanks.forEach((token, rank) => {
      const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
      const found = rankOfBytes(table, bytes, 0, bytes.length);
      if (found !== rank) left.push(rank);
    });
    // o200k_base's tokens of a byte order mark and what follows it, which gpt-tokenizer keeps as
    // bytes and looks up as the text its TextDecoder makes of them, without the mark.
    assert.deepEqual(left, [5574, 9251, 42295, 44173, 61992, 67837, 76234, 110862, 135153]);
    assert.ok(left.every((rank) => Array.isArray(stockRanks[rank]) && (stockRanks[rank] as number[]).slice(0, 3).join() === '239,187,191'));
  });

  it('refuses a table whose lookups by bytes could not match gpt-tokenizer’s', () => {
    const bytes = Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : [b]));
    assert.throws(() => tokenTableBytes([...bytes, 'ab', 'a\ud800']), /rank 257: token "a\\ud800" is not well-formed/);
    assert.throws(() => tokenTableBytes([...bytes, 'ab', 'ab']), /rank 257: its bytes are another token's too/);
    assert.throws(() => tokenTableBytes(bytes.slice(0, 255)), /byte 255 is no token/);
    assert.throws(() => tokenTableBytes([...bytes, [256]]), /rank 256 is neither text nor bytes/);
    assert.throws(() => loadTokenTable(new Uint8Array(16)), /not a token table/);
  });

  it('the built dist/tokenizer.cjs thread, with its o200k_base.tokens beside it, counts as the stock tokenizer does', async () => {
    const dist = await freshDist();
    const worker = new Worker(join(dist, 'tokenizer.cjs'));
    try {
      const texts = [...HOSTILE, ...Object.values(CORPORA), ...randomTexts(50, 80)];
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

// One tokenizer per run: with workers, every worker's sample is counted by the parent's tokenizer
// (workers/tokenizer-relay.ts), and the merged result's tokens are still exact. Ground truth: the
// texts a scripted server sent, counted here with gpt-tokenizer's stock o200k_base.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { ToolOutputSampler } from '../../src/engine/tool-output-sampler.ts';
import { sharedTokenizer, type Tokenizer } from '../../src/engine/tool-output-tokens.ts';
import { type TokenizerAnswer, type TokenizerAsk, TokenizerRelay, TokenizerService } from '../../src/engine/workers/tokenizer-relay.ts';
import type { OperationResult } from '../../src/mcp/index.ts';
import type { Result } from '../../src/results/index.ts';
import { runShippedCli } from '../helpers/cli.ts';
import type { RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

/** A tool's output is counted as ordinary text: a special token's spelling too (src/engine/o200k-encoding.mjs). */
const stockCount = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });

/** What the server answers, in turn: a special token's spelling (which once ended the tokenizer thread), scripts and emoji, a lone surrogate. */
const TEXTS = ['<|endoftext|> then <|im_start|>system', 'Grüße aus 東京 🦊👩‍👩‍👧', 'x\ud800y \udfff', 'plain words, nothing more'];

describe('tool output tokens with two workers, counted by the parent’s one tokenizer', () => {
  let dir: string;
  let server: RunningServer;
  let served: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-load-token-workers-'));
    server = await startScriptedServer((request, res) => {
      const text = TEXTS[served.length % TEXTS.length];
      served.push(text);
      res.writeHead(200, { 'content-type': 'application/json' }).end(textResult(request.id, text));
    });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const mode of ['thread', 'process'] as const) {
    it(`worker ${mode}s: every reply's tokens, summed over both workers, are the stock count of what the server sent`, async () => {
      served = [];
      const file = join(dir, `${mode}.yml`);
      // About 2.5 s of run, then the grace (tokenizerGraceMs: 2 s), for the parent's tokenizer to load on a busy machine (the suite's).
      writeFileSync(
        file,
        `target: ${server.url}\nscenarios:\n  a:\n    executor: per-vu-iterations\n    vus: 2\n    iterations: 3\n    flow:\n      - call: say\n      - think: 800ms\n`,
      );
      const out = join(dir, mode);
      const run = await runShippedCli(['run', file, '--workers', '2', '--worker-mode', mode, '--out', out, '--quiet']);
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as Result;
      assert.equal(result.environment.workers, 2);
      assert.deepEqual(
        result.warnings.filter((w) => /tokens/.test(w)),
        [],
      );
      assert.equal(served.length, 6);
      const row = result.toolOutput?.tools.find((t) => t.tool === 'say');
      assert.deepEqual([row?.replies, row?.sampled], [6, 6]);
      assert.equal(
        row?.totalTokens,
        served.reduce((n, text) => n + stockCount(text), 0),
      );
      assert.equal(row?.tokens?.max, Math.max(...served.map(stockCount)));
    });
  }
});

describe('the tokenizer relay', () => {
  it('two workers through one parent: one tokenizer is started, and each request gets its own counts back', async () => {
    let started = 0;
    const lengths: Tokenizer = { ready: Promise.resolve(), count: async (texts) => texts.map((t) => t.length) };
    const service = new TokenizerService(() => {
      started++;
      return lengths;
    });
    const relays: TokenizerRelay[] = [];
    for (let i = 0; i < 2; i++) {
      const relay: TokenizerRelay = new TokenizerRelay((ask: TokenizerAsk) => service.answer(ask, (answer: TokenizerAnswer) => relay.receive(answer)));
      relays.push(relay);
    }
    const [a, b] = relays.map((r) => r.start());
    await Promise.all([a.ready, b.ready]);
    assert.deepEqual(await Promise.all([a.count(['abc', 'de']), b.count(['x']), a.count([])]), [[3, 2], [1], []]);
    assert.equal(started, 1);
  });

  it("a parent's tokenizer that fails to load: the worker's ready rejects with the parent's reason", async () => {
    const broken: Tokenizer = { ready: Promise.reject(new Error('no table')), count: async () => [] };
    broken.ready.catch(() => {});
    const service = new TokenizerService(() => broken);
    const relay: TokenizerRelay = new TokenizerRelay((ask) => service.answer(ask, (answer) => relay.receive(answer)));
    await assert.rejects(relay.start().ready, /no table/);
  });
});

describe('a sample that takes minutes to count', () => {
  it('the run waits only its grace: bytes are recorded, the warning says why there are no tokens, and the busy thread is ended', async () => {
    const tokenizer = sharedTokenizer();
    await tokenizer.ready;
    const registry = new MetricsRegistry();
    const sampler = new ToolOutputSampler(registry, undefined, () => tokenizer);
    // 200,000 words of letters that merge pair by pair: 2.6 MB, about 0.4 s of counting here, where
    // the grace is 20 ms (a text that takes minutes, as a long run of one letter did for gpt-tokenizer,
    // takes our counter about 0.2 s).
    const text = mergingWords(200_000);
    sampler.slot('s', 't').offer({
      method: 'tools/call',
      name: 't',
      outcome: 'success',
      result: { content: [{ type: 'text', text }] },
      bytesReceived: text.length + 100,
    } as OperationResult);
    const warning = await sampler.measure(20);
    assert.match(warning ?? '', /tokens were not estimated \(bytes were\): the o200k_base tokenizer did not count the sample within 0\.02 s/);
    assert.equal(registry.trend('tool_output_bytes').view({ tool: 't' }, (s) => s.sumUs) / 1000, text.length);
    assert.equal(
      registry.trend('tool_output_tokens').view({ tool: 't' }, (s) => s.count),
      0,
    );
    await assert.rejects(tokenizer.count(['hello']), /ended while it counted/);
    registry.dispose();
  });
});

/** `count` words of 12 letters drawn (seeded) from ten that seldom make a token together, space-separated. */
function mergingWords(count: number): string {
  const letters = 'qxzjkvwfyb';
  let seed = 7;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = '';
    for (let j = 0; j < 12; j++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      word += letters[(seed >>> 8) % letters.length];
    }
    words.push(word);
  }
  return words.join(' ');
}

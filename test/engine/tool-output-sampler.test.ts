// The sample's bounds, with a tokenizer that counts its own calls: however many replies arrive, it
// is called at most for the replies the limits allow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsRegistry } from '../../src/engine/metrics/index.ts';
import { ToolOutputSampler } from '../../src/engine/tool-output-sampler.ts';
import type { Tokenizer } from '../../src/engine/tool-output-tokens.ts';
import type { OperationResult } from '../../src/mcp/index.ts';

function reply(text: string, bytesReceived = 100, raw = false): OperationResult {
  const result = { content: [{ type: 'text', text }] };
  return {
    method: 'tools/call',
    name: 't',
    outcome: 'success',
    ...(raw ? { replyText: JSON.stringify({ jsonrpc: '2.0', id: 1, result }) } : { result }),
    durationMs: 1,
    ttfbMs: 1,
    http: [],
    bytesSent: 0,
    bytesReceived,
    reinitAttempted: false,
    reinitialized: false,
    streamResumptions: 0,
    resumed: false,
    reissued: 0,
    progressNotifications: 0,
    notifications: 0,
    serverRequests: 0,
  };
}

/** A tokenizer in this thread that counts a text's characters, and how many texts it was given. */
function counting(): { start: () => Tokenizer; calls: () => number } {
  let calls = 0;
  const tokenizer: Tokenizer = {
    ready: Promise.resolve(),
    count: async (texts) => {
      calls += texts.length;
      return texts.map((t) => t.length);
    },
  };
  return { start: () => tokenizer, calls: () => calls };
}

const countOf = (registry: MetricsRegistry, metric: string): number => registry.trend(metric).view({ tool: 't' }, (s) => s.count);

describe('ToolOutputSampler', () => {
  it('keeps at most perToolPerSecond replies per second and perTool over the run: the tokenizer is called that often, no more', async () => {
    const registry = new MetricsRegistry();
    const tokenizer = counting();
    const sampler = new ToolOutputSampler(registry, { perToolPerSecond: 3, perTool: 7, retainedBytes: 1e9 }, tokenizer.start);
    const slot = sampler.slot('s', 't');
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < 1000; i++) slot.offer(reply(`reply ${second}.${i}`));
      sampler.newSecond();
    }
    assert.equal(await sampler.measure(1000), undefined);
    assert.equal(tokenizer.calls(), 7);
    assert.equal(countOf(registry, 'tool_output_tokens'), 7);
    registry.dispose();
  });

  it('stops keeping replies once their wire bytes reach retainedBytes', async () => {
    const registry = new MetricsRegistry();
    const tokenizer = counting();
    const sampler = new ToolOutputSampler(registry, { perToolPerSecond: 100, perTool: 100, retainedBytes: 1000 }, tokenizer.start);
    const slot = sampler.slot('s', 't');
    for (let i = 0; i < 10; i++) slot.offer(reply('x', 400));
    await sampler.measure(1000);
    assert.equal(tokenizer.calls(), 2);
    registry.dispose();
  });

  it('a reply kept as JSON text (a transport that did not parse it) is parsed when measured', async () => {
    const registry = new MetricsRegistry();
    const sampler = new ToolOutputSampler(registry, undefined, counting().start);
    const slot = sampler.slot('s', 't');
    slot.offer(reply('ünï', 100, true));
    await sampler.measure(1000);
    assert.equal(registry.trend('tool_output_bytes').view({ tool: 't' }, (s) => s.sumUs) / 1000, Buffer.byteLength('ünï'));
    assert.equal(registry.trend('tool_output_tokens').view({ tool: 't' }, (s) => s.sumUs) / 1000, 3);
    registry.dispose();
  });

  it('a tokenizer that does not load in time: bytes are recorded, tokens are not, and the warning says why', async () => {
    const registry = new MetricsRegistry();
    const never: Tokenizer = { ready: new Promise(() => {}), count: async () => [] };
    const sampler = new ToolOutputSampler(registry, undefined, () => never);
    sampler.slot('s', 't').offer(reply('abc'));
    const warning = await sampler.measure(50);
    assert.match(warning ?? '', /tokens were not estimated \(bytes were\): the o200k_base tokenizer did not load within 0.05 s/);
    assert.equal(countOf(registry, 'tool_output_bytes'), 1);
    assert.equal(countOf(registry, 'tool_output_tokens'), 0);
    registry.dispose();
  });

  it('a tokenizer that loads after the run stopped waiting is ended, and never given the sample', async () => {
    const registry = new MetricsRegistry();
    let load!: () => void;
    let counted = 0;
    let abandoned = 0;
    const late: Tokenizer = {
      ready: new Promise<void>((resolve) => (load = resolve)),
      count: async (texts) => {
        counted += texts.length;
        return texts.map(() => 1);
      },
      abandon: () => abandoned++,
    };
    const sampler = new ToolOutputSampler(registry, undefined, () => late);
    sampler.slot('s', 't').offer(reply('abc'));
    const warning = await sampler.measure(20);
    assert.match(warning ?? '', /did not load within 0.02 s/);
    assert.equal(abandoned, 1, 'the run ends a thread that did not load within its wait');
    load();
    await late.ready;
    await new Promise((resolve) => setImmediate(resolve)); // the continuation of ready has run
    assert.equal(counted, 0, 'a count after the wait would only cost a core');
    registry.dispose();
  });

  it('the tokenizer starts at the first kept reply, once for the run', async () => {
    const registry = new MetricsRegistry();
    let started = 0;
    const sampler = new ToolOutputSampler(registry, undefined, () => {
      started++;
      return counting().start();
    });
    const slot = sampler.slot('s', 't');
    assert.equal(started, 0);
    for (let i = 0; i < 5; i++) slot.offer(reply(`reply ${i}`));
    assert.equal(started, 1);
    assert.equal(await sampler.measure(1000), undefined);
    assert.equal(started, 1);
    assert.equal(countOf(registry, 'tool_output_tokens'), 5);
    registry.dispose();
  });

  it('no tool reply kept: no tokenizer is started', async () => {
    const registry = new MetricsRegistry();
    let started = 0;
    const sampler = new ToolOutputSampler(registry, undefined, () => {
      started++;
      return counting().start();
    });
    sampler.slot('s', 't');
    assert.equal(await sampler.measure(1000), undefined);
    assert.equal(started, 0);
    registry.dispose();
  });
});

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { BUILTIN_METRICS } from '../engine/index.ts';
import type { Result } from '../results/index.ts';
import type { LiveSample, Output } from './output.ts';

/** The metrics a live sample carries: each with the k6 metric type and value kind it is written with. */
const LIVE_METRICS = ['vus', 'mcp_calls', 'mcp_errors'] as const;

/**
 * k6-like JSON lines: a `Metric` line per metric first, then a `Point` per metric each second while
 * the run goes (`mcp_calls` the calls of that second, `mcp_errors` their error fraction, `vus` the
 * VUs then), and at the end a `Summary` line per metric and tag set, as result.json has it
 * (histograms left out).
 */
export class JsonLinesOutput implements Output {
  readonly description: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(private readonly file: string) {
    this.description = `json=${file}`;
    this.stream = createWriteStream(file);
    this.stream.on('error', (error) => (this.failure ??= error));
    for (const metric of LIVE_METRICS) {
      const { type, contains } = BUILTIN_METRICS[metric];
      this.write({ type: 'Metric', metric, data: { type, contains, tags: [], thresholds: [] } });
    }
  }

  sample(sample: LiveSample): void {
    const time = new Date(sample.timeMs).toISOString();
    const errorRate = sample.callsPerSecond > 0 ? sample.errorsPerSecond / sample.callsPerSecond : 0;
    this.write({ type: 'Point', metric: 'vus', data: { time, value: sample.vus, tags: {} } });
    this.write({ type: 'Point', metric: 'mcp_calls', data: { time, value: sample.callsPerSecond, tags: {} } });
    this.write({ type: 'Point', metric: 'mcp_errors', data: { time, value: errorRate, tags: {} } });
  }

  async finish(result: Result): Promise<string[]> {
    const time = result.endedAt;
    for (const series of result.metrics.metrics) {
      this.write({ type: 'Summary', metric: series.metric, data: { time, type: series.type, tags: series.tags, summary: series.summary } });
    }
    this.stream.end();
    await Promise.race([once(this.stream, 'finish'), once(this.stream, 'error')]).catch(() => undefined);
    return this.failure ? [`json: writing ${this.file} failed: ${this.failure.message}`] : [`json: ${this.file}`];
  }

  private write(line: unknown): void {
    if (this.failure === undefined) this.stream.write(`${JSON.stringify(line)}\n`);
  }
}

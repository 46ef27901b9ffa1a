// Receivers and a load target for the output tests, all on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { freePort, type RunningServer } from '../helpers/servers.ts';
import { startScriptedServer, textResult } from '../mcp/scripted-server.ts';

const READY_TIMEOUT_MS = 20_000;

export interface PrometheusServer {
  url: string;
  /** An instant query's result vector. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
}

/** Debian's prometheus with its remote-write receiver on, no scraping, its TSDB in a temporary folder. */
export async function startPrometheus(): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready: ${stderr.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async query(promql) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await response.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      if (body.status !== 'success') throw new Error(`query ${promql}: ${JSON.stringify(body)}`);
      return body.data.result;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What an OTLP receiver decoded, with OpenTelemetry's protobufjs code generated from the official opentelemetry-proto. */
export interface OtlpReceiver {
  url: string;
  /** Each ExportMetricsServiceRequest received, as protobufjs `toObject` gives it (longs as strings). */
  requests: Record<string, any>[];
  contentTypes: string[];
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const otlpRoot = require('@opentelemetry/otlp-proto-exporter-base/build/src/generated/root.js');
const ExportMetricsServiceRequest = otlpRoot.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const requests: Record<string, any>[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/metrics') return void res.writeHead(404).end();
      contentTypes.push(String(req.headers['content-type']));
      try {
        const message = ExportMetricsServiceRequest.decode(Buffer.concat(chunks));
        requests.push(ExportMetricsServiceRequest.toObject(message, { longs: String, defaults: false }));
      } catch (error) {
        return void res.writeHead(400).end(String(error));
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    requests,
    contentTypes,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An MCP server whose `echo` answers after `delayMs`, counting the calls it answered (the ground truth). */
export async function startCountingServer(delayMs: number): Promise<RunningServer & { calls: () => number }> {
  let calls = 0;
  const server = await startScriptedServer((request, res) => {
    res.setHeader('content-type', 'application/json');
    if (request.method === 'tools/call') {
      setTimeout(() => {
        calls++;
        res.end(textResult(request.id, 'ok'));
      }, delayMs);
      return;
    }
    res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
  });
  return Object.assign(server, { calls: () => calls });
}

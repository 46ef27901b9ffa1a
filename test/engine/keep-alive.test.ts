import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { defaultKeepAliveMs } from '../../src/scenario/keep-alive.ts';

/** A 2025-line server that counts the TCP connections it accepts and the tool calls it answers; its own idle timeout is a minute. */
class ConnectionCountingServer {
  connections = 0;
  calls = 0;
  private readonly server: Server;

  constructor() {
    this.server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.method === 'DELETE') return void res.writeHead(200).end();
        if (req.method !== 'POST') return void res.writeHead(405).end();
        const message = JSON.parse(body) as { id?: number; method?: string };
        if (message.id === undefined) return void res.writeHead(202).end();
        if (message.method === 'server/discover') return void res.writeHead(400).end();
        const headers = { 'content-type': 'application/json', 'mcp-session-id': 'counted' };
        if (message.method === 'initialize') {
          const result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'counting', version: '1' } };
          return void res.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
        }
        this.calls++;
        res.writeHead(200, headers).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { content: [{ type: 'text', text: 'ok' }] } }));
      });
    });
    this.server.on('connection', () => this.connections++);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/mcp`;
  }

  reset(): void {
    this.connections = 0;
    this.calls = 0;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Two agents calling a tool, then thinking 300 ms, for two seconds: about seven calls each, and at
 * least two even when a loaded machine delays the handshakes (one second once gave 3 calls in all).
 */
function thinkingAgents(url: string, keepAlive: string) {
  return parseScenario(
    `
target: ${url}
transport: streamable-http
keepAlive: ${keepAlive}
scenarios:
  agents:
    executor: constant-vus
    vus: 2
    duration: 2s
    flow:
      - call: work
      - think: 300ms
`,
    'keep-alive.yml',
    { env: {} },
  );
}

describe('keepAlive: how long an idle connection is held', () => {
  const server = new ConnectionCountingServer();
  let url: string;
  before(async () => {
    url = await server.start();
  });
  after(() => server.stop());

  it('longer than the think: each agent keeps one connection for the whole run', async () => {
    server.reset();
    await runTest(thinkingAgents(url, '2s'), { url });
    assert.ok(server.calls >= 4, `${server.calls} calls: each agent thought between calls at least once`);
    assert.equal(server.connections, 2, `${server.connections} TCP connections for 2 agents making ${server.calls} calls`);
  });

  it('shorter than the think: every call after a think needs a new connection', async () => {
    server.reset();
    await runTest(thinkingAgents(url, '100ms'), { url });
    assert.ok(server.calls >= 4, `${server.calls} calls`);
    // Each agent's first call rides its handshake's connection; each later one follows a 300 ms think past the 100 ms limit.
    assert.ok(server.connections >= server.calls, `${server.connections} TCP connections for ${server.calls} calls`);
  });

  it('defaults to 5 s longer than the longest think (at least 10 s; an exponential think at its 99th percentile)', () => {
    const spec = (think: string) =>
      parseScenario(`scenarios:\n  a:\n    executor: constant-vus\n    duration: 1s\n    flow: [ping, { think: ${think} }]\n`, 'k.yml', { env: {} }).scenarios;
    assert.equal(defaultKeepAliveMs(spec('1s')), 10_000);
    assert.equal(defaultKeepAliveMs(spec('30s..60s')), 65_000);
    assert.equal(defaultKeepAliveMs(spec('{ exponential: 10s }')), Math.ceil(10_000 * Math.log(100)) + 5_000);
  });
});

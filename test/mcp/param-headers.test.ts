// 2026-07-28 Mcp-Param-* headers (SEP-2243) against a scripted stateless server that checks them
// against the body, as an intermediary or the server itself would.
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { McpSession, McpTarget } from '../../src/mcp/index.ts';
import { encodeHeaderValue, paramHeaderBindings, paramHeaders } from '../../src/mcp/param-headers.ts';
import { startHttpFixture } from '../helpers/servers.ts';
import { httpLines, resultText } from './result-views.ts';

const ROUTE_SCHEMA = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    count: { type: 'integer', 'x-mcp-header': 'Count' },
    dryRun: { type: 'boolean', 'x-mcp-header': 'Dry-Run' },
    owner: { type: 'object', properties: { tenant: { type: 'string', 'x-mcp-header': 'Tenant' } } },
    note: { type: 'string' },
  },
};

/** What the server expects in the headers for the arguments it got, by its own reading of the schema. */
function expectedHeaders(args: Record<string, unknown>): Record<string, string> {
  const expected: Record<string, string> = {};
  if (args.region != null) expected['mcp-param-region'] = encodeHeaderValue(String(args.region));
  if (args.count != null) expected['mcp-param-count'] = String(args.count);
  if (args.dryRun != null) expected['mcp-param-dry-run'] = String(args.dryRun);
  const tenant = (args.owner as { tenant?: string } | undefined)?.tenant;
  if (tenant != null) expected['mcp-param-tenant'] = encodeHeaderValue(tenant);
  return expected;
}

/** The request's Mcp-Param headers, sorted by name. */
function paramHeadersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const params = Object.entries(headers).filter(([name]) => name.startsWith('mcp-param-'));
  return Object.fromEntries(params.sort(([a], [b]) => a.localeCompare(b)).map(([n, v]) => [n, String(v)]));
}

/** A 2026-07-28 server: discover, tools/list (the schema above, or none until `annotate`), tools/call checked against its headers. */
async function statelessServer() {
  const state = { lists: 0, annotated: true, mismatches: 0, calls: [] as Array<Record<string, string>> };
  const server = await startHttpFixture((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const m = JSON.parse(text) as { id: number; method: string; params?: { name?: string; arguments?: Record<string, unknown> } };
      const reply = (body: unknown, status = 200) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: m.id, ...(body as object) }));
      if (m.method === 'server/discover') {
        return reply({ result: { supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, _meta: {} } });
      }
      if (m.method === 'tools/list') {
        state.lists++;
        const inputSchema = state.annotated ? ROUTE_SCHEMA : { type: 'object', properties: {} };
        return reply({
          result: {
            tools: [
              { name: 'route', inputSchema },
              { name: 'plain', inputSchema: { type: 'object' } },
            ],
          },
        });
      }
      if (m.method === 'tools/call') {
        const got = paramHeadersOf(req.headers);
        state.calls.push(got);
        const expected = m.params?.name === 'route' ? expectedHeaders(m.params.arguments ?? {}) : {};
        if (JSON.stringify(got) !== JSON.stringify(Object.fromEntries(Object.entries(expected).sort()))) {
          state.mismatches++;
          return reply({ error: { code: -32020, message: `header mismatch: got ${JSON.stringify(got)}` } }, 400);
        }
        return reply({ result: { content: [{ type: 'text', text: `routed ${JSON.stringify(got)}` }] } });
      }
      reply({ error: { code: -32601, message: 'no' } }, 404);
    });
  });
  return { server, state };
}

describe('Mcp-Param-* headers from x-mcp-header arguments (2026-07-28)', () => {
  let running: Awaited<ReturnType<typeof statelessServer>>;
  before(async () => {
    running = await statelessServer();
  });
  after(() => running.server.stop());

  it('annotated arguments are mirrored (non-ASCII as the base64 sentinel, nested by properties path, null and absent omitted); the schemas are read once per target', async () => {
    running.state.annotated = true;
    const target = new McpTarget({ url: running.server.url });
    const listsBefore = running.state.lists;
    const results = [];
    for (const args of [
      { region: 'us-west1', count: 3, dryRun: false, owner: { tenant: 'Zürich AG' }, note: 'not a header' },
      { region: null, count: 7 },
    ]) {
      const session = new McpSession(target);
      assert.equal((await session.initialize()).outcome, 'success');
      results.push(await session.callTool('route', args));
    }
    await target.close();
    for (const r of results) assert.equal(r.outcome, 'success', r.error?.message);
    assert.equal(running.state.mismatches, 0);
    assert.deepEqual(running.state.calls.slice(-2), [
      {
        'mcp-param-count': '3',
        'mcp-param-dry-run': 'false',
        'mcp-param-region': 'us-west1',
        'mcp-param-tenant': `=?base64?${Buffer.from('Zürich AG').toString('base64')}?=`,
      },
      { 'mcp-param-count': '7' },
    ]);
    assert.equal(running.state.lists, listsBefore + 1, 'one tools/list for two sessions of the target');
    for (const r of results) assert.deepEqual(httpLines(r), ['POST 200 call'], "the schemas were read by the first session's start, not by a call");
    assert.match(resultText(results[0]) ?? '', /routed/);
  });

  it('-32020 (headers mismatched) reloads the schemas and retries once: a tool annotated after the schemas were read', async () => {
    running.state.annotated = false;
    const target = new McpTarget({ url: running.server.url });
    const session = new McpSession(target);
    await session.initialize(); // schemas read, without annotations
    running.state.annotated = true;
    const mismatches = running.state.mismatches;
    const call = await session.callTool('route', { region: 'eu' });
    await target.close();
    assert.equal(call.outcome, 'success', call.error?.message);
    assert.equal(running.state.mismatches, mismatches + 1);
    assert.deepEqual(httpLines(call), ['POST 400 call', 'POST 200 session', 'POST 200 call']);
  });
});

describe('x-mcp-header declarations', () => {
  it('a name that is not an HTTP token, a duplicate (case-insensitive) or a property that is not a string, integer or boolean is refused', () => {
    assert.match(String(paramHeaderBindings({ properties: { a: { type: 'string', 'x-mcp-header': 'Bad Name' } } })), /not an HTTP token/);
    assert.match(
      String(paramHeaderBindings({ properties: { a: { type: 'string', 'x-mcp-header': 'X' }, b: { type: 'string', 'x-mcp-header': 'x' } } })),
      /declared twice/,
    );
    assert.match(String(paramHeaderBindings({ properties: { a: { type: 'object', 'x-mcp-header': 'A' } } })), /not a string, integer or boolean/);
    // A float has no one text form: the conformance suite's http-invalid-tool-headers says a client MUST refuse it.
    assert.match(String(paramHeaderBindings({ properties: { a: { type: 'number', 'x-mcp-header': 'A' } } })), /not a string, integer or boolean/);
  });

  it('a header value that looks like the sentinel is itself encoded', () => {
    const bindings = paramHeaderBindings({ properties: { v: { type: 'string', 'x-mcp-header': 'V' } } });
    assert.ok(Array.isArray(bindings));
    assert.deepEqual(paramHeaders(bindings, { v: '=?base64?abc?=' }), ['mcp-param-v', `=?base64?${Buffer.from('=?base64?abc?=').toString('base64')}?=`]);
  });
});

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { startEverything, type RunningServer } from '../helpers/servers.ts';

describe('mcp-load session', () => {
  let server: RunningServer;
  before(async () => {
    server = await startEverything('streamableHttp');
  });
  after(() => server.stop());

  it('prints each operation with its HTTP requests, and no secret from the URL or headers', async () => {
    const lines: string[] = [];
    const code = await main(
      ['session', `${server.url}?token=url-secret`, '--call', 'get-sum', '--args', '{"a":2,"b":3}', '-H', 'Authorization: Bearer header-secret'],
      (line) => lines.push(line),
    );
    const text = lines.join('\n');
    assert.equal(code, 0, text);
    assert.match(text, new RegExp(`^target     ${server.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.match(text, /^initialize\s+success\s+3\s+POST 400, POST 200, POST 202/m);
    assert.match(text, /^tools\/call get-sum\s+success\s+1\s+POST 200/m);
    assert.match(text, /^close\s+success\s+1\s+DELETE 200/m);
    assert.ok(!text.includes('url-secret') && !text.includes('header-secret'), text);
  });
});

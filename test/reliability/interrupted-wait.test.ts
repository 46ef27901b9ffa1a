import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli } from '../helpers/fresh-dist.ts';
import { startHttpFixture } from '../helpers/servers.ts';

describe('SIGTERM while waiting for the target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-load-wait-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 130 at once, saying the wait was interrupted (not that the target failed to answer in time), and runs no load', async () => {
    let attempts = 0;
    let terminate = (): void => {};
    // A cold deployment: every initialize gets a 503; the second one is our cue to send SIGTERM.
    const server = await startHttpFixture((req, res) => {
      req.resume();
      attempts++;
      if (attempts === 2) terminate();
      res.writeHead(503, { 'content-type': 'text/plain' }).end('warming up');
    });
    try {
      const file = join(dir, 'wait.yml');
      writeFileSync(
        file,
        `target: ${server.url}\nwait: { timeout: 60s }\nscenarios:\n  s:\n    executor: per-vu-iterations\n    vus: 1\n    iterations: 1\n    flow: [{ ping: {} }]\n`,
      );
      const out = join(dir, 'out');
      let signalledAt = Number.NaN;
      const child = spawn(process.execPath, [await builtCli(), 'run', file, '--out', out, '--quiet'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      terminate = () => {
        signalledAt = performance.now();
        child.kill('SIGTERM');
      };
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      // Timed from the signal: the child's own start-up is not the wait under test.
      const sinceSignal = performance.now() - signalledAt;
      assert.equal(code, 130, stderr);
      assert.match(
        stderr,
        /interrupted while waiting for target http:\/\/127\.0\.0\.1:\d+\/mcp to answer initialize, after \d+m?s \(last error: .*503.*\); no load was run/,
      );
      assert.doesNotMatch(stderr, /did not answer initialize within/);
      assert.ok(sinceSignal < 10_000, `ended ${Math.round(sinceSignal)} ms after SIGTERM, long before the 60 s wait`);
      assert.ok(!existsSync(join(out, 'result.json')), 'no result for a load that never ran');
    } finally {
      await server.stop();
    }
  });
});

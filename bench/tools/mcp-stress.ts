// mcp-stress, the prebuilt Linux binary from @mcp-stress/linux-x64: `run --url … -c N -d S --tool echo --json`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ECHO_TOOL, runAsChild, type ToolResult, type ToolRun } from './tool-run.ts';

/** The part of `--json`'s summary the benchmark reads. */
interface StressSummary {
  durationMs: number;
  totalRequests: number;
  totalErrors: number;
}

function binaryPath(): string {
  const manifest = createRequire(import.meta.url).resolve('@mcp-stress/linux-x64/package.json');
  return join(dirname(manifest), 'bin', 'mcp-stress');
}

async function measureMcpStress(run: ToolRun): Promise<ToolResult> {
  const args = ['run', '--url', run.url, '-c', String(run.connections), '-d', String(run.durationS), '--tool', ECHO_TOOL, '--json'];
  const stdout = await capture(binaryPath(), args);
  const summary = JSON.parse(stdout) as StressSummary;
  return { calls: summary.totalRequests - summary.totalErrors, durationMs: summary.durationMs, errors: summary.totalErrors };
}

/** Runs the binary (its live progress on stderr is dropped) and returns its stdout. */
function capture(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`mcp-stress exited with ${code}: ${out.slice(0, 300)}`))));
  });
}

await runAsChild(measureMcpStress);

// mcp-stress, the prebuilt Linux binary from @mcp-stress/linux-x64: `run --url … -c N -d S --tool echo --json`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  const { stdout, cpuMs } = await capture(binaryPath(), args);
  const summary = JSON.parse(stdout) as StressSummary;
  return { calls: summary.totalRequests - summary.totalErrors, durationMs: summary.durationMs, errors: summary.totalErrors, cpuMs };
}

/**
 * Runs the binary (its live progress on stderr is dropped) and returns its stdout and CPU time
 * (its whole life, start-up included), read from /proc while it runs.
 */
function capture(file: string, args: string[]): Promise<{ stdout: string; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let cpuMs = 0;
    const sampler = setInterval(() => (cpuMs = cpuMsOf(child.pid!) ?? cpuMs), 20);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      cpuMs = cpuMsOf(child.pid!) ?? cpuMs; // the summary comes last: the CPU time is final enough
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ stdout, cpuMs });
      else reject(new Error(`mcp-stress exited with ${code}: ${stdout.slice(0, 300)}`));
    });
  });
}

/** utime + stime of a live process (all its threads), from /proc/PID/stat; undefined once it is gone. */
function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

await runAsChild(measureMcpStress);

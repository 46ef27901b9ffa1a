// The mcp-load CLI as a user runs it: a child process through tsx, its output captured.
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mcp-load ARGS`; `onStderr` may act on what it prints so far (e.g. send SIGINT once progress
 * shows); `env` adds variables to the child's environment.
 */
export function runCli(args: string[], onStderr?: (text: string, child: ChildProcess) => void, env: NodeJS.ProcessEnv = {}): Promise<CliExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A scenario for shard tests, run against the embedded demo server (no target): 5 VUs × 2
 * iterations, split 3 + 2 VUs over two shards. Each shard alone misses its threshold; the merged
 * load meets it.
 */
export const SHARDED_SCENARIO = `scenarios:
  agents:
    executor: per-vu-iterations
    vus: 5
    iterations: 2
    flow:
      - call: lookup_number
        args: { number: "+15551234567" }
defaults: { thresholds: false }
thresholds:
  iterations: ["count>=10"]
`;

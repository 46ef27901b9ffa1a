// The mcp-load CLI as a user runs it, its output captured: in this process through `main` (fast:
// no tsx start per call), or as a child process where the process itself is under test (signals,
// the entry point, secrets registered process-wide).
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { main } from '../../src/cli/main.ts';
import { builtCli } from './fresh-dist.ts';
import { TYPESCRIPT_FLAGS } from './typescript-child.ts';

export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Capture {
  stdout: string;
  stderr: string;
}

// A run writes to process.stdout/stderr from any callback it starts; the write is charged to the
// run whose async context it comes from, so runs in parallel (two shards) keep their own output.
const running = new AsyncLocalStorage<Capture>();
let routed = false;

function routeWrites(): void {
  if (routed) return;
  routed = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const capture = running.getStore();
      if (!capture) return write(chunk, ...rest);
      capture[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof stream.write;
  }
}

let withEnv = 0;
let inFlight = 0;

/**
 * Runs `mcp-load ARGS` in this process (`main`, as src/cli/index.ts calls it); `env` adds variables
 * to process.env for the run (so such a run cannot overlap another). With `onStderr`, which acts on
 * the child (a signal), it runs as a child process: runCliProcess.
 */
export async function runCli(args: string[], onStderr?: (text: string, child: ChildProcess) => void, env: NodeJS.ProcessEnv = {}): Promise<CliExit> {
  if (onStderr) return runCliProcess(args, onStderr, env);
  const names = Object.keys(env);
  if (names.length > 0 && inFlight > 0) throw new Error('runCli: a run with env variables cannot overlap another run');
  if (withEnv > 0) throw new Error('runCli: another run with env variables is in flight');
  routeWrites();
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  for (const name of names) process.env[name] = env[name];
  if (names.length > 0) withEnv++;
  inFlight++;
  const capture: Capture = { stdout: '', stderr: '' };
  try {
    const code = await running.run(capture, () =>
      main(args, (line) => {
        capture.stdout += `${line}\n`;
      }).catch((err: unknown) => {
        // What src/cli/index.ts does with a rejection.
        capture.stderr += `mcp-load: ${(err as Error)?.message ?? String(err)}\n`;
        return 1;
      }),
    );
    return { code, stdout: capture.stdout, stderr: capture.stderr };
  } finally {
    inFlight--;
    if (names.length > 0) withEnv--;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Runs `mcp-load ARGS` as a child process from the TypeScript sources; `onStderr` may act on what it prints so far
 * (e.g. send SIGINT once progress shows); `env` adds variables to the child's environment.
 */
export function runCliProcess(args: string[], onStderr?: (text: string, child: ChildProcess) => void, env: NodeJS.ProcessEnv = {}): Promise<CliExit> {
  return spawnCli([...TYPESCRIPT_FLAGS, 'src/cli/index.ts', ...args], onStderr, env);
}

/**
 * Runs `mcp-load ARGS` as a child process from the bundles as shipped (dist/cli.cjs and its
 * worker.cjs, built from the current sources once for the suite): where a test needs the process
 * and its workers, without the ~1 s of CPU each child spends loading the sources one module at a time.
 */
export async function runShippedCli(args: string[], onStderr?: (text: string, child: ChildProcess) => void, env: NodeJS.ProcessEnv = {}): Promise<CliExit> {
  return spawnCli([await builtCli(), ...args], onStderr, env);
}

function spawnCli(nodeArgs: string[], onStderr: ((text: string, child: ChildProcess) => void) | undefined, env: NodeJS.ProcessEnv): Promise<CliExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
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

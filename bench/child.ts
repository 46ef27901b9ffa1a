// Runs one bundled benchmark script in a child process (optionally pinned to CPUs) and reads its JSON line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BUILD_DIR } from './bundle.ts';

export interface ChildOptions {
  /** taskset CPU list for the child; undefined = any CPU. */
  cpus?: string;
  /** Extra node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /** Killed after this long. */
  timeoutMs: number;
}

/** Runs the bundle of `bench/<script>` (see bundle.ts) with `args`; resolves with the parsed last line of its stdout. */
export function runScript<T>(script: string, args: string[], options: ChildOptions): Promise<T> {
  const file = join(BUILD_DIR, script.replace(/\.ts$/, '.mjs'));
  const node = [process.execPath, ...(options.nodeFlags ?? []), file, ...args];
  const command = options.cpus === undefined ? node : ['taskset', '-c', options.cpus, ...node];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || last === '') {
        reject(new Error(`${script} ${signal ? `was killed (${signal})` : `exited with ${code}`}: ${childError(err)}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON line: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** An uncaught error's own line (`ScenarioError: file:5:10: …`) where stderr has one: its last lines are Node's version banner. */
function childError(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^[A-Za-z]*Error\b.*: /.test(line)) ?? lines.slice(-3).join(' | ');
}

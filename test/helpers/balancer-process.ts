// What the balancer helpers share: a spawned balancer process on a free loopback port, started
// within a bound (ready once the port accepts a connection) and stopped by its own pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY_TIMEOUT_MS = 5_000;
const STOP_TIMEOUT_MS = 5_000;

export interface BalancerProcess {
  /** Its standard output so far (haproxy logs there). */
  stdout(): string;
  /** SIGTERM, then SIGKILL after a bound; resolves once the process is gone (its logs are complete). */
  stop(): Promise<void>;
}

export async function startBalancer(label: string, command: string, args: readonly string[], port: number, log: () => string): Promise<BalancerProcess> {
  // Standard output goes to a file, not a pipe: haproxy writes its log there without blocking and
  // drops lines a slow reader leaves in a full pipe (a loaded machine lost 2 of 93 in CI).
  const stdoutFile = join(mkdtempSync(join(tmpdir(), 'mcp-load-balancer-')), 'stdout.log');
  const stdoutFd = openSync(stdoutFile, 'w');
  const child = spawn(command, args, { stdio: ['ignore', stdoutFd, 'pipe'] });
  closeSync(stdoutFd);
  const stdout = (): string => readFileSync(stdoutFile, 'utf8');
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': the balancer's last lines may still be in its stderr pipe when it exits.
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await exited;
  };
  try {
    await listening(label, port, child, () => `${stderr}${stdout()}${log()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { stdout, stop };
}

/** Resolves once the port accepts a connection; fails when the process exits first or after the bound. */
async function listening(label: string, port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label} exited (${child.exitCode ?? child.signalCode}): ${log()}`);
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`${label} did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS} ms: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // a poll interval: the balancer says nothing when it is ready
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { redactSecrets } from '../secrets/index.ts';
import type { EventSpec } from '../scenario/index.ts';

/** Output kept per command (its last bytes: errors come at the end). */
export const MAX_EVENT_OUTPUT_BYTES = 4096;
/** After the command exits, how long its output may still drain before it is cut. */
const DRAIN_MS = 200;

/** What an event's command did, as result.json stores it. */
export interface EventCommandRecord {
  form: 'shell' | 'argv';
  /** The command as written, secrets redacted. */
  command: string;
  /** Null when it did not exit by itself (killed on timeout, or it could not start). */
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  /** stdout and stderr as they came, the last MAX_EVENT_OUTPUT_BYTES of them, secrets redacted. */
  output: string;
  /** All the bytes it wrote; more than `output` holds when it was cut. */
  outputBytes: number;
  /** Why it could not start (ENOENT…). */
  error?: string;
}

/** An event of the run: when it was planned, when it happened, and what its command did. */
export interface EventRecord {
  name: string;
  /** Planned, ms since the run's start. */
  atMs: number;
  /** When it happened, ms since the run's start; absent: the run ended before it. */
  firedAtMs?: number;
  command?: EventCommandRecord;
}

/**
 * Fires the scenario's events on timers from the run's start, off the load's path: a command is a
 * child process (its own process group, so a timeout kills it and whatever it started), its
 * output read in chunks as it comes; nothing here waits on it but `settle()` at the end.
 */
export class EventSchedule {
  private readonly records: EventRecord[];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly children = new Set<ChildProcess>();
  private origin = 0;

  constructor(private readonly specs: readonly EventSpec[]) {
    this.records = specs.map((s) => ({ name: s.name, atMs: s.atMs }));
  }

  /** Schedules every event from `origin` (performance.now() at the run's start). */
  start(origin: number): void {
    this.origin = origin;
    this.specs.forEach((spec, i) => {
      const timer = setTimeout(() => this.fire(i), Math.max(0, origin + spec.atMs - performance.now()));
      timer.unref();
      this.timers.push(timer);
    });
  }

  /** No more events: the run has ended. Commands already running go on until `settle()`. */
  stopScheduling(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  /** Waits for running commands (each bounded by its timeout) and returns every event's record. */
  async settle(): Promise<EventRecord[]> {
    this.stopScheduling();
    while (this.running.size > 0) await Promise.all(this.running);
    return this.records;
  }

  /** Kills every running command's process group (an immediate stop). */
  killAll(): void {
    for (const child of this.children) killGroup(child);
  }

  private fire(i: number): void {
    const spec = this.specs[i];
    const record = this.records[i];
    record.firedAtMs = Math.round(performance.now() - this.origin);
    if (spec.run === undefined) return;
    const done = this.runCommand(spec, record).finally(() => this.running.delete(done));
    this.running.add(done);
  }

  private runCommand(spec: EventSpec, record: EventRecord): Promise<void> {
    const run = spec.run!;
    const form = 'shell' in run ? 'shell' : 'argv';
    const command: EventCommandRecord = {
      form,
      command: redactSecrets('shell' in run ? run.shell : run.argv.join(' ')),
      exitCode: null,
      signal: null,
      durationMs: 0,
      timedOut: false,
      output: '',
      outputBytes: 0,
    };
    record.command = command;
    const started = performance.now();
    return new Promise<void>((resolve) => {
      let child: ChildProcess;
      try {
        child =
          'shell' in run
            ? spawn(run.shell, { shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
            : spawn(run.argv[0], run.argv.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        command.error = redactSecrets((err as Error).message);
        resolve();
        return;
      }
      this.children.add(child);
      const output = new TailBuffer(MAX_EVENT_OUTPUT_BYTES);
      child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
      child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
      const timeout = setTimeout(() => {
        command.timedOut = true;
        killGroup(child);
      }, spec.timeoutMs);
      let drain: NodeJS.Timeout | undefined;
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timeout);
        clearTimeout(drain);
        this.children.delete(child);
        // A background process it left behind may hold the pipes open: stop reading them.
        child.stdout?.destroy();
        child.stderr?.destroy();
        command.output = redactSecrets(output.text());
        command.outputBytes = output.total;
        resolve();
      };
      child.once('error', (err) => {
        command.error = redactSecrets(err.message);
        command.durationMs = Math.round(performance.now() - started);
        finish();
      });
      child.once('exit', (code, signal) => {
        command.exitCode = code;
        command.signal = signal;
        command.durationMs = Math.round(performance.now() - started);
        drain = setTimeout(finish, DRAIN_MS);
      });
      child.once('close', finish);
    });
  }
}

/** The command and everything it started share its process group (detached): kill them all. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** The last `max` bytes written, and how many were written in all. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly max: number) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    if (this.kept > 2 * this.max) {
      const joined = Buffer.concat(this.chunks).subarray(-this.max);
      this.chunks = [joined];
      this.kept = joined.length;
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).subarray(-this.max).toString('utf8');
  }
}

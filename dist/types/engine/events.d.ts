import type { EventSpec } from '../scenario/index.ts';
/** Output kept per command (its last bytes: errors come at the end). */
export declare const MAX_EVENT_OUTPUT_BYTES = 4096;
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
export declare class EventSchedule {
    private readonly specs;
    private readonly records;
    private readonly timers;
    private readonly running;
    private readonly children;
    private origin;
    constructor(specs: readonly EventSpec[]);
    /** Schedules every event from `origin` (performance.now() at the run's start). */
    start(origin: number): void;
    /** No more events: the run has ended. Commands already running go on until `settle()`. */
    stopScheduling(): void;
    /** Waits for running commands (each bounded by its timeout) and returns every event's record. */
    settle(): Promise<EventRecord[]>;
    /** Kills every running command's process group (an immediate stop). */
    killAll(): void;
    private fire;
    private runCommand;
}

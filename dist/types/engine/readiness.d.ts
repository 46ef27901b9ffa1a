import { type McpTarget, type SessionOptions } from '../mcp/index.ts';
import { type StopSignal } from './stop-signal.ts';
/** The target never answered `initialize` within the wait. */
export declare class TargetNotReadyError extends Error {
    name: string;
}
/** A signal (Ctrl-C, a cancelled workflow) stopped the wait before the target answered: no load ran. */
export declare class WaitInterruptedError extends Error {
    name: string;
}
/**
 * Preview deployments start cold: waits until the target answers `initialize` (then ends that
 * session), retrying with backoff, for at most `timeoutMs`, or until `stop` fires.
 */
export declare function waitForTarget(target: McpTarget, options: SessionOptions, timeoutMs: number, stop?: StopSignal): Promise<void>;

import { type McpTarget, type SessionOptions } from '../mcp/index.ts';
import { type StopSignal } from './stop-signal.ts';
import { TargetNotReadyError, WaitInterruptedError } from './readiness-errors.ts';
export { TargetNotReadyError, WaitInterruptedError };
/**
 * Preview deployments start cold: waits until the target answers `initialize` (then ends that
 * session), retrying with backoff, for at most `timeoutMs`, or until `stop` fires.
 */
export declare function waitForTarget(target: McpTarget, options: SessionOptions, timeoutMs: number, stop?: StopSignal): Promise<void>;

import { McpSession, type McpTarget, type OperationResult, type SessionOptions } from '../mcp/index.ts';
import { sleep, type StopSignal } from './stop-signal.ts';

/** The target never answered `initialize` within the wait. */
export class TargetNotReadyError extends Error {
  override name = 'TargetNotReadyError';
}

/**
 * Preview deployments start cold: waits until the target answers `initialize` (then ends that
 * session), retrying with backoff, for at most `timeoutMs`.
 */
export async function waitForTarget(target: McpTarget, options: SessionOptions, timeoutMs: number, stop?: StopSignal): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let delay = 100;
  let last: OperationResult | undefined;
  for (let attempt = 1; ; attempt++) {
    const session = new McpSession(target, options);
    last = await session.initialize();
    if (last.outcome === 'success') {
      await session.close();
      return;
    }
    const left = deadline - performance.now();
    if (left <= 0 || stop?.fired) break;
    await sleep(Math.min(delay, left), stop);
    delay = Math.min(delay * 2, 2000);
  }
  throw new TargetNotReadyError(
    `target ${target.displayUrl} did not answer initialize within ${Math.round(timeoutMs / 1000)} s (last error: ${last?.error?.message ?? last?.outcome}). ` +
      'Check the URL and that the deployment is up, or raise `wait.timeout` in the scenario.',
  );
}

import { inertText } from '../inert-text.ts';
import { McpSession, type McpTarget, type OperationResult, type SessionOptions } from '../mcp/index.ts';
import { formatDuration } from '../scenario/index.ts';
import { redactSecrets } from '../secrets/index.ts';
import { settleWithin, sleep, type StopSignal } from './stop-signal.ts';

import { TargetNotReadyError, WaitInterruptedError } from './readiness-errors.ts';

export { TargetNotReadyError, WaitInterruptedError };

/** How much of the server's last error a message quotes. */
const MAX_QUOTED_ERROR = 300;

/**
 * Preview deployments start cold: waits until the target answers `initialize` (then ends that
 * session), retrying with backoff, for at most `timeoutMs`, or until `stop` fires.
 */
export async function waitForTarget(target: McpTarget, options: SessionOptions, timeoutMs: number, stop?: StopSignal): Promise<void> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  let delay = 100;
  let last: OperationResult | undefined;
  for (;;) {
    const session = new McpSession(target, options);
    const initialize = session.initialize().then((result) => (last = result));
    // An initialize in flight may take the whole request timeout: a signal does not wait for it.
    const answered = await settleWithin(initialize, Math.max(deadline - performance.now(), 0) + target.timeoutMs, stop);
    if (answered && last?.outcome === 'success') {
      await session.close();
      return;
    }
    const left = deadline - performance.now();
    if (left <= 0 || stop?.fired) break;
    await sleep(Math.min(delay, left), stop);
    delay = Math.min(delay * 2, 2000);
  }
  const lastError = `last error: ${quoted(last?.error?.message ?? last?.outcome ?? 'none yet')}`;
  if (stop?.fired) {
    throw new WaitInterruptedError(
      `interrupted while waiting for target ${target.displayUrl} to answer initialize, after ${seconds(performance.now() - started)} (${lastError}); no load was run`,
    );
  }
  throw new TargetNotReadyError(
    `target ${target.displayUrl} did not answer initialize within ${seconds(timeoutMs)} (${lastError}). ` +
      'Check the URL and that the deployment is up, or raise `wait.timeout` in the scenario.',
  );
}

/** `60s`, `1m30s`, `200ms`: as the scenario writes durations, to the millisecond below a second. */
function seconds(ms: number): string {
  return formatDuration(ms < 1000 ? Math.round(ms) : Math.round(ms / 1000) * 1000);
}

function quoted(message: string): string {
  const text = inertText(redactSecrets(message.slice(0, MAX_QUOTED_ERROR * 8)));
  return text.length > MAX_QUOTED_ERROR ? `${text.slice(0, MAX_QUOTED_ERROR)}…` : text;
}

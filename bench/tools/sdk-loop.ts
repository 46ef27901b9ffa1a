import { ECHO_ARGS, ECHO_TOOL, processCpuMs, type ToolResult, type ToolRun } from './tool-run.ts';

/** What the SDK loops need of a client: a connected session that calls echo, and its end. */
export interface SdkSession {
  callTool(call: { name: string; arguments: Record<string, unknown> }): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * One SDK client per connection, each calling echo back to back until the deadline: the loop
 * an agent framework runs, as many as mcp-load has VUs. Sessions open before the clock starts.
 */
export async function measureSdkCallers(run: ToolRun, connect: (url: URL) => Promise<SdkSession>): Promise<ToolResult> {
  const url = new URL(run.url);
  const sessions = await Promise.all(Array.from({ length: run.connections }, () => connect(url)));
  let calls = 0;
  let errors = 0;
  const cpuBefore = processCpuMs();
  const started = performance.now();
  const deadline = started + run.durationS * 1000;
  const call = { name: ECHO_TOOL, arguments: ECHO_ARGS };
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < deadline) {
        try {
          const result = await session.callTool(call);
          if (result.isError === true) errors++;
          else calls++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const durationMs = performance.now() - started;
  const cpuMs = processCpuMs() - cpuBefore;
  await Promise.allSettled(sessions.map((s) => s.close()));
  return { calls, durationMs, errors, cpuMs };
}

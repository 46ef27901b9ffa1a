// Raw HTTP, the ceiling: autocannon replays the exact POST a warm session sends, without reading the body.
import autocannon from 'autocannon';
import { ECHO_ARGS, ECHO_TOOL, openSession, processCpuMs, runAsChild, sessionHeaders, SteadyWindow, type ToolResult, type ToolRun } from './tool-run.ts';

async function measureAutocannon(run: ToolRun): Promise<ToolResult> {
  const sessionId = await openSession(run.url);
  const cpuBefore = processCpuMs();
  const window = new SteadyWindow(run.durationS);
  let completed = 0;
  const instance = autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationS,
    method: 'POST',
    headers: sessionHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: ECHO_TOOL, arguments: ECHO_ARGS } }),
  });
  // Each second's tick carries the responses of that second (its sample interval resets after it).
  instance.on('tick', ({ counter }: { counter: number }) => {
    completed += counter;
    window.tick(completed);
  });
  const result = await instance;
  const cpuMs = processCpuMs() - cpuBefore;
  return {
    calls: result['2xx'],
    durationMs: result.duration * 1000,
    errors: result.non2xx + result.errors + result.timeouts,
    cpuMs,
    window: window.result(),
  };
}

await runAsChild(measureAutocannon);

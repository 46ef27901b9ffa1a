// Raw HTTP, the ceiling: autocannon replays the exact POST a warm session sends, without reading the body.
import autocannon from 'autocannon';
import { ECHO_ARGS, ECHO_TOOL, PROTOCOL_VERSION, processCpuMs, runAsChild, SteadyWindow, type ToolResult, type ToolRun } from './tool-run.ts';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

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
    headers: { ...JSON_HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION },
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

/** The handshake autocannon cannot do: initialize, then notifications/initialized; returns the session id. */
async function openSession(url: string): Promise<string> {
  const init = await fetch(url, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench-autocannon', version: '1.0.0' } },
    }),
  });
  await init.text();
  const sessionId = init.headers.get('mcp-session-id');
  if (!init.ok || sessionId === null) throw new Error(`initialize: HTTP ${init.status} without an Mcp-Session-Id`);
  const headers = { ...JSON_HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION };
  const initialized = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  await initialized.text();
  return sessionId;
}

await runAsChild(measureAutocannon);

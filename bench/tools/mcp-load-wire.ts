// mcp-load's own wire, the floor under its figure: the same warm-session POST replayed over its
// H1Connection with a handler that reads nothing, no MCP client and no engine. The difference
// between this and mcp-load's figure is what the MCP layers (client, transport, exchange, engine,
// metrics) cost per call; the difference to autocannon's, what the wire itself costs.
import { H1Connection } from '../../src/mcp/h1-connection.ts';
import { ECHO_ARGS, ECHO_TOOL, openSession, processCpuMs, runAsChild, sessionHeaders, SteadyWindow, type ToolResult, type ToolRun } from './tool-run.ts';

async function measureWire(run: ToolRun): Promise<ToolResult> {
  const url = new URL(run.url);
  const sessionId = await openSession(run.url);
  const headers = Object.entries(sessionHeaders(sessionId)).flat();
  const suffix = `,"method":"tools/call","params":{"name":${JSON.stringify(ECHO_TOOL)},"arguments":${JSON.stringify(ECHO_ARGS)}}}`;
  let calls = 0;
  let errors = 0;
  let id = 2;
  const cpuBefore = processCpuMs();
  const started = performance.now();
  const until = started + run.durationS * 1000;
  const window = new SteadyWindow(run.durationS);
  const ticker = setInterval(() => window.tick(calls), 1000);
  await Promise.all(
    Array.from({ length: run.connections }, () => {
      const connection = new H1Connection(url.origin, { keepAliveTimeoutMs: 60_000 });
      return new Promise<void>((resolve) => {
        const send = (): void => {
          if (performance.now() >= until) {
            void connection.close();
            resolve();
            return;
          }
          let status = 0;
          connection.dispatch(
            { origin: url.origin, path: url.pathname, method: 'POST', headers, body: `{"jsonrpc":"2.0","id":${id++}${suffix}` },
            {
              onResponseStart: (_controller, statusCode) => {
                status = statusCode;
              },
              onResponseData: () => {},
              onResponseEnd: () => {
                if (status === 200) calls++;
                else errors++;
                send();
              },
              onResponseError: () => {
                errors++;
                send();
              },
            },
          );
        };
        send();
      });
    }),
  );
  clearInterval(ticker);
  return { calls, durationMs: performance.now() - started, errors, cpuMs: processCpuMs() - cpuBefore, window: window.result() };
}

await runAsChild(measureWire);

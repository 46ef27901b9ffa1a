// mcp-load's own engine: constant-vus, one warm session per VU, a flow of one echo call, no think time.
import { runTest } from '../../src/engine/run.ts';
import { parseScenario } from '../../src/scenario/index.ts';
import { ECHO_ARGS, ECHO_TOOL, processCpuMs, runAsChild, SteadyWindow, type ToolResult, type ToolRun } from './tool-run.ts';

function echoScenarioYaml(run: ToolRun): string {
  return [
    'transport: streamable-http',
    'scenarios:',
    '  bench:',
    '    executor: constant-vus',
    `    vus: ${run.connections}`,
    `    duration: ${run.durationS}s`,
    '    gracefulStop: 5s',
    '    session: per-vu',
    '    flow:',
    `      - call: ${ECHO_TOOL}`,
    `        args: ${JSON.stringify(ECHO_ARGS)}`,
    '',
  ].join('\n');
}

async function measureMcpLoad(run: ToolRun): Promise<ToolResult> {
  const scenario = parseScenario(echoScenarioYaml(run), 'bench/mcp-load.yml', { env: {} });
  const cpuBefore = processCpuMs();
  const window = new SteadyWindow(run.durationS);
  const { registry } = await runTest(scenario, { url: run.url, onProgress: (progress) => window.tick(progress.totalCalls) });
  const cpuMs = processCpuMs() - cpuBefore;
  const toolCalls = { method: 'tools/call' };
  const attempts = registry.counter('mcp_calls').view(toolCalls, (sink) => sink.count);
  const errors = registry.rate('mcp_errors').view(toolCalls, (sink) => sink.passes);
  return { calls: attempts - errors, durationMs: registry.durationMs(), errors, cpuMs, window: window.result() };
}

await runAsChild(measureMcpLoad);

import { parseArgs } from 'node:util';

/** What every tool runner is told: where to send the echo call, how many connections, for how long. */
export interface ToolRun {
  url: string;
  connections: number;
  durationS: number;
}

/** The one JSON line a tool runner prints: successful calls, the time they took, failures. */
export interface ToolResult {
  calls: number;
  durationMs: number;
  errors: number;
  /**
   * CPU time the generator spent meanwhile (user + system, all its threads). Unlike calls/s it
   * hardly moves when other work shares the machine, so it compares generators on a busy host.
   */
  cpuMs: number;
  /**
   * The steady state: calls and CPU between the run's first and last whole seconds, where the
   * tool's fixed costs (start-up, JIT warm-up, sessions opened and closed, mcp-load's tokenizer
   * thread loading and counting its sample) are behind or ahead. The per-call CPU the benchmark
   * compares; absent for tools that report no progress.
   */
  window?: { calls: number; cpuMs: number; durationMs: number };
}

/**
 * Takes the steady window from a tool's once-a-second progress: the CPU time and call count at
 * the tick after the first second and at the tick one second before the end.
 */
export class SteadyWindow {
  private start: { calls: number; cpuMs: number; at: number } | undefined;
  private end: { calls: number; cpuMs: number; at: number } | undefined;
  private ticks = 0;

  constructor(private readonly durationS: number) {}

  /** A progress tick with the calls completed so far. */
  tick(totalCalls: number): void {
    this.ticks++;
    if (this.ticks === 1) this.start = { calls: totalCalls, cpuMs: processCpuMs(), at: performance.now() };
    else if (this.ticks === this.durationS - 1) this.end = { calls: totalCalls, cpuMs: processCpuMs(), at: performance.now() };
  }

  result(): ToolResult['window'] {
    const { start, end } = this;
    if (start === undefined || end === undefined) return undefined;
    return { calls: end.calls - start.calls, cpuMs: end.cpuMs - start.cpuMs, durationMs: end.at - start.at };
  }
}

/** The same `tools/call` every tool sends. */
export const ECHO_TOOL = 'echo';
export const ECHO_ARGS = { message: 'hi' };
export const PROTOCOL_VERSION = '2025-06-18';
export const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** CPU time of this process so far, in ms (user + system, all threads). */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Reads `--url URL --connections N --duration S` (the command line of every runner). */
export function readToolRun(argv: string[] = process.argv.slice(2)): ToolRun {
  const { values } = parseArgs({
    args: argv,
    options: { url: { type: 'string' }, connections: { type: 'string', default: '50' }, duration: { type: 'string', default: '5' } },
  });
  if (!values.url) throw new Error('--url is required');
  const connections = Number(values.connections);
  const durationS = Number(values.duration);
  if (!Number.isInteger(connections) || connections <= 0) throw new Error(`--connections must be a positive integer, got ${values.connections}`);
  if (!(durationS > 0)) throw new Error(`--duration must be a positive number of seconds, got ${values.duration}`);
  return { url: values.url, connections, durationS };
}

/**
 * Runs a tool runner as a child process: its result on stdout as one JSON line, a failure as one
 * line on stderr. It exits once the line is out: a client library's lingering sockets or timers
 * must not hold the benchmark up.
 */
export async function runAsChild(measure: (run: ToolRun) => Promise<ToolResult>): Promise<void> {
  let line: string;
  let code = 0;
  try {
    line = `${JSON.stringify(await measure(readToolRun()))}\n`;
  } catch (err) {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    line = '';
    code = 1;
  }
  process.stdout.write(line, () => process.exit(code));
}

/** The handshake the raw-HTTP runners make themselves: initialize, then notifications/initialized; returns the session id. */
export async function openSession(url: string): Promise<string> {
  const init = await fetch(url, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench-raw-http', version: '1.0.0' } },
    }),
  });
  await init.text();
  const sessionId = init.headers.get('mcp-session-id');
  if (!init.ok || sessionId === null) throw new Error(`initialize: HTTP ${init.status} without an Mcp-Session-Id`);
  const headers = sessionHeaders(sessionId);
  const initialized = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  await initialized.text();
  return sessionId;
}

/** The headers of a POST in session `sessionId`, as a warm mcp-load session sends them. */
export function sessionHeaders(sessionId: string): Record<string, string> {
  return { ...JSON_HEADERS, 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL_VERSION };
}

// What the demo server offers: three tools with simulated latency and failures, a status resource
// and a greeting prompt, defined once with the v2 SDK and served to both protocol eras.
import { setTimeout as sleep } from 'node:timers/promises';
import { fromJsonSchema, McpServer, type CallToolResult } from '@modelcontextprotocol/server';
import { seededRandom } from '../seeded-random.ts';

export type ToolName = 'send_sms' | 'lookup_number' | 'slow_report';

/** A fixed delay, or a uniformly drawn one between `[min, max]` milliseconds. */
export type Latency = number | readonly [min: number, max: number];

export interface DemoToolOptions {
  latencyMs?: Partial<Record<ToolName, Latency>>;
  /** Size in bytes of slow_report's text. */
  payloadBytes?: number;
  /** Share of tool calls (0..1) that answer `isError: true`. */
  failureRate?: number;
  /** Seeds latency draws and failures, for reproducible runs. */
  seed?: number;
}

const TOOL_NAMES: readonly ToolName[] = ['send_sms', 'lookup_number', 'slow_report'];

const DEFAULT_LATENCY_MS: Record<ToolName, Latency> = {
  send_sms: [5, 15],
  lookup_number: [2, 8],
  slow_report: [80, 120],
};
const DEFAULT_PAYLOAD_BYTES = 16 * 1024;
const DEFAULT_FAILURE_RATE = 0.01;
const SERVER_INFO = { name: 'mcp-load-demo', version: '1.0.0' };

/** The validated options, shared by every session and request of one demo server. */
export interface DemoBehaviour {
  readonly latency: Record<ToolName, readonly [number, number]>;
  readonly failureRate: number;
  /** slow_report's text, built once. */
  readonly report: string;
  readonly random: () => number;
  readonly startedAt: number;
  /** Counters across all sessions; demo://status reports them. */
  toolCalls: number;
  smsQueued: number;
}

/** Validates the options once (errors name the option) and resolves the defaults. */
export function resolveBehaviour(options: DemoToolOptions = {}): DemoBehaviour {
  for (const name of Object.keys(options.latencyMs ?? {})) {
    if (!TOOL_NAMES.includes(name as ToolName)) {
      throw new RangeError(`demo option latencyMs.${name}: unknown tool (expected one of ${TOOL_NAMES.join(', ')})`);
    }
  }
  const latency = {} as Record<ToolName, readonly [number, number]>;
  for (const name of TOOL_NAMES) {
    latency[name] = latencyRange(options.latencyMs?.[name] ?? DEFAULT_LATENCY_MS[name], `latencyMs.${name}`);
  }
  const payloadBytes = options.payloadBytes ?? DEFAULT_PAYLOAD_BYTES;
  if (!Number.isSafeInteger(payloadBytes) || payloadBytes < 0) {
    throw new RangeError(`demo option payloadBytes must be a non-negative integer, got ${payloadBytes}`);
  }
  const failureRate = options.failureRate ?? DEFAULT_FAILURE_RATE;
  if (!(failureRate >= 0 && failureRate <= 1)) {
    throw new RangeError(`demo option failureRate must be between 0 and 1, got ${failureRate}`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`demo option seed must be an integer, got ${seed}`);
  return {
    latency,
    failureRate,
    report: reportText(payloadBytes),
    random: seededRandom(seed),
    startedAt: Date.now(),
    toolCalls: 0,
    smsQueued: 0,
  };
}

const smsSchema = fromJsonSchema<{ to: string; text: string }>({
  type: 'object',
  properties: { to: { type: 'string' }, text: { type: 'string' } },
  required: ['to', 'text'],
});
const numberSchema = fromJsonSchema<{ number: string }>({
  type: 'object',
  properties: { number: { type: 'string' } },
  required: ['number'],
});
const noArgsSchema = fromJsonSchema<Record<string, never>>({ type: 'object', properties: {} });
const greetingSchema = fromJsonSchema<{ name: string }>({
  type: 'object',
  properties: { name: { type: 'string' } },
  required: ['name'],
});

/** One SDK server instance (per 2025 session, or per 2026 request) over the shared behaviour. */
export function createDemoMcpServer(behaviour: DemoBehaviour): McpServer {
  const server = new McpServer(SERVER_INFO);
  server.registerTool(
    'send_sms',
    { description: 'Queue a text message for delivery', inputSchema: smsSchema },
    async (_args, ctx) => (await simulateWork(behaviour, 'send_sms', ctx.mcpReq.signal)) ?? text(`queued sms-${++behaviour.smsQueued}`),
  );
  server.registerTool(
    'lookup_number',
    { description: 'Look up the carrier and country of a phone number', inputSchema: numberSchema },
    async ({ number }, ctx) => (await simulateWork(behaviour, 'lookup_number', ctx.mcpReq.signal)) ?? text(lookupNumber(number)),
  );
  server.registerTool(
    'slow_report',
    { description: 'Build a delivery report (slow, large answer)', inputSchema: noArgsSchema },
    async (_args, ctx) => (await simulateWork(behaviour, 'slow_report', ctx.mcpReq.signal)) ?? text(behaviour.report),
  );
  server.registerResource('status', 'demo://status', { description: 'Demo server status', mimeType: 'application/json' }, (uri) => ({
    contents: [
      {
        uri: uri.href,
        mimeType: 'application/json',
        text: JSON.stringify({
          status: 'ok',
          uptimeMs: Date.now() - behaviour.startedAt,
          toolCalls: behaviour.toolCalls,
        }),
      },
    ],
  }));
  server.registerPrompt('greeting', { description: 'Greet someone by name', argsSchema: greetingSchema }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}.` } }],
  }));
  return server;
}

/** Waits the tool's latency (a timer, cancelled with the request); resolves with a failure result or undefined. */
async function simulateWork(behaviour: DemoBehaviour, name: ToolName, signal: AbortSignal): Promise<CallToolResult | undefined> {
  behaviour.toolCalls++;
  const [min, max] = behaviour.latency[name];
  await sleep(min === max ? min : min + behaviour.random() * (max - min), undefined, { signal });
  if (behaviour.failureRate > 0 && behaviour.random() < behaviour.failureRate) {
    return { content: [{ type: 'text', text: `${name} failed: simulated failure` }], isError: true };
  }
  return undefined;
}

function text(value: string): CallToolResult {
  return { content: [{ type: 'text', text: value }] };
}

const COUNTRIES: readonly (readonly [prefix: string, country: string, carriers: readonly string[]])[] = [
  ['+1', 'US', ['Verizon', 'AT&T', 'T-Mobile']],
  ['+44', 'GB', ['EE', 'Vodafone', 'O2']],
  ['+49', 'DE', ['Telekom', 'Vodafone', 'O2']],
  ['+33', 'FR', ['Orange', 'SFR', 'Bouygues']],
  ['+81', 'JP', ['NTT Docomo', 'au', 'SoftBank']],
];

/** A stable, made-up answer: the country from the prefix, the carrier from the digits. */
function lookupNumber(number: string): string {
  const entry = COUNTRIES.find(([prefix]) => number.startsWith(prefix));
  let digits = 0;
  for (const char of number) if (char >= '0' && char <= '9') digits += char.charCodeAt(0);
  const carrier = entry ? entry[2][digits % entry[2].length] : 'unknown';
  return JSON.stringify({ number, country: entry?.[1] ?? 'unknown', carrier, type: 'mobile' });
}

function reportText(bytes: number): string {
  const line = 'sms-0001 delivered +15555550100 2026-01-01T00:00:00Z\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

function latencyRange(value: Latency, option: string): readonly [number, number] {
  const [min, max] = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 2 ? value : [NaN, NaN];
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= max)) {
    throw new RangeError(`demo option ${option} must be a delay in ms or [min, max] with 0 <= min <= max, got ${JSON.stringify(value)}`);
  }
  return [min, max];
}

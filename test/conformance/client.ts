// The client under test for @modelcontextprotocol/conformance: the runner starts it once per
// scenario as `<command> <server-url>`, with MCP_CONFORMANCE_SCENARIO naming the scenario,
// MCP_CONFORMANCE_PROTOCOL_VERSION the wire revision and MCP_CONFORMANCE_CONTEXT the scenario's
// extra data (client credentials). It drives mcp-load's own wire client (McpTarget + McpSession),
// the code every load test runs; the suite judges what it saw on the wire.
import { ClientCredentialsAuth, type AssertionAlgorithm, type ClientIdentity } from '../../src/mcp/auth/index.ts';
import { McpSession, McpTarget, type OperationResult, type SessionOptions, type TargetOptions } from '../../src/mcp/index.ts';

type Flow = (session: McpSession) => Promise<OperationResult[]>;

function toolsOf(list: OperationResult): Array<{ name: string; inputSchema?: unknown }> {
  return ((list.result as { tools?: unknown } | undefined)?.tools ?? []) as Array<{ name: string; inputSchema?: unknown }>;
}

/** Lists the tools and calls the first with the arguments the suite's tools expect. */
const listAndCallFirst: Flow = async (session) => {
  const list = await session.listTools();
  const tools = toolsOf(list);
  const calls = tools.length > 0 ? [await session.callTool(tools[0].name, { a: 2, b: 3 })] : [];
  return [list, ...calls];
};

const listOnly: Flow = async (session) => [await session.listTools()];

/** Round-trips the focal tool's input schema unchanged through the echo tool (SEP-1613). */
const echoSchema: Flow = async (session) => {
  const list = await session.listTools();
  const tools = toolsOf(list);
  const focal = tools.find((t) => t.name === 'json_schema_2020_12_tool');
  if (!focal) throw new Error('json_schema_2020_12_tool is not advertised');
  return [list, await session.callTool('json_schema_echo', { schema: focal.inputSchema })];
};

/** A server without resources or prompts answers their list with "method not found": not a failure of the client. */
function offered(list: OperationResult): boolean {
  return !(list.outcome === 'protocol' && list.error?.code === -32601);
}

/** Lists and uses one of everything the server offers: each tool in turn, the first resource and prompt. */
const exerciseAll: Flow = async (session) => {
  const results: OperationResult[] = [];
  const tools = await session.listTools();
  results.push(tools);
  for (const tool of toolsOf(tools)) results.push(await session.callTool(tool.name, {}));
  const resources = await session.listResources();
  if (offered(resources)) results.push(resources);
  const uri = ((resources.result as { resources?: Array<{ uri: string }> } | undefined)?.resources ?? [])[0]?.uri;
  if (uri) results.push(await session.readResource(uri));
  const prompts = await session.listPrompts();
  if (offered(prompts)) results.push(prompts);
  const prompt = ((prompts.result as { prompts?: Array<{ name: string }> } | undefined)?.prompts ?? [])[0]?.name;
  if (prompt) results.push(await session.getPrompt(prompt));
  return results;
};

/** Calls the tools the scenario's context names, with its arguments (edge cases of header encoding). */
const contextToolCalls: Flow = async (session) => {
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as { toolCalls?: Array<{ name: string; arguments: unknown }> };
  const results = [await session.listTools()];
  for (const call of context.toolCalls ?? []) results.push(await session.callTool(call.name, call.arguments));
  return results;
};

interface ScenarioPlan {
  flow: Flow;
  session?: SessionOptions;
  /** Client credentials from the scenario's context (MCP_CONFORMANCE_CONTEXT). */
  clientCredentials?: boolean;
  /** The scenario offers tools a client must refuse to call: a call mcp-load refused before sending anything is right. */
  refusalsExpected?: boolean;
}

const PLANS: Record<string, ScenarioPlan> = {
  initialize: { flow: listAndCallFirst },
  tools_call: { flow: listAndCallFirst },
  'json-schema-ref-no-deref': { flow: listOnly },
  'json-schema-2020-12-preservation': { flow: echoSchema },
  'request-metadata': { flow: listOnly },
  'http-standard-headers': { flow: exerciseAll },
  // Empty accepted content: the client must fill in the requested schema's defaults (SEP-1034).
  'elicitation-sep1034-client-defaults': { flow: exerciseAll, session: { openStream: true, replies: { elicitation: { action: 'accept', content: {} } } } },
  'sse-retry': { flow: exerciseAll },
  'http-custom-headers': { flow: contextToolCalls },
  'http-invalid-tool-headers': { flow: exerciseAll, refusalsExpected: true },
  'sep-2322-client-request-state': { flow: exerciseAll, session: { replies: { elicitation: { action: 'accept', content: { confirmed: true } } } } },
  'auth/client-credentials-basic': { flow: listOnly, clientCredentials: true },
  'auth/client-credentials-jwt': { flow: listOnly, clientCredentials: true },
};

function clientCredentials(target: McpTarget): SessionOptions {
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as {
    client_id?: string;
    client_secret?: string;
    private_key_pem?: string;
    signing_algorithm?: AssertionAlgorithm;
  };
  if (!context.client_id || !(context.client_secret || context.private_key_pem)) {
    throw new Error('MCP_CONFORMANCE_CONTEXT has no client_id with a client_secret or private_key_pem');
  }
  const identity: ClientIdentity = context.private_key_pem
    ? { clientId: context.client_id, privateKey: context.private_key_pem, signingAlgorithm: context.signing_algorithm }
    : { clientId: context.client_id, clientSecret: context.client_secret };
  return { authorization: new ClientCredentialsAuth(target.url, { identities: [identity] }).forVu(1) };
}

async function main(): Promise<number> {
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  const url = process.argv[2];
  const plan = PLANS[scenario];
  if (!url || !plan) {
    console.error(`usage: MCP_CONFORMANCE_SCENARIO=<one of ${Object.keys(PLANS).join(', ')}> client.ts <server-url>`);
    return 2;
  }
  const version = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION;
  // Under the runner's own deadline (its --timeout), so a slow mock server fails one request, not the scenario's output.
  const targetOptions: TargetOptions = { url, timeoutMs: 30_000 };
  const target = new McpTarget(targetOptions);
  const session = new McpSession(target, {
    transport: 'streamable-http',
    protocolVersion: version ?? 'auto',
    ...plan.session,
    ...(plan.clientCredentials ? clientCredentials(target) : {}),
  });
  const results: OperationResult[] = [];
  try {
    const init = await session.initialize();
    results.push(init);
    if (init.outcome === 'success') {
      results.push(...(await plan.flow(session)));
      results.push(await session.close());
    }
  } finally {
    await target.close();
  }
  const refused = (r: OperationResult): boolean => plan.refusalsExpected === true && r.method === 'tools/call' && r.http.length === 0;
  const failed = results.filter((r) => r.outcome !== 'success' && !refused(r));
  for (const r of results) console.log(`${r.method}${r.name ? ` ${r.name}` : ''}: ${r.outcome}${r.error ? ` (${r.error.message})` : ''}`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

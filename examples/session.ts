// One MCP session through mcp-load's wire client, used as a library: the handshake, the tool list, a
// tool call and the teardown, each with what it cost in HTTP requests and time.
// Run against any MCP endpoint, e.g. the demo server that `npx mcp-load demo` starts:
//   node --import tsx examples/session.ts http://127.0.0.1:3000/mcp [tool] [json-arguments]
// (In this repository, `mcp-load` resolves to src/index.ts through tsconfig.json's paths.)
import { McpSession, McpTarget, type OperationResult } from 'mcp-load';

const [url, tool, args = '{}'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node --import tsx examples/session.ts <url> [tool] [json-arguments]');
  process.exit(2);
}

const target = new McpTarget({ url });
const session = new McpSession(target);
const steps: (() => Promise<OperationResult>)[] = [
  () => session.initialize(),
  () => session.listTools(),
  ...(tool ? [() => session.callTool(tool, JSON.parse(args))] : []),
  () => session.close(),
];
let failed = false;
try {
  for (const step of steps) {
    const op = await step();
    failed ||= op.outcome !== 'success';
    const requests = op.http.map((h) => `${h.method} ${h.status}`).join(', ');
    console.log(`${op.method}${op.name ? ` ${op.name}` : ''}: ${op.outcome} in ${op.durationMs.toFixed(1)} ms, ${op.http.length} HTTP (${requests})`);
  }
} finally {
  await target.close();
}
process.exitCode = failed ? 1 : 0;

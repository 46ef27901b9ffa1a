// Starts @modelcontextprotocol/server-everything on a free loopback port and runs one MCP session
// against it through the CLI, printing what each operation cost in HTTP requests.
// Run: npm run example:session   (or: node --import tsx examples/session.ts [streamableHttp|sse])
import { startEverything } from '../test/helpers/servers.ts';
import { main } from '../src/cli/main.ts';

const mode = process.argv[2] === 'sse' ? 'sse' : 'streamableHttp';
const server = await startEverything(mode);
try {
  process.exitCode = await main(['session', server.url, '--call', 'get-sum', '--args', '{"a":2,"b":3}']);
} finally {
  await server.stop();
}

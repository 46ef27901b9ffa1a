// A loopback MCP server for the benches that only need one to answer: JSON replies, one session
// (`Mcp-Session-Id: name`), `text` as every tool call's result.
import { createServer, type Server } from 'node:http';

export function startAnsweringServer(name: string, text: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
      const message = JSON.parse(body) as { id?: number; method: string; params?: { protocolVersion?: string } };
      if (message.id === undefined) return void res.writeHead(202).end();
      const result =
        message.method === 'initialize'
          ? { protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name, version: '1' } }
          : { content: [{ type: 'text', text }] };
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': name }).end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/mcp` })),
  );
}

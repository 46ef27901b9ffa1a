// The fixed-cost MCP stub (shared/bench/mcp-stub/mcp.js) with one difference: tools/call is answered
// as an SSE stream (one `message` event, then the end), so the benchmark can set mcp-load's cost of an
// SSE reply beside a JSON one on the same server. njs (nginx JavaScript); started by bench/stub.ts.
function json(r, id, result) {
  r.headersOut['Content-Type'] = 'application/json';
  r.return(200, JSON.stringify({ jsonrpc: '2.0', id: id, result: result }));
}
function handle(r) {
  if (r.method === 'DELETE') { r.return(200); return; }
  if (r.method !== 'POST') { r.headersOut['Allow'] = 'POST, DELETE'; r.return(405); return; }
  var msg;
  try { msg = JSON.parse(r.requestText); } catch (e) { r.return(400); return; }
  if (msg.id === undefined) { r.return(202); return; }
  switch (msg.method) {
    case 'initialize':
      r.headersOut['Mcp-Session-Id'] = 'stub-' + Math.random().toString(36).slice(2);
      json(r, msg.id, {
        protocolVersion: (msg.params && msg.params.protocolVersion) || '2025-06-18',
        capabilities: { tools: { listChanged: false } },
        serverInfo: { name: 'mcp-stub-sse', version: '1.0.0' }
      });
      return;
    case 'tools/call':
      var text = (msg.params && msg.params.arguments && msg.params.arguments.message) || 'ok';
      var result = { content: [{ type: 'text', text: 'Echo: ' + text }], isError: false };
      r.headersOut['Content-Type'] = 'text/event-stream';
      r.headersOut['Cache-Control'] = 'no-cache';
      r.return(200, 'event: message\ndata: ' + JSON.stringify({ jsonrpc: '2.0', id: msg.id, result: result }) + '\n\n');
      return;
    default:
      r.headersOut['Content-Type'] = 'application/json';
      r.return(200, JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found' } }));
  }
}
export default { handle };

// The official TypeScript SDK, v2: Client + StreamableHTTPClientTransport from @modelcontextprotocol/client.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { measureSdkCallers, type SdkSession } from './sdk-loop.ts';
import { runAsChild } from './tool-run.ts';

async function connect(url: URL): Promise<SdkSession> {
  const client = new Client({ name: 'bench-sdk-v2', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

await runAsChild((run) => measureSdkCallers(run, connect));

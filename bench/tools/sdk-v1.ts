// The official TypeScript SDK, v1: Client + StreamableHTTPClientTransport from @modelcontextprotocol/sdk.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { measureSdkCallers, type SdkSession } from './sdk-loop.ts';
import { runAsChild } from './tool-run.ts';

async function connect(url: URL): Promise<SdkSession> {
  const client = new Client({ name: 'bench-sdk-v1', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

await runAsChild((run) => measureSdkCallers(run, connect));

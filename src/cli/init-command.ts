import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpSession, McpTarget, type OperationResult, type TransportChoice } from '../mcp/index.ts';
import { publicUrl } from '../results/index.ts';
import { draftScenario, type ServerCatalogue } from './scenario-draft.ts';

export interface InitCommandOptions {
  url: string;
  outFile: string;
  transport: TransportChoice;
  headers: Record<string, string>;
  timeoutMs?: number;
  vus: number;
  durationMs: number;
  think: string;
  /** Overwrite an existing file. */
  force: boolean;
  out: (line: string) => void;
}

/** `mcp-load init URL`: lists what the server offers and writes a commented scenario for it. */
export async function runInitCommand(options: InitCommandOptions): Promise<number> {
  if (existsSync(options.outFile) && !options.force) {
    options.out(`mcp-load: ${options.outFile} exists; pass --force to overwrite it, or --out another file`);
    return 1;
  }
  const catalogue = await listCatalogue(options);
  if (typeof catalogue === 'string') {
    options.out(`mcp-load: ${publicUrl(options.url)}: ${catalogue}`);
    return 1;
  }
  const text = draftScenario(catalogue, {
    schemaRef: schemaRef(options.outFile),
    vus: options.vus,
    durationMs: options.durationMs,
    think: options.think,
    headerNames: Object.keys(options.headers),
  });
  await writeFile(options.outFile, text);
  options.out(`written: ${options.outFile} (${catalogue.tools.length} tools, ${catalogue.resources.length} resources, ${catalogue.prompts.length} prompts)`);
  if (Object.keys(options.headers).length > 0) options.out('its headers read their values from the environment (see the file); none was written');
  options.out(`next: mcp-load run ${options.outFile}`);
  return 0;
}

/** The server's tools, resources and prompts, or why they could not be listed. */
async function listCatalogue(options: InitCommandOptions): Promise<ServerCatalogue | string> {
  const target = new McpTarget({ url: options.url, headers: options.headers, timeoutMs: options.timeoutMs });
  const session = new McpSession(target, { transport: options.transport });
  try {
    const init = await session.initialize();
    if (init.outcome !== 'success') return `initialize failed (${init.outcome}: ${init.error?.message ?? ''})`;
    const tools = await session.listTools();
    if (tools.outcome !== 'success') return `tools/list failed (${tools.outcome}: ${tools.error?.message ?? ''})`;
    // A server without resources or prompts answers "method not found": an empty list, not a failure.
    const resources = await session.listResources();
    const prompts = await session.listPrompts();
    const protocol = session.protocolVersion ?? 'unknown';
    await session.close();
    const info = session.serverInfo ?? {};
    return {
      url: publicUrl(options.url),
      server: { name: String(info.name ?? 'an MCP server'), version: String(info.version ?? ''), protocol },
      tools: listed(tools, 'tools'),
      resources: listed(resources, 'resources'),
      prompts: listed(prompts, 'prompts'),
    };
  } finally {
    await target.close();
  }
}

function listed(result: OperationResult, key: string): unknown[] {
  const list = result.outcome === 'success' ? (result.result as Record<string, unknown> | undefined)?.[key] : undefined;
  return Array.isArray(list) ? list : [];
}

/** The published scenario schema of this package, relative to where the scenario is written. */
function schemaRef(outFile: string): string {
  const here = import.meta.url;
  const root = new URL(here.includes('/src/cli/') ? '../../' : '../', here);
  const schema = fileURLToPath(new URL('schema/scenario.schema.json', root));
  const path = relative(dirname(resolve(outFile)), schema);
  return path.startsWith('.') ? path : `./${path}`;
}

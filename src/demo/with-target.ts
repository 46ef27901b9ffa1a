import type { DemoServer, DemoServerOptions } from './server.ts';

/**
 * Starts the embedded demo server. Its code (the MCP SDK's server and zod, a third of the CLI) is
 * loaded on this first use, so commands with a target never load it.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const server = await import('./server.ts');
  return server.startDemoServer(options);
}

/**
 * Runs `use` against the scenario's target or, when it has none, against the embedded demo server,
 * which is closed afterwards whatever happens. `onDemo` is told the demo server's URL.
 */
export async function withTargetOrDemo<T>(target: string | undefined, onDemo: (url: string) => void, use: (url: string) => Promise<T>): Promise<T> {
  if (target !== undefined) return use(target);
  const demo = await startDemoServer();
  try {
    onDemo(demo.url);
    return await use(demo.url);
  } finally {
    await demo.close();
  }
}

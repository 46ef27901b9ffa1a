import { startDemoServer } from './server.ts';

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

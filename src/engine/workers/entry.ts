import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../worker-threads.ts';

/** The modules this process was started with `--import file://…` (a TypeScript loader, when it runs from the sources). */
function importedLoaders(): string[] {
  const argv = process.execArgv;
  const loaders: string[] = [];
  for (const [i, arg] of argv.entries()) {
    const value = arg === '--import' ? argv[i + 1] : arg.startsWith('--import=') ? arg.slice('--import='.length) : undefined;
    if (value?.startsWith('file:')) loaders.push(value);
  }
  return loaders;
}

/**
 * Starts a worker thread on worker-main: the bundled `worker.cjs` beside the bundle that runs this
 * (dist/cli-main.cjs, dist/index.js), or, from the TypeScript sources, worker-main.ts through the loader
 * this process was started with (a worker thread does not inherit `--import` hooks on Node 20):
 * one given as a file URL (the test suite's, scripts/test-loader/), else tsx's. Its task comes as
 * messages (protocol.ts), so that it can be started before the task is known (prestart.ts).
 */
export function workerEntry(): Worker {
  const { Worker } = workerThreads();
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.cjs', here));
  const main = JSON.stringify(new URL('./worker-main.ts', here).href);
  const loaders = importedLoaders();
  const code =
    loaders.length > 0
      ? `(async () => { for (const loader of ${JSON.stringify(loaders)}) await import(loader); await import(${main}); })();`
      : `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${main}); });`;
  return new Worker(code, { eval: true });
}

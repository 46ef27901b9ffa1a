import { Worker } from 'node:worker_threads';
import type { WorkerTask } from './protocol.ts';

/**
 * Starts a worker thread on worker-main: the bundled `worker.js` beside the bundle that runs this
 * (dist/cli.js, dist/index.js), or, from the TypeScript sources, worker-main.ts through tsx's
 * loader (a worker thread does not inherit the parent's `--import tsx` hooks on Node 20).
 */
export function workerEntry(task: WorkerTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData: task });
  const main = new URL('./worker-main.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(main)}); });`;
  return new Worker(code, { eval: true, workerData: task });
}

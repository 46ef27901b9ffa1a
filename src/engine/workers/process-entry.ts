import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TaskMessage, WorkerTask } from './protocol.ts';

/**
 * Starts a worker process on worker-main, as workerEntry starts a thread: the bundled `worker.js`
 * beside the bundle, or worker-main.ts under tsx from the sources. `advanced` serialization is the
 * structured clone a thread's messages use, so both carry the same protocol. The task goes as the
 * first message (it holds the environment the scenario reads, which argv would show to `ps`).
 */
export function processEntry(task: WorkerTask): ChildProcess {
  const here = import.meta.url;
  const bundled = !here.endsWith('.ts');
  const main = fileURLToPath(new URL(bundled ? './worker.js' : './worker-main.ts', here));
  const execArgv = bundled ? [] : ['--import', import.meta.resolve('tsx')];
  const child = fork(main, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ type: 'task', task } satisfies TaskMessage);
  return child;
}

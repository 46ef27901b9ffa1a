import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts a worker process on worker-main, as workerEntry starts a thread: the bundled `worker.cjs`
 * beside the bundle, or worker-main.ts under tsx from the sources. `advanced` serialization is the
 * structured clone a thread's messages use, so both carry the same protocol. The task goes as the
 * first message, sent by the carrier (it holds the environment the scenario reads, which argv would show to `ps`).
 */
export function processEntry(): ChildProcess {
  const here = import.meta.url;
  const bundled = !here.endsWith('.ts');
  const main = fileURLToPath(new URL(bundled ? './worker.cjs' : './worker-main.ts', here));
  // The parent's Node options (a heap size) hold for its workers too, but for a debugger's port, which only one process can take.
  const execArgv = bundled ? process.execArgv.filter((arg) => !arg.startsWith('--inspect')) : ['--import', import.meta.resolve('tsx')];
  return fork(main, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

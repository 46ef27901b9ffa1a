import { availableParallelism } from 'node:os';
import { MAX_WORKERS } from '../scenario/index.ts';
import { asksForHelp, parseCommand } from './options.ts';

/**
 * How many worker threads to start before anything else (engine/workers/prestart.ts): the workers
 * a `run` uses as far as its arguments tell. `--workers N`, else one per core when `--target` is
 * given (without it the scenario may have no target, and the embedded demo server keeps a core);
 * none for child processes, for one worker, for anything but a run. The scenario may still use
 * fewer (its `workers:`, fewer VUs than workers): the threads it does not need end unused.
 */
export function workersToPrestart(argv: readonly string[], cores: number = availableParallelism()): number {
  const [command, ...rest] = argv;
  if (command !== 'run' || asksForHelp(rest)) return 0;
  let values;
  try {
    values = parseCommand('run', rest).values;
  } catch {
    return 0; // main says what is wrong with the arguments
  }
  if (values['worker-mode'] === 'process') return 0;
  const workers = values.workers !== undefined ? Number(values.workers) : values.target !== undefined ? cores : 0;
  return Number.isInteger(workers) && workers >= 2 && workers <= MAX_WORKERS ? workers : 0;
}

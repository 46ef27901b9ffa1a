import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MAX_WORKERS } from '../scenario/index.ts';
import { asksForHelp, parseCommand } from './options.ts';

/** What a scenario file's top-level lines say before it is parsed: whether it names a target, and its `workers:`. */
export interface ScenarioHints {
  target: boolean;
  workers?: number;
}

const TOP_LEVEL_TARGET = /^target[ \t]*:/m;
const TOP_LEVEL_WORKERS = /^workers[ \t]*:[ \t]*(\d+)[ \t]*(?:#.*)?$/m;

/**
 * The top-level `target:` and `workers: N` of a scenario's text, found by a line scan, not the YAML
 * parser (which loads later): only a hint for how many threads to start early. A file that says
 * them another way (a flow mapping, an anchor) starts its threads after the parse, as before.
 */
export function scenarioHints(text: string): ScenarioHints {
  const workers = TOP_LEVEL_WORKERS.exec(text)?.[1];
  return { target: TOP_LEVEL_TARGET.test(text), ...(workers === undefined ? {} : { workers: Number(workers) }) };
}

/** The file's hints; undefined when there is no file to read (the run fails: no thread is needed). */
function hintsOf(file: string | undefined, readFile: (file: string) => string): ScenarioHints | undefined {
  if (file === undefined) return undefined;
  try {
    return scenarioHints(readFile(file));
  } catch {
    return undefined; // the loader says what is wrong with the file
  }
}

/**
 * How many worker threads to start before anything else (engine/workers/prestart.ts): the threads a
 * `run` uses as far as its arguments and its file's top-level lines tell. The workers are
 * `--workers N`, else the file's `workers:`, else one per core (less one without a target: the
 * embedded demo server keeps a core); with a target, the parent runs worker 1's slice itself
 * (engine/workers/pool.ts), so one thread fewer. None for child processes, for one worker, for
 * anything but a run, nor for a file that cannot be read. The scenario may still use fewer (fewer
 * VUs than workers): the threads it does not need end unused; the pool starts any it lacks.
 */
export function threadsToPrestart(
  argv: readonly string[],
  cores: number = availableParallelism(),
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): number {
  const [command, ...rest] = argv;
  if (command !== 'run' || asksForHelp(rest)) return 0;
  let parsed;
  try {
    parsed = parseCommand('run', rest);
  } catch {
    return 0; // main says what is wrong with the arguments
  }
  const { values, positionals } = parsed;
  if (values['worker-mode'] === 'process') return 0;
  const hints = hintsOf(positionals[0], readFile);
  if (hints === undefined) return 0;
  const target = values.target !== undefined || hints.target;
  const workers = values.workers !== undefined ? Number(values.workers) : (hints.workers ?? (target ? cores : cores - 1));
  if (!Number.isInteger(workers) || workers < 2 || workers > MAX_WORKERS) return 0;
  return target ? workers - 1 : workers;
}

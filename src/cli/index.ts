// The CLI's entry (bundled as dist/cli-main.cjs, which the bin src/cli/bin.ts runs): maps stack traces
// to the sources (so an internal error's stack names src/ files and lines of the minified bundle),
// starts the worker threads a run will use, then runs the CLI.
import { prestartWorkerThreads } from '../engine/index.ts';
import { useSourceMappedStacks } from '../source-mapped-stacks.ts';
import { threadsToPrestart } from './worker-prestart.ts';

useSourceMappedStacks();
const argv = process.argv.slice(2);
// First: each thread's start-up then overlaps the loading of the CLI's own modules and the scenario.
prestartWorkerThreads(threadsToPrestart(argv));
import('./main.ts')
  .then(({ main }) => main(argv))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`mcp-load: ${(err as Error)?.message ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );

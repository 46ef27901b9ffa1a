// The errors the CLI reports as one line and exit code 1 (the user can act on them), as opposed to
// our own bugs. Imported only when a command failed: these classes live beside heavy code (the
// engine, results, compare) that a command which succeeds may never load.
import { DescriptorBudgetError, TargetNotReadyError } from '../engine/index.ts';
import { ScenarioError, ShardError } from '../scenario/index.ts';
import { MergeError, ResultFileError } from '../results/index.ts';
import { HistoryFileError } from '../compare/index.ts';
import { OutputDirError } from './output-dir.ts';

export function isUserFacingError(err: unknown): err is Error {
  return (
    err instanceof ScenarioError ||
    err instanceof TargetNotReadyError ||
    err instanceof DescriptorBudgetError ||
    err instanceof ResultFileError ||
    err instanceof HistoryFileError ||
    err instanceof MergeError ||
    err instanceof ShardError ||
    err instanceof OutputDirError
  );
}

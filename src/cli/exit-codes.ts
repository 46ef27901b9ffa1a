/** k6's exit code for failed thresholds. */
export const EXIT_THRESHOLDS_FAILED = 99;
/** Stopped by SIGINT/SIGTERM: results are still written. */
export const EXIT_INTERRUPTED = 130;
/** The run went well but its files could not go into --out: they are in the temporary directory printed. */
export const EXIT_FILES_ELSEWHERE = 1;

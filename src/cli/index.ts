#!/usr/bin/env node
// The bin: maps stack traces to the sources (so an internal error's stack names src/ files and
// lines of the minified bundle), then runs the CLI.
import { useSourceMappedStacks } from '../source-mapped-stacks.ts';
import { main } from './main.ts';

useSourceMappedStacks();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mcp-load: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);

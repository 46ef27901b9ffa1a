import { main } from './main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mcp-load: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);

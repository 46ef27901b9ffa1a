// The node flags that let a child process run this repository's TypeScript: the loader of
// scripts/test.mjs when this process runs under it (JavaScript compiled once for the suite), else tsx.
const TEST_LOADER = /test-loader\/register\.mjs$/;

function loaderFlags(): string[] {
  const argv = process.execArgv;
  const at = argv.findIndex((arg, i) => arg === '--import' && TEST_LOADER.test(argv[i + 1] ?? ''));
  if (at < 0) return ['--import', import.meta.resolve('tsx')];
  return [...(argv.includes('--enable-source-maps') ? ['--enable-source-maps'] : []), '--import', argv[at + 1] as string];
}

export const TYPESCRIPT_FLAGS: readonly string[] = loaderFlags();

import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { CACHE_ENV, ROOT } from './paths.mjs';

const cacheDir = process.env[CACHE_ENV];
if (!cacheDir) throw new Error(`${CACHE_ENV} is not set: run the tests with \`npm test\` (scripts/test.mjs compiles the sources first)`);
register('./hooks.mjs', import.meta.url, { data: { rootUrl: pathToFileURL(ROOT).href, cacheDir: `${cacheDir}/` } });

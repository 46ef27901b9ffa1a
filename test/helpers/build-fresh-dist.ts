// Run by `npm test` before the first group when a file it runs uses the bundles (scripts/test.mjs):
// built under the test processes, dist/ kept them waiting in their runner slots for about 20 s.
import { freshDist } from './fresh-dist.ts';

await freshDist();

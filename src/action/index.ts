// Source maps first (an internal error's stack then names src/ files and lines of the minified
// bundle), then the action's code.
process.setSourceMapsEnabled(true);
const { run } = await import('./main.ts');

void run();

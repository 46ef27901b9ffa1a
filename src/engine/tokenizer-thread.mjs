// The worker thread that counts tokens (bundled as dist/tokenizer.cjs): the o200k_base token table
// (200,000 tokens) loads here, off the load generator's event loop. Plain JavaScript, so that running
// from the sources needs no TypeScript loader in the worker. Messages: TokenizeRequest / TokenizeReply
// in tool-output-tokens.ts.
import { parentPort } from 'node:worker_threads';
import { countTextTokens } from './o200k-encoding.mjs';

const port = parentPort;
if (port !== null) {
  port.on('message', (request) => {
    try {
      port.postMessage({ id: request.id, counts: request.texts.map(countTextTokens) });
    } catch (err) {
      // A failed count is that request's (its counts are missing), never the thread's end.
      port.postMessage({ id: request.id, counts: [], error: String(err?.message ?? err) });
    }
  });
  port.postMessage('ready');
}

// The worker thread that counts tokens (bundled as dist/tokenizer.js): the 2.4 MB o200k_base rank
// table loads here, off the load generator's event loop. Plain JavaScript, so that running from the
// sources needs no TypeScript loader in the worker. Messages: TokenizeRequest / TokenizeReply in
// tool-output-tokens.ts.
import { parentPort } from 'node:worker_threads';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

const port = parentPort;
if (port !== null) {
  port.on('message', (request) => port.postMessage({ id: request.id, counts: request.texts.map((text) => countTokens(text)) }));
  port.postMessage('ready');
}

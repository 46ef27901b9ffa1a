// The parts of undici mcp-load uses, without its front door (index.js), which also loads fetch,
// WebSocket, EventSource, the cache and the mocks, and whose cookie module reads globalThis.Headers
// (Node then loads its own internal undici as well): a third of the time to load. src/undici.ts
// requires this file at undici's first use; the bundles build it into dist/undici.cjs.
'use strict';

const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');
const { getGlobalDispatcher } = require('undici/lib/global');

// What undici's index does, so that dispatchers have request(), stream()…
Object.assign(Dispatcher.prototype, api);

/** undici's `request(url, options)`: the same call on the global dispatcher (an Agent) as its index makes. */
function request(url, options = {}) {
  const target = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher = getGlobalDispatcher(), ...rest } = options;
  return dispatcher.request({
    ...rest,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: rest.method || (rest.body ? 'PUT' : 'GET'),
  });
}

module.exports = {
  Client: require('undici/lib/dispatcher/client'),
  Pool: require('undici/lib/dispatcher/pool'),
  request,
};

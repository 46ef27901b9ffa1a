// The embedded demo server, loaded only when started (with-target.ts): nothing here imports it statically.
export { startDemoServer, withTargetOrDemo } from './with-target.ts';
export type { DemoServer, DemoServerOptions } from './server.ts';
export type { Latency, ToolName } from './tools.ts';

export { startDemoServer, type DemoServer, type DemoServerOptions } from './server.ts';
export { withTargetOrDemo } from './with-target.ts';
export type { Latency, ToolName } from './tools.ts';

export { startDemoServer, type DemoServer, type DemoServerOptions } from './server.ts';
export type { Latency, ToolName } from './tools.ts';

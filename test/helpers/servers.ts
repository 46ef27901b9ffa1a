// Real MCP servers on free loopback ports (http://127.0.0.1:PORT), for wire-client tests. Found by experiment:
// everything streamableHttp: /mcp, stateful (Mcp-Session-Id), SSE replies; unknown session id -> 400 (-32000) on POST/GET/DELETE.
// everything sse: GET /sse -> `event: endpoint` /message?sessionId=..; POST -> 202, reply on the stream; unknown/missing sessionId -> NO ANSWER, ever.
// sdk stateless: /mcp, no sessions (Mcp-Session-Id ignored, no initialize needed), SSE replies; GET/DELETE -> 405.
// sdk json-response: /mcp, stateful, JSON replies, GET -> 405 | sdk stateful: /mcp, stateful, SSE replies with event ids; both: unknown session -> 404 (-32001).
// sdk legacy-sse: GET /mcp -> `event: endpoint` /messages?sessionId=..; POST -> 202, reply on the stream; unknown sessionId -> 404, missing -> 400.
// v2 fixture (test/fixtures/v2-server.ts): /mcp, 2026-07-28 without handshake or session (JSON replies), and 2025 traffic
// served statelessly (no Mcp-Session-Id); GET/DELETE -> 405. See docs/protocol-2026-07-28.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { freePort, onFreePort } from './free-port.ts';
import { TYPESCRIPT_FLAGS } from './typescript-child.ts';

export { freePort };

export interface RunningServer {
  /** The MCP endpoint: the Streamable HTTP endpoint, or the SSE stream URL for legacy SSE servers. */
  url: string;
  port: number;
  /** Kills the server and waits until it is gone. Safe to call more than once. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port: the new process has forgotten every session. */
  restart(): Promise<void>;
}

// Generous: on a busy 2-core runner with test files running side by side a child node process can
// take over 15 s to start listening; a server that never listens still fails the test with its output.
const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 3_000;
const OUTPUT_TAIL_CHARS = 16_384;
const PRELOAD = new URL('../fixtures/loopback-listen.mjs', import.meta.url).href;

const EVERYTHING_SCRIPT = fileURLToPath(import.meta.resolve('@modelcontextprotocol/server-everything/dist/index.js'));
const EVERYTHING_PATHS = { streamableHttp: '/mcp', sse: '/sse' } as const;

const SDK_EXAMPLES = {
  stateless: { file: 'simpleStatelessStreamableHttp.js', path: '/mcp' },
  'json-response': { file: 'jsonResponseStreamableHttp.js', path: '/mcp' },
  stateful: { file: 'simpleStreamableHttp.js', path: '/mcp' },
  'legacy-sse': { file: 'simpleSseServer.js', path: '/mcp' },
  /** Closes a tool call's reply stream mid-call (retry 2 s) and replays the rest on a GET with Last-Event-ID. */
  'sse-polling': { file: 'ssePollingExample.js', path: '/mcp' },
} as const;

/** Children still alive; killed if the test process exits without stopping them. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

export function startEverything(mode: 'streamableHttp' | 'sse'): Promise<RunningServer> {
  return ChildServer.start(`server-everything ${mode}`, [EVERYTHING_SCRIPT, mode], EVERYTHING_PATHS[mode]);
}

export function startSdkExample(name: keyof typeof SDK_EXAMPLES): Promise<RunningServer> {
  const { file, path } = SDK_EXAMPLES[name];
  const script = fileURLToPath(import.meta.resolve(`@modelcontextprotocol/sdk/examples/server/${file}`));
  return ChildServer.start(`sdk example ${file}`, [script], path);
}

const V2_FIXTURE = fileURLToPath(new URL('../fixtures/v2-server.ts', import.meta.url));

/** The v2 SDK fixture, speaking 2026-07-28 and (statelessly) the 2025 line. */
export function startV2Fixture(): Promise<RunningServer> {
  return ChildServer.start('v2 fixture', [...TYPESCRIPT_FLAGS, V2_FIXTURE], '/mcp');
}

export function startHttpFixture(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  return onFreePort((port) => httpFixtureOn(port, handler));
}

async function httpFixtureOn(port: number, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  const server = createServer(handler);
  let closing: Promise<void> | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        closing = undefined;
        resolve();
      });
    });
  const stop = () => {
    if (!closing) {
      closing = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      server.closeAllConnections(); // also ends requests the handler never answers
    }
    return closing;
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    stop,
    restart: async () => {
      await stop();
      await listen();
    },
  };
}

/** One spawned process; `exited` settles when it is gone. */
interface Child {
  proc: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

class ChildServer implements RunningServer {
  readonly url: string;
  private child: Child | undefined;

  private constructor(
    private readonly label: string,
    private readonly args: readonly string[],
    readonly port: number,
    path: string,
  ) {
    this.url = `http://127.0.0.1:${port}${path}`;
  }

  static start(label: string, args: readonly string[], path: string): Promise<ChildServer> {
    return onFreePort(async (port) => {
      const server = new ChildServer(label, args, port, path);
      await server.launch();
      return server;
    });
  }

  async stop(): Promise<void> {
    if (this.child) await terminate(this.child);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  private async launch(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', PRELOAD, ...this.args], {
      // PORT is read by server-everything and MCP_PORT by simpleStreamableHttp (only for their logs:
      // the preload binds the port); the other examples hardcode 3000.
      env: { ...process.env, MCP_LOAD_TEST_PORT: String(this.port), PORT: String(this.port), MCP_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    liveChildren.add(proc);
    let output = '';
    const collect = (chunk: string) => {
      output = (output + chunk).slice(-OUTPUT_TAIL_CHARS);
    };
    proc.stdout?.setEncoding('utf8').on('data', collect);
    proc.stderr?.setEncoding('utf8').on('data', collect);
    const exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        liveChildren.delete(proc);
        resolve();
      });
      proc.once('error', (error) => {
        collect(`\nspawn error: ${error.message}`);
        liveChildren.delete(proc);
        resolve();
      });
    });
    const child: Child = { proc, exited, output: () => output };
    this.child = child;

    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      new Promise<'ready'>((resolve) =>
        proc.on('message', (message) => {
          if (isListeningMessage(message)) resolve('ready');
        }),
      ),
      exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(resolve, READY_TIMEOUT_MS, 'timeout');
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'ready') return;
    await terminate(child);
    const why =
      outcome === 'timeout' ? `did not listen within ${READY_TIMEOUT_MS} ms` : `exited (code ${proc.exitCode}, signal ${proc.signalCode}) before listening`;
    throw new Error(`${this.label} on 127.0.0.1:${this.port} ${why}. Its output:\n${output || '(none)'}`);
  }
}

function isListeningMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'type' in message && message.type === 'mcp-load:listening';
}

/** SIGTERM, then SIGKILL after KILL_GRACE_MS; resolves once the process has exited. */
async function terminate(child: Child): Promise<void> {
  const { proc, exited } = child;
  if (proc.exitCode === null && proc.signalCode === null) {
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), KILL_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  await exited;
}

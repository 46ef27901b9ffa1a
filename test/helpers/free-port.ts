// Free loopback ports that nothing else on the machine takes by chance: the servers of the suite
// restart on their port, and nginx or haproxy bind one a probe found free. A port from the
// ephemeral range (what listen(0) hands out) can be taken in between by any connect() on the
// machine, and the suite makes thousands per second beside it; one below that range is only ever
// taken by a bind that names it. So the port is drawn at random below the range, and listen(0)
// serves only where no such span exists.
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** Ports below 10000 are left to services; a span narrower than this is not worth drawing from. */
const LOWEST = 10_000;
const MIN_SPAN = 1_000;
const ATTEMPTS = 50;

/** The first port of the kernel's ephemeral range (Linux), or undefined where it cannot be read. */
function ephemeralLow(): number | undefined {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

const low = ephemeralLow();
/** Ports handed out by this process, never handed out twice. */
const given = new Set<number>();

function listenOn(port: number): Promise<number | undefined> {
  const probe = net.createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(undefined));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}

/** A loopback port free now, outside the ephemeral range where the kernel's range leaves room below it. */
export async function freePort(): Promise<number> {
  if (low !== undefined && low - LOWEST >= MIN_SPAN) {
    for (let i = 0; i < ATTEMPTS; i++) {
      const port = LOWEST + Math.floor(Math.random() * (low - LOWEST));
      if (given.has(port)) continue;
      if ((await listenOn(port)) === port) {
        given.add(port);
        return port;
      }
    }
  }
  const port = await listenOn(0);
  if (port === undefined) throw new Error('no free loopback port: listen(0) on 127.0.0.1 failed');
  return port;
}

/** Starts on a free port, three tries at most. */
const PORT_ATTEMPTS = 3;
/** What a server, nginx or haproxy says when the port is taken. */
const PORT_TAKEN = /EADDRINUSE|Address already in use|cannot bind socket/;

/**
 * `start` on a port freePort() found free, again on another when the port was taken in between: a
 * port is probed, then bound by the server, and another process of the suite can draw and bind the
 * same one meanwhile (a full run once saw an SDK example exit with EADDRINUSE at its first start).
 * `start` cleans up after its own failure. A restart keeps its port.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      const said = `${(error as NodeJS.ErrnoException)?.code ?? ''} ${(error as Error)?.message ?? String(error)}`;
      if (attempt === PORT_ATTEMPTS || !PORT_TAKEN.test(said)) throw error;
    }
  }
}

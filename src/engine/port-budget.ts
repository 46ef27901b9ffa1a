import { readFileSync } from 'node:fs';
import { peakVUs } from '../scenario/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { connectionsPerVu } from './descriptor-budget.ts';

/** The machine's ephemeral ports (Linux /proc): what outgoing connections get their local port from. */
export interface EphemeralPorts {
  /** `ip_local_port_range`, both ends included. */
  low: number;
  high: number;
  /** TCP sockets (IPv4 and IPv6) whose local port is in the range now, TIME_WAIT included. */
  inUse: number;
  /** Of those, in TIME_WAIT: closed connections the kernel holds for 60 s. */
  timeWait: number;
}

const TCP_TIME_WAIT = '06';
/** Connections too few to check: only a range exhausted to its last ports could refuse them. */
const FEW_CONNECTIONS = 256;

/** The ephemeral port range and its use now, or undefined where /proc does not tell. */
export function readEphemeralPorts(read: (path: string) => string = (path) => readFileSync(path, 'utf8')): EphemeralPorts | undefined {
  let range: number[];
  try {
    range = read('/proc/sys/net/ipv4/ip_local_port_range').trim().split(/\s+/).map(Number);
  } catch {
    return undefined;
  }
  const [low, high] = range;
  if (!Number.isInteger(low) || !Number.isInteger(high) || high < low) return undefined;
  const ports: EphemeralPorts = { low, high, inUse: 0, timeWait: 0 };
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = read(table);
    } catch {
      continue;
    }
    countSockets(text, ports);
  }
  return ports;
}

/** Adds a /proc/net/tcp table's sockets with a local port in the range (`sl local_address rem_address st …`, ports in hex). */
function countSockets(table: string, ports: EphemeralPorts): void {
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const port = parseInt(fields[1].slice(fields[1].lastIndexOf(':') + 1), 16);
    if (!(port >= ports.low && port <= ports.high)) continue;
    ports.inUse++;
    if (fields[3] === TCP_TIME_WAIT) ports.timeWait++;
  }
}

/**
 * A warning, with the numbers, when the run's connections may not all get a local port: past the
 * free ephemeral ports connects fail with EADDRNOTAVAIL or time out, which measures the generator,
 * not the server. A warning, not a refusal: the kernel may reuse a TIME_WAIT port (tcp_tw_reuse)
 * and ports are per destination, so the load may still fit.
 */
export function ephemeralPortWarning(scenario: Scenario, openStream: boolean, given?: EphemeralPorts): string | undefined {
  const vus = scenario.scenarios.reduce((sum, spec) => sum + peakVUs(spec), 0);
  const needed = vus * connectionsPerVu(scenario, openStream);
  // Reading the socket tables costs milliseconds per thousand sockets: not for a load a few ports serve.
  if (given === undefined && needed < FEW_CONNECTIONS) return undefined;
  const ports = given ?? readEphemeralPorts();
  if (ports === undefined) return undefined;
  const size = ports.high - ports.low + 1;
  const free = size - ports.inUse;
  if (needed <= free) return needed > evenPorts(ports) ? parityWarning(vus, needed, ports) : undefined;
  return (
    `the scenario runs up to ${vus} VUs at once, which need about ${needed} connections, but the machine's ephemeral port range ` +
    `${ports.low}–${ports.high} has ${size} ports and ${ports.inUse} are in use (${ports.timeWait} in TIME_WAIT): about ${Math.max(0, free)} are free. ` +
    'Connections past them may fail with EADDRNOTAVAIL or time out (the generator, not the server): widen net.ipv4.ip_local_port_range, ' +
    'wait for TIME_WAIT to drain, lower the VUs, or split the load over machines (--shard i/n).'
  );
}

/** Ports of the range with an even number: Linux's connect() (4.6 and later) takes these first, leaving the odd ones to bind(). */
function evenPorts(ports: EphemeralPorts): number {
  return Math.floor(ports.high / 2) - Math.floor((ports.low - 1) / 2);
}

/**
 * Past the even ports, each connect() searches the odd ones: 20 to 60 times slower per connection
 * on a 2-core machine (bench/agents-ports.ts), so the run's start measures the kernel.
 */
function parityWarning(vus: number, needed: number, ports: EphemeralPorts): string {
  const even = evenPorts(ports);
  return (
    `the scenario runs up to ${vus} VUs at once, which need about ${needed} connections, more than the ${even} even ports of the ` +
    `ephemeral range ${ports.low}–${ports.high}: Linux's connect() takes the even ports first, and each connection past them ` +
    'is much slower to open (20 to 60 times in bench/agents-ports.ts), which the ramp-up then measures instead of the server. ' +
    `Widen net.ipv4.ip_local_port_range to at least ${2 * needed} ports, or split the load over machines (--shard i/n).`
  );
}

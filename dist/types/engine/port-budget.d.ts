import type { Scenario } from '../scenario/index.ts';
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
/** The ephemeral port range and its use now, or undefined where /proc does not tell. */
export declare function readEphemeralPorts(read?: (path: string) => string): EphemeralPorts | undefined;
/**
 * A warning, with the numbers, when the run's connections may not all get a local port: past the
 * free ephemeral ports connects fail with EADDRNOTAVAIL or time out, which measures the generator,
 * not the server. A warning, not a refusal: the kernel may reuse a TIME_WAIT port (tcp_tw_reuse)
 * and ports are per destination, so the load may still fit.
 */
export declare function ephemeralPortWarning(scenario: Scenario, openStream: boolean, given?: EphemeralPorts): string | undefined;

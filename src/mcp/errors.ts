import type { TransportFailure } from './types.ts';

/** A failure below JSON-RPC: the request did not produce a usable MCP message. */
export class TransportError extends Error {
  readonly reason: TransportFailure;
  readonly status?: number;

  constructor(reason: TransportFailure, message: string, status?: number) {
    super(message);
    this.name = 'TransportError';
    this.reason = reason;
    if (status !== undefined) this.status = status;
  }
}

/**
 * An SSE reply stopped after its headers, before its response: cut (`stream_broken`) or ended by
 * the far side (`stream_ended`); after how many events, how long after the headers, after how long a silence.
 */
export class StreamBrokenError extends TransportError {
  constructor(
    reason: 'stream_broken' | 'stream_ended',
    message: string,
    status: number,
    readonly events: number,
    readonly ageMs: number,
    readonly idleMs: number,
  ) {
    super(reason, message, status);
  }
}

/** A proxy or load balancer, not the MCP server, answered 502/503/504 (see intermediary.ts): outcome `gateway`. */
export class GatewayError extends TransportError {
  constructor(message: string, status: number) {
    super('http_status', message, status);
    this.name = 'GatewayError';
  }
}

/**
 * The generator itself ran out of file descriptors (EMFILE: this process; ENFILE: the whole
 * system): a local limit, counted as the `generator`'s failure and never charged to the server.
 */
export class DescriptorLimitError extends TransportError {
  constructor(code: string, what: string) {
    super(
      'descriptors',
      `${what}: mcp-load ran out of file descriptors (${code}). Raise the limit (ulimit -n), run fewer VUs per process, or split the load over processes (--shard i/n)`,
    );
    this.name = 'DescriptorLimitError';
  }
}

const DESCRIPTOR_CODES = new Set(['EMFILE', 'ENFILE']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Turns whatever undici or node threw into a TransportError with a message a user can act on. */
export function toTransportError(err: unknown, what: string): TransportError {
  if (err instanceof TransportError) return err;
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.code ?? e?.cause?.code ?? '';
  const detail = e?.message ?? String(err);
  if (DESCRIPTOR_CODES.has(code)) return new DescriptorLimitError(code, what);
  if (code === 'HPE_INVALID') return new TransportError('bad_response', `${what}: ${detail}`);
  if (CONNECT_CODES.has(code)) {
    return new TransportError('connect', `${what}: cannot connect (${code}). Is the server running and the URL right?`);
  }
  if (TLS_CODES.has(code)) {
    return new TransportError(
      'connect',
      `${what}: TLS certificate refused (${code}: ${detail}). Use a trusted certificate, or point NODE_EXTRA_CA_CERTS at its CA`,
    );
  }
  if (RESET_CODES.has(code)) {
    return new TransportError('reset', `${what}: connection closed by the server (${code}: ${detail})`);
  }
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_ABORTED' || code === 'UND_ERR_CLOSED') {
    return new TransportError('closed', `${what}: request cancelled (${detail})`);
  }
  return new TransportError('reset', `${what}: ${code ? code + ': ' : ''}${detail}`);
}

import { loadUndici } from '../../undici.ts';
import { displayUrl } from '../target.ts';

/** Authorization traffic is small JSON: anything larger is refused unread. */
const MAX_BODY_BYTES = 256 * 1024;

export interface AuthHttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Thrown for discovery and token-endpoint failures; its message names the URL (origin and path) and never a secret. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  /** `discovery`: the authorization server could not be found; `token`: the token endpoint refused or failed. */
  readonly stage: 'discovery' | 'token';
  constructor(stage: 'discovery' | 'token', message: string) {
    super(message);
    this.stage = stage;
  }
}

/** One bounded request of the authorization flow (metadata, token); not on the MCP hot path. */
export async function authRequest(
  url: URL,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<AuthHttpReply> {
  const res = await loadUndici().request(url, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    headersTimeout: init.timeoutMs,
    bodyTimeout: init.timeoutMs,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      res.body.destroy();
      throw new Error(`the response from ${displayUrl(url)} exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** A JSON object from a reply, or undefined when it is not one. */
export function jsonObject(reply: AuthHttpReply): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(reply.body) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

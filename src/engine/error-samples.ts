import { inertText } from '../inert-text.ts';
import type { ErrorClass, OperationResult } from '../mcp/index.ts';
import { redactSecrets } from '../secrets/index.ts';

/** How many messages are kept per error kind, and how long each may be. */
export const MAX_SAMPLES_PER_KIND = 5;
export const MAX_SAMPLE_LENGTH = 300;
/** Distinct error kinds kept (class × method × tool × status/code); the rest are counted together. */
export const MAX_KINDS = 200;

export interface ErrorKind {
  errorClass: ErrorClass;
  method: string;
  tool?: string;
  /** HTTP status (transport) or JSON-RPC code (protocol). */
  status?: number;
  code?: number;
  reason?: string;
  /** A redirect's target (origin and path only: a query can hold a token). */
  location?: string;
  count: number;
  /** The first distinct messages seen, bounded, redacted and inert: they come from the server. */
  samples: string[];
}

/** Bounded record of what went wrong: counts per kind and the first few messages of each. */
export class ErrorSamples {
  private readonly kinds = new Map<string, ErrorKind>();
  /** Errors of kinds beyond MAX_KINDS. */
  overflow = 0;
  /** The last raw message of each kind: a repeated message is not redacted again. */
  private readonly lastMessage = new Map<string, string>();

  add(result: OperationResult): void {
    const error = result.error;
    if (result.outcome === 'success' || error === undefined) return;
    const key = `${result.outcome}\u0000${result.method}\u0000${result.name ?? ''}\u0000${error.status ?? ''}\u0000${error.code ?? ''}\u0000${error.reason ?? ''}`;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      if (this.kinds.size >= MAX_KINDS) {
        this.overflow++;
        return;
      }
      kind = { errorClass: result.outcome, method: result.method, count: 0, samples: [] };
      if (result.name !== undefined) kind.tool = truncate(result.name);
      if (error.status !== undefined) kind.status = error.status;
      if (error.code !== undefined) kind.code = error.code;
      if (error.reason !== undefined) kind.reason = error.reason;
      if (error.location !== undefined) kind.location = sampleOf(withoutQuery(error.location));
      this.kinds.set(key, kind);
    }
    kind.count++;
    if (kind.samples.length < MAX_SAMPLES_PER_KIND) {
      const raw = error.message.slice(0, MAX_RAW_LENGTH);
      if (this.lastMessage.get(key) !== raw) {
        this.lastMessage.set(key, raw);
        const message = sampleOf(raw);
        if (!kind.samples.includes(message)) kind.samples.push(message);
      }
    }
  }

  /** Kinds, most frequent first. */
  toJSON(): ErrorKind[] {
    return [...this.kinds.values()].sort((a, b) => b.count - a.count);
  }
}

/**
 * A server's message as it may be stored: without secrets (it may echo the request's headers or
 * URL) and inert for terminals. Cut before redaction to bound its cost, with room for a secret's
 * encoded form; cut again after.
 */
function sampleOf(message: string): string {
  return truncate(inertText(redactSecrets(message.slice(0, MAX_RAW_LENGTH))));
}

/** How much of a server's message is read: a sample's length with room for secrets' encoded forms. */
const MAX_RAW_LENGTH = MAX_SAMPLE_LENGTH * 8;

function truncate(text: string): string {
  return text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH)}…` : text;
}

/** Origin and path of a Location: credentials, query and fragment can hold secrets. */
function withoutQuery(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    const cut = location.search(/[?#]/);
    return cut < 0 ? location : location.slice(0, cut);
  }
}

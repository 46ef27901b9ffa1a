/** What a `WWW-Authenticate: Bearer …` challenge tells a client (RFC 6750 §3, RFC 9728 §5.1). */
export interface BearerChallenge {
  /** RFC 9728: where the protected resource's metadata is. */
  resourceMetadata?: string;
  /** Scopes the resource wants for this request. */
  scope?: string;
  /** e.g. `invalid_token`, `insufficient_scope`. */
  error?: string;
}

// auth-param = token BWS "=" BWS ( token / quoted-string ), RFC 9110 §11.2.
const PARAM = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;

/** Reads the Bearer challenge of a WWW-Authenticate value; undefined when it has none. */
export function parseBearerChallenge(header: string | undefined): BearerChallenge | undefined {
  if (!header) return undefined;
  const start = header.search(/(^|[\s,])Bearer(\s|$)/i);
  if (start < 0) return undefined;
  const rest = header.slice(start).replace(/^[\s,]*Bearer\s*/i, '');
  // Parameters run until the next scheme (a token followed by a space and no "=").
  const next = rest.search(/,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+\s+[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*=/);
  const params = next >= 0 ? rest.slice(0, next) : rest;
  const challenge: BearerChallenge = {};
  for (const m of params.matchAll(PARAM)) {
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    switch (m[1].toLowerCase()) {
      case 'resource_metadata':
        challenge.resourceMetadata = value;
        break;
      case 'scope':
        challenge.scope = value;
        break;
      case 'error':
        challenge.error = value;
        break;
    }
  }
  return challenge;
}

import { ClientCredentialsAuth, type AuthObserver } from '../mcp/index.ts';
import type { McpTarget, SessionOptions } from '../mcp/index.ts';
import { registerHeaderSecrets } from '../secrets/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { MetricsRegistry } from './metrics/index.ts';
import { sharedAuthorization, type RunAuthorization } from './workers/shared-auth.ts';
import type { RunShare } from './workers/share.ts';

/** The session options of a virtual user: its rendered headers and its OAuth identity. */
export type SessionOptionsFor = (vu: number, iter: number, scenario: string) => SessionOptions;

export interface VuSessionOptions {
  forVu: SessionOptionsFor;
  /** Token fetches and rejections from now on are recorded in `registry` (the readiness wait comes before it). */
  record(registry: MetricsRegistry): void;
  /** What the user should know about authorization after the run. */
  warnings(): string[];
}

/**
 * Resolves once per run what differs between virtual users: the `{{templated}}` headers
 * (rendered once per session) and, with `auth:`, one token cache per identity shared by the VUs
 * dealt that identity. Tokens and rendered headers are registered as secrets (src/secrets), so
 * every output redacts them and the action masks them; nothing here records them.
 */
export function vuSessionOptions(scenario: Scenario, target: McpTarget, base: SessionOptions, share?: RunShare): VuSessionOptions {
  const templates = Object.entries(scenario.headerTemplates);
  let observer: AuthObserver | undefined;
  let held: ((index: number) => void) | undefined;
  const forward: AuthObserver = {
    tokenFetched: (ms, ok) => observer?.tokenFetched(ms, ok),
    unauthorized: () => observer?.unauthorized(),
    tokenHeld: (index) => held?.(index),
  };
  const settings = scenario.auth;
  const makeAuth = (): ClientCredentialsAuth => new ClientCredentialsAuth(target.url, { ...settings!, timeoutMs: scenario.timeoutMs }, forward);
  // With workers, the leader holds the tokens for all (engine/workers/shared-auth.ts).
  let auth: RunAuthorization | undefined;
  if (settings) auth = share ? sharedAuthorization(makeAuth, settings.identities.length, share, forward, (listener) => (held = listener)) : makeAuth();
  const record = (registry: MetricsRegistry): void => {
    if (auth) observer = authMetrics(registry);
  };
  const warnings = (): string[] =>
    auth?.notRequired
      ? [`auth: is configured but ${target.displayUrl} asked for no authorization (an unauthenticated request was not answered 401), so no token was sent`]
      : [];
  if (templates.length === 0 && !auth) return { forVu: () => base, record, warnings };
  const forVu: SessionOptionsFor = (vu, iter, name) => {
    const options: SessionOptions = { ...base };
    if (templates.length > 0) {
      const headers: Record<string, string> = { ...base.headers };
      for (const [header, render] of templates) {
        const value = render({ vu, iter, scenario: name });
        headers[header] = typeof value === 'string' ? value : JSON.stringify(value);
      }
      // A rendered header (a VU's token from a data set) is a credential like a configured one.
      registerHeaderSecrets(headers);
      options.headers = headers;
    }
    if (auth) options.authorization = auth.forVu(vu);
    return options;
  };
  return { forVu, record, warnings };
}

function authMetrics(registry: MetricsRegistry): AuthObserver {
  const ok = registry.counter('auth_token_fetches').handle({ outcome: 'ok' });
  const failed = registry.counter('auth_token_fetches').handle({ outcome: 'failed' });
  const duration = registry.trend('auth_token_fetch_duration').handle({});
  const rejections = registry.counter('auth_rejections').handle({});
  return {
    tokenFetched(durationMs, success) {
      (success ? ok : failed).add(1);
      duration.record(durationMs * 1000);
    },
    unauthorized: () => rejections.add(1),
  };
}

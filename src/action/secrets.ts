import * as core from '@actions/core';
import { registerHeaderSecrets, registerUrlSecrets, secrets as processSecrets, type SecretRegistry } from '../secrets/index.ts';

/**
 * The action's view of the process's secrets (src/secrets): each is masked in the log as soon as
 * it is known (`::add-mask::`, also URL-encoded, as the runner masks literally), and scrubbed from
 * every text the action writes (result, reports, comment) in case one slipped through.
 */
export class Secrets {
  private readonly masked = new Set<string>();

  constructor(private readonly registry: SecretRegistry = processSecrets) {
    registry.onRegister((secret) => {
      this.mask(secret);
      this.mask(encodeURIComponent(secret));
    });
  }

  private mask(value: string): void {
    if (this.masked.has(value)) return;
    this.masked.add(value);
    core.setSecret(value);
  }

  add(value: string | undefined): void {
    this.registry.register(value);
  }

  addFromUrl(url: string | undefined): void {
    registerUrlSecrets(url, this.registry);
  }

  addHeaders(headers: Readonly<Record<string, string>>): void {
    registerHeaderSecrets(headers, this.registry);
  }

  redactResult<T>(result: T): T {
    return this.registry.redactDeep(result);
  }

  redact(text: string): string {
    return this.registry.redact(text);
  }
}

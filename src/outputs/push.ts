import { loadUndici } from '../undici.ts';

const PUSH_TIMEOUT_MS = 10_000;
const ERROR_BODY_CHARS = 200;

/** POSTs one body to a receiver within a bounded time; resolves to undefined on a 2xx, else to why not. */
export async function push(url: string, body: Uint8Array, headers: Record<string, string>): Promise<string | undefined> {
  try {
    const response = await loadUndici().request(url, {
      method: 'POST',
      body,
      headers,
      headersTimeout: PUSH_TIMEOUT_MS,
      bodyTimeout: PUSH_TIMEOUT_MS,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    const text = await response.body.text();
    if (response.statusCode >= 200 && response.statusCode < 300) return undefined;
    const said = text
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .trim()
      .slice(0, ERROR_BODY_CHARS);
    return `HTTP ${response.statusCode}${said ? `: ${said}` : ''}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Live pushes one at a time, without blocking the caller: a sample that arrives while one is in
 * flight waits, and only the newest waiting batch is kept (the receiver wants the latest figures).
 */
export class PushQueue {
  private inFlight: Promise<void> | undefined;
  private waiting: (() => Promise<string | undefined>) | undefined;
  readonly failures: string[] = [];
  attempts = 0;

  enqueue(send: () => Promise<string | undefined>): void {
    this.waiting = send;
    if (this.inFlight === undefined) this.inFlight = this.drain();
  }

  /** Waits for what is in flight and waiting. */
  async settle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.waiting) {
      const send = this.waiting;
      this.waiting = undefined;
      this.attempts++;
      const failure = await send();
      if (failure !== undefined) this.failures.push(failure);
    }
    this.inFlight = undefined;
  }
}

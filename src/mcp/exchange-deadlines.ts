import { SlotSet } from './slot-set.ts';

/** What a deadline is kept for: an exchange with its due time (performance.now() ms), told when it passes. */
export interface Expiring {
  readonly deadline: number;
  expire(): void;
}

/** Node's timers can fire up to a millisecond before their time as performance.now() measures it. */
const EARLY_MS = 1;

/**
 * The deadlines of the exchanges on one dispatcher, kept with one timer rather than one per
 * request (autocannon's habit): a request only joins a set, and the timer is re-armed only for a
 * deadline earlier than the one it waits for. Requests that follow one another with the same
 * timeout never re-arm it; when it fires it expires what is due and waits for the earliest left.
 * The timer keeps the process alive only while some exchange waits.
 */
export class ExchangeDeadlines {
  private readonly pending = new SlotSet<Expiring>();
  private timer: NodeJS.Timeout | null = null;
  /** When the armed timer fires (Infinity: none armed). */
  private armedFor = Infinity;

  add(exchange: Expiring): void {
    this.pending.add(exchange);
    if (exchange.deadline < this.armedFor) this.arm(exchange.deadline);
    else if (this.pending.size === 1) this.timer?.ref();
  }

  /** A pending exchange's deadline moved (an answered SSE reply's grace): the timer is re-armed only if it is now earlier. */
  moved(exchange: Expiring): void {
    if (exchange.deadline < this.armedFor) this.arm(exchange.deadline);
  }

  remove(exchange: Expiring): void {
    if (this.pending.delete(exchange) && this.pending.size === 0) this.release();
  }

  private arm(at: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(fire, Math.max(0, at - performance.now()), this);
  }

  /** The timer fired: what is due expires (each leaves the set as it fails), the earliest left re-arms it. */
  fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = performance.now() + EARLY_MS;
    let next = Infinity;
    for (const exchange of this.pending.members()) {
      if (exchange.deadline <= now) {
        // One that an earlier one's expiry removed is no longer due.
        if (this.pending.delete(exchange)) exchange.expire();
      } else if (exchange.deadline < next) next = exchange.deadline;
    }
    if (next !== Infinity && next < this.armedFor) this.arm(next);
    if (this.pending.size === 0) this.release();
  }

  /** Nothing waits: an armed timer no longer keeps the process alive. */
  private release(): void {
    this.timer?.unref();
  }
}

function fire(deadlines: ExchangeDeadlines): void {
  deadlines.fire();
}

const byDispatcher = new WeakMap<object, ExchangeDeadlines>();

/** The deadlines of a dispatcher's exchanges (a connection's, or a pool's). */
export function deadlinesOf(dispatcher: object): ExchangeDeadlines {
  let deadlines = byDispatcher.get(dispatcher);
  if (deadlines === undefined) byDispatcher.set(dispatcher, (deadlines = new ExchangeDeadlines()));
  return deadlines;
}

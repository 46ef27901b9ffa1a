export interface GaugeSummary {
  /** Last value set. */
  value: number;
  min: number;
  max: number;
  /** Number of times the gauge was set; 0 means no data. */
  samples: number;
}

// Orders sets across sinks so that merging tag-set series keeps the most recent value.
let sequence = 0;

export class GaugeSink {
  value = 0;
  min = Infinity;
  max = -Infinity;
  samples = 0;
  lastSet = 0;

  set(value: number, order: number): void {
    this.value = value;
    this.lastSet = order;
    this.samples++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  isEmpty(): boolean {
    return this.samples === 0;
  }

  mergeFrom(other: GaugeSink): void {
    if (other.samples === 0) return;
    if (this.samples === 0 || other.lastSet >= this.lastSet) {
      this.value = other.value;
      this.lastSet = other.lastSet;
    }
    this.samples += other.samples;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    this.value = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.samples = 0;
    this.lastSet = 0;
  }

  dispose(): void {}

  summary(): GaugeSummary {
    if (this.samples === 0) return { value: 0, min: 0, max: 0, samples: 0 };
    return { value: this.value, min: this.min, max: this.max, samples: this.samples };
  }

  static fromSummary(summary: GaugeSummary): GaugeSink {
    const sink = new GaugeSink();
    if (summary.samples > 0) {
      sink.value = summary.value;
      sink.min = summary.min;
      sink.max = summary.max;
      sink.samples = summary.samples;
    }
    return sink;
  }
}

/**
 * Gauges describe state (how many VUs are running), not samples, so they are not gated by
 * warm-up: a value set during warm-up is still the current value once measuring starts.
 */
export class GaugeHandle {
  constructor(private readonly sinks: GaugeSink[]) {}

  set(value: number): void {
    const order = ++sequence;
    const sinks = this.sinks;
    for (let i = 0; i < sinks.length; i++) sinks[i].set(value, order);
  }
}

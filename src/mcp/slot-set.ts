/**
 * A set of objects that keeps its first member in a field and only the others in a Set. The hot
 * path's sets (a connection's exchanges waiting on its deadline timer, a session's requests in
 * flight) hold one member nearly always, a new object per call: a Set would make each one an
 * identity hash and write and clear a hash-table entry for it.
 */
export class SlotSet<T extends object> {
  private first: T | null = null;
  private rest: Set<T> | null = null;

  get size(): number {
    return (this.first === null ? 0 : 1) + (this.rest === null ? 0 : this.rest.size);
  }

  add(value: T): void {
    if (this.first === value || (this.rest !== null && this.rest.has(value))) return;
    if (this.first === null) this.first = value;
    else (this.rest ??= new Set()).add(value);
  }

  /** True when `value` was a member. */
  delete(value: T): boolean {
    if (this.first === value) {
      this.first = null;
      return true;
    }
    return this.rest !== null && this.rest.delete(value);
  }

  clear(): void {
    this.first = null;
    this.rest = null;
  }

  /** The members now, in a new array: the caller may add and delete while it walks them. */
  members(): T[] {
    const all = this.rest === null ? [] : [...this.rest];
    if (this.first !== null) all.unshift(this.first);
    return all;
  }
}

/**
 * A set of objects that keeps its first member in a field and only the others in a Set. The hot
 * path's sets (a connection's exchanges waiting on its deadline timer, a session's requests in
 * flight) hold one member nearly always, a new object per call: a Set would make each one an
 * identity hash and write and clear a hash-table entry for it.
 */
export declare class SlotSet<T extends object> {
    private first;
    private rest;
    get size(): number;
    add(value: T): void;
    /** True when `value` was a member. */
    delete(value: T): boolean;
    clear(): void;
    /** The members now, in a new array: the caller may add and delete while it walks them. */
    members(): T[];
}

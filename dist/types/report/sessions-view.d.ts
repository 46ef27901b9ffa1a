import type { Result } from '../results/index.ts';
/** One labelled figure, as every renderer lists it. */
export interface LifecycleFact {
    label: string;
    value: string;
}
/** Per upstream instance, formatted; instance names are untrusted plain text (each renderer escapes them). */
export interface InstanceRowView {
    instance: string;
    requests: string;
    share: string;
    httpFailed: string;
    calls: string;
    errors: string;
    p50: string;
    p95: string;
    sessions: string;
}
export interface InstancesView {
    rows: InstanceRowView[];
    /** How sessions moved between instances, and what the table leaves out (unattributed requests, folded instances). */
    notes: string[];
}
/** The sessions' lifecycle for the three reports: created, lost (status, age, calls), re-initialised (attempts, successes), closed, leaked. */
export declare function sessionLifecycleFacts(result: Result): LifecycleFact[];
/** The per-instance table; undefined when no response named the instance that served it. */
export declare function instancesView(result: Result): InstancesView | undefined;

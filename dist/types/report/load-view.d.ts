import { type ScenarioSpecEcho } from '../scenario/index.ts';
/**
 * One scenario's load and flow in words, for every renderer: the executor's own description
 * (src/scenario/executors/) with the common options. `name` and each step's `subject` come from the
 * scenario file and are untrusted; the rest are our words and numbers.
 */
export interface LoadView {
    name: string;
    executor: string;
    /** e.g. `0 → 20 → 0 VUs over 20s` */
    summary: string;
    stages: {
        n: number;
        duration: string;
        target: string;
    }[];
    options: {
        label: string;
        value: string;
    }[];
    session: string;
    flow: FlowStepView[];
}
/** `call` + `send_sms`, or `think 100ms–300ms` alone. */
export interface FlowStepView {
    label: string;
    subject?: string;
}
export declare function loadViews(scenarios: readonly ScenarioSpecEcho[]): LoadView[];

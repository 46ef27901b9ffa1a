import { describeExecutor, formatDuration, type ScenarioSpecEcho, type StepEcho } from '../scenario/index.ts';

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
  stages: { n: number; duration: string; target: string }[];
  options: { label: string; value: string }[];
  session: string;
  flow: FlowStepView[];
}

/** `call` + `send_sms`, or `think 100ms–300ms` alone. */
export interface FlowStepView {
  label: string;
  subject?: string;
}

export function loadViews(scenarios: readonly ScenarioSpecEcho[]): LoadView[] {
  return scenarios.map(loadView);
}

function loadView(spec: ScenarioSpecEcho): LoadView {
  const description = describeExecutor(spec);
  const options = [...description.options];
  if (spec.startTimeMs > 0) options.push({ label: 'startTime', value: formatDuration(spec.startTimeMs) });
  options.push({ label: 'gracefulStop', value: formatDuration(spec.gracefulStopMs) });
  return {
    name: spec.name,
    executor: spec.executor,
    summary: description.summary,
    stages: description.stages.map((stage, i) => ({ n: i + 1, ...stage })),
    options,
    session: spec.session,
    flow: spec.flow.map(stepView),
  };
}

function stepView(step: StepEcho): FlowStepView {
  if (step.kind !== 'think') return { label: step.kind, subject: step.name };
  const t = step.think;
  if (t.kind === 'constant') return { label: `think ${formatDuration(t.ms)}` };
  if (t.kind === 'uniform') return { label: `think ${formatDuration(t.minMs)}–${formatDuration(t.maxMs)}` };
  return { label: `think exponential, mean ${formatDuration(t.meanMs)}` };
}

import { readChecks } from './checks.ts';
import { show, type Issues, type Path } from './errors.ts';
import { isPlainMap, MapReader } from './fields.ts';
import { didYouMean } from './suggest.ts';
import { compileArgs, compileTemplate, TemplateError, type DataRows } from './templates.ts';
import { compileThink, readThinkTime } from './think.ts';
import type { FlowStep, Render, RenderContext, StepKind } from './types.ts';

export const STEP_KINDS = ['initialize', 'list', 'call', 'read', 'prompt', 'ping', 'think'] as const satisfies readonly StepKind[];

/** Keys a step may have besides its kind. */
export const STEP_OPTIONS: Readonly<Record<StepKind, readonly string[]>> = {
  initialize: ['name', 'check'],
  list: ['name', 'check'],
  call: ['args', 'name', 'check'],
  read: ['name', 'check'],
  prompt: ['args', 'name', 'check'],
  ping: ['name', 'check'],
  think: ['name'],
};

export const LIST_TARGETS = ['tools', 'resources', 'prompts'] as const;

/** Steps that need no value, so `- ping` is as good as `- ping: true`. */
const BARE_STEPS: readonly StepKind[] = ['initialize', 'ping'];

const EXAMPLES: Readonly<Record<StepKind, string>> = {
  initialize: '- initialize',
  list: '- list: tools',
  call: '- call: send_sms',
  read: '- read: file:///README.md',
  prompt: '- prompt: summarize',
  ping: '- ping',
  think: '- think: 5s..10s',
};

interface StepSource {
  value: unknown;
  raw: unknown;
  path: Path;
  issues: Issues;
  data: DataRows;
}

/** Reads `flow:`; `raw` is the same list before `${ENV}` interpolation (kept for echoes). */
export function readFlow(value: unknown, raw: unknown, path: Path, issues: Issues, data: DataRows): FlowStep[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(path, `must be a non-empty list of steps, got ${show(value)} (e.g. - call: send_sms)`);
    return [];
  }
  const rawSteps = Array.isArray(raw) ? raw : [];
  const steps: FlowStep[] = [];
  value.forEach((item, index) => {
    const step = readStep({ value: item, raw: rawSteps[index], path: [...path, index], issues, data });
    if (!step) return;
    if (step.kind === 'initialize' && index > 0) {
      issues.add([...path, index], 'initialize must be the first step (without it, the session is initialized implicitly)');
    }
    steps.push(step);
  });
  return steps;
}

function readStep(source: StepSource): FlowStep | undefined {
  const { value, path, issues } = source;
  if (typeof value === 'string') {
    if (BARE_STEPS.includes(value as StepKind)) {
      return buildStep(value as StepKind, { ...source, value: { [value]: true }, raw: {} });
    }
    if ((STEP_KINDS as readonly string[]).includes(value)) {
      issues.add(path, `"${value}" needs a value, e.g. ${EXAMPLES[value as StepKind]}`);
    } else {
      issues.add(path, `unknown step ${show(value)}${didYouMean(value, STEP_KINDS) || `; steps: ${STEP_KINDS.join(', ')}`}`);
    }
    return undefined;
  }
  if (!isPlainMap(value)) {
    issues.add(path, `must be a step, got ${show(value)} (e.g. - call: send_sms)`);
    return undefined;
  }
  const kinds = STEP_KINDS.filter((kind) => Object.hasOwn(value, kind));
  if (kinds.length === 1) return buildStep(kinds[0], source);
  if (kinds.length > 1) {
    issues.add(path, `has ${kinds.join(' and ')}; a step does exactly one thing (split it into several steps)`);
    return undefined;
  }
  const r = MapReader.open(value, path, issues)!;
  const before = issues.count;
  r.allowOnly([...STEP_KINDS, 'args', 'name', 'check']);
  if (issues.count === before) issues.add(path, `needs one of ${STEP_KINDS.join(', ')} (e.g. - call: send_sms)`);
  return undefined;
}

function buildStep(kind: StepKind, source: StepSource): FlowStep | undefined {
  const { path, issues, data } = source;
  const r = MapReader.open(source.value, path, issues)!;
  r.allowOnly([kind, ...STEP_OPTIONS[kind]], `a ${kind} step takes`);
  const rawStep = isPlainMap(source.raw) ? source.raw : {};
  const name = (fallback: string) => (r.has('name') ? r.string('name') : fallback);
  const checks = (stepName: string) => (r.has('check') ? readChecks(r.get('check'), r.at('check'), issues, stepName) : []);

  switch (kind) {
    case 'initialize':
    case 'ping': {
      const flag = r.get(kind);
      if (flag !== true && flag !== null && !(isPlainMap(flag) && Object.keys(flag).length === 0)) {
        issues.add(r.at(kind), `takes no value, got ${show(flag)} (write ${EXAMPLES[kind]})`);
      }
      const stepName = name(kind);
      return { kind, name: stepName, checks: checks(stepName) };
    }
    case 'list': {
      const what = r.oneOf('list', LIST_TARGETS, 'tools');
      const stepName = name(`${what}/list`);
      return { kind, what, name: stepName, checks: checks(stepName) };
    }
    case 'call': {
      const tool = requiredText(r, 'call', 'the tool name');
      const stepName = name(tool);
      return {
        kind,
        tool,
        args: rawStep.args ?? {},
        render: readArgs(r, data),
        name: stepName,
        checks: checks(stepName),
      };
    }
    case 'read': {
      const uri = requiredText(r, 'read', 'the resource URI');
      const render = compileText(uri, r.at('read'), issues, data);
      // The URI as written (templates and ${VARS} unexpanded) names the step and appears in echoes.
      const written = typeof rawStep.read === 'string' ? rawStep.read : uri;
      const stepName = name(written);
      return { kind, uri: written, render, name: stepName, checks: checks(stepName) };
    }
    case 'prompt': {
      const prompt = requiredText(r, 'prompt', 'the prompt name');
      const stepName = name(prompt);
      const args = readArgs(r, data);
      const render = (ctx: RenderContext) => stringValues(args(ctx) as Record<string, unknown>);
      return { kind, prompt, args: rawStep.args ?? {}, render, name: stepName, checks: checks(stepName) };
    }
    case 'think': {
      const think = readThinkTime(r.get('think'), r.at('think'), issues) ?? { kind: 'constant', ms: 0 };
      return { kind, think, sample: compileThink(think), name: name('think') };
    }
  }
}

function requiredText(r: MapReader, key: string, what: string): string {
  const text = r.string(key);
  if (text === '' && typeof r.get(key) === 'string') r.issues.add(r.at(key), `${what} is empty`);
  return text;
}

function readArgs(r: MapReader, data: DataRows): Render {
  if (!r.has('args')) return () => ({});
  const args = r.get('args');
  if (!isPlainMap(args)) {
    r.issues.add(r.at('args'), `must be a map of argument names to values, got ${show(args)}`);
    return () => ({});
  }
  return compileArgs(args, data, (p, message) => r.issues.add([...r.at('args'), ...p], message));
}

function compileText(text: string, path: Path, issues: Issues, data: DataRows): (ctx: RenderContext) => string {
  try {
    const render = compileTemplate(text, data);
    return (ctx) => {
      const value = render(ctx);
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    issues.add(path, error.message);
    return () => text;
  }
}

function stringValues(args: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(args)) {
    const value = args[key];
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

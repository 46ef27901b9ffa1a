/** A path into the scenario document, e.g. ['scenarios', 'agents', 'stages', 1, 'duration']. */
export type Path = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

/** One problem found in a scenario file; `line`/`column` are 1-based and absent when unknown. */
export interface ScenarioIssue {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending key, e.g. `scenarios.agents.stages[1].duration`; '' for the whole file. */
  path: string;
  message: string;
}

const MAX_REPORTED = 50;

/** Every problem found while loading a scenario, one per line: `file:line:column: path: message`. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    const shown = issues.slice(0, MAX_REPORTED).map(formatIssue);
    if (issues.length > MAX_REPORTED) shown.push(`... and ${issues.length - MAX_REPORTED} more problems`);
    super(shown.join('\n'));
    this.issues = issues;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return [where, issue.path, issue.message].filter(Boolean).join(': ');
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Renders a user-supplied value for an error message: strings quoted, collections named. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A problem waiting for its source position; `at` says whether to point at the key or its value. */
export interface PendingIssue {
  path: Path;
  message: string;
  at: 'key' | 'value';
  position?: SourcePosition;
}

/** Collects problems so that one load reports all of them, not just the first. */
export class Issues {
  readonly list: PendingIssue[] = [];
  /**
   * Paths (formatPath) whose value was written with a `${VAR}` reference: such a string is
   * coerced where the schema expects a number or boolean (`vus: ${VUS:-2}`), and nowhere else.
   */
  readonly interpolated = new Set<string>();

  add(path: Path, message: string, at: 'key' | 'value' = 'value'): void {
    this.list.push({ path, message, at });
  }

  addAt(position: SourcePosition, message: string): void {
    this.list.push({ path: [], message, at: 'value', position });
  }

  get count(): number {
    return this.list.length;
  }
}

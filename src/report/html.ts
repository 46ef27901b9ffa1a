import type { History, Comparison } from '../compare/index.ts';
import { createHash } from 'node:crypto';
import type { TemplateDelegate } from 'handlebars';
// The runtime only: the templates are precompiled into html-assets.generated.ts.
import HandlebarsRuntime from 'handlebars/runtime.js';
import type { Result } from '../results/index.ts';
import { REPORT_CSS, REPORT_PARTIALS, REPORT_SCRIPT, REPORT_TEMPLATE, UPLOT_CSS, UPLOT_SCRIPT } from './html-assets.generated.ts';
import { buildHtmlView, type HtmlView } from './html-view.ts';

export interface HtmlReportOptions {
  /** Earlier runs of the workload (oldest first): their figures are charted with this run last. */
  history?: History;
  /** A previous run: its key figures and curves are shown beside this run's. */
  baseline?: Result;
  /** The comparison with the baseline: the same verdicts and headline as summary.md. */
  comparison?: Comparison;
}

interface TemplateContext {
  view: HtmlView;
  csp: string;
  chartJson: string;
  uplotCss: string;
  reportCss: string;
  uplotJs: string;
  reportJs: string;
}

let compiled: TemplateDelegate<TemplateContext> | undefined;

/** `report.html`: one self-contained file (styles, uPlot and chart data inline) that opens with no network. */
export function renderHtmlReport(result: Result, options: HtmlReportOptions = {}): string {
  const view = buildHtmlView(result, options.baseline, options.comparison, options.history);
  compiled ??= compile();
  return compiled({
    view,
    csp: CONTENT_SECURITY_POLICY,
    chartJson: scriptJson({ charts: view.charts }),
    uplotCss: UPLOT_CSS,
    reportCss: REPORT_CSS,
    uplotJs: UPLOT_SCRIPT,
    reportJs: REPORT_SCRIPT,
  });
}

function compile(): TemplateDelegate<TemplateContext> {
  // An isolated environment: no helpers or partials registered elsewhere leak in.
  const hbs = (HandlebarsRuntime as unknown as typeof import('handlebars')).create();
  for (const [name, spec] of Object.entries(REPORT_PARTIALS)) hbs.registerPartial(name, hbs.template(spec));
  return hbs.template<TemplateContext>(REPORT_TEMPLATE);
}

/**
 * Nothing but the two inline scripts may run (by hash: an injected handler or script would not),
 * and nothing may be fetched: the report needs no network, and a hostile result cannot make it call out.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${[UPLOT_SCRIPT, REPORT_SCRIPT].map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ')}`,
  "style-src 'unsafe-inline'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** JSON that cannot end its <script> element or be misread around it: <, >, & and U+2028/9 escaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

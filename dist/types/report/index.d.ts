export { buildReportView, runFailed, type ReportView, type ViewInput } from './view.ts';
export { renderTerminalSummary } from './terminal.ts';
export { renderMarkdown, commentMarker, type MarkdownOptions } from './markdown.ts';
export { renderHtmlReport, type HtmlReportOptions } from './html.ts';
export { renderComparison } from './comparison-terminal.ts';
export { renderCapacityTerminal } from './capacity-view.ts';
export { renderProgressLine, throttledProgress } from './progress.ts';

import type { ResilienceView } from './resilience-view.ts';
/** The PR comment's availability line and events table (every string escaped: command output is untrusted). */
export declare function resilienceMarkdown(view: ResilienceView): string[];

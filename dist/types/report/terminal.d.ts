import { type Result } from '../results/index.ts';
import { type ViewInput } from './view.ts';
/**
 * k6's end-of-test summary, after the verdict and the findings: THRESHOLDS, then TOTAL RESULTS
 * grouped as CHECKS, MCP, SESSIONS, HTTP, EXECUTION, NETWORK.
 */
export declare function renderTerminalSummary(result: Result, input?: ViewInput): string;

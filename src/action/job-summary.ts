import * as core from '@actions/core';

/** The Markdown report as the step's job summary; a runner without one (local runs) only gets a warning. */
export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (err) {
    core.warning(`mcp-load: no job summary written (${(err as Error).message})`);
  }
}

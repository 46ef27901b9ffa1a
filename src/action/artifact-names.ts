/** What a run uploads, and what later runs look for. */
export interface ArtifactNames {
  /** The zip of result.json, report.html, summary.md (and pull-request.json on pull requests). */
  results: string;
  /** The HTML report uploaded alone, unzipped: the comment links to it. */
  report: string;
  /** The last runs of the baseline branch and schedules, for the history-band comparison. */
  history: string;
}

export const FILES = {
  result: 'result.json',
  report: 'report.html',
  summary: 'summary.md',
  /** Which pull request a result is for: the fork-safe comment workflow reads it. */
  pullRequest: 'pull-request.json',
  history: 'history.json',
} as const;

/**
 * Defaults from the scenario id (and the shard, so that the jobs of a sharded matrix upload apart
 * and each finds its own slice's baseline: `mcp-load-agents-shard-2-of-4`); a custom artifact-name
 * (say, per matrix job) names the others too.
 */
export function artifactNames(scenarioId: string, artifactName?: string, shard?: { index: number; count: number }): ArtifactNames {
  const slice = shard === undefined ? '' : `-shard-${shard.index}-of-${shard.count}`;
  const results = artifactName ?? `mcp-load-${scenarioId}${slice}`;
  return {
    results,
    report: `${results}.html`,
    history: artifactName === undefined ? `mcp-load-history-${scenarioId}${slice}` : `${artifactName}-history`,
  };
}

import { DefaultArtifactClient } from '@actions/artifact';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Repo } from './context.ts';

/**
 * Artifacts through @actions/artifact: this run's uploads (with the runner's runtime token), and
 * other runs' artifacts (through the REST API with the workflow token, which needs `actions: read`).
 */
export class ArtifactStore {
  private readonly client = new DefaultArtifactClient();

  constructor(
    private readonly token: string,
    private readonly repo: Repo,
  ) {}

  /** Whether this runner can upload: `act` and other local runners have no artifact service. */
  static available(env: NodeJS.ProcessEnv = process.env): boolean {
    return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
  }

  /** A zip of `files` (paths under `rootDirectory`); returns the artifact id. */
  async uploadZip(name: string, files: readonly string[], rootDirectory: string): Promise<number> {
    const { id } = await this.client.uploadArtifact(name, [...files], rootDirectory);
    return requireId(id, name);
  }

  /** One file as is, not zipped, so that a browser opens it from its link; the artifact takes the file's name. */
  async uploadFile(file: string): Promise<number> {
    const { id } = await this.client.uploadArtifact(basename(file), [file], dirname(file), { skipArchive: true });
    return requireId(id, basename(file));
  }

  /** A run's artifacts by name (the newest of each name). */
  async list(runId: number): Promise<Map<string, number>> {
    // Listing rather than getArtifact: that one logs a warning annotation for a missing artifact, which is no fault here.
    const { artifacts } = await this.client.listArtifacts({ latest: true, findBy: this.findBy(runId) });
    return new Map(artifacts.map((a) => [a.name, a.id]));
  }

  /** Downloads a run's artifact into `directory` (a zip is unpacked). */
  async download(artifactId: number, runId: number, directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    await this.client.downloadArtifact(artifactId, { path: directory, findBy: this.findBy(runId) });
  }

  private findBy(workflowRunId: number) {
    return { token: this.token, workflowRunId, repositoryOwner: this.repo.owner, repositoryName: this.repo.repo };
  }
}

/** Where a reviewer opens an artifact (a single-file one opens in the browser). */
export function artifactUrl(serverUrl: string, repo: Repo, runId: number, artifactId: number): string {
  return `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}/artifacts/${artifactId}`;
}

function requireId(id: number | undefined, name: string): number {
  if (id === undefined) throw new Error(`artifact ${name}: the upload returned no id`);
  return id;
}

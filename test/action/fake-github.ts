// A local stand-in for the parts of GitHub the action talks to, recording what it is sent:
// - the REST API (GITHUB_API_URL): /user, issue comments (paged with Link headers), workflow runs,
//   run artifacts and their download redirects, pull requests, the repository;
// - the artifact service @actions/artifact v6 uses (ACTIONS_RESULTS_URL): the Twirp methods
//   CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL;
// - the Azure Blob Storage endpoint its signed upload URL points to (Put Block, Put Block List),
//   and the signed download URLs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenSpec {
  /** Who the token comments as. */
  login: string;
  /** GET /user answers 403, as it does for a GITHUB_TOKEN. */
  installationToken?: boolean;
  /** 403 on creating or updating comments, as for a fork pull request's token. */
  readOnly?: boolean;
}

export interface FakeComment {
  id: number;
  body: string;
  login: string;
}

export interface FakeRun {
  id: number;
  workflowId: number;
  event: string;
  headBranch: string;
  headSha?: string;
  conclusion: 'success' | 'failure' | null;
  headRepository?: string;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  contentType: string;
  content: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  token?: string;
}

interface PendingUpload {
  runId: number;
  name: string;
  contentType: string;
  blocks: Map<string, Buffer>;
  content?: Buffer;
}

export const OWNER = 'octo';
export const REPO = 'mcp-app';

/** JWT-shaped runtime token whose scope names the run: the artifact client reads its backend ids from it. */
export function runtimeToken(runId: number): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:run-${runId}:job-${runId}` })}.sig`;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  tokens = new Map<string, TokenSpec>();
  comments = new Map<number, FakeComment[]>();
  runs: FakeRun[] = [];
  artifacts: FakeArtifact[] = [];
  pulls = new Map<number, { headSha: string; baseRef: string }>();
  defaultBranch = 'main';
  /** Comments per page, whatever per_page asks: small, so that a few comments span pages. */
  commentsPageSize = 100;
  private nextId = 1000;
  private uploads = new Map<string, PendingUpload>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Forgets everything but the tokens: one test's state does not leak into the next. */
  reset(): void {
    this.requests.length = 0;
    this.comments.clear();
    this.runs = [];
    this.artifacts = [];
    this.pulls.clear();
    this.uploads.clear();
    this.commentsPageSize = 100;
  }

  addComment(issue: number, login: string, body: string): FakeComment {
    const comment = { id: this.nextId++, login, body };
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), comment]);
    return comment;
  }

  /** Requests of a method whose path matches. */
  sent(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  artifactsOf(runId: number): FakeArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    const auth = req.headers.authorization?.replace(/^(token|bearer)\s+/i, '');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body: raw.toString('utf8'), ...(auth ? { token: auth } : {}) });
    try {
      if (url.pathname.startsWith('/twirp/')) return this.twirp(url.pathname.split('/').pop() ?? '', JSON.parse(raw.toString('utf8') || '{}'), res);
      if (url.pathname.startsWith('/devstoreaccount1/')) return this.blob(method, url, raw, res);
      if (url.pathname.startsWith('/download/')) return this.downloadBlob(url, res);
      return this.rest(method, url, raw, auth, res);
    } catch (err) {
      json(res, 500, { message: (err as Error).message });
    }
  }

  // --- REST --------------------------------------------------------------------------------

  private rest(method: string, url: URL, raw: Buffer, token: string | undefined, res: ServerResponse): void {
    const spec = token === undefined ? undefined : this.tokens.get(token);
    if (!spec) return json(res, 401, { message: 'Bad credentials' });
    const repo = `/repos/${OWNER}/${REPO}`;
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/user') {
      if (spec.installationToken) return json(res, 403, { message: 'Resource not accessible by integration' });
      return json(res, 200, { login: spec.login, type: 'User' });
    }
    if (method === 'GET' && path === repo) return json(res, 200, { name: REPO, default_branch: this.defaultBranch });
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path.slice(repo.length))) && path.startsWith(repo)) {
      const issue = Number(m[1]);
      if (method === 'GET') return this.listComments(url, issue, res);
      if (method === 'POST') {
        if (spec.readOnly) return json(res, 403, { message: 'Resource not accessible by integration' });
        const comment = this.addComment(issue, spec.login, JSON.parse(raw.toString('utf8')).body);
        return json(res, 201, this.commentJson(issue, comment));
      }
    }
    if (method === 'PATCH' && (m = new RegExp(`^${repo}/issues/comments/(\\d+)$`).exec(path))) {
      if (spec.readOnly) return json(res, 403, { message: 'Resource not accessible by integration' });
      for (const [issue, comments] of this.comments) {
        const comment = comments.find((c) => c.id === Number(m![1]));
        if (comment) {
          comment.body = JSON.parse(raw.toString('utf8')).body;
          return json(res, 200, this.commentJson(issue, comment));
        }
      }
      return json(res, 404, { message: 'Not Found' });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/pulls/(\\d+)$`).exec(path))) {
      const pull = this.pulls.get(Number(m[1]));
      if (!pull) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, { number: Number(m[1]), state: 'open', head: { sha: pull.headSha }, base: { ref: pull.baseRef } });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/actions/runs/(\\d+)$`).exec(path))) {
      const run = this.runs.find((r) => r.id === Number(m![1]));
      if (!run) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, this.runJson(run));
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/actions/workflows/([^/]+)/runs$`).exec(path))) {
      const workflow = decodeURIComponent(m[1]);
      const branch = url.searchParams.get('branch');
      const status = url.searchParams.get('status');
      const runs = this.runs
        .filter((r) => String(r.workflowId) === workflow)
        .filter((r) => branch === null || r.headBranch === branch)
        .filter((r) => status === null || r.conclusion === status)
        .sort((a, b) => b.id - a.id)
        .slice(0, Number(url.searchParams.get('per_page') ?? 30));
      return json(res, 200, { total_count: runs.length, workflow_runs: runs.map((r) => this.runJson(r)) });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/actions/runs/(\\d+)/artifacts$`).exec(path))) {
      const name = url.searchParams.get('name');
      const artifacts = this.artifactsOf(Number(m[1])).filter((a) => name === null || a.name === name);
      return json(res, 200, {
        total_count: artifacts.length,
        artifacts: artifacts.map((a) => ({ id: a.id, name: a.name, size_in_bytes: a.content.length, created_at: new Date().toISOString(), digest: null })),
      });
    }
    if (method === 'GET' && (m = new RegExp(`^${repo}/actions/artifacts/(\\d+)/zip$`).exec(path))) {
      const artifact = this.artifacts.find((a) => a.id === Number(m![1]));
      if (!artifact) return json(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: `${this.url}/download/${artifact.id}?sig=download-signature` }).end();
      return;
    }
    json(res, 404, { message: `fake GitHub: no route for ${method} ${path}` });
  }

  private listComments(url: URL, issue: number, res: ServerResponse): void {
    const all = this.comments.get(issue) ?? [];
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.commentsPageSize);
    const page = Number(url.searchParams.get('page') ?? 1);
    const pages = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number): string => {
      const next = new URL(url);
      next.searchParams.set('page', String(p));
      next.searchParams.set('per_page', String(perPage));
      return `<${next.href}>`;
    };
    const links: string[] = [];
    if (page < pages) links.push(`${link(page + 1)}; rel="next"`, `${link(pages)}; rel="last"`);
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
    json(
      res,
      200,
      all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(issue, c)),
      headers,
    );
  }

  private commentJson(issue: number, c: FakeComment): object {
    return {
      id: c.id,
      body: c.body,
      user: { login: c.login, type: c.login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${issue}#issuecomment-${c.id}`,
    };
  }

  private runJson(run: FakeRun): object {
    return {
      id: run.id,
      workflow_id: run.workflowId,
      event: run.event,
      head_branch: run.headBranch,
      head_sha: run.headSha ?? 'f'.repeat(40),
      status: 'completed',
      conclusion: run.conclusion,
      created_at: new Date(run.id * 1000).toISOString(),
      head_repository: { full_name: run.headRepository ?? `${OWNER}/${REPO}` },
    };
  }

  // --- Artifact service (Twirp) ------------------------------------------------------------

  private twirp(method: string, body: Record<string, unknown>, res: ServerResponse): void {
    const runId = Number(String(body.workflow_run_backend_id ?? '').replace('run-', ''));
    switch (method) {
      case 'CreateArtifact': {
        const name = String(body.name);
        if (this.artifactsOf(runId).some((a) => a.name === name))
          return json(res, 409, { code: 'already_exists', msg: `an artifact named ${name} already exists` });
        const key = `${runId}-${Buffer.from(name).toString('hex')}`;
        // Wrapper types (google.protobuf.StringValue) are plain JSON values in proto3 JSON.
        const contentType = typeof body.mime_type === 'string' ? body.mime_type : 'application/octet-stream';
        this.uploads.set(key, { runId, name, contentType, blocks: new Map() });
        return json(res, 200, { ok: true, signed_upload_url: `${this.url}/devstoreaccount1/actions-results/${key}?sig=upload-signature&sv=2024-01-01` });
      }
      case 'FinalizeArtifact': {
        const key = `${runId}-${Buffer.from(String(body.name)).toString('hex')}`;
        const upload = this.uploads.get(key);
        if (!upload?.content) return json(res, 404, { code: 'not_found', msg: 'nothing uploaded' });
        const artifact = { id: this.nextId++, runId, name: upload.name, contentType: upload.contentType, content: upload.content };
        this.artifacts.push(artifact);
        this.uploads.delete(key);
        return json(res, 200, { ok: true, artifact_id: String(artifact.id) });
      }
      case 'ListArtifacts': {
        const nameFilter = body.name_filter as string | undefined;
        const idFilter = body.id_filter === undefined ? undefined : String(body.id_filter);
        const artifacts = this.artifactsOf(runId)
          .filter((a) => nameFilter === undefined || a.name === nameFilter)
          .filter((a) => idFilter === undefined || String(a.id) === idFilter);
        return json(res, 200, {
          artifacts: artifacts.map((a) => ({
            workflow_run_backend_id: `run-${a.runId}`,
            workflow_job_run_backend_id: `job-${a.runId}`,
            database_id: String(a.id),
            name: a.name,
            size: String(a.content.length),
          })),
        });
      }
      case 'GetSignedArtifactURL': {
        const artifact = this.artifactsOf(runId).find((a) => a.name === body.name);
        if (!artifact) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
        return json(res, 200, { signed_url: `${this.url}/download/${artifact.id}?sig=download-signature` });
      }
      default:
        return json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  // --- Blob storage ------------------------------------------------------------------------

  private blob(method: string, url: URL, raw: Buffer, res: ServerResponse): void {
    const key = url.pathname.split('/').pop() ?? '';
    const upload = this.uploads.get(key);
    if (!upload || method !== 'PUT') {
      res.writeHead(404, { 'x-ms-error-code': 'BlobNotFound' }).end();
      return;
    }
    const comp = url.searchParams.get('comp');
    const done = { etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'x-ms-request-id': 'fake', 'x-ms-version': '2024-01-01' };
    if (comp === 'block') {
      upload.blocks.set(url.searchParams.get('blockid') ?? '', raw);
      res.writeHead(201, { ...done, 'x-ms-request-server-encrypted': 'true' }).end();
    } else if (comp === 'blocklist') {
      const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]);
      upload.content = Buffer.concat(ids.map((id) => upload.blocks.get(id) ?? Buffer.alloc(0)));
      res.writeHead(201, done).end();
    } else {
      upload.content = raw;
      res.writeHead(201, done).end();
    }
  }

  private downloadBlob(url: URL, res: ServerResponse): void {
    const artifact = this.artifacts.find((a) => a.id === Number(url.pathname.split('/').pop()));
    if (!artifact) {
      res.writeHead(404).end();
      return;
    }
    const zip = artifact.contentType === 'application/zip';
    res
      .writeHead(200, {
        'content-type': artifact.contentType,
        'content-length': artifact.content.length,
        ...(zip ? {} : { 'content-disposition': `attachment; filename="${artifact.name}"` }),
      })
      .end(artifact.content);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/**
 * A stand-in for the GitHub REST API's deployment endpoints, on 127.0.0.1 (node:http), because no
 * GitHub can be reached from these machines. It keeps deployments and statuses in memory, records
 * every request, and CHECKS each request against the documented shapes
 * (https://docs.github.com/en/rest/deployments/deployments, .../deployments/statuses):
 *
 *   POST /repos/{owner}/{repo}/deployments                      -> 201 deployment
 *   GET  /repos/{owner}/{repo}/deployments?environment=&sha=&ref=&task=&per_page=&page=   (newest first)
 *   POST /repos/{owner}/{repo}/deployments/{id}/statuses        -> 201 status
 *   GET  /repos/{owner}/{repo}/deployments/{id}/statuses?per_page=&page=                  (newest first)
 *
 * Checked: the Authorization header (`token T` or `Bearer T`, 401 otherwise, as GitHub answers bad
 * credentials), the Accept header (a GitHub JSON media type), X-GitHub-Api-Version when sent, the
 * JSON body: required fields, field types, allowed `state` values, description length (140 for
 * statuses). Stricter than GitHub in one way, on purpose: fields the docs do not list are refused,
 * so a misspelt field fails a test instead of being ignored. Shape errors answer 422 with a
 * GitHub-style {message, errors, documentation_url}.
 *
 * GitHub's documented side effect is modelled too: a `success` status with auto_inactive (default
 * true) marks the prior non-transient, non-production deployments of the same environment whose
 * latest status is success as inactive. Production ones are left alone, as on GitHub.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  statuses: FakeStatus[];
}

export interface FakeStatus {
  id: number;
  state: string;
  description: string;
  environment: string;
  log_url: string;
  environment_url: string;
  /** True when GitHub (auto_inactive), not the client, added this status. */
  auto: boolean;
  created_at: string;
}

export interface Failure {
  status: number;
  message: string;
  /** Only requests for which this is true fail; default: all. */
  when?: (method: string, path: string) => boolean;
}

export interface FakeGitHub {
  /** Base URL to give the client as apiUrl (http://127.0.0.1:PORT). */
  url: string;
  token: string;
  requests: RecordedRequest[];
  deployments: FakeDeployment[];
  /** Latest status state of a deployment (undefined: none yet). */
  latestState(id: number): string | undefined;
  /** Make matching requests fail with this status and message until cleared with fail(undefined). */
  fail(failure: Failure | undefined): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/deployments';
export const STATUS_STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'] as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: unknown[] = [],
  ) {
    super(message);
  }
}

type Checker = (v: unknown) => boolean;
const isString: Checker = (v) => typeof v === 'string';
const isBool: Checker = (v) => typeof v === 'boolean';
const isNullableString: Checker = (v) => v === null || typeof v === 'string';

const DEPLOYMENT_FIELDS: Record<string, Checker> = {
  ref: isString,
  task: isString,
  auto_merge: isBool,
  required_contexts: (v) => Array.isArray(v) && v.every(isString),
  payload: (v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)),
  environment: isString,
  description: isNullableString,
  transient_environment: isBool,
  production_environment: isBool,
};

const STATUS_FIELDS: Record<string, Checker> = {
  state: (v) => typeof v === 'string' && (STATUS_STATES as readonly string[]).includes(v),
  target_url: isString,
  log_url: isString,
  description: (v) => typeof v === 'string' && v.length <= 140,
  environment: isString,
  environment_url: isString,
  auto_inactive: isBool,
};

function checkBody(body: unknown, fields: Record<string, Checker>, required: string[], resource: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'Problems parsing JSON');
  const b = body as Record<string, unknown>;
  const errors: unknown[] = [];
  for (const f of required) if (b[f] === undefined) errors.push({ resource, field: f, code: 'missing_field' });
  for (const [k, v] of Object.entries(b)) {
    const check = fields[k];
    if (!check) errors.push({ resource, field: k, code: 'unexpected_field' });
    else if (v !== undefined && !check(v)) errors.push({ resource, field: k, code: 'invalid', value: v });
  }
  if (errors.length > 0) throw new HttpError(422, 'Validation Failed', errors);
  return b;
}

export async function startFakeGitHub(opts: { token?: string; owner?: string; repo?: string } = {}): Promise<FakeGitHub> {
  const token = opts.token ?? 'ghs_fake_token_for_tests';
  const owner = opts.owner ?? 'acme';
  const repo = opts.repo ?? 'shop';
  const requests: RecordedRequest[] = [];
  const deployments: FakeDeployment[] = [];
  let nextId = 1000;
  let nextStatusId = 5000;
  let failure: Failure | undefined;
  let url = '';

  const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const latest = (d: FakeDeployment): FakeStatus | undefined => d.statuses[d.statuses.length - 1];
  const repoUrl = (): string => `${url}/repos/${owner}/${repo}`;

  const deploymentJson = (d: FakeDeployment) => ({
    url: `${repoUrl()}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    created_at: d.created_at,
    updated_at: latest(d)?.created_at ?? d.created_at,
    statuses_url: `${repoUrl()}/deployments/${d.id}/statuses`,
    repository_url: repoUrl(),
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
  });

  const statusJson = (d: FakeDeployment, s: FakeStatus) => ({
    url: `${repoUrl()}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    description: s.description,
    environment: s.environment,
    target_url: s.log_url,
    log_url: s.log_url,
    environment_url: s.environment_url,
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: `${repoUrl()}/deployments/${d.id}`,
    repository_url: repoUrl(),
  });

  const page = <T>(items: T[], query: Record<string, string>): T[] => {
    const perPage = Math.min(Math.max(Number(query.per_page ?? 30) || 30, 1), 100);
    const p = Math.max(Number(query.page ?? 1) || 1, 1);
    return items.slice((p - 1) * perPage, p * perPage);
  };

  function handle(method: string, path: string, query: Record<string, string>, headers: http.IncomingHttpHeaders, body: unknown): [number, unknown] {
    const auth = headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`)
      throw new HttpError(401, auth ? 'Bad credentials' : 'Requires authentication');
    const accept = headers.accept ?? '';
    if (!/application\/vnd\.github(\.v3)?(\.[a-z-]+-preview)?\+json/.test(accept))
      throw new HttpError(422, `Accept header ${JSON.stringify(accept)} is not a GitHub JSON media type; send application/vnd.github+json`);
    const apiVersion = headers['x-github-api-version'];
    if (apiVersion !== undefined && apiVersion !== '2022-11-28')
      throw new HttpError(400, `API version ${String(apiVersion)} is not supported.`);
    if (failure && (!failure.when || failure.when(method, path))) throw new HttpError(failure.status, failure.message);

    const m = /^\/repos\/([^/]+)\/([^/]+)\/deployments(?:\/(\d+)(\/statuses)?)?\/?$/.exec(path);
    if (!m || m[1] !== owner || m[2] !== repo) throw new HttpError(404, 'Not Found');
    const id = m[3] === undefined ? undefined : Number(m[3]);

    if (method === 'POST' && (headers['content-type'] ?? '').split(';')[0] !== 'application/json')
      throw new HttpError(415, 'Unsupported Media Type: send application/json');

    if (id === undefined) {
      if (method === 'POST') {
        const b = checkBody(body, DEPLOYMENT_FIELDS, ['ref'], 'Deployment');
        const ref = b.ref as string;
        if (!/^[0-9a-f]{40}$/.test(ref) && !/^[\w./-]+$/.test(ref))
          throw new HttpError(422, `No ref found for: ${ref}`);
        const environment = (b.environment as string | undefined) ?? 'production';
        const d: FakeDeployment = {
          id: nextId++,
          sha: /^[0-9a-f]{40}$/.test(ref) ? ref : '0'.repeat(40),
          ref,
          task: (b.task as string | undefined) ?? 'deploy',
          payload: b.payload ?? {},
          environment,
          description: (b.description as string | null | undefined) ?? '',
          transient_environment: (b.transient_environment as boolean | undefined) ?? false,
          production_environment: (b.production_environment as boolean | undefined) ?? environment === 'production',
          created_at: now(),
          statuses: [],
        };
        deployments.push(d);
        return [201, deploymentJson(d)];
      }
      if (method === 'GET') {
        const list = deployments
          .filter(
            (d) =>
              (query.environment === undefined || d.environment === query.environment) &&
              (query.sha === undefined || d.sha === query.sha) &&
              (query.ref === undefined || d.ref === query.ref) &&
              (query.task === undefined || d.task === query.task),
          )
          .reverse();
        return [200, page(list, query).map(deploymentJson)];
      }
      throw new HttpError(404, 'Not Found');
    }

    const d = deployments.find((x) => x.id === id);
    if (!d) throw new HttpError(404, 'Not Found');
    if (!m[4]) {
      if (method === 'GET') return [200, deploymentJson(d)];
      throw new HttpError(404, 'Not Found');
    }
    if (method === 'GET') return [200, page([...d.statuses].reverse(), query).map((s) => statusJson(d, s))];
    if (method !== 'POST') throw new HttpError(404, 'Not Found');

    const b = checkBody(body, STATUS_FIELDS, ['state'], 'DeploymentStatus');
    const logUrl = (b.log_url as string | undefined) ?? (b.target_url as string | undefined) ?? '';
    const s: FakeStatus = {
      id: nextStatusId++,
      state: b.state as string,
      description: (b.description as string | undefined) ?? '',
      environment: (b.environment as string | undefined) ?? d.environment,
      log_url: logUrl,
      environment_url: (b.environment_url as string | undefined) ?? '',
      auto: false,
      created_at: now(),
    };
    if (b.environment !== undefined) d.environment = b.environment as string;
    d.statuses.push(s);
    // "When you set the state of a deployment to success, then all prior non-transient,
    // non-production environment deployments in the same repository with the same environment
    // name will become inactive." (auto_inactive, default true)
    if (s.state === 'success' && b.auto_inactive !== false) {
      for (const other of deployments) {
        if (other.id >= d.id || other.environment !== d.environment) continue;
        if (other.transient_environment || other.production_environment) continue;
        if (latest(other)?.state !== 'success') continue;
        other.statuses.push({ ...s, id: nextStatusId++, state: 'inactive', description: '', auto: true, environment: other.environment });
      }
    }
    return [201, statusJson(d, s)];
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(u.searchParams.entries());
      const text = Buffer.concat(chunks).toString();
      let body: unknown;
      let status: number;
      let answer: unknown;
      try {
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          throw new HttpError(400, 'Problems parsing JSON');
        }
        [status, answer] = handle(req.method ?? 'GET', u.pathname, query, req.headers, body);
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        status = e.status;
        answer = { message: e.message, ...(e.errors.length ? { errors: e.errors } : {}), documentation_url: DOCS, status: String(e.status) };
      }
      requests.push({ method: req.method ?? 'GET', path: u.pathname, query, headers: req.headers, body, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json' });
      res.end(JSON.stringify(answer));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    requests,
    deployments,
    latestState: (id) => {
      const d = deployments.find((x) => x.id === id);
      return d ? latest(d)?.state : undefined;
    },
    fail: (f) => {
      failure = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

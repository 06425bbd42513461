/**
 * GitHub Deployments recorded by src/github/deployments.ts, through the real Octokit client from
 * @octokit/core, against test/helpers/fake-github.ts: a local HTTP server on 127.0.0.1 that
 * stands in for the GitHub REST API because no GitHub can be reached from these machines. The fake
 * checks every request against the documented shapes (and answers 422/401 otherwise), so these
 * tests fail when the recorder sends what GitHub would refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeploymentRecorder, type DeploymentRecorder, type DeploymentStart } from '../../src/github/deployments.js';
import type { Log } from '../../src/support/log.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

interface RecordingLog extends Log {
  infos: string[];
  warnings: string[];
  errors: string[];
}

function recordingLog(): RecordingLog {
  const infos: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    infos,
    warnings,
    errors,
    info: (m) => void infos.push(m),
    warning: (m) => void warnings.push(m),
    error: (m) => void errors.push(m),
    group: (_n, fn) => fn(),
  };
}

const SHA1 = '1111111111111111111111111111111111111111';
const SHA2 = '2222222222222222222222222222222222222222';
const SHA3 = '3333333333333333333333333333333333333333';
const RUN = 'https://github.com/acme/shop/actions/runs/42';
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

let gh: FakeGitHub;
let log: RecordingLog;

beforeEach(async () => {
  gh = await startFakeGitHub({ owner: 'acme', repo: 'shop' });
  log = recordingLog();
});
afterEach(async () => {
  await gh.close();
});

const recorder = (overrides: Partial<{ token: string; repository: string; apiUrl: string }> = {}): Promise<DeploymentRecorder> =>
  createDeploymentRecorder({ token: gh.token, repository: 'acme/shop', apiUrl: gh.url, log, ...overrides });

const start = (over: Partial<DeploymentStart> & Pick<DeploymentStart, 'sha' | 'version'>): DeploymentStart => ({
  environment: 'production',
  digest: digest(1),
  rollback: false,
  logUrl: RUN,
  ...over,
});

/** One full deploy through a fresh recorder, as one run of the action would do. */
async function deploy(d: DeploymentStart, state: 'success' | 'failure', environmentUrl = 'https://shop.example.com'): Promise<number> {
  const r = await recorder();
  await r.start(d);
  await r.finish(state, { environmentUrl, description: state === 'success' ? `${d.version} is live` : `${d.version} failed its checks` });
  return gh.deployments[gh.deployments.length - 1]!.id;
}

const posts = (suffix: RegExp) => gh.requests.filter((r) => r.method === 'POST' && suffix.test(r.path));

describe('a deploy that succeeds', () => {
  it('creates the deployment of the commit, in_progress then success, with the run and environment links', async () => {
    const id = await deploy(start({ sha: SHA1, version: 'sha-1111111', digest: digest(1) }), 'success');

    const [create] = posts(/\/deployments$/);
    expect(create!.status).toBe(201);
    expect(create!.body).toEqual({
      ref: SHA1,
      task: 'deploy',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      payload: { version: 'sha-1111111', digest: digest(1) },
      description: expect.stringContaining('sha-1111111'),
      transient_environment: false,
      production_environment: true,
    });
    // The client talks like a GitHub client.
    expect(create!.headers.authorization).toBe(`token ${gh.token}`);
    expect(create!.headers.accept).toMatch(/application\/vnd\.github/);

    const statuses = posts(new RegExp(`/deployments/${id}/statuses$`));
    expect(statuses.map((r) => r.status)).toEqual([201, 201]);
    expect(statuses.map((r) => (r.body as { state: string }).state)).toEqual(['in_progress', 'success']);
    expect(statuses[0]!.body).toMatchObject({ log_url: RUN });
    expect(statuses[1]!.body).toMatchObject({
      state: 'success',
      log_url: RUN,
      environment_url: 'https://shop.example.com',
      auto_inactive: true,
      description: 'sha-1111111 is live',
    });
    expect(gh.latestState(id)).toBe('success');
    expect(log.warnings).toEqual([]);
  });

  it('marks the replaced production deployment inactive (auto_inactive does not cover production)', async () => {
    const first = await deploy(start({ sha: SHA1, version: 'sha-1111111' }), 'success');
    const second = await deploy(start({ sha: SHA2, version: 'sha-2222222', digest: digest(2), previousVersion: 'sha-1111111' }), 'success');

    expect(gh.latestState(second)).toBe('success');
    expect(gh.latestState(first)).toBe('inactive');
    // GitHub would not have done it for a production deployment: the recorder did.
    const inactive = gh.deployments.find((d) => d.id === first)!.statuses.at(-1)!;
    expect(inactive.auto).toBe(false);
    expect(posts(new RegExp(`/deployments/${first}/statuses$`)).at(-1)!.body).toMatchObject({ state: 'inactive' });
    // The payload names what it replaced.
    expect(posts(/\/deployments$/)[1]!.body).toMatchObject({
      payload: { version: 'sha-2222222', digest: digest(2), previousVersion: 'sha-1111111' },
    });
    expect(log.warnings).toEqual([]);
  });

  it('leaves the replaced deployment of a non-production environment to auto_inactive', async () => {
    const first = await deploy(start({ sha: SHA1, version: 'sha-1111111', environment: 'staging' }), 'success');
    const second = await deploy(start({ sha: SHA2, version: 'sha-2222222', environment: 'staging', previousVersion: 'sha-1111111' }), 'success');

    expect(posts(/\/deployments$/).map((r) => (r.body as { production_environment: boolean }).production_environment)).toEqual([false, false]);
    expect(gh.latestState(second)).toBe('success');
    expect(gh.latestState(first)).toBe('inactive');
    expect(gh.deployments.find((d) => d.id === first)!.statuses.at(-1)!.auto).toBe(true);
    expect(posts(new RegExp(`/deployments/${first}/statuses$`))).toHaveLength(2); // in_progress, success: nothing more from us
  });

  it('touches no other environment', async () => {
    const staging = await deploy(start({ sha: SHA1, version: 'sha-1111111', environment: 'staging' }), 'success');
    const prod = await deploy(start({ sha: SHA1, version: 'sha-1111111' }), 'success');
    await deploy(start({ sha: SHA2, version: 'sha-2222222', environment: 'staging' }), 'success');
    expect(gh.latestState(staging)).toBe('inactive');
    expect(gh.latestState(prod)).toBe('success');
  });
});

describe('a deploy that fails', () => {
  it('marks its deployment failure and leaves the live one success', async () => {
    const live = await deploy(start({ sha: SHA1, version: 'sha-1111111' }), 'success');
    const failed = await deploy(start({ sha: SHA2, version: 'sha-2222222', previousVersion: 'sha-1111111' }), 'failure');

    expect(gh.latestState(failed)).toBe('failure');
    expect(gh.latestState(live)).toBe('success');
    const last = posts(new RegExp(`/deployments/${failed}/statuses$`)).at(-1)!;
    expect(last.body).toMatchObject({ state: 'failure', log_url: RUN, auto_inactive: false, description: 'sha-2222222 failed its checks' });
    expect(log.warnings).toEqual([]);
  });
});

describe('a rollback', () => {
  it('records the older commit as a rollback, and the version it replaced becomes inactive', async () => {
    const v1 = await deploy(start({ sha: SHA1, version: 'sha-1111111', digest: digest(1) }), 'success');
    const v2 = await deploy(start({ sha: SHA2, version: 'sha-2222222', digest: digest(2), previousVersion: 'sha-1111111' }), 'success');
    expect(gh.latestState(v1)).toBe('inactive');

    const back = await deploy(
      start({ sha: SHA1, version: 'sha-1111111', digest: digest(1), previousVersion: 'sha-2222222', rollback: true }),
      'success',
    );
    const create = posts(/\/deployments$/).at(-1)!;
    expect(create.body).toMatchObject({
      ref: SHA1,
      task: 'deploy:rollback',
      environment: 'production',
      payload: { version: 'sha-1111111', digest: digest(1), previousVersion: 'sha-2222222' },
      description: expect.stringMatching(/roll back to sha-1111111 from sha-2222222/i),
    });
    expect(gh.latestState(back)).toBe('success');
    expect(gh.latestState(v2)).toBe('inactive');
    // v1's old deployment was already inactive: not marked again.
    expect(posts(new RegExp(`/deployments/${v1}/statuses$`)).filter((r) => (r.body as { state: string }).state === 'inactive')).toHaveLength(1);
  });
});

describe('when GitHub refuses', () => {
  it('a 403 on create is a warning naming the permission, not an error, and nothing else is sent', async () => {
    gh.fail({ status: 403, message: 'Resource not accessible by integration' });
    const r = await recorder();
    await expect(r.start(start({ sha: SHA3, version: 'sha-3333333' }))).resolves.toBeUndefined();
    await expect(r.finish('success', { description: 'live' })).resolves.toBeUndefined();

    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/could not create a deployment of 333333333333 to production/);
    expect(log.warnings[0]).toMatch(/403 Resource not accessible by integration/);
    expect(log.warnings[0]).toMatch(/deployments: write/);
    expect(log.warnings[0]).not.toContain(gh.token);
    expect(log.errors).toEqual([]);
    expect(gh.requests).toHaveLength(1);
  });

  it('a 403 on the statuses only warns for each status it could not set', async () => {
    gh.fail({ status: 403, message: 'Resource not accessible by integration', when: (m, p) => m === 'POST' && p.endsWith('/statuses') });
    const r = await recorder();
    await r.start(start({ sha: SHA3, version: 'sha-3333333' }));
    await r.finish('failure', { description: 'failed' });
    expect(gh.deployments).toHaveLength(1);
    expect(log.warnings).toHaveLength(2);
    expect(log.warnings[0]).toMatch(/could not mark deployment \d+ in_progress: 403/);
    expect(log.warnings[1]).toMatch(/could not mark deployment \d+ failure: 403/);
    for (const w of log.warnings) expect(w).toMatch(/deployments: write/);
  });

  it('a failure to mark the replaced deployment inactive is a warning; the new one is still success', async () => {
    const first = await deploy(start({ sha: SHA1, version: 'sha-1111111' }), 'success');
    gh.fail({ status: 403, message: 'Resource not accessible by integration', when: (m, p) => m === 'GET' && /\/deployments$/.test(p) });
    const second = await deploy(start({ sha: SHA2, version: 'sha-2222222' }), 'success');
    expect(gh.latestState(second)).toBe('success');
    expect(gh.latestState(first)).toBe('success');
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/could not list the earlier deployments of production/);
  });

  it('a bad token (401) is a warning', async () => {
    const r = await recorder({ token: 'ghs_wrong' });
    await r.start(start({ sha: SHA1, version: 'sha-1111111' }));
    await r.finish('success', { description: 'live' });
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/401 Bad credentials/);
    expect(log.warnings[0]).not.toContain('ghs_wrong');
  });

  it('an API that cannot be reached is a warning', async () => {
    const url = gh.url;
    await gh.close();
    const r = await createDeploymentRecorder({ token: 't0ken', repository: 'acme/shop', apiUrl: url, log });
    await r.start(start({ sha: SHA1, version: 'sha-1111111' }));
    await r.finish('success', { description: 'live' });
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/could not create a deployment/);
    expect(log.warnings[0]).not.toMatch(/^.*: 500 /); // no made-up HTTP status for a request that got no answer
    expect(log.warnings[0]).toContain(url);
    expect(log.warnings[0]).toMatch(/deployments: write/);
    gh = await startFakeGitHub(); // for afterEach
  });

  it('a repository that is not owner/name is a warning, and nothing is sent', async () => {
    const r = await recorder({ repository: 'just-a-name' });
    await r.start(start({ sha: SHA1, version: 'sha-1111111' }));
    await r.finish('success', { description: 'live' });
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(/"just-a-name" is not owner\/name/);
    expect(gh.requests).toEqual([]);
  });
});

describe('the stand-in checks what it is sent', () => {
  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${gh.url}${path}`, {
      method: init.method ?? 'POST',
      headers: {
        authorization: `Bearer ${gh.token}`,
        accept: 'application/vnd.github+json',
        'content-type': 'application/json',
        'x-github-api-version': '2022-11-28',
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it('accepts a documented request', async () => {
    const res = await call('/repos/acme/shop/deployments', { body: { ref: SHA1, environment: 'qa' } });
    expect(res.status).toBe(201);
    const d = (await res.json()) as { id: number; production_environment: boolean };
    expect(d.production_environment).toBe(false);
    expect((await call(`/repos/acme/shop/deployments/${d.id}/statuses`, { body: { state: 'queued' } })).status).toBe(201);
  });

  it.each([
    ['no ref', '/repos/acme/shop/deployments', { environment: 'production' }],
    ['a misspelt field', '/repos/acme/shop/deployments', { ref: SHA1, required_context: [] }],
    ['a wrong type', '/repos/acme/shop/deployments', { ref: SHA1, auto_merge: 'false' }],
  ])('refuses a deployment with %s (422)', async (_what, path, body) => {
    expect((await call(path, { body })).status).toBe(422);
  });

  it('refuses unknown states and long descriptions (422), unknown deployments (404)', async () => {
    const { id } = (await (await call('/repos/acme/shop/deployments', { body: { ref: SHA1 } })).json()) as { id: number };
    expect((await call(`/repos/acme/shop/deployments/${id}/statuses`, { body: { state: 'done' } })).status).toBe(422);
    expect((await call(`/repos/acme/shop/deployments/${id}/statuses`, { body: { description: 'x' } })).status).toBe(422);
    expect((await call(`/repos/acme/shop/deployments/${id}/statuses`, { body: { state: 'success', description: 'x'.repeat(141) } })).status).toBe(422);
    expect((await call(`/repos/acme/shop/deployments/999999/statuses`, { body: { state: 'success' } })).status).toBe(404);
  });

  it('refuses requests without GitHub headers or credentials', async () => {
    expect((await call('/repos/acme/shop/deployments', { body: { ref: SHA1 }, headers: { accept: 'text/html' } })).status).toBe(422);
    expect((await call('/repos/acme/shop/deployments', { body: { ref: SHA1 }, headers: { authorization: '' } })).status).toBe(401);
    expect((await call('/repos/acme/shop/deployments', { body: { ref: SHA1 }, headers: { authorization: 'token nope' } })).status).toBe(401);
    expect((await call('/repos/other/repo/deployments', { body: { ref: SHA1 } })).status).toBe(404);
    expect(gh.deployments).toHaveLength(0);
  });
});

it('keeps the GitHub client out of the main bundle: it is a chunk loaded only when a token is given', () => {
  const dist = join(import.meta.dirname, '..', '..', 'dist');
  expect(readFileSync(join(dist, 'index.js'), 'utf8')).not.toMatch(/octokit/i);
  const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
  expect(chunks.some((f) => /Octokit/.test(readFileSync(join(dist, f), 'utf8')))).toBe(true);
});

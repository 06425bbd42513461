/**
 * The runner's path: the bundled dist/index.js under Node 24 (the runtime action.yml names, from the npm
 * registry's `node` package) through build -> deploy -> deploy -> rollback -> status, with everything the
 * runner provides: INPUT_* with hyphens, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE,
 * GITHUB_EVENT_PATH for push, pull_request and workflow_dispatch events. The action has no post step.
 * GitHub itself cannot be reached here: a local fake of its REST API (test/helpers/fake-github.ts)
 * stands in for it and checks the requests against the documented shapes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { NODE24, runAction, type ActionOptions } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker } from '../helpers/docker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'runnerpath';

describe('the runner path under Node 24', () => {
  let lb: HaproxyServer;
  let gh: FakeGitHub;
  let repo: string;
  let inputs: Record<string, string>;
  const v: Record<string, string> = {};
  const env = () => ({
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.url,
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'deploy',
  });
  const run = (extra: Record<string, string>, opts: Partial<ActionOptions>) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, node: NODE24, ...opts, env: { ...env(), ...opts.env } });
  const head = () => execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    cleanupApp(APP);
    expect(execFileSync(NODE24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
    expect(YAML.parse(readFileSync('action.yml', 'utf8')).runs.using).toBe('node24');
    lb = await startHaproxy({ backend: `${APP}-production` });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'shop' });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'drain-seconds': '0',
      'stop-timeout': '1',
      'github-token': gh.token,
      checks: 'GET / 200',
    };
  });
  afterAll(async () => {
    await lb?.stop();
    await gh?.close();
    cleanupApp(APP);
  });

  it('build on push', async () => {
    const sha = head();
    const r = await run({ command: 'build' }, {
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha, repository: { full_name: 'acme/shop' } } },
    });
    expect(r.code, r.log).toBe(0);
    v.v1 = `sha-${sha.slice(0, 7)}`;
    expect(r.outputs).toMatchObject({ version: v.v1, image: APP });
    expect(r.summary).toContain(`Built ${v.v1}`);
  });

  it('deploy on push, recorded as a GitHub deployment', async () => {
    const sha = head();
    const r = await run({ version: v.v1!, 'environment-url': 'https://shop.example.com' }, {
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } },
    });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ version: v.v1, 'live-version': v.v1, 'previous-version': '' });
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(r.summary).toContain(`Deploying ${v.v1} as built (no build)`);
    expect(r.summary).toContain(`[${sha.slice(0, 7)}](https://github.com/acme/shop/commit/${sha})`);
    expect(r.summary).toContain(r.outputs.digest);
    const dep = gh.deployments.at(-1)!;
    expect(dep).toMatchObject({ sha, environment: 'production', production_environment: true });
    expect(dep.payload).toMatchObject({ version: v.v1 });
    expect(gh.latestState(dep.id)).toBe('success');
    expect(dep.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(dep.statuses[0]!.log_url).toBe('https://github.com/acme/shop/actions/runs/4242');
    expect(dep.statuses.at(-1)!.environment_url).toBe('https://shop.example.com');
    // The token never leaves the Authorization header.
    expect(r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(gh.token);
  });

  it('deploy on pull_request builds the PR head, not the merge commit', async () => {
    const sha = commitChange(repo, 'v2');
    const r = await run({}, {
      env: { GITHUB_SHA: 'e'.repeat(40), GITHUB_REF: 'refs/pull/3/merge', GITHUB_HEAD_REF: 'feature' },
      event: { name: 'pull_request', payload: { number: 3, pull_request: { number: 3, head: { sha, ref: 'feature' } } } },
    });
    expect(r.code, r.log).toBe(0);
    v.v2 = `sha-${sha.slice(0, 7)}`;
    expect(r.outputs).toMatchObject({ version: v.v2, 'live-version': v.v2, 'previous-version': v.v1 });
    expect(docker('image', 'inspect', '--format', '{{index .Config.Labels "org.opencontainers.image.revision"}}', `${APP}:${v.v2}`)).toBe(sha);
    expect((await get(lb.url)).body).toBe('v2\n');
    const [older, newer] = gh.deployments.slice(-2);
    expect(gh.latestState(newer!.id)).toBe('success');
    expect(gh.latestState(older!.id)).toBe('inactive');
    expect(r.summary).toContain(`gh workflow run manual-rollback.yml -f environment=production -f version=${v.v1}`);
    expect(r.summary).toContain(`Roll back to ${v.v1} (warm: one flip)`);
    expect(r.summary).toContain(`or with \`version: ${v.v1}\``);
  });

  it('rollback from workflow_dispatch with an empty version goes to the previous one', async () => {
    const r = await run({ command: 'rollback', version: '' }, {
      env: { GITHUB_SHA: head(), GITHUB_REF: 'refs/heads/main' },
      event: { name: 'workflow_dispatch', payload: { inputs: { app: APP, environment: 'production', version: '' }, ref: 'refs/heads/main' } },
    });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ 'live-version': v.v1, 'previous-version': v.v2 });
    expect((await get(lb.url)).body).toBe('v1\n');
    const dep = gh.deployments.at(-1)!;
    expect(dep.payload).toMatchObject({ version: v.v1, previousVersion: v.v2 });
    expect(gh.latestState(dep.id)).toBe('success');
    expect(r.summary).toContain(`Live: ${v.v1}`);
  });

  it('status lists live and warm versions and changes nothing', async () => {
    const before = gh.requests.length;
    const r = await run({ command: 'status', 'github-token': '' }, { event: { name: 'workflow_dispatch', payload: {} } });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs['live-version']).toBe(v.v1);
    expect(JSON.parse(r.outputs.versions!).map((x: { version: string; state: string }) => `${x.version}:${x.state}`)).toEqual([
      `${v.v1}:live`,
      `${v.v2}:warm`,
    ]);
    expect(r.summary).toMatch(new RegExp(`\\| live \\| ${v.v1} \\|`));
    // Which version runs and why: the run that started each instance.
    expect(r.summary).toContain('[run 4242](https://github.com/acme/shop/actions/runs/4242)');
    expect(JSON.parse(r.outputs.versions!)[0].runUrl).toBe('https://github.com/acme/shop/actions/runs/4242');
    expect(gh.requests.length).toBe(before);
    expect((await get(lb.url)).body).toBe('v1\n');
  });
});

/**
 * `command: deploy` with `router: none`: a fresh instance of the exact image, health, acceptance.
 * Real Docker, driven through the bundled dist/index.js as the runner drives it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, get, running } from '../helpers/docker.js';

const APP = 'deploytest';
const ENV = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '9', GITHUB_SERVER_URL: 'https://github.com' };
const deployIn = (cwd: string, inputs: Record<string, string>, environment = 'staging') =>
  runAction({ app: APP, environment, command: 'deploy', 'health-timeout': '20', ...inputs }, { cwd, env: ENV });

describe('command: deploy (router: none)', () => {
  let web: string;
  beforeAll(() => {
    cleanupApp(APP);
    web = appRepo({ kind: 'web', text: 'version one' });
  });
  afterAll(() => cleanupApp(APP));

  it('starts a fresh, labelled instance of the exact image, verifies it, and outputs its url', async () => {
    const sha = execFileSync('git', ['-C', web, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const r = await deployIn(web, {
      checks: 'GET / 200 contains "version one"\nGET /status.json 200 json .ok == true within 2s',
      'acceptance-command': 'set -e\nwget -qO- "$TARGET_URL/" | grep -q "version one"\necho "checked $APP $ENVIRONMENT $IMAGE $DIGEST $VERSION"',
      env: 'MODE=test',
      'secret-env': 'API_TOKEN=tok-5ecret-9f3a',
    });
    expect(r.code, r.log).toBe(0);
    const version = `sha-${sha.slice(0, 7)}`;
    expect(r.outputs.version).toBe(version);
    expect(r.outputs.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(r.outputs.url!)).body).toContain('version one');
    expect(r.log).toContain(`checked ${APP} staging ${APP} ${r.outputs.digest} ${version}`);

    const [inst] = running(APP, 'staging');
    expect(inst?.name).toMatch(new RegExp(`^${APP}-staging-${version}-[0-9a-f]{6}$`));
    const c = JSON.parse(docker('container', 'inspect', inst!.name))[0];
    // Started from the image id, never a moving tag.
    expect(c.Config.Image).toBe(r.outputs.digest);
    expect(c.Image).toBe(r.outputs.digest);
    expect(c.Config.Labels).toMatchObject({
      'dev.immutable-deploy.app': APP,
      'dev.immutable-deploy.environment': 'staging',
      'dev.immutable-deploy.version': version,
      'dev.immutable-deploy.digest': r.outputs.digest,
      'dev.immutable-deploy.revision': sha,
      'dev.immutable-deploy.run-url': 'https://github.com/acme/shop/actions/runs/9',
    });
    expect(Date.parse(c.Config.Labels['dev.immutable-deploy.deployed-at'])).toBeGreaterThan(Date.now() - 120_000);
    expect(c.HostConfig.PortBindings['8080/tcp'][0].HostIp).toBe('127.0.0.1');
    expect(c.Config.Env).toContain('MODE=test');
    // The secret reaches the app's environment, and nothing else: not labels, not the command line, not the log.
    expect(c.Config.Env).toContain('API_TOKEN=tok-5ecret-9f3a');
    expect(JSON.stringify([c.Config.Labels, c.Args, c.Config.Cmd, c.Config.Entrypoint, c.Name])).not.toContain('tok-5ecret');
    const visible = r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    for (const text of [visible, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain('tok-5ecret');
    expect(r.summary).toContain(`Verified ${version}`);
    expect(r.summary).toMatch(/\| check \| GET \/ 200 contains "version one" \| pass \|/);
  });

  it('fails a deploy whose acceptance command fails, removes the new instance, and leaves the live one serving', async () => {
    const before = running(APP, 'staging');
    expect(before).toHaveLength(1);
    const liveUrl = `http://${docker('port', before[0]!.name, '8080/tcp')}`;
    commitChange(web, 'version two');
    const r = await deployIn(web, { 'acceptance-command': 'echo "testing $TARGET_URL"; exit 7' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('The acceptance command failed');
    expect(r.log).toContain('exit code 7');
    expect(r.log).toContain('The live version was not touched');
    expect(running(APP, 'staging')).toEqual(before);
    expect((await get(liveUrl)).body).toContain('version one');
    expect(r.summary).toContain('failed verification');
    expect(r.summary).toContain('| command | acceptance-command | FAIL | exit code 7 |');
  });

  it('fails a built-in check with the check quoted, and removes the instance', async () => {
    const before = running(APP, 'staging');
    const r = await deployIn(web, { checks: 'GET / 200 contains "version three"' });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/::error title=Check failed::GET \/ 200 contains "version three": the body does not contain "version three"/);
    expect(running(APP, 'staging')).toEqual(before);
  });

  it('rejects a malformed check before anything runs, quoting the line', async () => {
    const r = await deployIn(web, { checks: 'GET / 200\nGET /api twohundred' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('Input "checks"');
    expect(r.log).toContain('GET /api twohundred');
    expect(r.log).not.toContain('Start a fresh instance');
  });

  it('says why Docker could not start the instance, and leaves nothing behind', async () => {
    const before = running(APP, 'staging');
    const r = await deployIn(web, { network: 'no-such-network-xyz' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('Docker could not start an instance of');
    expect(r.log).toContain('no-such-network-xyz');
    expect(running(APP, 'staging')).toEqual(before);
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', 'status=created')).toBe('');
  });

  it('deploys an existing version without building, from any directory', async () => {
    const built = await runAction({ app: APP, command: 'build', version: 'rel-1' }, { cwd: web });
    expect(built.code, built.log).toBe(0);
    const elsewhere = mkdtempSync(join(tmpdir(), 'nogit-'));
    const r = await deployIn(elsewhere, { version: 'rel-1' }, 'qa');
    expect(r.code, r.log).toBe(0);
    expect(r.log).not.toContain('::group::Build');
    expect(r.log).toContain('without a build');
    expect(r.outputs.digest).toBe(built.outputs.digest);
    const [inst] = running(APP, 'qa');
    expect(inst?.version).toBe('rel-1');
    expect(docker('container', 'inspect', '--format', '{{.Image}}', inst!.name)).toBe(built.outputs.digest);
  });

  it('fails for an unknown version, listing the versions that exist', async () => {
    const r = await deployIn(mkdtempSync(join(tmpdir(), 'nogit-')), { version: 'nope-1' }, 'qa');
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('Version nope-1 of deploytest is not on the target');
    expect(r.log).toContain('rel-1');
  });
});

describe('instances that never get healthy', () => {
  afterAll(() => cleanupApp(APP));

  it('an app whose process exits at start fails fast with its exit code and log, secrets masked', async () => {
    const repo = appRepo({ kind: 'crash' });
    const r = await deployIn(repo, { 'health-timeout': '60', 'secret-env': 'TOKEN=hunter2-secret-value' }, 'crash');
    expect(r.code).not.toBe(0);
    // The crash itself failed the deploy (with its exit code), not the 60 s health timeout.
    expect(r.log).toMatch(/(exited|restarted) with exit code 3 while waiting for it to become healthy/);
    expect(r.log).not.toContain('did not become healthy within');
    expect(r.log).toContain('boom: missing DATABASE_URL, token ***');
    // The only place the value may appear is the runner's own ::add-mask:: command, which hides it.
    const log = r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    for (const text of [log, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain('hunter2-secret-value');
    expect(running(APP, 'crash')).toEqual([]);
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.environment=crash`)).toBe('');
  });

  it('an app that never answers fails at the health timeout', async () => {
    const repo = appRepo({ kind: 'silent' });
    const r = await deployIn(repo, { 'health-timeout': '3' }, 'silent');
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('did not become healthy within 3s');
    expect(running(APP, 'silent')).toEqual([]);
  });

  it('keep-failed keeps the failed instance for debugging', async () => {
    const repo = appRepo({ kind: 'silent' });
    const r = await deployIn(repo, { 'health-timeout': '2', 'keep-failed': 'true' }, 'kept');
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('keep-failed');
    expect(docker('ps', '-q', '--filter', 'label=dev.immutable-deploy.environment=kept')).not.toBe('');
  });

  it('waits for a Docker HEALTHCHECK when the image declares one', async () => {
    const repo = appRepo({ kind: 'slow', delaySec: 1, healthcheck: true });
    const r = await deployIn(repo, {}, 'hc');
    expect(r.code, r.log).toBe(0);
    const [inst] = running(APP, 'hc');
    expect(docker('container', 'inspect', '--format', '{{.State.Health.Status}}', inst!.name)).toBe('healthy');
  });
});

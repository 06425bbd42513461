/**
 * `command: build` through the bundled dist/index.js, driven as the runner drives it,
 * against the real Docker engine and a real registry on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, dockerOk } from '../helpers/docker.js';
import { startRegistry, type Registry } from '../helpers/registry.js';

const APP = 'buildtest';

describe('command: build', () => {
  let repo: string;
  let sha: string;
  let registry: Registry;

  beforeAll(async () => {
    repo = appRepo({ kind: 'web', text: 'v1' });
    sha = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    registry = await startRegistry();
  });
  afterAll(async () => {
    cleanupApp(APP);
    cleanupApp(APP, `${registry.host}/acme/${APP}`);
    await registry.stop();
  });

  it('tags <app>:sha-<7> with the OCI labels and reports version and digest', async () => {
    const r = await runAction(
      { command: 'build', app: APP, tags: 'type=ref,event=branch\ntype=raw,value=latest', labels: 'team=payments' },
      {
        cwd: repo,
        env: {
          GITHUB_SHA: sha,
          GITHUB_REF: 'refs/heads/main',
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: '77',
          GITHUB_ACTOR: 'octocat',
          GITHUB_WORKFLOW: 'ci',
        },
        event: { name: 'push', payload: { repository: { description: 'Shop', license: { spdx_id: 'MIT' } } } },
      },
    );
    expect(r.code, r.log).toBe(0);
    const version = `sha-${sha.slice(0, 7)}`;
    expect(r.outputs.version).toBe(version);
    expect(r.outputs.tags?.split('\n')).toEqual([`${APP}:${version}`, `${APP}:main`, `${APP}:latest`]);
    const id = docker('image', 'inspect', '--format', '{{.Id}}', `${APP}:${version}`);
    expect(r.outputs.digest).toBe(id);
    const labels = JSON.parse(docker('image', 'inspect', '--format', '{{json .Config.Labels}}', `${APP}:${version}`));
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': APP,
      'org.opencontainers.image.description': 'Shop',
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.url': 'https://github.com/acme/shop',
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.licenses': 'MIT',
      'dev.immutable-deploy.run-url': 'https://github.com/acme/shop/actions/runs/77',
      'dev.immutable-deploy.ref': 'refs/heads/main',
      'dev.immutable-deploy.actor': 'octocat',
      'dev.immutable-deploy.workflow': 'ci',
      team: 'payments',
    });
    expect(Date.parse(labels['org.opencontainers.image.created'])).toBeGreaterThan(Date.now() - 120_000);
    expect(r.summary).toContain(`Built ${version}`);
    expect(r.summary).toContain(`[${sha.slice(0, 7)}](https://github.com/acme/shop/commit/${sha})`);
  });

  it('builds the PR head commit on pull_request, not the merge commit', async () => {
    const r = await runAction(
      { command: 'build', app: APP },
      {
        cwd: repo,
        env: { GITHUB_SHA: 'f'.repeat(40), GITHUB_REF: 'refs/pull/5/merge' },
        event: { name: 'pull_request', payload: { pull_request: { number: 5, head: { sha, ref: 'feature' } } } },
      },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.version).toBe(`sha-${sha.slice(0, 7)}`);
  });

  it('rejects an app name with shell syntax, names the input, and runs nothing', async () => {
    rmSync('/tmp/x-immutable', { force: true });
    const r = await runAction({ command: 'build', app: 'shop;touch /tmp/x-immutable' }, { cwd: repo });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/::error::Input "app" has the value "shop;touch \/tmp\/x-immutable"/);
    expect(r.log).not.toContain('Build ');
    expect(existsSync('/tmp/x-immutable')).toBe(false);
  });

  it('pushes to a registry, outputs the manifest digest, and never moves a version tag', async () => {
    const image = `${registry.host}/acme/${APP}`;
    const inputs = { command: 'build', app: APP, image, push: 'true', version: 'v1' };
    const first = await runAction(inputs, { cwd: repo });
    expect(first.code, first.log).toBe(0);
    expect(first.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const manifest = JSON.parse(docker('manifest', 'inspect', '--verbose', '--insecure', `${image}:v1`));
    expect(manifest.Descriptor.digest).toBe(first.outputs.digest);

    // A re-run from the same commit (the run URL label differs, so the bytes do): the version keeps its digest.
    const again = await runAction(inputs, { cwd: repo, env: { GITHUB_RUN_ID: '2', GITHUB_REPOSITORY: 'acme/shop' } });
    expect(again.code, again.log).toBe(0);
    expect(again.log).toContain('keeping that image as the version');
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(docker('image', 'inspect', '--format', '{{index .Config.Labels "dev.immutable-deploy.run-url"}}', `${image}:v1`)).toBe('');

    // The very same bytes (the local image was not rebuilt): a no-op push.
    const same = await runAction({ ...inputs, command: 'build' }, { cwd: repo });
    expect(same.code, same.log).toBe(0);
    expect(same.outputs.digest).toBe(first.outputs.digest);

    // Different content under the same version: refused, and the registry still has the old bytes.
    commitChange(repo, 'v1-but-different');
    const moved = await runAction(inputs, { cwd: repo });
    expect(moved.code).not.toBe(0);
    expect(moved.log).toContain(`${image}:v1 already exists in the registry as ${first.outputs.digest}, built from commit ${sha}`);
    expect(moved.log).toContain('Version tags are never moved');
    const after = JSON.parse(docker('manifest', 'inspect', '--verbose', '--insecure', `${image}:v1`));
    expect(after.Descriptor.digest).toBe(first.outputs.digest);
  });

  it('promotes: deploys a pushed version on a target that does not have it, pulled by its tag, without a build', async () => {
    const image = `${registry.host}/acme/${APP}`;
    const pushed = await runAction({ command: 'build', app: APP, image, push: 'true', version: 'v2' }, { cwd: repo });
    expect(pushed.code, pushed.log).toBe(0);
    docker('image', 'rm', `${image}:v2`);
    const r = await runAction(
      { command: 'deploy', app: APP, image, version: 'v2', environment: 'staging', checks: 'GET / 200' },
      { cwd: repo },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.log).not.toContain('::group::Build');
    expect(r.outputs.digest).toBe(pushed.outputs.digest);
    const started = docker('ps', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', 'label=dev.immutable-deploy.environment=staging', '--format', '{{.Label "dev.immutable-deploy.digest"}}');
    expect(started).toBe(pushed.outputs.digest);
  });

  it('a failed build says so with the reason, not the whole command line', async () => {
    const broken = appRepo({ kind: 'web' });
    writeFileSync(join(broken, 'Dockerfile'), 'FROM scratch\nCOPY missing-file /x\n');
    const r = await runAction({ command: 'deploy', app: APP }, { cwd: broken });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/::error::The image build failed \(docker (buildx )?build exited with 1\)/);
    expect(r.log).toContain('missing-file');
    expect(r.log).not.toContain('Start a fresh instance');
  });

  it('fails with a clear message when only one of the registry credentials is set', async () => {
    const r = await runAction({ command: 'build', app: APP, 'registry-username': 'bob' }, { cwd: repo });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('registry-username and registry-password go together');
    expect(dockerOk('version')).toBe(true);
  });
});

/**
 * release-command (issue 21, migrations) through the bundled dist/index.js, real Docker and HAProxy: the command
 * runs once, in a one-off container of the new image with the app's env and secret env, after verification and
 * while the balancer still serves the old version; a failing or timed-out command moves no traffic and the new
 * pool goes; an irreversible version refuses a rollback past it without force and reason.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, graceful, running } from '../helpers/docker.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const APP = 'opsmigrate';
const releaseContainers = () => docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', 'label=dev.immutable-deploy.role=release-command');

describe('release-command', () => {
  let repo: string;
  let lb: HaproxyServer;
  let gh: FakeGitHub;
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>, onLog?: (log: string) => void, env?: Record<string, string>) =>
    runAction({ ...inputs, ...more }, { cwd: repo, ...(onLog ? { onLog } : {}), ...(env ? { env } : {}) });
  let v1 = '';
  let v2 = '';

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'shop' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'health-timeout': '20', 'drain-seconds': '0', 'stop-timeout': '1' };
    repo = appRepo({ kind: 'web', text: 'v1' });
    // An image whose ENTRYPOINT passes its CMD on (as most app images do; to busybox, under a shell that exits on
    // SIGTERM): the release command replaces the CMD.
    writeFileSync(
      join(repo, 'Dockerfile'),
      ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY index.html status.json /www/', `ENTRYPOINT ${graceful('/bin/busybox "$@"')}`, 'CMD ["httpd","-f","-p","8080","-h","/www"]', ''].join('\n'),
    );
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'entrypoint']);
    const a = await act({});
    expect(a.code, a.log).toBe(0);
    v1 = a.outputs.version!;
  });
  afterAll(async () => {
    await lb?.stop();
    await gh?.close();
    cleanupApp(APP);
  });

  it('runs once, in a one-off container of the new image with env and secret env, before any traffic moves', async () => {
    commitChange(repo, 'v2');
    // While the command runs (it waits 2 s), the balancer is asked what it serves, and the one-off container is looked at.
    let during: Promise<{ bodies: string[]; container: string }> | undefined;
    let streamedWhileRunning: boolean | undefined;
    const r = await act(
      {
        'release-command': `sh -c 'echo "migrating $DB_NAME as $DB_USER with $DB_PASSWORD"; sleep 2; echo migrated'`,
        env: 'DB_NAME=shopdb\nDB_USER=migrator',
        'secret-env': 'DB_PASSWORD=s3cret-pass-9f8e7d',
        irreversible: 'true',
      },
      (log) => {
        // Its output is in the log as it comes: the first line shows while the command still runs (it sleeps 2 s after it).
        if (streamedWhileRunning === undefined && log.includes('migrating shopdb')) streamedWhileRunning = releaseContainers() !== '';
        if (during || !log.includes('::group::Release command on')) return;
        during = (async () => {
          let container = '';
          for (let i = 0; i < 50 && !container; i++) {
            container = releaseContainers();
            if (!container) await new Promise((res) => setTimeout(res, 50));
          }
          const image = container ? docker('container', 'inspect', '--format', '{{.Image}} {{.HostConfig.NetworkMode}}', container.split('\n')[0]!) : '';
          const bodies = await Promise.all([get(lb.url), get(lb.url), get(lb.url)].map((p) => p.then((x) => x.body)));
          return { bodies, container: image };
        })();
      },
    );
    expect(r.code, r.log).toBe(0);
    v2 = r.outputs.version!;
    const seen = await during!;
    // The old version served all the while the command ran, from the image of the new version.
    expect(seen.bodies).toEqual(['v1\n', 'v1\n', 'v1\n']);
    const newImage = docker('image', 'inspect', '--format', '{{.Id}}', `${APP}:${v2}`);
    expect(seen.container.split(' ')[0]).toBe(newImage);
    // Its output in the log (the secret masked), once; after it passed, the flip.
    expect(r.log).toContain('migrating shopdb as migrator with ***');
    expect(streamedWhileRunning).toBe(true);
    expect(r.log.replace(/^::add-mask::.*$/gm, '')).not.toContain('s3cret-pass-9f8e7d');
    expect(r.log.split('migrating shopdb').length - 1).toBe(1);
    expect(r.log.indexOf('The release command passed')).toBeLessThan(r.log.indexOf(`now sends traffic to ${v2}`));
    expect(releaseContainers()).toBe('');
    expect((await get(lb.url)).body).toBe('v2\n');
    // The release state says it ran for the version.
    const records = docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.app=${APP}`).split('\n').filter((n) => n.includes('-migration-'));
    expect(records).toHaveLength(1);
  });

  it.each([
    ['fails', { 'release-command': `sh -c 'echo altering table orders; echo "ERROR: column exists" >&2; exit 4'` }, /release command .* failed with exit code 4 after \d+s:\n.*ERROR: column exists/s],
    ['times out', { 'release-command': 'sleep 30', 'release-timeout': '2' }, /release command \(sleep 30\) of \S+ timed out after 2s \(release-timeout\) and was killed/],
  ])('a command that %s moves no traffic, removes the new pool and fails with its last lines', async (_what, more, why) => {
    commitChange(repo, `v3-${_what}`);
    const before = running(APP).map((i) => i.name).sort();
    const r = await act(more);
    expect(r.code).not.toBe(0);
    expect(r.log.replace(/%0A/g, '\n')).toMatch(why);
    expect(r.log).toContain(`No traffic moved: ${v2} stays live`);
    expect(r.log).not.toContain('::group::Flip');
    expect((await get(lb.url)).body).toBe('v2\n');
    expect(running(APP).map((i) => i.name).sort()).toEqual(before);
    expect(releaseContainers()).toBe('');
  });

  it('a rollback past the irreversible version is refused without force and reason, allowed with them, and never runs the command', async () => {
    const refused = await act({ command: 'rollback', 'release-command': 'sh -c "echo must-not-run"' });
    expect(refused.code).not.toBe(0);
    expect(refused.log).toContain(`back to ${v1} goes back past ${v2}`);
    expect(refused.log).toContain('marked irreversible');
    expect((await get(lb.url)).body).toBe('v2\n');
    const forceOnly = await act({ command: 'rollback', force: 'true' });
    expect(forceOnly.code).not.toBe(0);

    const forced = await act(
      { command: 'rollback', force: 'true', reason: 'v2 migration was expand-only', 'release-command': 'sh -c "echo must-not-run"', 'github-token': gh.token },
      undefined,
      { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '7' },
    );
    expect(forced.code, forced.log).toBe(0);
    // The reason is on the GitHub Deployment too.
    expect(gh.deployments.at(-1)!.description).toContain('v2 migration was expand-only');
    expect(gh.deployments.at(-1)!.payload).toMatchObject({ reason: expect.stringContaining('v2 migration was expand-only') });
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(forced.summary).toContain('Reason: v2 migration was expand-only');
    expect(forced.log).not.toContain('must-not-run');
    expect(forced.log).not.toContain('::group::Release command');
    // Forward to the irreversible version again: no force needed.
    const forward = await act({ command: 'rollback', version: v2 });
    expect(forward.code, forward.log).toBe(0);
  });
});

/**
 * command: recycle (issue 13): the live instance is replaced by a fresh one of the same digest through the
 * whole gate (policy, health, checks, acceptance, switch, retire), no build; a snowflake stops being one.
 * Real Docker and HAProxy under a bounded load, driven through the bundled dist/index.js as the runner does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { get, runLoad, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'immrecycle';

describe('command: recycle', () => {
  let repo: string;
  let lb: HaproxyServer;
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>) => runAction({ ...inputs, ...more }, { cwd: repo });
  const instances = () => running(APP, 'production');
  let v1 = '';
  let v2 = '';

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'health-timeout': '20', 'drain-seconds': '1', checks: 'GET / 200' };
    repo = appRepo({ kind: 'web', text: 'one' });
    const a = await act({ command: 'deploy' });
    expect(a.code, a.log).toBe(0);
    v1 = a.outputs.version!;
    commitChange(repo, 'two');
    const b = await act({ command: 'deploy' });
    expect(b.code, b.log).toBe(0);
    v2 = b.outputs.version!;
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('replaces a drifted live instance with a fresh one of the same digest, with no failed request and no build', async () => {
    const [old] = instances().filter((i) => i.version === v2);
    const oldDigest = docker('container', 'inspect', '--format', '{{.Image}}', old!.name);
    const warm = instances().find((i) => i.version === v1)!.name;
    docker('exec', old!.name, '/bin/busybox', 'sh', '-c', 'echo patched > /www/index.html');
    const drifted = await act({ command: 'status' });
    expect(drifted.code).not.toBe(0);

    let done = false;
    const load = runLoad(lb.url, { keepAlive: true, concurrency: 2, maxRequests: 100_000, maxMs: 100_000, stop: () => done, expectBodies: ['patched\n', 'two\n'] });
    const r = await act({ command: 'recycle', 'acceptance-command': 'wget -qO- "$TARGET_URL/" | grep -qx two' }).finally(() => (done = true));
    const l = await load;
    expect(r.code, r.log).toBe(0);
    expect(l.failed, JSON.stringify(l.reasons)).toBe(0);
    expect(r.log).not.toContain('::group::Build');
    expect(r.log).toMatch(/::warning title=Snowflake replaced::Replacing instance\(s\) that drifted:.*A? ?\/www\/index\.html/s);
    expect(r.outputs['live-version']).toBe(v2);
    expect(r.outputs['previous-version']).toBe(v2);
    expect(r.summary).toContain(`Recycled ${v2}`);
    expect(r.summary).toContain('(had drifted)');

    const now = instances();
    const fresh = now.find((i) => i.version === v2)!;
    expect(fresh.name).not.toBe(old!.name);
    expect(now.map((i) => i.name)).not.toContain(old!.name);
    // The same bytes, and the warm previous version untouched.
    expect(docker('container', 'inspect', '--format', '{{.Image}}', fresh.name)).toBe(oldDigest);
    expect(now.map((i) => i.name)).toContain(warm);
    expect((await get(lb.url)).body).toBe('two\n');
    const clean = await act({ command: 'status' });
    expect(clean.code, clean.log).toBe(0);
    expect(clean.summary).toContain('Drift: none in 2 instance(s)');
  });

  it('goes through the gate: a fresh instance that fails acceptance is removed and the live one keeps serving', async () => {
    const before = instances();
    const r = await act({ command: 'recycle', 'acceptance-command': 'exit 9' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('exit code 9');
    expect(instances()).toEqual(before);
    expect((await get(lb.url)).body).toBe('two\n');
  });

  it('fails clearly when nothing is live', async () => {
    const r = await runAction({ ...inputs, app: `${APP}none`, 'haproxy-backend': `${APP}-production`, command: 'recycle' }, { cwd: repo });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`Nothing of ${APP}none is live in production: there is nothing to recycle.`);
  });
});

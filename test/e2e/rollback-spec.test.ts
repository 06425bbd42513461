/**
 * Issue 8 §2 and §3: a rollback needs only app, environment and (optionally) version — it runs with the
 * specification the version ran with — and "roll back" undoes the last flip. Real Docker and a real
 * HAProxy through the bundled dist/index.js; traffic only to 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, graceful, running } from '../helpers/docker.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
const versionsOf = (app: string) => running(app, 'production').map((i) => i.version).sort();

/** An app on port 9090 that starts only with MODE=prod and SECRET_TOKEN set, and answers only /healthz (/ is 404). */
function pickyApp(text: string): string {
  const dir = appRepo({ kind: 'web', text });
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY index.html /www/healthz',
      `ENTRYPOINT ${graceful('/bin/busybox httpd -f -p 9090 -h /www', { guard: '[ "$MODE" = prod ] && [ -n "$SECRET_TOKEN" ] || { echo missing MODE or SECRET_TOKEN >&2; exit 3; }' })}`,
      '',
    ].join('\n'),
  );
  execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'picky app']);
  return dir;
}

describe('a rollback with only app, environment (and router) uses the version\'s recorded run spec', () => {
  const APP = 'prodspec';
  let lb: HaproxyServer;
  let repo: string;
  const v: Record<string, string> = {};
  let routerInputs: Record<string, string>;
  const deployInputs = {
    port: '9090',
    'health-path': '/healthz',
    env: 'MODE=prod',
    'secret-env': 'SECRET_TOKEN=tok-prodspec-5ecret',
    checks: 'GET /healthz 200',
    keep: '3',
    'drain-seconds': '0',
    'stop-timeout': '1',
  };
  const run = (inputs: Record<string, string>) => runAction({ app: APP, ...inputs }, { cwd: repo });
  const serves = async () => (await get(`${lb.url}healthz`)).body;

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    routerInputs = { router: 'haproxy', 'haproxy-socket': lb.socket };
    repo = pickyApp('v1');
    for (const name of ['v1', 'v2', 'v3']) {
      if (name !== 'v1') commitChange(repo, name);
      const r = await run({ ...routerInputs, ...deployInputs });
      expectOk(r);
      v[name] = r.outputs.version!;
    }
    expect(await serves()).toBe('v3\n');
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('records the spec on the instance, with secret keys but never secret values', () => {
    const name = running(APP, 'production').find((i) => i.version === v.v3)!.name;
    const spec = JSON.parse(docker('inspect', '-f', '{{index .Config.Labels "dev.immutable-deploy.spec"}}', name)) as Record<string, unknown>;
    expect(spec).toMatchObject({ port: 9090, healthPath: '/healthz', env: { MODE: 'prod' }, secretEnvNames: ['SECRET_TOKEN'], release: { keep: 3 } });
    expect(docker('inspect', '-f', '{{json .Config.Labels}}', name)).not.toContain('5ecret');
  });

  it('warm: only app, environment and router inputs — the probe uses the recorded health path, keep 3 holds', async () => {
    const r = await run({ command: 'rollback', ...routerInputs });
    expectOk(r);
    expect(r.log).toContain('one flip, no build, no pull');
    expect(r.outputs['live-version']).toBe(v.v2);
    expect(await serves()).toBe('v2\n');
    expect(versionsOf(APP)).toEqual([v.v1, v.v2, v.v3].sort());
  });

  it('warm, with only app and environment: the router comes from the spec too; the default undoes the last flip', async () => {
    const r = await run({ command: 'rollback' });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(v.v3);
    expect(r.outputs['previous-version']).toBe(v.v2);
    expect(await serves()).toBe('v3\n');
    expect(versionsOf(APP)).toEqual([v.v1, v.v2, v.v3].sort());
  });

  it('cold, without the secret keys the version ran with: fails before anything changes, naming them', async () => {
    const v1 = running(APP, 'production').find((i) => i.version === v.v1)!.name;
    docker('rm', '-f', v1);
    const before = running(APP, 'production');
    const r = await run({ command: 'rollback', version: v.v1! });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('SECRET_TOKEN is not given. Nothing was changed.');
    expect(running(APP, 'production')).toEqual(before);
    expect(await serves()).toBe('v3\n');
  });

  it('cold, with the secret: a fresh instance with the recorded port, env and checks, verified, then the flip', async () => {
    const r = await run({ command: 'rollback', version: v.v1!, 'secret-env': 'SECRET_TOKEN=tok-prodspec-5ecret' });
    expectOk(r);
    expect(r.log).toContain('is not running: starting a fresh instance');
    expect(r.summary).toContain('GET /healthz 200');
    expect(await serves()).toBe('v1\n');
    const fresh = running(APP, 'production').find((i) => i.version === v.v1)!.name;
    expect(docker('inspect', '-f', '{{json .Config.Env}}', fresh)).toContain('MODE=prod');
    expect(docker('port', fresh, '9090/tcp')).toMatch(/^127\.0\.0\.1:2\d{4}$/);
    // The runner is told to mask it (::add-mask::); it appears nowhere else.
    expect(r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain('tok-prodspec-5ecret');
  });

  it('a warm instance that fails its probe is reported and never removed', async () => {
    const warm = running(APP, 'production').find((i) => i.version === v.v2)!.name;
    docker('exec', warm, '/bin/busybox', 'rm', '/www/healthz');
    const r = await run({ command: 'rollback', version: v.v2! });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`The warm instance ${warm} of ${v.v2} does not answer GET /healthz`);
    expect(r.log).toContain('answered 404');
    expect(r.log).toContain('never removes a warm instance');
    expect(running(APP, 'production').map((i) => i.name)).toContain(warm);
    expect(await serves()).toBe('v1\n');
  });
});

describe('"roll back" undoes the last flip; a version that never served is never a target', () => {
  const APP = 'produndo';
  let lb: HaproxyServer;
  let repo: string;
  const v: Record<string, string> = {};
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env });
  const serves = async () => (await get(lb.url)).body;
  const deploy = async (name: string) => {
    commitChange(repo, name);
    const r = await action();
    expectOk(r);
    v[name] = r.outputs.version!;
    return r;
  };

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v0' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, keep: '3', 'drain-seconds': '0', 'stop-timeout': '1' };
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('v1 → v2 → v3 → rollback(v1) → v4: previous-version, the summary and an empty-version rollback all say v1', async () => {
    await deploy('v1');
    await deploy('v2');
    await deploy('v3');
    const back = await action({ command: 'rollback', version: v.v1! });
    expectOk(back);
    expect(await serves()).toBe('v1\n');
    const d4 = await deploy('v4');
    expect(d4.outputs['previous-version']).toBe(v.v1);
    expect(d4.summary).toContain(`Roll back to ${v.v1} (warm: one flip)`);
    expect(d4.summary).toContain(`-f version=${v.v1}`);
    const undo = await action({ command: 'rollback' });
    expectOk(undo);
    expect(undo.outputs['live-version']).toBe(v.v1);
    expect(undo.outputs['previous-version']).toBe(v.v4);
    expect(await serves()).toBe('v1\n');
  });

  it('killed after verification, before the flip: that verified instance never becomes a rollback target, and goes', async () => {
    commitChange(repo, 'v5');
    const killed = await action({}, { IMMUTABLE_DEPLOY_FAILPOINT: 'after-verify' });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.code).toBeNull();
    const v5 = running(APP, 'production').find((i) => ![v.v1, v.v2, v.v3, v.v4].includes(i.version));
    expect(v5?.name).not.toContain('-candidate');
    expect(await serves()).toBe('v1\n');
    // The last flip (the rollback) replaced v4: the default target is v4, never the v5 that never served.
    const r = await action({ command: 'rollback' });
    expectOk(r);
    expect(r.log).toContain('verified but never served');
    expect(r.outputs['live-version']).toBe(v.v4);
    expect(running(APP, 'production').map((i) => i.name)).not.toContain(v5!.name);
    expect(await serves()).toBe('v4\n');
  });

  it('killed after the flip, before its record: the next run records it, and the default target is still right', async () => {
    commitChange(repo, 'v6');
    const killed = await action({}, { IMMUTABLE_DEPLOY_FAILPOINT: 'after-flip' });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.code).toBeNull();
    expect(await serves()).toBe('v6\n');
    const r = await action({ command: 'rollback' });
    expectOk(r);
    // The switch's result is written with its flip record (one call): killed before it, the switch's intent
    // is open, and the next run finds the switch took effect and records it as the flip it was.
    expect(r.log).toContain('its switch had taken effect');
    expect(r.log).toContain('recorded as the flip it was');
    expect(r.outputs['live-version']).toBe(v.v4);
    expect(await serves()).toBe('v4\n');
  });

  it('keeps the newest 20 flip records: a flip prunes the older ones, never one of its own run', async () => {
    // The records of flips (the other release state records share the volume role: served, intent, result).
    const records = () =>
      docker('volume', 'ls', '-q', '--filter', 'label=dev.immutable-deploy.role=flip', '--filter', `label=dev.immutable-deploy.app=${APP}`)
        .split('\n')
        .filter((n) => n.startsWith(`${APP}-production-flip-`));
    const real = records();
    // 25 records of flips long ago (2020), as a busy environment would have: more than are kept.
    const old = Array.from({ length: 25 }, (_, i) => {
      const at = new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString();
      const name = `${APP}-production-flip-old-${String(i).padStart(2, '0')}`;
      const record = { app: APP, environment: 'production', at, live: { pool: `old-${i}`, version: `sha-old${i}`, digest: 'sha256:0' } };
      docker('volume', 'create', '--label', 'dev.immutable-deploy.role=flip', '--label', `dev.immutable-deploy.app=${APP}`,
        '--label', 'dev.immutable-deploy.environment=production', '--label', `dev.immutable-deploy.flip=${JSON.stringify(record)}`, name);
      return name;
    });
    const r = await action({ command: 'rollback' });
    expectOk(r);
    const after = records();
    expect(after).toHaveLength(20);
    // Every record of a real flip stays (the rollback's own among them); of the old ones, only the newest.
    const added = after.filter((n) => !real.includes(n) && !old.includes(n));
    expect(added).toHaveLength(1);
    expect(after).toEqual(expect.arrayContaining(real));
    expect(after.filter((n) => old.includes(n)).sort()).toEqual(old.slice(25 - (19 - real.length)));
  });
});

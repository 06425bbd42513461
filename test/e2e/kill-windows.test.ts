/**
 * Issue 8 §4 and §5: a failed flip never removes what the balancer may point at; two environments on
 * one balancer; a run killed with SIGKILL in the middle of an nginx flip (file written, not loaded) or
 * before the HAProxy state file is saved converges on the next run. The kills happen exactly in those
 * windows (IMMUTABLE_DEPLOY_FAILPOINT, src/support/failpoint.ts). Real Docker, nginx and HAProxy, through the
 * bundled dist/index.js; traffic only to 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { get, startHaproxy, startNginx, tempDir, type HaproxyServer, type NginxServer } from '../helpers/servers.js';

const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
const quote = (argv: string[]) => argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
const portOfVersion = (app: string, version: string) =>
  docker('port', running(app).find((i) => i.version === version)!.name, '8080/tcp').split(':').pop()!;

describe('a partial flip: the router command moved the balancer, then exited non-zero', () => {
  const APP = 'prodpart';
  let repo: string;
  let liveFile: string;
  const v: Record<string, string> = {};
  const command = [
    'if [ "$ROUTER_ACTION" = read ]; then cat "$LIVE_FILE" 2>/dev/null || true; exit 0; fi',
    'if [ -n "$FAIL_BEFORE_MOVE" ]; then echo "the balancer refused" >&2; exit 4; fi',
    'echo "$TARGET_HOST:$TARGET_PORT" > "$LIVE_FILE"',
    'if [ -n "$FAIL_AFTER_MOVE" ]; then echo "balancer moved, then the command failed" >&2; exit 3; fi',
  ].join('\n');
  const action = (extra: Record<string, string>, env: Record<string, string> = {}) =>
    runAction({ app: APP, router: 'command', 'router-command': command, 'drain-seconds': '0', ...extra }, { cwd: repo, env: { LIVE_FILE: liveFile, ...env } });

  beforeAll(async () => {
    cleanupApp(APP);
    liveFile = join(await tempDir('prodpart'), 'live');
    repo = appRepo({ kind: 'web', text: 'v1' });
    const r = await action({});
    expectOk(r);
    v.v1 = r.outputs.version!;
  });
  afterAll(() => cleanupApp(APP));

  it('keeps the new instance the balancer points at, says that it serves, and a rollback then undoes that flip', async () => {
    commitChange(repo, 'v2');
    const r = await action({}, { FAIL_AFTER_MOVE: '1' });
    expect(r.code).not.toBe(0);
    v.v2 = r.outputs.version ?? running(APP).find((i) => i.version !== v.v1)!.version;
    expect(r.log).toContain('balancer moved, then the command failed');
    expect(r.log).toMatch(new RegExp(`Read back, router command .* sends traffic to ${v.v2} .*: ${v.v2} is live now and was kept; ${v.v1} .* stays warm`));
    expect(running(APP).map((i) => i.version).sort()).toEqual([v.v1, v.v2].sort());
    expect(readFileSync(liveFile, 'utf8').trim()).toBe(`127.0.0.1:${portOfVersion(APP, v.v2)}`);
    const status = await action({ command: 'status' });
    expectOk(status);
    expect(status.outputs['live-version']).toBe(v.v2);
    const back = await action({ command: 'rollback' });
    expectOk(back);
    expect(back.outputs['live-version']).toBe(v.v1);
  });

  it('removes the new instance when the balancer did not move, saying what still serves', async () => {
    const fileBefore = readFileSync(liveFile, 'utf8');
    commitChange(repo, 'v3');
    const r = await action({}, { FAIL_BEFORE_MOVE: '1' });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(new RegExp(`Read back, router command .* still serves ${v.v1} .*; the new instance \\S+ was removed`));
    expect(readFileSync(liveFile, 'utf8')).toBe(fileBefore);
    expect(running(APP).map((i) => i.version).sort()).toEqual([v.v1, v.v2].sort());
  });
});

describe('two environments on one balancer', () => {
  const APP = 'prodenvs';
  let lb: HaproxyServer;
  let repo: string;
  const action = (environment: string, extra: Record<string, string> = {}) =>
    runAction({ app: APP, environment, router: 'haproxy', 'haproxy-socket': lb.socket, 'drain-seconds': '0', ...extra }, { cwd: repo });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production`, moreBackends: [`${APP}-staging`] });
    repo = appRepo({ kind: 'web', text: 'staging build' });
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('with the defaults each environment flips its own backend (<app>-<environment>)', async () => {
    expectOk(await action('staging'));
    commitChange(repo, 'production build');
    expectOk(await action('production'));
    expect((await get(lb.urlOf(`${APP}-staging`))).body).toBe('staging build\n');
    expect((await get(lb.urlOf(`${APP}-production`))).body).toBe('production build\n');
  });

  it('refuses to flip a target that serves another environment, and changes nothing', async () => {
    commitChange(repo, 'wrong slot');
    const before = running(APP);
    const r = await action('production', { 'haproxy-backend': `${APP}-staging` });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`serves ${APP} in staging`);
    expect(r.log).toContain('Nothing was changed');
    expect(running(APP)).toEqual(before);
    expect((await get(lb.urlOf(`${APP}-staging`))).body).toBe('staging build\n');
  });
});

describe('killed in the middle of an nginx flip (file written, not reloaded)', () => {
  const APP = 'prodngx';
  let lb: NginxServer;
  let repo: string;
  let inputs: Record<string, string>;
  const v: Record<string, string> = {};
  const action = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startNginx({ upstreamName: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      router: 'nginx',
      'nginx-upstream-file': lb.upstreamFile,
      'nginx-test-command': quote(lb.testCommand),
      'nginx-reload-command': quote(lb.reloadCommand),
      'nginx-pid-file': lb.pidFile,
      'drain-seconds': '0',
      'stop-timeout': '1',
    };
    const r = await action();
    expectOk(r);
    v.v1 = r.outputs.version!;
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('status says the file is written but not loaded and fails; the next deploy converges', async () => {
    commitChange(repo, 'v2');
    const killed = await action({}, { IMMUTABLE_DEPLOY_FAILPOINT: 'nginx-after-write' });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.code).toBeNull();
    const v2 = running(APP).find((i) => i.version !== v.v1)!;
    expect(readFileSync(lb.upstreamFile, 'utf8')).toContain(`:${portOfVersion(APP, v2.version)};`);
    expect((await get(lb.url)).body).toBe('v1\n');

    const status = await action({ command: 'status' });
    expect(status.code).not.toBe(0);
    expect(status.log).toContain('but nginx has not loaded it');
    expect(status.outputs['live-version']).toBe(v.v1);

    commitChange(repo, 'v3');
    const next = await action();
    expectOk(next);
    expect(next.outputs['previous-version']).toBe(v.v1);
    expect((await get(lb.url)).body).toBe('v3\n');
    expect(running(APP).map((i) => i.name)).not.toContain(v2.name);
    expectOk(await action({ command: 'status' }));
    // The v2 that never served is no rollback target: the last flip replaced v1.
    const back = await action({ command: 'rollback' });
    expectOk(back);
    expect(back.outputs['live-version']).toBe(v.v1);
    expect((await get(lb.url)).body).toBe('v1\n');
  });
});

describe('killed before the HAProxy server state file is saved', () => {
  const APP = 'prodstate';
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'haproxy-state-file': lb.stateFile, 'drain-seconds': '0', 'stop-timeout': '1' };
    expectOk(await action());
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('status names the stale state file; the re-run saves it, so an HAProxy restart keeps serving the new version', async () => {
    commitChange(repo, 'v2');
    const killed = await action({}, { IMMUTABLE_DEPLOY_FAILPOINT: 'haproxy-before-state-file' });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.code).toBeNull();
    expect((await get(lb.url)).body).toBe('v2\n');
    const status = await action({ command: 'status' });
    expect(status.code).not.toBe(0);
    expect(status.log).toContain('a restart of HAProxy would send traffic to');

    const again = await action();
    expectOk(again);
    expect(again.log).toContain("Saved HAProxy's server state");
    expectOk(await action({ command: 'status' }));
    await lb.restart();
    expect((await get(lb.url)).body).toBe('v2\n');
  });
});

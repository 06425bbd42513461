/**
 * The release model through a real HAProxy, under load: deploy v1, deploy v2, roll back, roll forward,
 * deploy v3 — with zero failed requests, v1 retired after v3 (keep=1) and v2 still warm.
 * Everything runs through the bundled dist/index.js as the runner drives it; traffic only to 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, running } from '../helpers/docker.js';
import { get, runLoad, startHaproxy, type HaproxyServer, type LoadResult } from '../helpers/servers.js';

const APP = 'relhap';

describe('release through HAProxy under load', () => {
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string>) => runAction({ ...inputs, ...extra }, { cwd: repo });
  const versions: Record<string, string> = {};

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      environment: 'production',
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-state-file': lb.stateFile,
      keep: '1',
      'drain-seconds': '1',
      'stop-timeout': '1',
      checks: 'GET / 200',
    };
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);

  it('deploys v1 behind the balancer', async () => {
    const r = await action({});
    expectOk(r);
    versions.v1 = r.outputs.version!;
    expect(r.outputs['previous-version']).toBe('');
    expect(r.outputs['live-version']).toBe(versions.v1);
    expect((await get(lb.url)).body).toBe('v1\n');
  });

  it('deploys, rolls back, rolls forward and deploys again with 0 failed requests', async () => {
    let done = false;
    const loads: Promise<LoadResult>[] = [true, false].map((keepAlive) =>
      runLoad(lb.url, {
        keepAlive,
        concurrency: 4,
        maxRequests: 200_000,
        maxMs: 100_000,
        stop: () => done,
        expectBodies: ['v1\n', 'v2\n', 'v3\n'],
      }),
    );
    try {
      commitChange(repo, 'v2');
      const d2 = await action({});
      expectOk(d2);
      versions.v2 = d2.outputs.version!;
      expect(d2.outputs['previous-version']).toBe(versions.v1);
      expect((await get(lb.url)).body).toBe('v2\n');
      expect(running(APP).map((i) => i.version).sort()).toEqual([versions.v1, versions.v2].sort());

      const back = await action({ command: 'rollback' });
      expectOk(back);
      expect(back.log).toContain('one flip, no build, no pull');
      expect(back.log).not.toContain('::group::Build');
      expect(back.outputs['live-version']).toBe(versions.v1);
      expect(back.outputs['previous-version']).toBe(versions.v2);
      expect((await get(lb.url)).body).toBe('v1\n');

      const forward = await action({ command: 'rollback', version: versions.v2 });
      expectOk(forward);
      expect((await get(lb.url)).body).toBe('v2\n');

      commitChange(repo, 'v3');
      const d3 = await action({});
      expectOk(d3);
      versions.v3 = d3.outputs.version!;
      expect((await get(lb.url)).body).toBe('v3\n');
    } finally {
      done = true;
    }
    const [keepAlive, perRequest] = await Promise.all(loads);
    console.log('HAProxy release under load', { keepAlive, perRequest });
    for (const l of [keepAlive!, perRequest!]) {
      expect(l.requests).toBeGreaterThan(100);
      expect(l.failed, JSON.stringify(l.reasons)).toBe(0);
    }
    // Every version served traffic at some point of the sequence.
    expect(Object.keys(keepAlive!.bodies).sort()).toEqual(['v1\n', 'v2\n', 'v3\n']);
  });

  it('retired v1 after v3 (keep=1) and kept v2 warm', () => {
    expect(running(APP).map((i) => i.version).sort()).toEqual([versions.v2, versions.v3].sort());
  });

  it('status tells what is live, warm and image-only, and changes nothing', async () => {
    const before = running(APP);
    const r = await action({ command: 'status' });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(versions.v3);
    const list = JSON.parse(r.outputs.versions!) as { version: string; state: string; revision: string; digest: string }[];
    expect(list.map((v) => [v.version, v.state])).toEqual([
      [versions.v3, 'live'],
      [versions.v2, 'warm'],
      [versions.v1, 'image-only'],
    ]);
    expect(list.every((v) => /^[0-9a-f]{40}$/.test(v.revision) && v.digest.startsWith('sha256:'))).toBe(true);
    expect(r.summary).toContain(`${versions.v3} is live`);
    expect(running(APP)).toEqual(before);
  });

  it('rolls back to a stopped version by starting and verifying a fresh instance first', async () => {
    const r = await action({ command: 'rollback', version: versions.v1! });
    expectOk(r);
    expect(r.log).toContain('is not running: starting a fresh instance');
    expect(r.summary).toContain(`Verified ${versions.v1}`);
    expect((await get(lb.url)).body).toBe('v1\n');
  });

  it('fails a rollback to an unknown version, listing what can be restored, and changes nothing', async () => {
    const r = await action({ command: 'rollback', version: 'sha-0000000' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('Versions that can be restored:');
    expect(r.log).toContain(versions.v3);
    expect((await get(lb.url)).body).toBe('v1\n');
  });

  it('keeps the flip across an HAProxy restart (server state file)', async () => {
    await lb.restart();
    expect((await get(lb.url)).body).toBe('v1\n');
  });
});

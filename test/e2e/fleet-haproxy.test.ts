/**
 * Fleets through the bundle, on real hosts (test/helpers/hosts.ts: a network namespace each, with its own
 * dockerd and sshd, reached as ssh://root@10.77.N.2), behind a real HAProxy with four server slots
 * (server-template), under wrk load: v1 on 2 hosts x 2 replicas, v2 with 0 failed requests and all four
 * v2 instances taking traffic, v1 warm on both hosts, rollback in one switch; one host's engine stopped:
 * the deploy fails naming it and the live pool is untouched, and so is a rollback; one host's instances failing
 * acceptance while the other host's pass: every new instance on every host goes, the live pool serves throughout.
 * Traffic goes only to 127.0.0.1 (HAProxy) and to the hosts' addresses.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';
import { startHaproxy, type HaproxyServer } from '../helpers/servers.js';
import { startWrk } from '../helpers/wrk.js';

const APP = 'fleethap';
const versionOf = (sha: string) => `sha-${sha.slice(0, 7)}`;

interface StatusVersion {
  version: string;
  state: string;
  instances?: { host: string; name: string; url: string }[];
}

/** Per-slot request counters and addresses, from HAProxy itself (`show stat`, `show servers state`). */
async function slots(lb: HaproxyServer): Promise<Map<string, { addr: string; total: number }>> {
  const stat = await runtimeCommand({ path: lb.socket }, `show stat`);
  const [head, ...rows] = stat.replace(/^# /, '').trim().split('\n');
  const cols = head!.split(',');
  const out = new Map<string, { addr: string; total: number }>();
  for (const row of rows) {
    const f = row.split(',');
    const get = (c: string) => f[cols.indexOf(c)] ?? '';
    if (get('pxname') === `${APP}-production` && /^live\d+$/.test(get('svname')) && get('status') !== 'MAINT')
      out.set(get('svname'), { addr: get('addr'), total: Number(get('stot')) });
  }
  return out;
}

describe('a fleet of 2 hosts x 2 replicas behind HAProxy', () => {
  let th: TestHosts;
  let lb: HaproxyServer;
  let repo: string;
  const versions: Record<string, string> = {};
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env: th.env, timeoutMs: 180_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  const status = async () => {
    const r = await action({ command: 'status' });
    expectOk(r);
    return JSON.parse(r.outputs.versions!) as StatusVersion[];
  };

  beforeAll(async () => {
    cleanupApp(APP);
    th = await startHosts({ prefix: 'fleet', subnets: [3, 4] });
    // HAProxy health-checks its servers, as in production: a host that goes down takes its slots out of rotation.
    lb = await startHaproxy({ backend: `${APP}-production`, slots: 4, serverExtra: 'check inter 200ms fall 1 rise 1' });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      hosts: th.input(),
      replicas: '2',
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      keep: '1',
      'drain-seconds': '1',
      'stop-timeout': '1',
      checks: 'GET / 200',
    };
  }, 180_000);
  afterAll(async () => {
    await lb?.stop();
    await th?.stop();
    cleanupApp(APP);
  });

  it('deploys v1: two instances on each host, every one verified, all four behind HAProxy', async () => {
    const r = await action();
    expectOk(r);
    versions.v1 = r.outputs.version!;
    expect((await get(lb.url)).body).toBe('v1\n');
    const instances = JSON.parse(r.outputs.instances!) as { host: string; name: string; url: string }[];
    expect(instances.map((i) => i.host).sort()).toEqual([th.hosts[0]!.endpoint, th.hosts[0]!.endpoint, th.hosts[1]!.endpoint, th.hosts[1]!.endpoint].sort());
    for (const i of instances) expect((await get(i.url)).body).toBe('v1\n');
    expect(r.summary).toMatch(new RegExp(`\\| live \\| ${versions.v1} \\| .* \\| ${th.hosts[1]!.endpoint.replace(/[./]/g, '\\$&')} \\|`));
    for (const h of th.hosts) {
      expect(r.log).toContain(`reached ${h.endpoint} by docker save | docker load`);
      expect(h.docker('ps', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Label "dev.immutable-deploy.version"}}').split('\n')).toEqual([
        versions.v1,
        versions.v1,
      ]);
    }
    expect([...(await slots(lb)).values()].map((s) => s.addr.split(':')[0]).sort()).toEqual(
      [th.hosts[0]!.address, th.hosts[0]!.address, th.hosts[1]!.address, th.hosts[1]!.address].sort(),
    );
  });

  it('deploys v2 under load with 0 failed requests; all four v2 instances take traffic; v1 stays warm on both hosts', async () => {
    commitChange(repo, 'v2');
    const wrk = startWrk(lb.url, { connections: 8, maxSec: 170 });
    const r = await action();
    const load = await wrk.stop();
    expectOk(r);
    versions.v2 = r.outputs.version!;
    expect(r.outputs['previous-version']).toBe(versions.v1);
    expect(load.requests).toBeGreaterThan(100);
    expect(load.failed, load.output).toBe(0);

    const st = await status();
    const live = st.find((v) => v.state === 'live')!;
    const warm = st.find((v) => v.state === 'warm')!;
    expect(live.version).toBe(versions.v2);
    expect(warm.version).toBe(versions.v1);
    expect(live.instances!.map((i) => i.host).sort()).toEqual([th.hosts[0]!.endpoint, th.hosts[0]!.endpoint, th.hosts[1]!.endpoint, th.hosts[1]!.endpoint].sort());
    expect(warm.instances!.map((i) => i.host).sort()).toEqual(live.instances!.map((i) => i.host).sort());
    for (const i of warm.instances!) expect((await get(i.url)).body).toBe('v1\n');

    // Every slot points at a v2 instance, and every one of them answers requests through HAProxy.
    const before = await slots(lb);
    expect([...before.values()].map((s) => `http://${s.addr}`).sort()).toEqual(live.instances!.map((i) => i.url).sort());
    for (let n = 0; n < 40; n++) expect((await get(lb.url)).body).toBe('v2\n');
    const after = await slots(lb);
    for (const [name, s] of after) expect(s.total, name).toBeGreaterThan(before.get(name)!.total);
  });

  it('rolls back to the warm v1 pool in one switch under load: no build, no pull, 0 failed requests', async () => {
    const wrk = startWrk(lb.url, { connections: 8, maxSec: 170 });
    const r = await action({ command: 'rollback' });
    const load = await wrk.stop();
    expectOk(r);
    expect(r.log).toContain(`Rolling back to the warm pool of ${versions.v1} (4 instances): one flip, no build, no pull.`);
    expect(r.log).not.toContain('docker load');
    expect(load.failed, load.output).toBe(0);
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
    const st = await status();
    expect(st.find((v) => v.state === 'live')?.version).toBe(versions.v1);
    expect(st.find((v) => v.state === 'warm')?.instances).toHaveLength(4);
  });

  it('one host\'s engine down: the deploy fails naming it, before any traffic moves; the rollback too; the live pool is untouched', async () => {
    const down = th.hosts[1]!;
    const before = await slots(lb);
    const v3 = versionOf(commitChange(repo, 'v3'));
    await down.stopEngine();
    try {
      const r = await action();
      expect(r.code).not.toBe(0);
      expect(r.log).toContain(down.endpoint);
      expect(r.log).not.toContain(`Flip HAProxy`);
      const back = await action({ command: 'rollback', version: versions.v2! });
      expect(back.code).not.toBe(0);
      expect(back.log).toContain(down.endpoint);
      expect([...(await slots(lb)).values()].map((s) => s.addr).sort()).toEqual([...before.values()].map((s) => s.addr).sort());
      for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
      // Nothing of v3 was left on the host that answered, under any name (a verified instance is renamed).
      expect(th.hosts[0]!.docker('ps', '-a', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', `label=dev.immutable-deploy.version=${v3}`, '--format', '{{.Names}}')).toBe('');
    } finally {
      await down.startEngine();
    }
  });

  it("one host's instances fail acceptance after the other host's passed: every new instance on every host goes, v1 serves throughout", async () => {
    const v4 = versionOf(commitChange(repo, 'v4'));
    const bad = th.hosts[1]!.address;
    // The acceptance command runs on the runner once per instance: the other host's instances pass (and say so in
    // MARKS); the bad host's wait until both have passed, then fail.
    const marks = mkdtempSync(join(tmpdir(), 'fleet-marks-'));
    const acceptance = [
      'case "$TARGET_URL" in',
      `  *//${bad}:*) for i in $(seq 300); do [ "$(ls "$MARKS" | wc -l)" -ge 2 ] && break; sleep 0.1; done; echo "refused on ${bad}"; exit 1;;`,
      '  *) touch "$MARKS/$(echo "$TARGET_URL" | tr -c "a-z0-9" _)"; exit 0;;',
      'esac',
    ].join('\n');
    const wrk = startWrk(lb.url, { connections: 8, maxSec: 170 });
    const r = await runAction({ ...inputs, 'acceptance-command': acceptance }, { cwd: repo, env: { ...th.env, MARKS: marks }, timeoutMs: 180_000 });
    const load = await wrk.stop();
    expect(r.code, r.log).toBe(1);
    expect(readdirSync(marks)).toHaveLength(2);
    expect(r.log).toContain(`refused on ${bad}`);
    expect(r.log).not.toContain('Flip HAProxy');
    expect(load.requests).toBeGreaterThan(100);
    expect(load.failed, load.output).toBe(0);
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
    // Not one v4 instance is left, on either host, under any name.
    for (const h of th.hosts)
      expect(h.docker('ps', '-a', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', `label=dev.immutable-deploy.version=${v4}`, '--format', '{{.Names}}'), h.endpoint).toBe('');
    const st = await status();
    expect(st.find((v) => v.state === 'live')?.version).toBe(versions.v1);
  });
});

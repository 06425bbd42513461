/**
 * Hosts with their own balancer, released in waves (issue 21 §6), through the bundle, on two ssh test hosts
 * (test/helpers/hosts.ts: a network namespace each with its own dockerd and sshd), each running its OWN HAProxy
 * in its namespace (bound to the host's address). Each hosts line names that HAProxy's runtime socket as
 * router=/run/<name>.sock: a path that exists only in the host's sshd view (/run there is the host's run
 * directory), so the action can reach it only through the host's ssh connection (stream-local forwarding).
 * Under load through both HAProxies (wrk, bounded, to the namespace addresses only):
 * - a good version goes out in 2 waves with 0 failed requests, wave 1 released before wave 2 starts;
 * - a bad version (every / answers 500) is stopped in wave 1's bake: wave 1 goes back, and wave 2's host never
 *   sees it (no container, no image), its balancer untouched;
 * - a version that fails in wave 2 (acceptance refuses wave 2's host): the released wave 1 is flipped back;
 * - rollback flips every host back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { liveTarget, parseServersState } from '../../src/routers/haproxy/state.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startHosts, type TestHost, type TestHosts } from '../helpers/hosts.js';
import { recordTraffic, type Answer } from '../helpers/traffic.js';

const APP = 'wv-fleet';
const BACKEND = `${APP}-production`;
const PORT = 18080;
const SOCKET = '/run/wv-haproxy.sock';

interface HostLb {
  host: TestHost;
  url: string;
  /** The socket as the machine sees it (for the test's own reads). */
  local: string;
  proc: ChildProcess;
}

/** HAProxy inside the host's namespace, bound to the host's address, its admin socket in the host's run directory. */
async function startHostHaproxy(h: TestHost): Promise<HostLb> {
  const local = join(h.dir, 'run', 'wv-haproxy.sock');
  const cfg = join(h.dir, 'wv-haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      `    stats socket ${local} mode 600 level admin`,
      'defaults',
      '    mode http',
      '    timeout connect 2s',
      '    timeout client 30s',
      '    timeout server 30s',
      'frontend web',
      `    bind ${h.address}:${PORT}`,
      `    default_backend ${BACKEND}`,
      `backend ${BACKEND}`,
      '    server-template live 1-2 127.0.0.1:1 disabled',
      '',
    ].join('\n'),
  );
  const proc = spawn('nsenter', [`--net=/var/run/netns/${h.name}`, 'haproxy', '-db', '-f', cfg], { stdio: 'ignore' });
  const url = `http://${h.address}:${PORT}/`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (existsSync(local) && (await get(url).then((r) => r.status === 503, () => false))) break;
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`HAProxy in ${h.name} did not come up`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { host: h, url, local, proc };
}

/** The addresses the host's HAProxy serves (slots not in maintenance), from HAProxy itself. */
async function serving(lb: HostLb): Promise<string[]> {
  const state = await runtimeCommand({ path: lb.local }, `show servers state ${BACKEND}`);
  return parseServersState(state)
    .flatMap((s) => liveTarget(s) ?? [])
    .map((a) => `${a.host}:${a.port}`)
    .sort();
}

const bodies = async (lb: HostLb, n = 6) => [...new Set(await Promise.all(Array.from({ length: n }, async () => (await get(lb.url)).body)))];

describe('hosts with their own HAProxy, released in waves', () => {
  let th: TestHosts;
  let lbs: HostLb[] = [];
  let repo: string;
  let inputs: Record<string, string>;
  const versions: Record<string, string> = {};
  const action = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env: { ...th.env, ...env }, timeoutMs: 150_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  /**
   * Load through every host's HAProxy (namespace addresses only; a keep-alive client and a connection per request
   * each), bounded in time. Per host: the requests and the failed ones (not a 200, or a network error).
   */
  const load = () => {
    const t = lbs.map((lb) => recordTraffic(lb.url, { concurrency: 1, maxMs: 120_000 }));
    const sum = (a: Answer[]) => ({ requests: a.length, failed: a.filter((x) => x.status !== 200).length, output: [...new Set(a.filter((x) => x.status !== 200).map((x) => x.what))].join(', ') });
    return { stop: async () => (await Promise.all(t.map((x) => x.stop()))).map(sum) };
  };
  const versionsOn = (h: TestHost) =>
    h.docker('ps', '-a', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Label "dev.immutable-deploy.version"}}').split('\n').filter(Boolean).sort();

  beforeAll(async () => {
    cleanupApp(APP);
    th = await startHosts({ prefix: 'wv', subnets: [16, 17] });
    lbs = await Promise.all(th.hosts.map(startHostHaproxy));
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    inputs = {
      app: APP,
      hosts: th.hosts.map((h) => `${h.endpoint} router=${SOCKET}`).join('\n'),
      router: 'haproxy',
      waves: '1, 50%, 100%',
      'wave-bake-seconds': '2',
      'min-requests': '5',
      'max-error-rate': '5',
      'health-path': '/health.html',
      keep: '1',
      'drain-seconds': '1',
      'stop-timeout': '1',
    };
    // The first release has no traffic to judge yet: no bake (min-requests would fail it).
    const r = await action({ 'wave-bake-seconds': '0' });
    expectOk(r);
    versions.v1 = r.outputs.version!;
    for (const lb of lbs) expect(await bodies(lb)).toEqual(['v1\n']);
  }, 180_000);

  afterAll(async () => {
    for (const lb of lbs) {
      lb.proc.kill('SIGTERM');
      if (lb.proc.exitCode === null) await new Promise((r) => lb.proc.once('exit', r));
    }
    await th?.stop();
    cleanupApp(APP);
  });

  it('releases a good version in 2 waves through each host\'s own HAProxy (over ssh), wave 1 before wave 2, 0 failed requests', async () => {
    commitChange(repo, 'v2');
    const l = load();
    const r = await action();
    const results = await l.stop();
    expectOk(r);
    versions.v2 = r.outputs.version!;
    const [h1, h2] = th.hosts as [TestHost, TestHost];
    const w1 = `wave 1/2 (${h1.endpoint})`;
    const w2 = `wave 2/2 (${h2.endpoint})`;
    // Wave 1 launched, flipped and baked (judged by its host's HAProxy counters) before wave 2 launched.
    expect(r.log.indexOf(`${w1}: ${versions.v2} serves on`)).toBeGreaterThan(r.log.indexOf(`${w1}: launching`));
    expect(r.log.indexOf(`${w2}: launching`)).toBeGreaterThan(r.log.indexOf(`${w1}: ${versions.v2} serves on`));
    expect(r.log).toMatch(/bake: pass/);
    expect(r.log).toContain(`via the runtime API at ${SOCKET} on ${h1.endpoint}`);
    expect(r.summary).toContain('### Waves');
    for (const res of results) {
      expect(res.requests).toBeGreaterThan(20);
      expect(res.failed, res.output).toBe(0);
    }
    for (const lb of lbs) expect(await bodies(lb)).toEqual(['v2\n']);
    // Each HAProxy serves its own host's v2 instance only.
    for (const lb of lbs) {
      const at = await serving(lb);
      expect(at).toHaveLength(1);
      expect(at[0]!.startsWith(`${lb.host.address}:`), at.join(' ')).toBe(true);
    }
  });

  it("a bad version is stopped in wave 1: wave 1 goes back, wave 2's host never sees it and its HAProxy is untouched", async () => {
    const v3 = `sha-${commitChange(repo, 'v3').slice(0, 7)}`;
    const [lb1, lb2] = lbs as [HostLb, HostLb];
    const before2 = await serving(lb2);
    const l = load();
    const r = await action({ env: 'BAD_PERCENT=100' });
    const [, load2] = await l.stop();
    expect(r.code, r.log).toBe(1);
    expect(r.log).toMatch(new RegExp(`wave 1/2 \\(${th.hosts[0]!.endpoint.replace(/[./]/g, '\\$&')}\\) failed: ${v3} failed its bake`));
    expect(r.log).toContain(`The hosts of the later waves (${th.hosts[1]!.endpoint}) were never touched.`);
    expect(r.log).not.toContain(`wave 2/2 (${th.hosts[1]!.endpoint}): launching`);
    // Wave 2's host: no container of v3 ever, not even its image; its balancer never changed, its clients saw no error.
    expect(versionsOn(th.hosts[1]!)).not.toContain(v3);
    expect(th.hosts[1]!.docker('image', 'ls', '-q', `${APP}:${v3}`)).toBe('');
    expect(await serving(lb2)).toEqual(before2);
    expect(load2!.failed, load2!.output).toBe(0);
    // Wave 1's host serves v2 again, and its v3 instance is gone.
    expect(await bodies(lb1)).toEqual(['v2\n']);
    expect(versionsOn(th.hosts[0]!)).not.toContain(v3);
  });

  it('a version that fails in wave 2: the released wave 1 is flipped back (one flip), 0 failed requests', async () => {
    const v4 = `sha-${commitChange(repo, 'v4').slice(0, 7)}`;
    const bad = th.hosts[1]!.address;
    const l = load();
    const r = await action({ 'acceptance-command': `case "$TARGET_URL" in *//${bad}:*) echo "refused on ${bad}"; exit 1;; esac` });
    const results = await l.stop();
    expect(r.code, r.log).toBe(1);
    expect(r.log).toContain(`wave 1/2 (${th.hosts[0]!.endpoint}): ${v4} serves on`);
    expect(r.log).toContain(`refused on ${bad}`);
    expect(r.log).toContain(`The hosts of the earlier waves (${th.hosts[0]!.endpoint}) were flipped back to ${versions.v2}; their ${v4} instances were removed.`);
    for (const res of results) expect(res.failed, res.output).toBe(0);
    for (const lb of lbs) expect(await bodies(lb)).toEqual(['v2\n']);
    for (const h of th.hosts) expect(versionsOn(h)).not.toContain(v4);
  });

  it("a run killed in wave 1's bake: the next run (a rollback) flips back wave 1's host only, from its wave record; rollback then flips every host, 0 failed requests", async () => {
    const v5 = `sha-${commitChange(repo, 'v5').slice(0, 7)}`;
    const [lb1, lb2] = lbs as [HostLb, HostLb];
    const before2 = await serving(lb2);
    // A short lease (test hook, src/platforms/lock.ts): the next run takes the dead run's lock over in seconds.
    const lease = { IMMUTABLE_DEPLOY_TEST_LEASE: '4,1' };
    const killed = await runAction(
      { ...inputs, 'wave-bake-seconds': '30' },
      { cwd: repo, env: { ...th.env, ...lease }, timeoutMs: 150_000, killWhen: (log) => log.includes('bake: judging') },
    );
    expect(killed.signal).toBe('SIGKILL');
    // Killed with wave 1's host on v5 and wave 2's host never touched.
    expect(await bodies(lb1)).toEqual(['v5\n']);
    expect(await serving(lb2)).toEqual(before2);
    const l = load();
    const r = await action({ command: 'rollback', waves: '' }, lease);
    const results = await l.stop();
    expectOk(r);
    expect(r.log).toContain(`wave 1 of 2 had started: only ${th.hosts[0]!.endpoint} may have been flipped, and only they are flipped back`);
    expect(r.log).toMatch(new RegExp(`${v5}, never judged, was removed`));
    expect(r.outputs['live-version']).toBe(versions.v1);
    for (const res of results) expect(res.failed, res.output).toBe(0);
    for (const lb of lbs) expect(await bodies(lb)).toEqual(['v1\n']);
  });
});

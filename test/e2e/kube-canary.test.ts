/**
 * Kubernetes canary through the bundled dist/index.js against a real control plane (test/helpers/kube.ts);
 * the pods run on test/helpers/kube-node.ts, which STANDS IN FOR THE KUBELET. The share of a step is the
 * replica ratio of the new and the stable Deployment behind one Service; the analysis command judges what the
 * Service answers (40 requests through the API server's service proxy). A version that answers 500 to every
 * request is aborted at its first step; a good one is promoted. While a step is under way, the new version
 * never has more than the step's share of the Service's ready endpoints (polled). A human gate (`pause`) works as
 * on Docker: the run ends at the step's replica ratio, abort and promote (separate runs) go back or on. Prefix `kcan`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { adminClients, appView, bindRole, documentedRole, podIps, startControlPlane, type AdminClients, type ControlPlane } from '../helpers/kube.js';
import { startNodeAgent, type NodeAgent } from '../helpers/kube-node.js';
import { logMarks } from '../helpers/traffic.js';

const APP = 'kcan';
const NS = 'default';
const VERSION = 'dev.immutable-deploy/version';
/** The log as printed by workflow commands (::error:: escapes % and newlines). */
const decode = (log: string) => log.replace(/%0A/g, '\n').replace(/%25/g, '%');

describe('runtime: kubernetes, strategy: canary by replica ratio', () => {
  let cp: ControlPlane;
  let node: NodeAgent;
  let admin: AdminClients;
  let view: ReturnType<typeof appView>;
  let repo: string;
  let inputs: Record<string, string>;
  let v1: string;
  const env: Record<string, string> = {};
  const action = (extra: Record<string, string>, onLog?: (log: string) => void) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env, timeoutMs: 170_000, ...(onLog ? { onLog } : {}) });

  /** Poll the Service's ready endpoints: each reading, the share (percent) of endpoints that are pods of `version`. */
  const watchShare = (version: () => string | undefined) => {
    const readings: { at: number; share: number; endpoints: number }[] = [];
    let on = true;
    const loop = (async () => {
      while (on) {
        const v = version();
        if (v) {
          const [ips, canary] = await Promise.all([view.endpointIps(), view.pods(v)]).catch(() => [[], []] as [string[], never[]]);
          const mine = new Set(podIps(canary));
          if (ips.length) readings.push({ at: performance.now(), share: (100 * ips.filter((ip) => mine.has(ip)).length) / ips.length, endpoints: ips.length });
        }
        // A poll interval, not a wait for an event: the two cores are shared.
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    return async () => {
      on = false;
      await loop;
      return readings;
    };
  };

  beforeAll(async () => {
    cleanupApp(APP);
    cp = await startControlPlane(['deployer']);
    node = await startNodeAgent(cp, { name: 'kube-node-canary', subnet: 11 });
    admin = adminClients(cp);
    view = appView(cp, admin, APP, NS);
    await bindRole(cp, documentedRole(), 'immutable-deploy', cp.users.deployer!);
    // The analysis command: 40 requests through the production Service, as the test's admin; prints the counts.
    const dir = mkdtempSync(join(tmpdir(), 'kube-canary-'));
    const judge = join(dir, 'judge.mjs');
    writeFileSync(
      judge,
      `const https = await import('node:https');
const get = () => new Promise((res) => https.get(process.env.KUBE_TEST_SERVER + '/api/v1/namespaces/${NS}/services/${APP}:http/proxy/',
  { ca: process.env.KUBE_TEST_CA, headers: { authorization: 'Bearer ' + process.env.KUBE_TEST_TOKEN } },
  (r) => { r.resume(); r.on('end', () => res(r.statusCode)); }).on('error', () => res(0)));
let errors = 0;
for (let i = 0; i < 40; i++) if ((await get()) >= 500) errors++;
console.log('requests=40');
console.log('errors=' + errors);
`,
    );
    Object.assign(env, { KUBE_TEST_SERVER: cp.server, KUBE_TEST_CA: cp.ca, KUBE_TEST_TOKEN: cp.admin.token });
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    inputs = {
      app: APP,
      runtime: 'kubernetes',
      kubeconfig: cp.kubeconfig(cp.users.deployer!),
      replicas: '2',
      keep: '1',
      'health-path': '/health.html',
      'drain-seconds': '0',
      'stop-timeout': '1',
      'health-timeout': '30',
      strategy: 'canary',
      'canary-steps': '25',
      'step-seconds': '2',
      metrics: 'command',
      'analysis-command': `node ${judge}`,
    };
    const r = await action({});
    expect(r.code, r.log).toBe(0);
    v1 = r.outputs.version!;
  }, 900_000);
  afterAll(async () => {
    await node?.stop();
    await cp?.stop();
    cleanupApp(APP);
  });

  it('a version that answers 500 is aborted at its first step (25%: 1 new pod beside 3 stable), never above 25% of the ready pods', async () => {
    commitChange(repo, 'v2');
    let version: string | undefined;
    const stop = watchShare(() => version);
    const r = await action({ env: 'BAD_PERCENT=100' }, (log) => {
      version ??= /Version (sha-[0-9a-f]{7}) from commit/.exec(log)?.[1];
    });
    const readings = await stop();
    expect(r.code, r.log).toBe(1);
    expect(decode(r.log)).toMatch(new RegExp(`${version} failed its canary step 1/2 at 25% after \\d+s: error-rate [\\d.]+% > max-error-rate 1%`));
    expect(r.log).not.toMatch(/step 2\/2/);
    // It had its share (1 of 4 ready pods), never more.
    expect(readings.some((x) => x.share > 0)).toBe(true);
    expect(Math.max(...readings.map((x) => x.share))).toBeLessThanOrEqual(25);
    expect(r.summary).toMatch(/\| step 1\/2 \| 25% \|/);
    // The Service selects v1's pool again, v1 has its own 2 replicas back, v2 is gone.
    expect((await view.selector())[VERSION]).toBe(v1);
    expect(await view.pods(version)).toHaveLength(0);
    const v1Pods = await view.pods(v1);
    expect(v1Pods).toHaveLength(2);
    expect(await view.endpointIps()).toEqual(podIps(v1Pods));
    expect((await view.deployments()).map((d) => d.spec!.replicas)).toEqual([2]);
  });

  it('a good version is promoted: a 30% step (the replicas give 25%: 1 of 4 ready pods), then all its 2 replicas; v1 stays warm with its own 2', async () => {
    commitChange(repo, 'v3');
    let version: string | undefined;
    const marks = logMarks({ last: /step 2\/2: 100/ });
    const stop = watchShare(() => version);
    const r = await action({ 'canary-steps': '30' }, (log) => {
      marks.onLog(log);
      version ??= /Version (sha-[0-9a-f]{7}) from commit/.exec(log)?.[1];
    });
    const readings = await stop();
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.version).toBe(version);
    // During step 1 (until the last step began): never above the step's 30% of the ready endpoints; 25% is what 1 of 4 gives.
    const during = readings.filter((x) => x.at < marks.at.last!);
    expect(during.some((x) => x.share === 25)).toBe(true);
    expect(Math.max(...during.map((x) => x.share))).toBeLessThanOrEqual(25);
    expect(r.summary).toMatch(/\| step 1\/2 \| 30% \(replicas give 25%\) \| \d+ \| 40 \| 0 \| 0% \|.*\| pass \|/);
    const v3Pods = await view.pods(version);
    expect(v3Pods).toHaveLength(2);
    expect((await view.selector())[VERSION]).toBe(version);
    expect(await view.endpointIps()).toEqual(podIps(v3Pods));
    expect(await view.pods(v1)).toHaveLength(2);
    expect((await view.deployments()).map((d) => d.spec!.replicas)).toEqual([2, 2]);
  });
  it('pause (human gate): the run ends at 25% (1 of 4 ready pods); abort goes back to the stable pool; a second pause is promoted', async () => {
    commitChange(repo, 'v4');
    const paused = await action({ 'canary-steps': '25, pause' });
    expect(paused.code, paused.log).toBe(0);
    const v4 = paused.outputs.version!;
    expect(paused.outputs).toMatchObject({ paused: 'true', 'paused-step': '1/2', 'paused-share': '25' });
    // While it waits: the Service selects both pools, the canary has 1 of the 4 ready endpoints.
    const mine = new Set(podIps(await view.pods(v4)));
    const ips = await view.endpointIps();
    expect(ips).toHaveLength(4);
    expect(ips.filter((ip) => mine.has(ip))).toHaveLength(1);
    const st = await action({ command: 'status' });
    expect(st.code, st.log).toBe(0);
    expect(st.outputs).toMatchObject({ paused: 'true', 'paused-share': '25' });

    const aborted = await action({ command: 'abort' });
    expect(aborted.code, aborted.log).toBe(0);
    expect(aborted.summary).toContain('### Paused canary aborted');
    const stable = (await view.selector())[VERSION]!;
    expect(stable).not.toBe(v4);
    expect(await view.pods(v4)).toHaveLength(0);
    expect(await view.endpointIps()).toEqual(podIps(await view.pods(stable)));

    commitChange(repo, 'v5');
    const again = await action({ 'canary-steps': '25, pause' });
    expect(again.code, again.log).toBe(0);
    const v5 = again.outputs.version!;
    expect(again.outputs.paused).toBe('true');
    const promoted = await action({ command: 'promote' });
    expect(promoted.code, promoted.log).toBe(0);
    expect(promoted.outputs).toMatchObject({ paused: 'false', 'live-version': v5, 'previous-version': stable });
    expect(promoted.log).toMatch(/step 2\/2: .* now routes/);
    const v5Pods = await view.pods(v5);
    expect(v5Pods).toHaveLength(2);
    expect((await view.selector())[VERSION]).toBe(v5);
    expect(await view.endpointIps()).toEqual(podIps(v5Pods));
  });
});

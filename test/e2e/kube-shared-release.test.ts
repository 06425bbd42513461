/**
 * runtime: kubernetes on the one release (src/release/, the same as Docker's): flip records, the default
 * rollback target, recycle, bake with automatic rollback, the capability check, Secrets owned by their
 * Deployment, and a flip whose Endpoints reads fail. Through the bundled dist/index.js as the runner drives
 * it, against a real control plane (test/helpers/kube.ts) reached through a small HTTPS proxy
 * (test/helpers/kube-proxy.ts) that fails the reads the test chooses. The pods run on
 * test/helpers/kube-node.ts, which STANDS IN FOR THE KUBELET (no kubelet can run containers here).
 * The action's credentials are a token bound to exactly the Role in docs/kubernetes.md.
 */
import { execFileSync } from 'node:child_process';
import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { adminClients, apiGet, appView, bindRole, documentedRole, podIps, startControlPlane, type AdminClients, type ControlPlane } from '../helpers/kube.js';
import { startNodeAgent, type NodeAgent } from '../helpers/kube-node.js';
import { startApiProxy, type ApiProxy, type Fault } from '../helpers/kube-proxy.js';
import { waitFor } from '../helpers/wait.js';

const APP = 'kshared';
const NS = 'default';
const VERSION_LABEL = 'dev.immutable-deploy/version';
const POOL_LABEL = 'dev.immutable-deploy/pool';
const SECRET = 'kshared-secret-value-7';

describe('runtime: kubernetes on the shared release', () => {
  let cp: ControlPlane;
  let node: NodeAgent;
  let admin: AdminClients;
  let proxy: ApiProxy;
  let repo: string;
  let inputs: Record<string, string>;
  const v: Record<string, string> = {};
  /** What the proxy does to each request: set per test. */
  let fault: (method: string, path: string) => Fault = () => undefined;
  const action = (extra: Record<string, string>, cwd = repo, env?: Record<string, string>) =>
    runAction({ ...inputs, ...extra }, { cwd, timeoutMs: 170_000, ...(env ? { env } : {}) });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);

  let view: ReturnType<typeof appView>;
  const selector = () => view.selector();
  const pods = (version?: string) => view.pods(version);
  const uids = (ps: k8s.V1Pod[]) => ps.map((p) => p.metadata!.uid!).sort();
  const serve = () => view.serve();
  /**
   * The release records on the cluster (ConfigMaps), as written: a ConfigMap holds one record, or the records
   * written together as one unit (an array: src/platforms/batch.ts); `flips`: the flip records among them.
   */
  const records = async () =>
    (await admin.core.listNamespacedConfigMap({ namespace: NS, labelSelector: `dev.immutable-deploy/app=${APP},dev.immutable-deploy/role=flip-record` })).items.flatMap(
      (c) => [JSON.parse(c.data!['record.json']!) as { kind?: string; live?: { version: string } } | { kind?: string; live?: { version: string } }[]].flat(),
    );
  const flips = async () => (await records()).filter((r) => (r.kind ?? 'flip') === 'flip');
  /** The pods the production Service's selector selects now (never terminating ones). */
  const selected = async () => {
    const sel = await selector();
    const text = Object.entries(sel).map(([k, x]) => `${k}=${x}`).join(',');
    return (await admin.core.listNamespacedPod({ namespace: NS, labelSelector: text })).items.filter((p) => !p.metadata?.deletionTimestamp);
  };
  /** Poll the production Service (through the API server's service proxy, as the test's admin) until stopped: every answer. */
  const watchService = () => {
    const answers: string[] = [];
    let on = true;
    const loop = (async () => {
      while (on) {
        answers.push(await apiGet(cp, cp.admin, `/api/v1/namespaces/${NS}/services/${APP}:http/proxy/`).then((a) => `${a.status} ${a.body.trim()}`, (e: Error) => `error ${e.message}`));
        // A poll interval, not a wait for an event: the two cores are shared.
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    return async () => {
      on = false;
      await loop;
      return answers;
    };
  };

  beforeAll(async () => {
    cleanupApp(APP);
    cp = await startControlPlane(['deployer']);
    node = await startNodeAgent(cp, { name: 'kube-node-shared', subnet: 4 });
    admin = adminClients(cp);
    view = appView(cp, admin, APP, NS);
    await bindRole(cp, documentedRole(), 'immutable-deploy', cp.users.deployer!);
    proxy = await startApiProxy(cp, (m, p) => fault(m, p));
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      runtime: 'kubernetes',
      kubeconfig: proxy.kubeconfig(cp.users.deployer!),
      replicas: '2',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      'health-timeout': '10',
      checks: 'GET / 200',
      'secret-env': `API_TOKEN=${SECRET}`,
    };
  }, 900_000);
  afterAll(async () => {
    await proxy?.stop();
    await node?.stop();
    await cp?.stop();
    cleanupApp(APP);
  });

  it('deploys v1 with a flip record; its Secret is owned by its Deployment', async () => {
    const r = await action({});
    expectOk(r);
    v.v1 = r.outputs.version!;
    expect(await serve()).toBe('v1\n');
    const [d] = await view.deployments();
    const secret = await admin.core.readNamespacedSecret({ name: `${d!.metadata!.name}-env`, namespace: NS });
    expect(secret.metadata!.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', name: d!.metadata!.name, uid: d!.metadata!.uid })]);
    const recs = await flips();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ app: APP, live: { version: v.v1 } });
  });

  it('one failed Endpoints read after the selector patch is retried: v2 goes fully live and the log says so', async () => {
    commitChange(repo, 'v2');
    let patched = false;
    let failed = 0;
    fault = (m, p) => {
      if (m === 'PATCH' && p === `/api/v1/namespaces/${NS}/services/${APP}`) patched = true;
      if (patched && m === 'GET' && p === `/api/v1/namespaces/${NS}/endpoints/${APP}` && failed === 0) {
        failed++;
        return 503;
      }
      return undefined;
    };
    const r = await action({});
    fault = () => undefined;
    expectOk(r);
    v.v2 = r.outputs.version!;
    expect(failed).toBe(1);
    expect(r.log).toContain(`now sends traffic to ${v.v2}`);
    expect(r.outputs['previous-version']).toBe(v.v1);
    expect((await selector())[VERSION_LABEL]).toBe(v.v2);
    expect(await view.endpointIps()).toEqual(podIps(await pods(v.v2)));
    expect(await serve()).toBe('v2\n');
  });

  it('Endpoints reads that keep failing after the selector patch: the selector is put back, the Service never selects pods that do not exist, the error says what serves', async () => {
    commitChange(repo, 'v3');
    let patched = false;
    fault = (m, p) => {
      if (m === 'PATCH' && p === `/api/v1/namespaces/${NS}/services/${APP}`) patched = true;
      return patched && m === 'GET' && p === `/api/v1/namespaces/${NS}/endpoints/${APP}` ? 'reset' : undefined;
    };
    const v2Pods = uids(await pods(v.v2));
    const stop = watchService();
    // The endpoints wait is 5 s, not the product's 10 s floor (tests only): the reads fail until it ends.
    const r = await action({}, repo, { IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC: '5' });
    const answers = await stop();
    fault = () => undefined;
    expect(r.code, r.log).toBe(1);
    expect(patched).toBe(true);
    const v3 = r.outputs.version!;
    expect(r.log).toContain('Its selector was put back');
    expect(r.log).toMatch(new RegExp(`still serves ${v.v2}`));
    // What the Service selects exists and is v2's very pods; v3's pool is gone.
    expect((await selector())[VERSION_LABEL]).toBe(v.v2);
    expect(uids(await selected())).toEqual(v2Pods);
    expect(await pods(v3)).toHaveLength(0);
    expect(await serve()).toBe('v2\n');
    // Throughout the run the Service answered every request (v2, and v3 while the selector pointed at it).
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.filter((a) => !/^200 v[23]$/.test(a))).toEqual([]);
    // No flip record names v3.
    expect((await flips()).map((r) => r.live?.version)).not.toContain(v3);
  });

  it('recycle: a fresh pool of the live digest through the whole gate replaces the live pods; the old pool goes', async () => {
    const before = await pods(v.v2);
    const poolBefore = before[0]!.metadata!.labels![POOL_LABEL];
    const r = await action({ command: 'recycle' });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(v.v2);
    const after = await pods(v.v2);
    expect(after).toHaveLength(2);
    expect(after[0]!.metadata!.labels![POOL_LABEL]).not.toBe(poolBefore);
    expect(uids(after).some((u) => uids(before).includes(u))).toBe(false);
    expect(await view.endpointIps()).toEqual(podIps(after));
    expect(await serve()).toBe('v2\n');
    expect(r.log).toContain(`Recycling ${v.v2}`);
    // v1 stays warm (keep: 1): the rollback target is still the version the last flip of another version replaced.
    expect(await pods(v.v1)).toHaveLength(2);
  });

  it('baseline: true is refused before anything starts: the replica ratio weights two pools, not three', async () => {
    const deploymentsBefore = (await view.deployments()).map((d) => d.metadata!.name).sort();
    const r = await action({ strategy: 'canary', 'canary-steps': '10', 'step-seconds': '2', metrics: 'command', 'analysis-command': 'true', baseline: 'true' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/baseline: true needs a router that weights three pools at once .* and Service kshared in namespace default weights 2\. Nothing was started/);
    expect(r.log).not.toContain('Created deployment');
    expect((await view.deployments()).map((d) => d.metadata!.name).sort()).toEqual(deploymentsBefore);
  });

  it('bake-seconds with a failing verdict: traffic goes back to the stable pool automatically, the new pool goes, the Service answered throughout', async () => {
    const stop = watchService();
    const r = await action({ 'bake-seconds': '2', metrics: 'command', 'analysis-command': 'echo requests=100; echo errors=40; exit 1' });
    const answers = await stop();
    expect(r.code, r.log).toBe(1);
    const v3 = r.outputs.version!;
    expect(r.log).toContain(`${v3} failed its bake`);
    expect(r.log).toContain(`Traffic is back on ${v.v2} (100%)`);
    expect((await selector())[VERSION_LABEL]).toBe(v.v2);
    expect(await serve()).toBe('v2\n');
    expect(await pods(v3)).toHaveLength(0);
    expect(answers.filter((a) => !/^200 v[23]$/.test(a))).toEqual([]);
    expect(answers.some((a) => a === '200 v3')).toBe(true);
  });

  it('the rollback target after v1 -> v2 -> v3 -> rollback -> v4 is v2, as on Docker; a rollback given only app, environment, runtime and kubeconfig goes there', async () => {
    // A Secret left without its Deployment (an older release's, or a run killed in between): the next launch removes it.
    await admin.core.createNamespacedSecret({
      namespace: NS,
      body: {
        metadata: { name: `${APP}-production-orphan-env`, labels: { 'dev.immutable-deploy/app': APP, 'dev.immutable-deploy/environment': 'production', 'dev.immutable-deploy/role': 'secret-env' } },
        stringData: { API_TOKEN: 'x' },
      },
    });
    const r3 = await action({});
    expectOk(r3);
    v.v3 = r3.outputs.version!;
    expect(r3.log).toContain(`Removing 1 Secret(s) whose Deployment is gone: ${APP}-production-orphan-env`);
    const back = await action({ command: 'rollback' });
    expectOk(back);
    expect(back.outputs['live-version']).toBe(v.v2);
    commitChange(repo, 'v4');
    const r4 = await action({});
    expectOk(r4);
    v.v4 = r4.outputs.version!;
    expect(r4.outputs['previous-version']).toBe(v.v2);
    const v2Pods = uids(await pods(v.v2));
    // Only what the shipped rollback workflow passes for Kubernetes: the rest comes from the records on the cluster.
    const r = await runAction(
      { command: 'rollback', app: APP, environment: 'production', runtime: 'kubernetes', kubeconfig: proxy.kubeconfig(cp.users.deployer!) },
      { cwd: repo, timeoutMs: 170_000 },
    );
    expectOk(r);
    expect(r.outputs['live-version']).toBe(v.v2);
    expect(r.outputs['previous-version']).toBe(v.v4);
    expect(r.log).toContain('one flip, no build, no pull');
    expect(uids(await selected())).toEqual(v2Pods);
    expect(await serve()).toBe('v2\n');
    expect((await admin.core.listNamespacedSecret({ namespace: NS })).items.map((s) => s.metadata!.name)).not.toContain(`${APP}-production-orphan-env`);
  });

  it('status: drift is what the API tells (a container that restarted); a pod the Service selects that no pool owns is named', async () => {
    const clean = await action({ command: 'status' });
    expectOk(clean);
    // One live pod's container is killed: its restart policy brings it back (same pod, same address), restarted once.
    const [pod] = await pods(v.v2);
    const uid = pod!.metadata!.uid!;
    const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=dev.immutable-deploy.test-pod=${uid}`, '--filter', 'name=-app$'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    expect(ids).toHaveLength(1);
    // Its process dies (SIGKILL from the host, as the OOM killer would): a crash, which the restart policy answers (`docker kill` would count as a stop by hand).
    const pid = execFileSync('docker', ['inspect', '-f', '{{.State.Pid}}', ids[0]!], { encoding: 'utf8' }).trim();
    process.kill(Number(pid), 'SIGKILL');
    await waitFor('the container restarted and ready again', async () => {
      const p = await admin.core.readNamespacedPod({ name: pod!.metadata!.name!, namespace: NS });
      const c = p.status?.containerStatuses?.[0];
      return c && c.restartCount > 0 && c.ready ? true : undefined;
    });
    const drifted = await action({ command: 'status' });
    expect(drifted.code, drifted.log).toBe(1);
    expect(drifted.log).toContain(`${pod!.metadata!.name}: its process restarted 1 time(s) since it was verified`);
    // A pod made by hand with the live pool's labels: the Service selects it, but no pool owns it.
    // Without pod-template-hash: its ReplicaSet would adopt it (and remove one pod too many).
    const labels = Object.fromEntries(Object.entries(pod!.metadata!.labels!).filter(([k]) => k !== 'pod-template-hash'));
    const spec = (await admin.core.readNamespacedPod({ name: pod!.metadata!.name!, namespace: NS })).spec!;
    await admin.core.createNamespacedPod({
      namespace: NS,
      body: { metadata: { name: 'by-hand', labels }, spec: { containers: spec.containers.map((c) => ({ name: c.name, image: c.image, ports: c.ports, readinessProbe: c.readinessProbe })) } },
    });
    const ip = await waitFor('the hand-made pod running', async () =>
      (await admin.core.readNamespacedPod({ name: 'by-hand', namespace: NS }).catch(() => undefined))?.status?.podIP,
    );
    const r = await action({ command: 'status' });
    expect(r.code, r.log).toBe(1);
    expect(r.log).toContain(`points at ${ip}:8080, where no instance of ${APP} in production is published`);
    const listed = JSON.parse(r.outputs.versions!) as { state: string; instances?: { name: string }[] }[];
    expect(listed.find((x) => x.state === 'live')!.instances!.map((i) => i.name)).not.toContain('by-hand');
    await admin.core.deleteNamespacedPod({ name: 'by-hand', namespace: NS });
  });
});

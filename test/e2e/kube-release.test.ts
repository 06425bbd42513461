/**
 * runtime: kubernetes through the bundled dist/index.js, as the runner drives it, against a real
 * control plane (test/helpers/kube.ts). The pods run on test/helpers/kube-node.ts, which STANDS IN
 * FOR THE KUBELET (no kubelet can run containers here): it runs each pod's container on the machine's
 * Docker engine in a network namespace of its own (10.78.2.x) and reports its readiness from the probe.
 * The action's credentials are a token bound to exactly the Role in docs/kubernetes.md.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { adminClients, apiGet, appView, bindRole, documentedRole, podIps, startControlPlane, type AdminClients, type ControlPlane } from '../helpers/kube.js';
import { startNodeAgent, type NodeAgent } from '../helpers/kube-node.js';
import { waitFor } from '../helpers/wait.js';

const APP = 'kuberel';
const NS = 'default';
const VERSION_LABEL = 'dev.immutable-deploy/version';

describe('runtime: kubernetes', () => {
  let cp: ControlPlane;
  let node: NodeAgent;
  let admin: AdminClients;
  let repo: string;
  let inputs: Record<string, string>;
  const versions: Record<string, string> = {};
  const action = (extra: Record<string, string>, env: Record<string, string> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env, timeoutMs: 170_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  /** The log without the runner's own ::add-mask:: commands (which name the values to mask). */
  const printed = (r: ActionRun) => r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');

  let view: ReturnType<typeof appView>;
  const selector = () => view.selector();
  const endpointIps = (name = APP) => view.endpointIps(name);
  const pods = (version?: string) => view.pods(version);
  const uids = (ps: k8s.V1Pod[]) => ps.map((p) => p.metadata!.uid!).sort();
  const deployments = () => view.deployments();
  /** GET through the production Service, via the API server's service proxy (as the test's admin). */
  const serve = () => view.serve();

  beforeAll(async () => {
    cleanupApp(APP);
    cp = await startControlPlane(['deployer', 'narrow']);
    node = await startNodeAgent(cp, { name: 'kube-node-rel', subnet: 2 });
    admin = adminClients(cp);
    view = appView(cp, admin, APP, NS);
    await bindRole(cp, documentedRole(), 'immutable-deploy', cp.users.deployer!);
    // The narrow Role: the documented one without the deploy lock.
    const narrow = documentedRole();
    narrow.rules = narrow.rules!.filter((r) => !r.apiGroups?.includes('coordination.k8s.io'));
    await bindRole(cp, narrow, 'too-narrow', cp.users.narrow!);
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      runtime: 'kubernetes',
      kubeconfig: cp.kubeconfig(cp.users.deployer!),
      replicas: '2',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      'health-timeout': '30',
      checks: 'GET / 200',
      env: 'GREETING=hello',
      'secret-env': 'API_TOKEN=kube-secret-value-123',
    };
  }, 900_000);
  afterAll(async () => {
    await node?.stop();
    await cp?.stop();
    cleanupApp(APP);
  });

  it('deploys v1: a Deployment of 2 ready pods, the Service created and selecting them', async () => {
    const r = await action({});
    expectOk(r);
    versions.v1 = r.outputs.version!;
    expect(r.outputs['live-version']).toBe(versions.v1);
    expect((await selector())[VERSION_LABEL]).toBe(versions.v1);
    const v1 = await pods(versions.v1);
    expect(v1).toHaveLength(2);
    expect(await endpointIps()).toEqual(podIps(v1));
    expect(await serve()).toBe('v1\n');
    // The Deployment carries our labels and the digest; the secret value is only in the Secret.
    const [d] = await deployments();
    expect(d!.metadata!.labels![VERSION_LABEL]).toBe(versions.v1);
    expect(d!.metadata!.annotations!['dev.immutable-deploy/digest']).toMatch(/^sha256:/);
    expect(JSON.stringify(d)).not.toContain('kube-secret-value-123');
    expect(printed(r)).not.toContain('kube-secret-value-123');
    const secret = await admin.core.readNamespacedSecret({ name: `${d!.metadata!.name}-env`, namespace: NS });
    expect(Buffer.from(secret.data!.API_TOKEN!, 'base64').toString()).toBe('kube-secret-value-123');
  });

  it('deploys v2: the endpoints switch to v2 only after its checks and acceptance passed; v1 stays scaled up', async () => {
    const v1Pods = await pods(versions.v1);
    commitChange(repo, 'v2');
    // The acceptance command records what the production Service served while v2 was being tested.
    const dir = mkdtempSync(join(tmpdir(), 'kube-accept-'));
    const script = join(dir, 'accept.mjs');
    writeFileSync(
      script,
      `const seen = await (await fetch(process.env.TARGET_URL + '/')).text();
const https = await import('node:https');
const body = await new Promise((res, rej) => https.get(process.env.KUBE_TEST_SERVER + '/api/v1/namespaces/${NS}/endpoints/${APP}',
  { ca: process.env.KUBE_TEST_CA, headers: { authorization: 'Bearer ' + process.env.KUBE_TEST_TOKEN } },
  (r) => { let b = ''; r.on('data', (c) => (b += c)); r.on('end', () => res(b)); }).on('error', rej));
const ips = (JSON.parse(body).subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
(await import('node:fs')).writeFileSync(${JSON.stringify(join(dir, 'seen.json'))}, JSON.stringify({ seen, ips }));
if (!seen.includes('v2')) process.exit(1);
`,
    );
    const r = await action(
      { 'acceptance-command': `node ${script}`, checks: 'GET / 200 contains "v2"' },
      { KUBE_TEST_SERVER: cp.server, KUBE_TEST_CA: cp.ca, KUBE_TEST_TOKEN: cp.admin.token },
    );
    expectOk(r);
    versions.v2 = r.outputs.version!;
    expect(r.outputs['previous-version']).toBe(versions.v1);
    const during = JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8')) as { seen: string; ips: string[] };
    expect(during.seen).toBe('v2\n'); // the acceptance command reached v2 (through the preview Service)
    expect(during.ips).toEqual(podIps(v1Pods)); // while the production Service still held only v1's pods
    const v2Pods = await pods(versions.v2);
    expect(v2Pods).toHaveLength(2);
    expect(await endpointIps()).toEqual(podIps(v2Pods));
    expect(await serve()).toBe('v2\n');
    // v1 is warm: still 2 ready pods, the very same ones.
    expect(uids(await pods(versions.v1))).toEqual(uids(v1Pods));
    const v1d = (await deployments()).find((d) => d.metadata!.labels![VERSION_LABEL] === versions.v1)!;
    expect(v1d.status?.readyReplicas).toBe(2);
  });

  it('status reads live and warm versions from the cluster, in the versions shape Docker status gives', async () => {
    const kubeconfigFile = cp.kubeconfigFile(cp.users.deployer!);
    const r = await action({ command: 'status', kubeconfig: '' }, { KUBECONFIG: kubeconfigFile });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(versions.v2);
    const listed = JSON.parse(r.outputs.versions!) as { version: string; state: string; digest: string; instances?: { host: string; name: string; url: string }[] }[];
    const running = listed.filter((v) => v.state !== 'image-only');
    expect(running.map((v) => [v.version, v.state, v.instances?.length])).toEqual([
      [versions.v2, 'live', 2],
      [versions.v1, 'warm', 2],
    ]);
    // Each instance is a pod: its name and its address, as a Docker instance's.
    const v2Pods = await pods(versions.v2);
    expect(running[0]!.instances!.map((i) => i.name).sort()).toEqual(v2Pods.map((p) => p.metadata!.name!).sort());
    expect(running[0]!.instances!.map((i) => i.url).sort()).toEqual(podIps(v2Pods).map((ip) => `http://${ip}:8080`));
    expect(running[0]!.digest).toMatch(/^sha256:/);
  });

  it('rolls back with one selector change and no new pod', async () => {
    const before = uids(await pods());
    const r = await action({ command: 'rollback' });
    expectOk(r);
    expect(r.outputs['live-version']).toBe(versions.v1);
    expect((await selector())[VERSION_LABEL]).toBe(versions.v1);
    expect(await endpointIps()).toEqual(podIps(await pods(versions.v1)));
    expect(await serve()).toBe('v1\n');
    expect(uids(await pods())).toEqual(before);
  });

  it('rollback to a kept version that was scaled down by hand starts a fresh pool of it, verified first; the Service serves throughout', async () => {
    const name = (await deployments()).find((d) => d.metadata!.labels![VERSION_LABEL] === versions.v2)!.metadata!.name!;
    const d = await admin.apps.readNamespacedDeployment({ name, namespace: NS });
    d.spec!.replicas = 0;
    await admin.apps.replaceNamespacedDeployment({ name, namespace: NS, body: d });
    await waitFor('v2 scaled to no pods', async () => ((await pods(versions.v2)).length === 0 ? true : undefined));
    // Poll the production Service all through the rollback: it must answer every time (v1, then v2).
    const answers: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) answers.push(await apiGet(cp, cp.admin, `/api/v1/namespaces/${NS}/services/${APP}:http/proxy/`).then((a) => `${a.status} ${a.body}`, (e: Error) => `error ${e.message}`));
    })();
    const r = await action({ command: 'rollback', version: versions.v2! });
    polling = false;
    await poll;
    expectOk(r);
    // The Deployment without pods was a leftover: removed; a fresh pool of v2 went through the gate first.
    expect(r.log).toMatch(new RegExp(`Removing \\d+ leftover instance\\(s\\): ${name} \\(stopped`));
    expect(r.log).toContain(`${versions.v2} is not running: starting a fresh instance`);
    expect(r.log).toMatch(/Verified|Built-in checks/);
    const v2Pods = await pods(versions.v2);
    expect(v2Pods).toHaveLength(2);
    expect(await endpointIps()).toEqual(podIps(v2Pods));
    expect(await serve()).toBe('v2\n');
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.filter((a) => !/^200 v[12]\n$/.test(a))).toEqual([]);
    expect(answers[0]).toBe('200 v1\n');
    // One request at a time: once v2 answered, the Service never went back to v1. The last answer may still be v1:
    // its request can leave before the selector changes, and the run returns as soon as the Endpoints hold only v2
    // (serve() above asks after it).
    const firstV2 = answers.indexOf('200 v2\n');
    if (firstV2 >= 0) expect(answers.slice(firstV2)).not.toContain('200 v1\n');
    // And back to v1 (warm): one selector change.
    expectOk(await action({ command: 'rollback', version: versions.v1! }));
    expect(await serve()).toBe('v1\n');
  });

  it('a version whose pods crash fails fast with their log; the Service never changes', async () => {
    const crash = appRepo({ kind: 'crash' });
    const r = await runAction({ ...inputs, 'health-timeout': '120' }, { cwd: crash, timeoutMs: 170_000 });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/CrashLoopBackOff|exited with code 3/);
    expect(r.log).toContain('boom: missing DATABASE_URL');
    // Fast: on the crash, not at the progress deadline (health-timeout 120).
    expect(r.log).not.toMatch(/progress deadline|not rolled out within/);
    expect(r.log).toContain('The live version was not touched');
    expect((await selector())[VERSION_LABEL]).toBe(versions.v1);
    expect((await deployments()).map((d) => d.metadata!.labels![VERSION_LABEL]).sort()).toEqual([versions.v1, versions.v2].sort());
    expect(await serve()).toBe('v1\n');
  });

  it('a version whose pods never become ready fails at the progress deadline; the Service never changes', async () => {
    const silent = appRepo({ kind: 'silent' });
    const r = await runAction({ ...inputs, 'health-timeout': '8' }, { cwd: silent, timeoutMs: 170_000 });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/progress deadline|not rolled out within 8s/);
    expect(r.log).toContain('Readiness probe failed');
    expect((await selector())[VERSION_LABEL]).toBe(versions.v1);
    expect(await serve()).toBe('v1\n');
  });

  it('two concurrent runs share the Lease: one waits, both finish, the Service ends on one of them', async () => {
    const other = appRepo({ kind: 'web', text: 'v3' });
    const [a, b] = await Promise.all([action({}), runAction(inputs, { cwd: other, timeoutMs: 170_000 })]);
    expectOk(a);
    expectOk(b);
    expect(a.log + b.log).toContain('Waiting for the deploy lock Lease kuberel-production-lock in namespace default');
    const live = (await selector())[VERSION_LABEL];
    expect([a.outputs.version, b.outputs.version]).toContain(live);
    expect(await endpointIps()).toEqual(podIps(await pods(live)));
    // The lock is gone once both are done.
    expect(await view.leases()).toHaveLength(0);
  });

  it('a run killed while its pods start leaves a Lease and a Deployment; the next run takes both over and converges', async () => {
    const live = (await selector())[VERSION_LABEL];
    const next = appRepo({ kind: 'web', text: 'v4' });
    const killed = await runAction(inputs, { cwd: next, timeoutMs: 170_000, killWhen: (log) => log.includes('Waiting for deployment') });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect((await selector())[VERSION_LABEL]).toBe(live);
    const r = await runAction(inputs, { cwd: next, timeoutMs: 170_000 });
    expectOk(r);
    expect(r.log).toMatch(/Taking over the deploy lock Lease kuberel-production-lock .*its process is gone/);
    expect(r.log).toMatch(/Removing \d+ leftover instance\(s\): .*never verified/);
    expect(await serve()).toBe('v4\n');
  });

  it('credentials with less than the documented Role fail with a message that names what is missing', async () => {
    const live = (await selector())[VERSION_LABEL];
    const r = await action({ kubeconfig: cp.kubeconfig(cp.users.narrow!), version: versions.v2! });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/refused to create leases kuberel-production-lock/);
    expect(r.log).toContain('docs/kubernetes.md');
    expect((await selector())[VERSION_LABEL]).toBe(live);
  });
});

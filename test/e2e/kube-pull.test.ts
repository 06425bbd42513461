/**
 * runtime: kubernetes when the nodes cannot pull the new version's image, through the bundled
 * dist/index.js as the runner drives it, against a real control plane (test/helpers/kube.ts).
 *
 * The image is pushed to a real registry (Debian's docker-registry) that requires a login: the runner
 * has it (registry-username/password), the nodes do not. The pods run on test/helpers/kube-node.ts,
 * which STANDS IN FOR THE KUBELET (no kubelet can run containers here): a registry reference is its own
 * to pull, without credentials, so the real registry refuses it and the stand-in reports it as a
 * kubelet does (waiting ErrImagePull, then ImagePullBackOff; events with the daemon's error).
 */
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { adminClients, appView, bindRole, documentedRole, podIps, startControlPlane, type ControlPlane } from '../helpers/kube.js';
import { startNodeAgent, type NodeAgent } from '../helpers/kube-node.js';
import { startRegistry, type Registry } from '../helpers/registry.js';

const APP = 'kpull';
const NS = 'default';
const VERSION_LABEL = 'dev.immutable-deploy/version';
const PASSWORD = 'kpull-registry-pw';

describe('runtime: kubernetes, an image the nodes cannot pull', () => {
  let cp: ControlPlane;
  let node: NodeAgent;
  let registry: Registry;
  let repo: string;
  let inputs: Record<string, string>;
  let image: string;
  let v1: string;
  const action = (extra: Record<string, string>) => runAction({ ...inputs, ...extra }, { cwd: repo, timeoutMs: 170_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  /** push: true to the registry only the runner can log in to. */
  const pushed = () => ({ push: 'true', image, registry: registry.host, 'registry-username': 'ci', 'registry-password': PASSWORD });

  let view: ReturnType<typeof appView>;
  const selector = () => view.selector();
  const pods = (version: string) => view.pods(version);
  const endpointIps = () => view.endpointIps();
  const deployed = async () => (await view.deployments()).map((d) => d.metadata!.labels![VERSION_LABEL]!).sort();
  const leases = () => view.leases();
  const serve = () => view.serve();

  /** What must hold after a failed pull: the error names pod, reason, image and what to do; v1 still serves; the Lease is gone. */
  const expectPullFailure = async (r: ActionRun, deployment: string, digest: string) => {
    expect(r.code, r.log).toBe(1);
    expect(r.log).toMatch(new RegExp(`pod ${deployment}-[a-z0-9]+-[a-z0-9]+: container app is (ErrImagePull|ImagePullBackOff)`));
    expect(r.log).toContain(`The nodes could not pull image ${image}@${digest}`);
    expect(r.log).toContain('imagePullSecret');
    // The kubelet's own reason, from the pod's events: the registry wanted credentials the nodes lack.
    expect(r.log).toMatch(/Failed to pull image ".*": rpc error: .*no basic auth credentials/);
    // Failed fast, not at the progress deadline.
    expect(r.log).not.toMatch(/progress deadline|not rolled out within/);
    expect(r.log).toContain('The live version was not touched');
    expect((await selector())[VERSION_LABEL]).toBe(v1);
    expect(await endpointIps()).toEqual(podIps(await pods(v1)));
    expect(await serve()).toBe('v1\n');
    expect(await leases()).toHaveLength(0);
  };

  beforeAll(async () => {
    cleanupApp(APP);
    cp = await startControlPlane(['deployer']);
    node = await startNodeAgent(cp, { name: 'kube-node-pull', subnet: 7 });
    const admin = adminClients(cp);
    view = appView(cp, admin, APP, NS);
    await bindRole(cp, documentedRole(), 'immutable-deploy', cp.users.deployer!);
    registry = await startRegistry({ htpasswd: `ci:${bcrypt.hashSync(PASSWORD, 4)}` });
    image = `${registry.host}/acme/${APP}`;
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      runtime: 'kubernetes',
      kubeconfig: cp.kubeconfig(cp.users.deployer!),
      replicas: '2',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      'health-timeout': '120',
      checks: 'GET / 200',
    };
  }, 900_000);
  afterAll(async () => {
    await node?.stop();
    await cp?.stop();
    await registry?.stop();
    cleanupApp(APP);
    cleanupApp(APP, image);
  });

  it('deploys v1 from the local image (the node shares the runner engine)', async () => {
    const r = await action({});
    expectOk(r);
    v1 = r.outputs.version!;
    expect(await serve()).toBe('v1\n');
  });

  it('v2 pushed where the nodes cannot pull it fails fast naming pod, reason and image; v1 keeps serving; its Deployment is removed', async () => {
    commitChange(repo, 'v2');
    const r = await action(pushed());
    const v2 = r.outputs.version!;
    const digest = r.outputs.digest!;
    expect(digest).toMatch(/^sha256:/);
    const deployment = new RegExp(`${APP}-production-${v2}-[0-9a-f]{8}`).exec(r.log)?.[0] ?? `(no deployment of ${v2} in the log)`;
    await expectPullFailure(r, deployment, digest);
    expect(r.log).toContain(`The new pool (${deployment}) was removed`);
    expect(await deployed()).toEqual([v1]);
    expect(await pods(v2)).toHaveLength(0);
  });

  it('with keep-failed the Deployment stays (unselected); the next good deploy removes it and goes live', async () => {
    const r = await action({ ...pushed(), 'keep-failed': 'true' });
    const v2 = r.outputs.version!;
    const deployment = new RegExp(`${APP}-production-${v2}-[0-9a-f]{8}`).exec(r.log)?.[0] ?? `(no deployment of ${v2} in the log)`;
    await expectPullFailure(r, deployment, r.outputs.digest!);
    expect(r.log).toContain(`keep-failed: leaving ${deployment} in place`);
    expect(await deployed()).toEqual([v1, v2].sort());
    // The kept pods (both replicas) are still waiting on the pull, as the kubelet reports it.
    const waiting = (await pods(v2)).map((p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason);
    expect(waiting, JSON.stringify(waiting)).toHaveLength(2);
    expect(waiting.every((w) => w === 'ErrImagePull' || w === 'ImagePullBackOff'), JSON.stringify(waiting)).toBe(true);

    commitChange(repo, 'v3');
    const good = await action({});
    expectOk(good);
    const v3 = good.outputs.version!;
    expect(good.log).toMatch(new RegExp(`Removing \\d+ leftover instance\\(s\\): ${deployment}-[^ ]+ \\(never verified\\)`));
    expect((await selector())[VERSION_LABEL]).toBe(v3);
    expect(await endpointIps()).toEqual(podIps(await pods(v3)));
    expect(await serve()).toBe('v3\n');
    expect(await deployed()).toEqual([v1, v3].sort());
    expect(await leases()).toHaveLength(0);
  });
});

/** runtime: kubernetes — the pure parts: manifests, names, rollout judgement, endpoints, classification, leases. */
import type { V1Deployment, V1Endpoints, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parseLeaseHolder } from '../../src/platforms/kubernetes/lease.js';
import {
  cpuQuantity,
  deploymentManifest,
  dnsName,
  K,
  labelValue,
  memoryQuantity,
  secretManifest,
  selectorPatch,
  versionNames,
  type VersionSpec,
} from '../../src/platforms/kubernetes/manifests.js';
import { holdsOnly, podFailure, pullAdvice, readyPodIps, rolloutState } from '../../src/platforms/kubernetes/rollout.js';
import { clusterImage, endpointsTimeoutMs } from '../../src/platforms/kubernetes/index.js';
import { deploymentInstance, deploymentOf, instancesOf, isPlaceholder } from '../../src/platforms/kubernetes/pods.js';
import { parseRecords, recordManifest } from '../../src/platforms/kubernetes/records.js';
import { ServiceRouter } from '../../src/platforms/kubernetes/router.js';
import { endpointsPollMs } from '../../src/platforms/kubernetes/service.js';
import type { Cluster } from '../../src/platforms/kubernetes/cluster.js';
import { classify, planRetention } from '../../src/core/plan.js';
import type { FlipRecord } from '../../src/core/model.js';

const spec: VersionSpec = {
  app: 'shop',
  environment: 'production',
  namespace: 'web',
  service: 'shop',
  version: 'sha-1a2b3c4',
  pool: 'sha-1a2b3c4-0a1b2c3d',
  image: 'ghcr.io/acme/shop@sha256:' + 'a'.repeat(64),
  digest: 'sha256:' + 'a'.repeat(64),
  revision: '1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d',
  runUrl: 'https://github.com/acme/shop/actions/runs/42',
  deployedAt: '2026-12-01T08:00:00.000Z',
  replicas: 3,
  port: 8080,
  healthPath: '/healthz',
  env: { GREETING: 'hi' },
  secretEnvNames: ['DATABASE_URL'],
  memory: '512m',
  cpus: '0.5',
  readOnly: false,
  tmpfs: [],
  progressDeadlineSec: 60,
  stopTimeoutSec: 10,
};

describe('manifests', () => {
  it('a Deployment per pool: image by digest, labels on it and its pods, probe, limits, the Secret by name only', () => {
    const d = deploymentManifest(spec);
    expect(d.metadata!.name).toBe('shop-production-sha-1a2b3c4-0a1b2c3d');
    const sel = { [K.app]: 'shop', [K.environment]: 'production', [K.version]: 'sha-1a2b3c4', [K.pool]: 'sha-1a2b3c4-0a1b2c3d' };
    expect(d.spec!.selector.matchLabels).toEqual(sel);
    expect(d.spec!.template.metadata!.labels).toEqual({ ...sel, [K.revision]: spec.revision });
    expect(d.metadata!.annotations![K.digest]).toBe(spec.digest);
    const c = d.spec!.template.spec!.containers[0]!;
    expect(c.image).toBe(spec.image);
    expect(c.readinessProbe!.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(c.resources!.limits).toEqual({ memory: '512Mi', cpu: '500m' });
    expect(c.env).toEqual([{ name: 'GREETING', value: 'hi' }]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'shop-production-sha-1a2b3c4-0a1b2c3d-env' } }]);
    expect(d.spec!.progressDeadlineSeconds).toBe(60);
    expect(d.spec!.replicas).toBe(3);
  });

  it('secret values go only into the Secret', () => {
    const d = deploymentManifest(spec);
    const s = secretManifest(spec, { DATABASE_URL: 'postgres://secret' });
    expect(JSON.stringify(d)).not.toContain('postgres://secret');
    expect(s.stringData).toEqual({ DATABASE_URL: 'postgres://secret' });
    expect(s.metadata!.name).toBe(versionNames('shop', 'production', spec.pool, 'shop').secret);
    expect(s.metadata!.ownerReferences).toBeUndefined();
  });

  it('the Secret is owned by its Deployment when the owner is known (the garbage collector removes it with it)', () => {
    const s = secretManifest(spec, { DATABASE_URL: 'x' }, { name: 'shop-production-sha-1a2b3c4-0a1b2c3d', uid: 'u-1' });
    expect(s.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop-production-sha-1a2b3c4-0a1b2c3d', uid: 'u-1' }]);
  });

  it('the Deployment records the run spec it is given, as given', () => {
    const d = deploymentManifest({ ...spec, runSpec: '{"port":8080,"x":1}' });
    expect(d.metadata!.annotations![K.spec]).toBe('{"port":8080,"x":1}');
  });

  it('no envFrom and no limits when there are none', () => {
    const c = deploymentManifest({ ...spec, secretEnvNames: [], memory: undefined, cpus: undefined }).spec!.template.spec!.containers[0]!;
    expect(c.envFrom).toBeUndefined();
    expect(c.resources).toBeUndefined();
  });

  it('read-only: a read-only root filesystem, tmpfs paths as in-memory volumes', () => {
    const p = deploymentManifest({ ...spec, readOnly: true, tmpfs: ['/tmp', '/run:size=1m'] }).spec!.template.spec!;
    expect(p.containers[0]!.securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(p.volumes).toEqual([
      { name: 'tmpfs-0', emptyDir: { medium: 'Memory' } },
      { name: 'tmpfs-1', emptyDir: { medium: 'Memory' } },
    ]);
    expect(p.containers[0]!.volumeMounts).toEqual([
      { name: 'tmpfs-0', mountPath: '/tmp' },
      { name: 'tmpfs-1', mountPath: '/run' },
    ]);
  });

  it.each([
    ['512m', '512Mi'],
    ['1g', '1Gi'],
    ['64k', '64Ki'],
    ['1048576', '1048576'],
    ['1048576b', '1048576'],
  ])('memory %s -> %s', (m, q) => expect(memoryQuantity(m)).toBe(q));

  it.each([
    ['0.5', '500m'],
    ['2', '2000m'],
  ])('cpus %s -> %s', (c, q) => expect(cpuQuantity(c)).toBe(q));

  it('names are DNS labels, shortened with a hash when too long', () => {
    expect(dnsName(['Shop', 'Staging.EU', 'v1_2'])).toBe('shop-staging-eu-v1-2');
    const long = dnsName(['a'.repeat(40), 'b'.repeat(40)]);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^a+-b+-[0-9a-f]{8}$/);
    expect(dnsName(['a'.repeat(40), 'b'.repeat(40)])).toBe(long);
  });

  it('refuses a version a label cannot hold, naming it', () => {
    expect(() => labelValue('version', 'v1.')).toThrow(/version "v1\." cannot be a Kubernetes label value/);
    expect(() => labelValue('version', 'x'.repeat(64))).toThrow(/up to 63/);
    expect(labelValue('version', 'sha-1a2b3c4')).toBe('sha-1a2b3c4');
  });

  it('the selector patch is exactly the new selector, removes keys it does not keep, and is conditional', () => {
    expect(selectorPatch({ app: 'shop', [K.version]: 'v1' }, { [K.version]: 'v2' }, '123')).toEqual({
      metadata: { resourceVersion: '123' },
      spec: { selector: { [K.version]: 'v2', app: null } },
    });
    expect(selectorPatch(undefined, { [K.version]: 'v2' }, undefined)).toEqual({ metadata: {}, spec: { selector: { [K.version]: 'v2' } } });
  });
});

const pod = (name: string, over: Partial<V1Pod['status']> = {}): V1Pod => ({
  metadata: { name },
  status: { phase: 'Running', podIP: `10.0.0.${name.slice(-1)}`, conditions: [{ type: 'Ready', status: 'True' }], ...over },
});
const deployment = (status: V1Deployment['status'], generation = 1): V1Deployment => ({
  metadata: { name: 'shop-v2', generation },
  spec: { replicas: 2, selector: {}, template: {}, progressDeadlineSeconds: 60 },
  status,
});

describe('rollout status', () => {
  it('is ready when observed, updated and available reach the replicas', () => {
    expect(rolloutState(deployment({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }), [])).toEqual({ state: 'ready' });
  });

  it.each([
    [{ observedGeneration: 0 }, /spec update to be observed/],
    [{ observedGeneration: 1, updatedReplicas: 1 }, /1 of 2 new replicas have been updated/],
    [{ observedGeneration: 1, replicas: 3, updatedReplicas: 2 }, /1 old replicas are pending termination/],
    [{ observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1 }, /1 of 2 updated replicas are available/],
  ])('waits while %j', (status, why) => {
    const st = rolloutState(deployment(status), []);
    expect(st.state).toBe('waiting');
    expect(st.state === 'waiting' && st.why).toMatch(why);
  });

  it('fails on ProgressDeadlineExceeded', () => {
    const st = rolloutState(deployment({ observedGeneration: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet has timed out progressing.' }] }), []);
    expect(st).toEqual({ state: 'failed', why: 'deployment shop-v2 exceeded its progress deadline (60s): ReplicaSet has timed out progressing.' });
  });

  it.each(['CrashLoopBackOff', 'CreateContainerConfigError'])('fails fast on a container in %s', (reason) => {
    const p = pod('p1', { containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message: 'because' } } }] });
    expect(podFailure([p])).toBe(`pod p1: container app is ${reason}: because`);
    expect(rolloutState(deployment({ observedGeneration: 1 }), [p]).state).toBe('failed');
  });

  it.each([
    ['ErrImagePull', 'rpc error: code = Unknown desc = Error response from daemon: manifest unknown'],
    ['ImagePullBackOff', 'Back-off pulling image "reg.example/shop@sha256:abc"'],
  ])('fails fast on a container in %s, naming the image and what to do', (reason, message) => {
    const image = 'reg.example/shop@sha256:abc';
    const p = pod('p1', { containerStatuses: [{ name: 'app', image, imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message } } }] });
    expect(podFailure([p])).toBe(`pod p1: container app is ${reason}: ${message}\n${pullAdvice(image)}`);
    expect(pullAdvice(image)).toContain(`could not pull image ${image}`);
    expect(pullAdvice(image)).toMatch(/push: true.*imagePullSecret/s);
    expect(rolloutState(deployment({ observedGeneration: 1 }), [p]).state).toBe('failed');
  });

  it('names the image from the pod spec when the container status has none', () => {
    const p: V1Pod = {
      ...pod('p1', { containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }] }),
      spec: { containers: [{ name: 'app', image: 'reg.example/shop@sha256:def' }] },
    };
    expect(podFailure([p])).toBe(`pod p1: container app is ErrImagePull\n${pullAdvice('reg.example/shop@sha256:def')}`);
  });

  it('fails fast on a container that exited and was restarted', () => {
    const p = pod('p1', { containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 2, lastState: { terminated: { exitCode: 3 } } }] });
    expect(podFailure([p])).toBe('pod p1: container app exited with code 3 and was restarted 2 time(s)');
  });

  it('does not fail on a container that is only starting', () => {
    const p = pod('p1', { containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(podFailure([p])).toBeUndefined();
  });
});

describe('endpoints', () => {
  const eps = (...ips: string[]): V1Endpoints => ({ subsets: [{ addresses: ips.map((ip) => ({ ip })) }] });
  it('hold only the new pods when the sets are equal and not empty', () => {
    expect(holdsOnly(eps('10.0.0.2', '10.0.0.1'), ['10.0.0.1', '10.0.0.2'])).toBe(true);
    expect(holdsOnly(eps('10.0.0.1', '10.0.0.9'), ['10.0.0.1', '10.0.0.2'])).toBe(false);
    expect(holdsOnly(eps('10.0.0.1'), ['10.0.0.1', '10.0.0.2'])).toBe(false);
    expect(holdsOnly(eps(), [])).toBe(false);
    expect(holdsOnly(undefined, ['10.0.0.1'])).toBe(false);
  });
  it('ready pod IPs leave out unready and terminating pods', () => {
    const unready = pod('p2', { conditions: [{ type: 'Ready', status: 'False' }] });
    const leaving = { ...pod('p3'), metadata: { name: 'p3', deletionTimestamp: new Date() } };
    expect(readyPodIps([pod('p1'), unready, leaving])).toEqual(['10.0.0.1']);
  });
});

describe('pods as instances of pools (the core model on Kubernetes)', () => {
  const sel = (pool: string, version: string) => ({ [K.app]: 'shop', [K.environment]: 'production', [K.version]: version, [K.pool]: pool });
  const dep = (pool: string, version: string, annotations: Record<string, string>): V1Deployment => ({
    metadata: { name: `shop-production-${pool}`, labels: { ...sel(pool, version), [K.role]: 'instance' }, annotations: { [K.spec]: '{"port":8080}', ...annotations } },
    spec: { replicas: 2, selector: { matchLabels: sel(pool, version) }, template: {} },
  });
  const podOf = (pool: string, version: string, n: number, phase = 'Running', running = true): V1Pod => ({
    metadata: {
      name: `shop-production-${pool}-5d9f7c-${n}`,
      uid: `${pool}-uid-${n}`,
      labels: sel(pool, version),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `shop-production-${pool}-5d9f7c`, uid: 'rs', controller: true }],
    },
    status: {
      phase,
      podIP: `10.1.${pool.length}.${n}`,
      containerStatuses: [{ name: 'app', image: 'i', imageID: '', ready: running, restartCount: 0, state: running ? { running: {} } : { waiting: { reason: 'ContainerCreating' } } }],
    },
  });
  const v1 = dep('v1-aaaa', 'v1', { [K.verified]: 'true', [K.deployedAt]: '1' });
  const v2 = dep('v2-bbbbbb', 'v2', { [K.verified]: 'true', [K.deployedAt]: '2' });
  const v3 = dep('v3-cc', 'v3', { [K.deployedAt]: '3' });
  const pods = [podOf('v1-aaaa', 'v1', 1), podOf('v1-aaaa', 'v1', 2), podOf('v2-bbbbbb', 'v2', 1), podOf('v2-bbbbbb', 'v2', 2, 'Pending', false)];
  const all = instancesOf([v1, v2, v3], pods, 9999, 'namespace web');

  it('one instance per pod, with the labels a Docker instance carries; a Deployment without pods stands as one instance that is not up', () => {
    expect(all.map((i) => [i.version, i.pool, i.verified, i.running, i.restarting])).toEqual([
      ['v1', 'v1-aaaa', true, true, false],
      ['v1', 'v1-aaaa', true, true, false],
      ['v2', 'v2-bbbbbb', true, true, false],
      ['v2', 'v2-bbbbbb', true, false, true],
      ['v3', 'v3-cc', false, false, false],
    ]);
    // The port is the Deployment's own (its recorded spec), not this run's.
    expect(all[0]!.address).toEqual({ host: '10.1.7.1', port: 8080 });
    expect(deploymentOf(all[0]!.id)).toBe('shop-production-v1-aaaa');
    expect(isPlaceholder(all[4]!)).toBe(true);
    expect(deploymentInstance(v3, 't').address).toBeUndefined();
  });

  it("a pod with a pool's labels that its Deployment does not own (made by hand) is no instance", () => {
    const stranger: V1Pod = { ...podOf('v1-aaaa', 'v1', 9), metadata: { name: 'by-hand', uid: 'h', labels: sel('v1-aaaa', 'v1') } };
    const other: V1Pod = { ...podOf('v1-aaaa', 'v1', 8), metadata: { ...podOf('v1-aaaa', 'v1', 8).metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'shop-production-v1-aaaa-extra-5d9f7c', uid: 'x' }] } };
    expect(instancesOf([v1], [...pods, stranger, other], 9999, 't').map((i) => i.name)).toEqual(['shop-production-v1-aaaa-5d9f7c-1', 'shop-production-v1-aaaa-5d9f7c-2']);
  });

  it('the release planning works unchanged: live is the pool the Service selects, the rest warm or debris', () => {
    const routing = [{ addresses: [{ host: '10.1.9.1', port: 8080 }, { host: '10.1.9.2', port: 8080 }], weight: 100 }];
    const o = classify(all, routing, true, new Set(['v1-aaaa', 'v2-bbbbbb']));
    expect(o.live?.id).toBe('v2-bbbbbb');
    expect(o.warm.map((p) => p.id)).toEqual(['v1-aaaa']);
    // The never-verified Deployment is debris; a starting pod of a verified pool is not.
    expect(o.debris.map((i) => i.name)).toEqual(['shop-production-v3-cc']);
    const plan = planRetention(all.filter((i) => i.verified), o.live!, o.warm[0], 0);
    expect(plan.drain.map((i) => i.pool)).toEqual(['v1-aaaa', 'v1-aaaa']);
  });
});

describe('flip records in ConfigMaps', () => {
  const rec = (at: string, version: string): FlipRecord => ({
    app: 'shop',
    environment: 'production',
    at,
    live: { pool: `${version}-p`, version, digest: 'sha256:x' },
    replaced: undefined,
    spec: undefined,
    runUrl: '',
  });
  it('stores the record as written and lists newest first, with the key that removes it', () => {
    const a = recordManifest(rec('2026-01-01T00:00:00.000Z', 'v1'), 'web', new Date('2026-01-01T00:00:00.000Z'), 'aaa');
    const b = recordManifest({ ...rec('2026-01-02T00:00:00.000Z', 'v2'), extra: { intent: 'anything' } } as FlipRecord, 'web', new Date('2026-01-02T00:00:00.000Z'), 'bbb');
    expect(a.metadata!.labels).toEqual({ [K.app]: 'shop', [K.environment]: 'production', [K.role]: 'flip-record' });
    const listed = parseRecords([a, b, { metadata: { name: 'foreign' }, data: { other: '1' } }]);
    expect(listed.map((r) => [(r as FlipRecord).live.version, r.key])).toEqual([
      ['v2', b.metadata!.name],
      ['v1', a.metadata!.name],
    ]);
    expect((listed[0] as unknown as { extra: unknown }).extra).toEqual({ intent: 'anything' });
  });
  it('a record without a time of its own is ordered by when it was written', () => {
    const noTime: Partial<FlipRecord> = rec('', 'v3');
    delete noTime.at;
    const m = recordManifest(noTime as FlipRecord, 'web', new Date('2026-01-03T00:00:00.000Z'), 'ccc');
    const old = recordManifest(rec('2026-01-01T00:00:00.000Z', 'v1'), 'web', new Date('2026-01-01T00:00:00.000Z'), 'aaa');
    expect(parseRecords([old, m]).map((r) => (r as FlipRecord).live.version)).toEqual(['v3', 'v1']);
  });
});

describe('lease and image', () => {
  it('the holder record rides in an annotation; a Lease without one has an unknown holder', () => {
    const holder = { runUrl: 'u', host: 'h', pid: 1, bootId: 'b', pidNamespace: 'n', pidStart: 's', runId: 'r', acquiredAt: 'a', leaseSec: 60 };
    expect(parseLeaseHolder({ metadata: { annotations: { 'dev.immutable-deploy/holder': JSON.stringify(holder) } } })).toEqual(holder);
    expect(parseLeaseHolder({ metadata: {} })).toBeUndefined();
  });
  it('pods start from the pushed digest, else the image id', () => {
    const id = 'sha256:' + 'b'.repeat(64);
    expect(clusterImage({ image: 'ghcr.io/acme/shop', digest: 'sha256:' + 'a'.repeat(64), imageId: id })).toBe(`ghcr.io/acme/shop@sha256:${'a'.repeat(64)}`);
    expect(clusterImage({ image: 'shop', digest: id, imageId: id })).toBe(id);
  });
  it('after a selector change the endpoints are read again soon, then every 50 ms', () => {
    expect([0, 1, 2, 3, 4, 10].map(endpointsPollMs)).toEqual([10, 20, 40, 50, 50, 50]);
  });
  it('a flip waits for the endpoints as long as the health timeout, 10 to 60 s', () => {
    expect([endpointsTimeoutMs(1, {}), endpointsTimeoutMs(30, {}), endpointsTimeoutMs(600, {})]).toEqual([10_000, 30_000, 60_000]);
    // Tests only: IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC sets it (a positive number; anything else is ignored).
    expect(endpointsTimeoutMs(30, { IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC: '4' })).toBe(4_000);
    expect(endpointsTimeoutMs(30, { IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC: '0' })).toBe(30_000);
    expect(endpointsTimeoutMs(1, { IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC: 'soon' })).toBe(10_000);
  });
});

describe('ServiceRouter: canary steps by replica ratio', () => {
  const router = new ServiceRouter({ namespace: 'web' } as Cluster, 'shop', 'shop', 'production', 8080, 10_000);
  it('gives the share the replicas give (never above the step), two pools at most, and says what gives it', () => {
    expect(router.maxGroups).toBe(2);
    expect(router.sharesBy).toBe('replicas');
    expect(router.realShares([{ size: 2, weight: 70 }, { size: 2, weight: 30 }])).toEqual([75, 25]);
    expect(router.realShares([{ size: 4, weight: 50 }, { size: 4, weight: 50 }])).toEqual([50, 50]);
    expect(router.realShares([{ size: 2, weight: 100 }])).toEqual([100]);
    expect(() => router.realShares([{ size: 2, weight: 60 }, { size: 1, weight: 20 }, { size: 1, weight: 20 }])).toThrow(/two pools by their replicas, not between 3/);
  });
});

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
import { classify } from '../../src/platforms/kubernetes/state.js';
import { clusterImage } from '../../src/platforms/kubernetes/release.js';

const spec: VersionSpec = {
  app: 'shop',
  environment: 'production',
  namespace: 'web',
  service: 'shop',
  version: 'sha-1a2b3c4',
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
  it('a Deployment per version: image by digest, labels on it and its pods, probe, limits, the Secret by name only', () => {
    const d = deploymentManifest(spec);
    expect(d.metadata!.name).toBe('shop-production-sha-1a2b3c4');
    const sel = { [K.app]: 'shop', [K.environment]: 'production', [K.version]: 'sha-1a2b3c4' };
    expect(d.spec!.selector.matchLabels).toEqual(sel);
    expect(d.spec!.template.metadata!.labels).toEqual({ ...sel, [K.revision]: spec.revision });
    expect(d.metadata!.annotations![K.digest]).toBe(spec.digest);
    const c = d.spec!.template.spec!.containers[0]!;
    expect(c.image).toBe(spec.image);
    expect(c.readinessProbe!.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(c.resources!.limits).toEqual({ memory: '512Mi', cpu: '500m' });
    expect(c.env).toEqual([{ name: 'GREETING', value: 'hi' }]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'shop-production-sha-1a2b3c4-env' } }]);
    expect(d.spec!.progressDeadlineSeconds).toBe(60);
    expect(d.spec!.replicas).toBe(3);
  });

  it('secret values go only into the Secret', () => {
    const d = deploymentManifest(spec);
    const s = secretManifest(spec, { DATABASE_URL: 'postgres://secret' });
    expect(JSON.stringify(d)).not.toContain('postgres://secret');
    expect(s.stringData).toEqual({ DATABASE_URL: 'postgres://secret' });
    expect(s.metadata!.name).toBe(versionNames('shop', 'production', 'sha-1a2b3c4', 'shop').secret);
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

describe('what is live, warm and debris', () => {
  const d = (version: string, annotations: Record<string, string>): V1Deployment => ({
    metadata: { name: `shop-production-${version}`, labels: { [K.version]: version }, annotations },
    spec: { replicas: 2, selector: {}, template: {} },
  });
  const svc = (version: string) => ({ spec: { selector: { [K.app]: 'shop', [K.environment]: 'production', [K.version]: version } } });
  it('live is what the Service selects; warm are verified, the one live last first; debris never verified', () => {
    const all = [
      d('v1', { [K.verified]: 'true', [K.deployedAt]: '1', [K.liveUntil]: '2' }),
      d('v2', { [K.verified]: 'true', [K.deployedAt]: '2', [K.liveUntil]: '3' }),
      d('v3', { [K.verified]: 'true', [K.deployedAt]: '3' }),
      d('v4', { [K.deployedAt]: '4' }),
    ];
    const o = classify(all, svc('v3'), 'shop', 'production');
    expect(o.live?.version).toBe('v3');
    expect(o.warm.map((v) => v.version)).toEqual(['v2', 'v1']);
    expect(o.debris.map((v) => v.version)).toEqual(['v4']);
  });
  it('a Service selecting another app is not ours: nothing is live', () => {
    const o = classify([d('v1', { [K.verified]: 'true' })], { spec: { selector: { [K.app]: 'other', [K.environment]: 'production', [K.version]: 'v1' } } }, 'shop', 'production');
    expect(o.live).toBeUndefined();
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
});

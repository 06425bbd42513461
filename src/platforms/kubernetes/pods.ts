/**
 * Pure: what the cluster reports, in the core model's terms. A pool is one Deployment; its instances are
 * its pods, each with the labels a Docker instance carries (app, environment, version, digest, pool,
 * deployedAt, runUrl, verified, the run spec), so the release's pure planning (src/core/plan.ts) works as
 * it does on Docker. A Deployment without pods (scaled to 0, or not started yet) stands as one instance that
 * is not up, so the pool is never invisible.
 */
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { Instance } from '../../core/model.js';
import { parseSpec } from '../../core/run-spec.js';
import { K } from './manifests.js';

/** The instance id: `<deployment>/<pod uid>`; `<deployment>/` for a Deployment without pods. */
export function deploymentOf(instanceId: string): string {
  return instanceId.slice(0, instanceId.indexOf('/'));
}

export const isPlaceholder = (i: Pick<Instance, 'id'>): boolean => i.id.endsWith('/');

function base(d: V1Deployment, target: string): Omit<Instance, 'id' | 'name' | 'running' | 'restarting' | 'exitCode' | 'restartCount' | 'address'> {
  const a = d.metadata?.annotations ?? {};
  const l = d.metadata?.labels ?? {};
  return {
    app: l[K.app] ?? '',
    environment: l[K.environment] ?? '',
    version: l[K.version] ?? '',
    digest: a[K.digest] ?? '',
    image: a[K.image] ?? '',
    revision: l[K.revision] ?? '',
    deployedAt: a[K.deployedAt] ?? '',
    runUrl: a[K.runUrl] ?? '',
    // Deployments of older releases (one per version) have no pool label: the Deployment is the pool.
    pool: l[K.pool] ?? d.metadata!.name!,
    target,
    verified: a[K.verified] === 'true',
    health: undefined,
    spec: parseSpec(a[K.spec]),
  };
}

/** One pod of the Deployment `d` as an instance. Up: Pending or Running (a restarted container keeps the pod's address). */
export function podInstance(pod: V1Pod, d: V1Deployment, port: number, target: string): Instance {
  const c = pod.status?.containerStatuses?.find((x) => x.name === 'app') ?? pod.status?.containerStatuses?.[0];
  const phase = pod.status?.phase;
  const running = phase === 'Running' && !!c?.state?.running;
  const ip = pod.status?.podIP;
  const own = (() => {
    try {
      return (JSON.parse(d.metadata?.annotations?.[K.spec] ?? '{}') as { port?: unknown }).port;
    } catch {
      return undefined;
    }
  })();
  return {
    ...base(d, target),
    id: `${d.metadata!.name}/${pod.metadata!.uid}`,
    name: pod.metadata!.name!,
    running,
    restarting: !running && (phase === 'Pending' || phase === 'Running'),
    exitCode: c?.lastState?.terminated?.exitCode ?? c?.state?.terminated?.exitCode ?? 0,
    restartCount: c?.restartCount ?? 0,
    address: ip ? { host: ip, port: typeof own === 'number' ? own : port } : undefined,
  };
}

/** A Deployment without pods, as one instance that is not up (and has no address). */
export function deploymentInstance(d: V1Deployment, target: string): Instance {
  return { ...base(d, target), id: `${d.metadata!.name}/`, name: d.metadata!.name!, running: false, restarting: false, exitCode: 0, restartCount: 0, address: undefined };
}

const matches = (pod: V1Pod, sel: Record<string, string>): boolean =>
  Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.metadata?.labels?.[k] === v);

/** The pod is the Deployment's own: its labels match and its owner is one of the Deployment's ReplicaSets (`<deployment>-<hash>`). */
export function ownedBy(pod: V1Pod, d: V1Deployment): boolean {
  const name = d.metadata?.name ?? '';
  const rs = (pod.metadata?.ownerReferences ?? []).find((o) => o.kind === 'ReplicaSet');
  return matches(pod, d.spec?.selector?.matchLabels ?? {}) && !!rs && rs.name.startsWith(`${name}-`) && !rs.name.slice(name.length + 1).includes('-');
}

/**
 * Every Deployment's pods (not terminating) as instances; a Deployment without any as one placeholder. A pod
 * with a pool's labels that its Deployment does not own (made by hand) is no instance: a Service that selects
 * it sends traffic to an address no pool owns, which status reports.
 */
export function instancesOf(deployments: V1Deployment[], pods: V1Pod[], port: number, target: string): Instance[] {
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
  return deployments.flatMap((d) => {
    const mine = live.filter((p) => ownedBy(p, d));
    return mine.length ? mine.map((p) => podInstance(p, d, port, target)) : [deploymentInstance(d, target)];
  });
}

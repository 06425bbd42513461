/**
 * On Kubernetes the platform routes itself: a Service's selector is the router. Pointing a Service
 * at a version is one selector change (atomic: a JSON patch that tests the selector it replaces),
 * and it returns only once the Service's endpoints hold exactly that version's ready pods. When they
 * do not in time, the previous selector is put back.
 */
import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { DeployError, errorMessage } from '../../support/errors.js';
import { KINDS, KubeApiError, type Cluster } from './cluster.js';
import { K, selectorPatch, serviceManifest, versionSelector } from './manifests.js';
import { endpointIps, holdsOnly } from './rollout.js';
import { setTimeout as sleep } from 'node:timers/promises';


export interface PointTarget {
  app: string;
  environment: string;
  version: string;
  port: number;
  /** The addresses of the version's ready pods. */
  ips: string[];
}

export async function readEndpointsIps(cluster: Cluster, service: string): Promise<string[]> {
  return endpointIps(await cluster.read<V1Endpoints>(KINDS.endpoints, service));
}

/** Wait until the Service's endpoints hold exactly `ips`. Resolves true, or false at the deadline. */
export async function waitEndpoints(cluster: Cluster, service: string, ips: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (holdsOnly(await cluster.read<V1Endpoints>(KINDS.endpoints, service), ips)) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * Point `name` at the version: create the Service (role `role`, one port) when it does not exist,
 * else change only its selector. Returns the selector it had before.
 */
export async function pointService(
  cluster: Cluster,
  name: string,
  existing: V1Service | undefined,
  to: PointTarget,
  role: string,
  timeoutMs: number,
): Promise<Record<string, string> | undefined> {
  const selector = versionSelector(to.app, to.environment, to.version);
  const before = existing?.spec?.selector;
  let applied: V1Service;
  if (!existing) applied = await cluster.create<V1Service>(KINDS.service, serviceManifest(name, cluster.namespace, to.port, selector, role));
  else applied = await patchSelector(cluster, name, before, selector, existing.metadata?.resourceVersion);
  const ips = to.ips;
  if (await waitEndpoints(cluster, name, ips, timeoutMs)) return before;
  const seen = await readEndpointsIps(cluster, name);
  let restored = '';
  if (before) {
    try {
      await patchSelector(cluster, name, selector, before, applied.metadata?.resourceVersion);
      restored = ` Its selector was put back to ${before[K.version] ?? JSON.stringify(before)}.`;
    } catch (err) {
      restored = ` Putting its selector back failed too: ${errorMessage(err)}`;
    }
  }
  throw new DeployError(
    `Service ${name} did not reach the pods of ${to.version} within ${Math.round(timeoutMs / 1000)}s: its endpoints hold ${seen.join(', ') || 'nothing'}, expected ${ips.join(', ')}.${restored}`,
    'Check that the endpoints controller runs (kube-controller-manager) and that the pods stay ready.',
  );
}

export async function patchSelector(
  cluster: Cluster,
  name: string,
  from: Record<string, string> | undefined,
  to: Record<string, string>,
  resourceVersion: string | undefined,
): Promise<V1Service> {
  try {
    return await cluster.mergePatch<V1Service>(KINDS.service, name, selectorPatch(from, to, resourceVersion));
  } catch (err) {
    // 409: someone changed the Service since we read it (under our lock: by hand).
    if (err instanceof KubeApiError && err.status === 409)
      throw new DeployError(`Service ${name} changed while this run was deciding (its selector was ${JSON.stringify(from)}): nothing was changed.`, 'Run again: it reads the Service afresh.');
    throw err;
  }
}

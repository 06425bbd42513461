/**
 * On Kubernetes the platform routes itself: a Service's selector is the router. Pointing a Service at a
 * pool is one selector change (a JSON merge patch, conditional on the resourceVersion read), and it
 * returns only once the Service's endpoints hold what it should. When they do not in time, whatever the
 * reason (the endpoints controller is slow, or reading the endpoints fails: 429, 5xx, a reset), the
 * previous selector is put back (retried until it holds or the time is up) before anything is thrown,
 * and the error says what the selector is now.
 */
import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { DeployError, errorMessage } from '../../support/errors.js';
import { KINDS, KubeApiError, type Cluster } from './cluster.js';
import { K, selectorPatch, serviceManifest } from './manifests.js';
import { endpointIps } from './rollout.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PointTarget {
  /** The selector to set (a pool's). */
  selector: Record<string, string>;
  /** The pods' port (a created Service's targetPort). */
  port: number;
  /** Are the endpoints (their ready addresses) what this pointing should give? */
  reached(ips: string[]): boolean;
  /** For messages: what the endpoints should hold. */
  expected: string;
}

/** The ready addresses of a Service's endpoints. */
export async function readEndpointsIps(cluster: Cluster, service: string): Promise<string[]> {
  return endpointIps(await cluster.read<V1Endpoints>(KINDS.endpoints, service));
}

/**
 * Wait until the Service's endpoints are `reached`. A failed read is not an answer: it is retried until the
 * deadline. Resolves to what was seen last (and the last read error, if the last read failed).
 */
export async function waitEndpoints(
  cluster: Cluster,
  service: string,
  reached: (ips: string[]) => boolean,
  timeoutMs: number,
): Promise<{ ok: boolean; seen: string[] | undefined; error: string | undefined }> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] | undefined;
  let error: string | undefined;
  for (let n = 0; ; n++) {
    try {
      seen = await readEndpointsIps(cluster, service);
      error = undefined;
      if (reached(seen)) return { ok: true, seen, error };
    } catch (err) {
      error = errorMessage(err);
    }
    if (Date.now() > deadline) return { ok: false, seen, error };
    await sleep(error ? 200 : endpointsPollMs(n));
  }
}

/**
 * Pure: the pause before the endpoints are read again after `n` reads that were not there yet. The endpoints
 * controller usually follows a selector change within tens of milliseconds: read again soon (10, 20, 40 ms),
 * then every 50 ms.
 */
export function endpointsPollMs(n: number): number {
  return Math.min(50, 10 * 2 ** n);
}

export const describeSelector = (sel: Record<string, string> | undefined): string =>
  !sel || Object.keys(sel).length === 0
    ? 'nothing (no selector)'
    : sel[K.pool]
      ? `pool ${sel[K.pool]} of ${sel[K.version] ?? '?'}`
      : sel[K.version]
        ? `version ${sel[K.version]}`
        : JSON.stringify(sel);

const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/**
 * Point `name` at `to.selector`: create the Service (role `role`) when it does not exist, else change only
 * its selector; wait until its endpoints are `to.reached`. On failure the selector it had is put back first.
 */
export async function pointService(cluster: Cluster, name: string, to: PointTarget, role: string, timeoutMs: number): Promise<void> {
  const existing = await cluster.read<V1Service>(KINDS.service, name);
  const before = existing?.spec?.selector;
  if (!existing) await cluster.create<V1Service>(KINDS.service, serviceManifest(name, cluster.namespace, to.port, to.selector, role));
  else if (!same(before, to.selector)) await patchSelector(cluster, name, before, to.selector, existing.metadata?.resourceVersion);
  const wait = await waitEndpoints(cluster, name, (ips) => to.reached(ips), timeoutMs);
  if (wait.ok) return;
  const why = wait.error
    ? `reading its endpoints failed (last: ${wait.error})`
    : `its endpoints hold ${wait.seen?.join(', ') || 'nothing'}, expected ${to.expected}`;
  const now = existing && !same(before, to.selector) ? await putBack(cluster, name, to.selector, before!, timeoutMs) : `It selects ${describeSelector(to.selector)}.`;
  throw new DeployError(
    `Service ${name} did not reach ${to.expected} within ${Math.round(timeoutMs / 1000)}s: ${why}. ${now}`,
    'Check that the API server answers and the endpoints controller runs (kube-controller-manager), and that the pods stay ready.',
  );
}

/**
 * Put the selector `from` back to `to` (what it was), retried (a failed call, a 409 from a change in
 * between) until it holds or the time is up. Returns, for the error, what the Service selects now as read
 * back (or that it could not be read).
 */
async function putBack(cluster: Cluster, name: string, from: Record<string, string>, to: Record<string, string>, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + Math.max(timeoutMs, 10_000);
  for (;;) {
    try {
      const svc = await cluster.read<V1Service>(KINDS.service, name);
      const sel = svc?.spec?.selector;
      if (same(sel, to)) return `Its selector was put back: it selects ${describeSelector(to)} again.`;
      // Someone else changed it meanwhile (under our lock: by hand): theirs stays.
      if (!same(sel, from)) return `Its selector was changed by someone else meanwhile: it selects ${describeSelector(sel)}.`;
      await patchSelector(cluster, name, from, to, svc?.metadata?.resourceVersion);
    } catch (err) {
      if (Date.now() > deadline) return `Putting its selector back failed too (${errorMessage(err)}): it may still select ${describeSelector(from)}.`;
      await sleep(500);
    }
  }
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

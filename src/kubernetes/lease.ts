/**
 * The deploy lock on Kubernetes: a coordination.k8s.io/v1 Lease per app and environment, in the
 * namespace. Creating it is atomic (a second create gets 409); a holder's Lease whose renewTime plus
 * leaseDurationSeconds has passed is taken over by an update at the resourceVersion read (so two
 * runs cannot both take it over). The holder is the run (URL), host and pid, as with the Docker lock.
 */
import type { V1Lease } from '@kubernetes/client-node';
import { hostname } from 'node:os';
import { DeployError } from '../errors.js';
import type { Log } from '../log.js';
import { KINDS, KubeApiError, type Cluster } from './cluster.js';
import { K } from './manifests.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pure: has the holder's lease run out at `now`? */
export function leaseExpired(l: V1Lease, now: Date): boolean {
  const renewed = l.spec?.renewTime ?? l.spec?.acquireTime;
  if (!renewed) return true;
  return now.getTime() > new Date(renewed).getTime() + (l.spec?.leaseDurationSeconds ?? 0) * 1000;
}

export function describeLease(l: V1Lease | undefined): string {
  const who = l?.spec?.holderIdentity ?? 'an unknown holder';
  const since = l?.spec?.acquireTime ? ` (since ${new Date(l.spec.acquireTime).toISOString()})` : '';
  return `${who}${since}`;
}

export async function acquireLease(
  cluster: Cluster,
  name: string,
  labels: Record<string, string>,
  o: { runUrl: string; leaseSec: number; timeoutSec: number; log: Log },
): Promise<() => Promise<void>> {
  const ns = cluster.namespace;
  const identity = `${o.runUrl || 'a local run'} (pid ${process.pid} on ${hostname()})`;
  const body = (resourceVersion?: string): V1Lease => {
    // A MicroTime: the API server wants 6 fractional digits, and the client sends this type as given.
    const now = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') as unknown as Date;
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: ns, labels: { ...labels, [K.role]: 'lock' }, ...(resourceVersion ? { resourceVersion } : {}) },
      spec: { holderIdentity: identity, leaseDurationSeconds: o.leaseSec, acquireTime: now, renewTime: now },
    };
  };
  const deadline = Date.now() + o.timeoutSec * 1000;
  let announced = false;
  for (;;) {
    let mine: V1Lease | undefined;
    try {
      mine = await cluster.create(KINDS.lease, body());
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    }
    if (!mine) {
      const held = await cluster.read<V1Lease>(KINDS.lease, name);
      if (held && leaseExpired(held, new Date())) {
        o.log.warning(`Taking over the deploy lock (Lease ${name}) from ${describeLease(held)}: its lease ran out.`);
        try {
          mine = await cluster.replace(KINDS.lease, body(held.metadata?.resourceVersion));
        } catch (err) {
          // Another run took it over first: wait for that one like any other holder.
          if (!(err instanceof KubeApiError && err.status === 409)) throw err;
        }
      } else if (held) {
        if (Date.now() >= deadline)
          throw new DeployError(
            `Another run holds the deploy lock (Lease ${name} in namespace ${ns}): ${describeLease(held)}. Waited ${o.timeoutSec}s.`,
            `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over once its lease runs out; ` +
              `if you know the holder is gone: kubectl -n ${ns} delete lease ${name}`,
          );
        if (!announced) {
          o.log.info(`Waiting for the deploy lock (Lease ${name}), held by ${describeLease(held)}`);
          announced = true;
        }
        await sleep(1000);
      }
    }
    if (mine) {
      const version = mine.metadata?.resourceVersion;
      return async () => {
        // Only our own Lease, as we wrote it: if it was taken over (ours ran out), the new holder's stays.
        await cluster.remove(KINDS.lease, name, { preconditions: { resourceVersion: version! } }).catch(() => undefined);
      };
    }
  }
}

/**
 * The deploy lock on Kubernetes: a coordination.k8s.io/v1 Lease per app and environment in the
 * namespace, as a LeaseStore of the shared lock (src/platforms/lock.ts: renewed while the holder lives,
 * taken over when the holder's process is gone on this machine or its lease ran out). Creating it is
 * atomic (a second create gets 409); the token is the Lease's uid, so a lock re-created by another run
 * is never removed or renewed by this one. The holder record rides in an annotation; holderIdentity is
 * its readable form (what `kubectl get lease` shows).
 */
import type { V1Lease } from '@kubernetes/client-node';
import { DeployError } from '../../support/errors.js';
import { describeHolder, type Holder, type LeaseStore, type LockState } from '../lock.js';
import { KINDS, KubeApiError, type Cluster } from './cluster.js';
import { K } from './manifests.js';

const HOLDER = K.holder;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** A MicroTime: the API server wants 6 fractional digits, and the client sends this type as given. */
function microTime(d: Date): Date {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') as unknown as Date;
}

export function parseLeaseHolder(l: V1Lease): Holder | undefined {
  try {
    return JSON.parse(l.metadata?.annotations?.[HOLDER] ?? '') as Holder;
  } catch {
    return undefined;
  }
}

/**
 * Pure: why the Lease at the lock's name is not a deploy lock this action can judge (another tool's Lease,
 * or ours with a broken holder record), or undefined when it is one. Such a Lease is never waited for nor
 * taken over (it is not ours to delete): the run stops and says so.
 */
export function leaseProblem(l: V1Lease): string | undefined {
  const h = parseLeaseHolder(l);
  if (l.metadata?.labels?.[K.role] !== 'lock' || l.metadata?.annotations?.[HOLDER] === undefined)
    return `it is not a deploy lock of this action (no ${K.role}=lock label and ${HOLDER} annotation: another tool's Lease, or one made by hand)`;
  if (!h || typeof h.pid !== 'number' || typeof h.host !== 'string') return `it is a deploy lock whose holder annotation (${HOLDER}) cannot be read`;
  return undefined;
}

export class KubeLeaseStore implements LeaseStore {
  constructor(
    private readonly cluster: Cluster,
    private readonly name: string,
    private readonly labels: Record<string, string>,
  ) {}

  get describe(): string {
    return `Lease ${this.name} in namespace ${this.cluster.namespace}`;
  }

  get removeHint(): string {
    return `kubectl -n ${this.cluster.namespace} delete lease ${this.name}`;
  }

  /** The runner's clock: the API server tells none (renewTime is written and judged by runners). */
  now(): Date {
    return new Date();
  }

  async create(holder: Holder): Promise<string | undefined> {
    const now = microTime(new Date());
    const body: V1Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.name,
        namespace: this.cluster.namespace,
        labels: { ...this.labels, [K.role]: 'lock' },
        annotations: { [HOLDER]: JSON.stringify(holder) },
      },
      spec: { holderIdentity: describeHolder(holder), leaseDurationSeconds: holder.leaseSec, acquireTime: now, renewTime: now },
    };
    try {
      return (await this.cluster.create(KINDS.lease, body)).metadata?.uid;
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 409) return undefined;
      throw err;
    }
  }

  async read(): Promise<LockState | undefined> {
    const l = await this.cluster.read<V1Lease>(KINDS.lease, this.name);
    if (!l) return undefined;
    const problem = leaseProblem(l);
    if (problem)
      throw new DeployError(
        `The ${this.describe} is where the deploy lock lives, but ${problem}. No run can take or wait for the lock while it is there. Nothing was changed.`,
        `Look at it (kubectl -n ${this.cluster.namespace} get lease ${this.name} -o yaml). If nothing needs it, delete it (${this.removeHint}) and run again.`,
      );
    const renewed = l.spec?.renewTime ?? l.spec?.acquireTime ?? l.metadata?.creationTimestamp;
    return { token: l.metadata!.uid!, holder: parseLeaseHolder(l), renewedAt: new Date(renewed ?? 0) };
  }

  async renew(token: string): Promise<boolean> {
    const l = await this.cluster.read<V1Lease>(KINDS.lease, this.name);
    if (!l || l.metadata?.uid !== token) return false;
    try {
      // At the resourceVersion read: a Lease changed since is not ours to renew blindly.
      await this.cluster.replace(KINDS.lease, { ...l, spec: { ...l.spec, renewTime: microTime(new Date()) } });
      return true;
    } catch (err) {
      if (err instanceof KubeApiError && (err.status === 409 || err.status === 404)) return (await this.read())?.token === token;
      throw err;
    }
  }

  async remove(token: string): Promise<void> {
    try {
      await this.cluster.remove(KINDS.lease, this.name, { preconditions: { uid: token } });
    } catch (err) {
      // 409: the precondition failed: the Lease is another run's now, and stays.
      if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    }
  }

  async waitGone(_since: Date, until: Date, signal: AbortSignal): Promise<void> {
    // Polled once a second (a watch would need the watch verb in the Role for this one wait).
    const end = until.getTime();
    while (!signal.aborted && Date.now() < end) {
      if (!(await this.cluster.read<V1Lease>(KINDS.lease, this.name))) return;
      await sleep(Math.min(1000, end - Date.now()), signal);
    }
  }
}

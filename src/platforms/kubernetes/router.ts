/**
 * On Kubernetes the platform routes itself: the production Service's selector is the Router of the
 * core model (src/routers/types.ts). current() reads what the Service serves: the pods its selector
 * selects (read from the selector, not from the Endpoints, which follow it a moment later), so a read-back
 * right after a selector change is exact. shift() moves the selector to the pool whose pods hold the
 * group's addresses and returns once the endpoints hold exactly them; when they do not (in time, or
 * because reading them fails), the selector is put back before it throws (src/platforms/kubernetes/service.ts).
 * A selector picks one pool: the router cannot weigh (weighted = false), and a split is refused.
 */
import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { formatRouting, singleGroup, type Router, type Routing } from '../../routers/types.js';
import { KINDS, type Cluster } from './cluster.js';
import { selectorText } from './launch.js';
import { appSelector, K, poolSelector } from './manifests.js';
import { pointService } from './service.js';

export class ServiceRouter implements Router {
  readonly kind = 'kubernetes-service';
  readonly weighted = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly service: string,
    private readonly app: string,
    private readonly environment: string,
    /** The pods' port (the Service's targetPort). */
    private readonly port: number,
    /** How long a shift may wait for the endpoints. */
    private readonly timeoutMs: number,
  ) {}

  describe(): string {
    return `Service ${this.service} in namespace ${this.cluster.namespace}`;
  }

  async current(): Promise<Routing> {
    const svc = await this.cluster.read<V1Service>(KINDS.service, this.service);
    const sel = svc?.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return [];
    const pods = (await this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(sel) })).filter(
      (p) => !p.metadata?.deletionTimestamp && p.status?.podIP,
    );
    const addresses = pods.map((p) => ({ host: p.status!.podIP!, port: this.port })).sort((a, b) => (a.host < b.host ? -1 : 1));
    return addresses.length ? [{ addresses, weight: 100, version: sel[K.version] }] : [];
  }

  async shift(to: Routing): Promise<void> {
    const group = singleGroup(this.kind, to);
    const ips = [...new Set(group.addresses.map((a) => a.host))].sort();
    // The pool is named by its pods: the addresses must be exactly the pods of one pool of this app.
    const pods = await this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: appSelector(this.app, this.environment) });
    const at = pods.filter((p) => !p.metadata?.deletionTimestamp && ips.includes(p.status?.podIP ?? ''));
    const pools = [...new Set(at.map((p) => p.metadata?.labels?.[K.pool] ?? ''))];
    if (at.length !== ips.length || pools.length !== 1 || !pools[0])
      throw new Error(
        `${this.describe()} was asked to serve ${formatRouting(to)}, which ${at.length !== ips.length ? 'are not all pods' : 'are not the pods of one pool'} of ${this.app} in ${this.environment}: nothing was changed.`,
      );
    const labels = at[0]!.metadata!.labels!;
    const selector = poolSelector(this.app, this.environment, labels[K.version] ?? '', pools[0]);
    const want = ips.join(',');
    await pointService(
      this.cluster,
      this.service,
      { selector, port: this.port, reached: (seen) => seen.join(',') === want, expected: `the ${ips.length} pod(s) of pool ${pools[0]} (${ips.join(', ')})` },
      'production',
      this.timeoutMs,
    );
  }
}

/**
 * On Kubernetes the platform routes itself: the production Service's selector is the Router of the
 * core model (src/routers/types.ts). current() reads what the Service serves (its endpoints, and the
 * version its selector names); shift() moves the selector to the group's version and returns once the
 * endpoints hold exactly the group's addresses (the selector is put back when they do not in time). A
 * selector picks one version: weighted splits are refused (singleGroup).
 */
import type { V1Endpoints, V1Service } from '@kubernetes/client-node';
import { singleGroup, type Router, type Routing } from '../../routers/types.js';
import { KINDS, type Cluster } from './cluster.js';
import { K } from './manifests.js';
import { endpointIps } from './rollout.js';
import { pointService } from './service.js';

export class ServiceRouter implements Router {
  readonly kind = 'kubernetes-service';

  constructor(
    private readonly cluster: Cluster,
    private readonly service: string,
    private readonly app: string,
    private readonly environment: string,
    /** The pods' port (the Service's targetPort). */
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  describe(): string {
    return `Service ${this.service} in namespace ${this.cluster.namespace}`;
  }

  async current(): Promise<Routing> {
    const svc = await this.cluster.read<V1Service>(KINDS.service, this.service);
    if (!svc) return [];
    const ips = endpointIps(await this.cluster.read<V1Endpoints>(KINDS.endpoints, this.service));
    return ips.length ? [{ addresses: ips.map((host) => ({ host, port: this.port })), weight: 100, version: svc.spec?.selector?.[K.version] }] : [];
  }

  async shift(to: Routing): Promise<void> {
    const group = singleGroup(this.kind, to);
    if (!group.version) throw new Error(`The ${this.kind} router selects pods by version: the group to serve names none.`);
    const existing = await this.cluster.read<V1Service>(KINDS.service, this.service);
    await pointService(
      this.cluster,
      this.service,
      existing,
      { app: this.app, environment: this.environment, version: group.version, port: this.port, ips: group.addresses.map((a) => a.host) },
      'production',
      this.timeoutMs,
    );
  }
}

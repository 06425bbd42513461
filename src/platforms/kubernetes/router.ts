/**
 * On Kubernetes the platform routes itself: the production Service's selector is the Router of the
 * core model (src/routers/types.ts). current() reads what the Service serves: the pods its selector
 * selects (read from the selector, not from the Endpoints, which follow it a moment later), so a read-back
 * right after a selector change is exact. shift() moves the selector and returns once the endpoints hold
 * exactly what it should; when they do not (in time, or because reading them fails), the selector is put
 * back before it throws (src/platforms/kubernetes/service.ts).
 *
 * One group (blue-green, the last step of a canary, a shift back): the selector names that pool; the pool is
 * brought back to its own replicas first, and any Deployment a canary step scaled is given its own replicas
 * back after.
 *
 * Two groups (a canary step): the share is the replica ratio. The Service selects both pools through a label
 * on their pods (`serving=<new pool>`: a selector cannot name two pools, and warm pools must not be
 * selected), and the two Deployments are scaled so that the new pool's ready pods are at most the step's
 * share of all (src/core/split.ts replicaSplit: at least one new pod; the stable pool grows when one pod is
 * too much). The order keeps that bound at every moment: stable pods are added before, new pods after, and a
 * pod serves only once it is ready and labelled. The share the replicas really give is realShares() (shown
 * in the summary). Three groups (a baseline) cannot be given: maxGroups = 2.
 */
import type { V1Deployment, V1Pod, V1Service } from '@kubernetes/client-node';
import { formatRouting, singleGroup, type RoutedGroup, type Router, type Routing } from '../../routers/types.js';
import { replicaSplit } from '../../core/split.js';
import { parseSpec } from '../../core/run-spec.js';
import { DeployError } from '../../support/errors.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { KINDS, type Cluster } from './cluster.js';
import { selectorText } from './launch.js';
import { appSelector, K, labelValue, poolSelector, versionNames } from './manifests.js';
import { describeSelector, patchSelector, pointService, waitEndpoints } from './service.js';

const live = (p: V1Pod) => !p.metadata?.deletionTimestamp;
const ready = (p: V1Pod) => live(p) && !!p.status?.podIP && !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const ipOf = (p: V1Pod) => p.status?.podIP ?? '';

/** One pool of the app as the router handles it: its Deployment and its pods. */
interface PoolObjects {
  pool: string;
  version: string;
  deployment: V1Deployment;
  /** The replicas it was launched with (its recorded run spec), which it gets back after a canary. */
  own: number;
  /** Its pods (not being deleted) as listed when the pool was found: read again after anything scales it. */
  listed: V1Pod[];
}

export class ServiceRouter implements Router {
  readonly kind = 'kubernetes-service';
  /** Two pools at once, by replica ratio: no baseline beside them. */
  readonly maxGroups = 2;
  readonly sharesBy = 'replicas';

  constructor(
    private readonly cluster: Cluster,
    private readonly service: string,
    private readonly app: string,
    private readonly environment: string,
    /** The pods' port (the Service's targetPort). */
    private readonly port: number,
    /** How long a shift may wait for the endpoints (and for pods a step adds to become ready). */
    private readonly timeoutMs: number,
  ) {}

  describe(): string {
    return `Service ${this.service} in namespace ${this.cluster.namespace}`;
  }

  async current(): Promise<Routing> {
    const svc = await this.cluster.read<V1Service>(KINDS.service, this.service);
    const sel = svc?.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return [];
    const pods = (await this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(sel) })).filter((p) => live(p) && p.status?.podIP);
    const address = (p: V1Pod) => ({ host: ipOf(p), port: this.port });
    const byHost = (a: { host: string }, b: { host: string }) => (a.host < b.host ? -1 : 1);
    if (!sel[K.serving]) {
      const addresses = pods.map(address).sort(byHost);
      return addresses.length ? [{ addresses, weight: 100, version: sel[K.version] }] : [];
    }
    // A canary step: the ready pods of each pool, each pool's weight its share of them (the endpoints hold ready pods only).
    const serving = pods.filter(ready);
    const pools = [...new Set(serving.map((p) => p.metadata?.labels?.[K.pool] ?? ''))];
    return pools.map((pool) => {
      const mine = serving.filter((p) => (p.metadata?.labels?.[K.pool] ?? '') === pool);
      return {
        addresses: mine.map(address).sort(byHost),
        weight: Math.round((1000 * mine.length) / serving.length) / 10,
        version: mine[0]?.metadata?.labels?.[K.version],
      };
    });
  }

  realShares(groups: readonly { size: number; weight: number }[]): number[] {
    const split = groups.filter((g) => g.weight > 0);
    if (split.length <= 1) return split.map(() => 100);
    if (split.length > 2) throw new Error(`${this.describe()} splits traffic between two pools by their replicas, not between ${split.length}.`);
    const total = split[0]!.weight + split[1]!.weight;
    const r = replicaSplit(split[0]!.size, split[1]!.size, (100 * split[1]!.weight) / total);
    return [100 - r.share, r.share];
  }

  async shift(to: Routing): Promise<void> {
    const groups = to.filter((g) => g.weight > 0);
    if (groups.length > 2) throw new Error(`${this.describe()} was asked to serve ${formatRouting(to)}: it splits traffic between two pools at most (their replica ratio).`);
    if (groups.length === 2) return this.split(groups[0]!, groups[1]!, to);
    const group = singleGroup(this.kind, to);
    const [target] = await this.poolsOf([group], to);
    // The pool serves with its own replicas (a canary step may have scaled it down), all ready, before it gets all traffic.
    const scaled = (target!.deployment.spec?.replicas ?? 0) < target!.own;
    if (scaled) await this.scale(target!, target!.own);
    const ips = (scaled ? await this.pods(target!) : target!.listed).filter(ready).map(ipOf).sort();
    if (ips.length === 0) throw new DeployError(`${this.describe()} was asked to serve pool ${target!.pool}, which has no ready pod: nothing was changed.`);
    const want = ips.join(',');
    await pointService(
      this.cluster,
      this.service,
      {
        selector: poolSelector(this.app, this.environment, target!.version, target!.pool),
        port: this.port,
        reached: (seen) => seen.join(',') === want,
        expected: `the ${ips.length} pod(s) of pool ${target!.pool} (${ips.join(', ')})`,
      },
      'production',
      this.timeoutMs,
    );
    // Deployments a canary step scaled (the stable pool grown for a small share) get their own replicas back.
    await this.restoreReplicas();
  }

  /** A canary step: `next` at its share of the ready pods, `stable` the rest, both selected through the serving label. */
  private async split(stableGroup: RoutedGroup, nextGroup: RoutedGroup, to: Routing): Promise<void> {
    const [stable, next] = await this.poolsOf([stableGroup, nextGroup], to);
    const share = (100 * nextGroup.weight) / (stableGroup.weight + nextGroup.weight);
    const want = replicaSplit(stable!.own, next!.own, share);
    const serving = { [K.serving]: labelValue('pool', next!.pool) };
    const selector = { [K.app]: this.app, [K.environment]: this.environment, ...serving };
    const replicas = (p: PoolObjects) => p.deployment.spec?.replicas ?? 0;
    // 1. Stable pods first (more stable pods only lower the new pool's share), labelled once ready.
    if (replicas(stable!) < want.stable) await this.scale(stable!, want.stable);
    await this.label(stable!, next!.pool);
    // 2. Fewer new pods (a later step never asks for fewer, but a re-run might): before anything adds to its share.
    if (replicas(next!) > want.next) await this.scale(next!, want.next);
    // 3. The Service onto the serving label: the stable pods now, and the new pods already labelled (at most `want.next`).
    const svc = await this.cluster.read<V1Service>(KINDS.service, this.service);
    const before = svc?.spec?.selector;
    if (!svc) throw new DeployError(`Service ${this.service} does not exist: a canary step needs the Service a first deploy creates.`);
    if (!same(before, selector)) await patchSelector(this.cluster, this.service, before, selector, svc.metadata?.resourceVersion);
    try {
      // 4. Fewer stable pods (to the step's count, never below it): the new pool's share rises to at most the step's.
      if (replicas(stable!) > want.stable) await this.scale(stable!, want.stable);
      // 5. New pods last: added, ready, then labelled.
      if (replicas(next!) < want.next) await this.scale(next!, want.next);
      await this.label(next!, next!.pool);
      const chosen = [...(await this.pods(stable!)), ...(await this.pods(next!))].filter((p) => ready(p) && p.metadata?.labels?.[K.serving] === next!.pool).map(ipOf).sort();
      const wait = await waitEndpoints(this.cluster, this.service, (seen) => seen.join(',') === chosen.join(','), this.timeoutMs);
      if (!wait.ok)
        throw new DeployError(
          `Service ${this.service} did not reach the ${chosen.length} ready pod(s) of ${stable!.version} and ${next!.version} (${chosen.join(', ')}) within ${Math.round(this.timeoutMs / 1000)}s: ` +
            `${wait.error ? `reading its endpoints failed (last: ${wait.error})` : `its endpoints hold ${wait.seen?.join(', ') || 'nothing'}`}.`,
          'Check that the endpoints controller runs (kube-controller-manager) and that the pods stay ready.',
        );
    } catch (err) {
      // The new pool gets nothing it was not judged at: the Service goes back to what it selected before this step.
      if (before && !same(before, selector)) await patchSelector(this.cluster, this.service, selector, before, undefined).catch(() => undefined);
      throw new DeployError(`${(err as Error).message}\nService ${this.service} selects ${describeSelector(before)} again.`);
    }
  }

  /** The pools of the groups (each group's addresses must be pods of one pool of this app; pods replaced since may be missing). */
  private async poolsOf(groups: RoutedGroup[], to: Routing): Promise<PoolObjects[]> {
    const pods = (await this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: appSelector(this.app, this.environment) })).filter(live);
    const out: PoolObjects[] = [];
    for (const g of groups) {
      const ips = new Set(g.addresses.map((a) => a.host));
      const at = pods.filter((p) => ips.has(ipOf(p)));
      const pools = [...new Set(at.map((p) => p.metadata?.labels?.[K.pool] ?? ''))];
      if (at.length === 0 || pools.length !== 1 || !pools[0])
        throw new Error(
          `${this.describe()} was asked to serve ${formatRouting(to)}, in which ${g.addresses.map((a) => a.host).join(', ')} ${at.length === 0 ? 'are no pods' : 'are not the pods of one pool'} of ${this.app} in ${this.environment}: nothing was changed.`,
        );
      const pool = pools[0];
      const version = at[0]!.metadata!.labels![K.version] ?? '';
      const name = versionNames(this.app, this.environment, pool, this.service).deployment;
      const deployment = await this.cluster.read<V1Deployment>(KINDS.deployment, name);
      if (!deployment) throw new Error(`The Deployment ${name} of pool ${pool} is gone: nothing was changed.`);
      const listed = pods.filter((p) => p.metadata?.labels?.[K.pool] === pool && p.metadata?.labels?.[K.version] === version);
      out.push({ pool, version, deployment, own: ownReplicas(deployment), listed });
    }
    return out;
  }

  private async pods(p: PoolObjects): Promise<V1Pod[]> {
    return (await this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(poolSelector(this.app, this.environment, p.version, p.pool)) })).filter(live);
  }

  /** Every ready pod of the pool gets the serving label of the canary `pool`. */
  private async label(p: PoolObjects, pool: string): Promise<void> {
    const todo = (await this.pods(p)).filter((x) => ready(x) && x.metadata?.labels?.[K.serving] !== pool);
    await Promise.all(todo.map((x) => this.cluster.mergePatch(KINDS.pod, x.metadata!.name!, { metadata: { labels: { [K.serving]: pool } } })));
  }

  /** Scale the pool's Deployment to `n` and wait until exactly `n` of its pods are up and ready (fewer: the others gone). */
  private async scale(p: PoolObjects, n: number): Promise<void> {
    const name = p.deployment.metadata!.name!;
    p.deployment = await this.cluster.mergePatch<V1Deployment>(KINDS.deployment, name, { spec: { replicas: n } });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const pods = await this.pods(p);
      if (pods.length === n && pods.every(ready)) return;
      if (Date.now() > deadline)
        throw new DeployError(
          `Deployment ${name} (${p.version}) did not reach ${n} ready pod(s) within ${Math.round(this.timeoutMs / 1000)}s: ${pods.filter(ready).length} ready of ${pods.length}.`,
          'Look at its pods (kubectl describe pods) and the cluster capacity.',
        );
      await sleep(200);
    }
  }

  /** Deployments of the app whose replicas differ from their own (a canary step scaled them) get their own back. */
  private async restoreReplicas(): Promise<void> {
    const all = await this.cluster.list<V1Deployment>(KINDS.deployment, { labelSelector: `${appSelector(this.app, this.environment)},${K.role}=instance` });
    const changed = all.filter((d) => (d.spec?.replicas ?? 0) > 0 && d.spec?.replicas !== ownReplicas(d));
    await Promise.all(changed.map((d) => this.cluster.mergePatch(KINDS.deployment, d.metadata!.name!, { spec: { replicas: ownReplicas(d) } })));
  }
}

/** The replicas a pool was launched with (its recorded run spec), else what it has. */
function ownReplicas(d: V1Deployment): number {
  return parseSpec(d.metadata?.annotations?.[K.spec])?.replicas ?? d.spec?.replicas ?? 1;
}

const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

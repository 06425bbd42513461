/** Pure decisions of the release model: which pool is live, which stay warm, what goes. */
import type { Address, Instance, IntentRecord, Pool } from './model.js';
import { sameAddress } from './model.js';
import { served, type Routing } from './routing.js';
import type { KnownImage } from './model.js';
import { compareText } from './text.js';

export type VersionState = 'live' | 'warm' | 'image-only';

export interface Observed {
  /** The pool the router serves (without a router: the newest), whatever state its instances are in (restarting, stopped). */
  live: Pool | undefined;
  /** Verified pools, up (running or being restarted by Docker), that served before and are not live: newest first. */
  warm: Pool[];
  /**
   * Pools the balancer may send traffic to without serving them now (an nginx file written but not loaded,
   * a HAProxy state file a restart would load): never removed while that lasts.
   */
  pending: Pool[];
  /**
   * Pools the balancer gives traffic beside the live one (a run killed in the middle of a canary step left
   * its canary there): never removed before the traffic is back on the live pool.
   */
  beside: Pool[];
  /**
   * Left behind by a killed or failed run: unverified candidates, stopped instances, and verified pools that
   * never served (a run killed between verification and the flip). Never an instance of the live or a pending pool.
   */
  debris: Instance[];
}

/** Up: running, or being restarted by its restart policy (it comes back at the same address). */
export const up = (i: Instance) => i.running || i.restarting;

const newestFirst = (a: Instance, b: Instance) => compareText(b.deployedAt, a.deployedAt);
const newest = (p: Pool) => p.instances.reduce((m, i) => (i.deployedAt > m ? i.deployedAt : m), '');
const newestPoolFirst = (a: Pool, b: Pool) => compareText(newest(b), newest(a));

/** Pure: instances grouped into their pools (one launch of one version), newest pool first. */
export function pools(instances: Instance[]): Pool[] {
  const byId = new Map<string, Pool>();
  for (const i of [...instances].sort(newestFirst)) {
    const p = byId.get(i.pool) ?? { id: i.pool, version: i.version, instances: [] };
    p.instances.push(i);
    byId.set(i.pool, p);
  }
  return [...byId.values()].sort(newestPoolFirst);
}

/**
 * The share of new requests (0..100) the balancer gives `p`, from the weights it reports: each group's
 * weight split evenly over its addresses. Pure.
 */
export function poolShare(p: Pool, routing: Routing): number {
  let share = 0;
  for (const g of routing) {
    if (g.weight <= 0 || g.addresses.length === 0) continue;
    const each = g.weight / g.addresses.length;
    for (const a of g.addresses) if (p.instances.some((i) => sameAddress(a, i.address))) share += each;
  }
  return share;
}

/**
 * The live pool is the one the release state records say serves, as long as the balancer still gives it
 * traffic: `prefer` (pool ids, first wins: the stable pool of a release a killed run left unfinished, then
 * the pool the newest flip made live). Else the pool with the largest share by the balancer's weights
 * (a tie: one that served before, then the newest). Never by counting routed instances. Without a router
 * (router: none), it is the newest verified running pool. Pools the balancer serves beside the live one
 * (`beside`: a killed run's canary) are neither warm nor debris: the run converges them first.
 * `servedBefore`: the pools that have served traffic (from the records; undefined when there are no records
 * yet: then every verified pool counts). `pendingAddresses`: where the balancer may go next (drift).
 */
export function classify(
  instances: Instance[],
  routing: Routing,
  hasRouter: boolean,
  servedBefore?: ReadonlySet<string>,
  pendingAddresses: readonly Address[] = [],
  prefer: readonly string[] = [],
): Observed {
  const verified = pools(instances.filter((i) => i.verified));
  const usable = pools(instances.filter((i) => i.verified && up(i)));
  const shares = new Map(verified.map((p) => [p.id, poolShare(p, routing)]));
  const routed = verified.filter((p) => shares.get(p.id)! > 0);
  const rank = (p: Pool) => (servedBefore?.has(p.id) ? 1 : 0);
  const byRecord = prefer.map((id) => routed.find((p) => p.id === id)).find((p) => p);
  const bySharing = [...routed].sort((a, b) => shares.get(b.id)! - shares.get(a.id)! || rank(b) - rank(a))[0];
  const live = hasRouter ? (byRecord ?? bySharing) : usable[0];
  const beside = hasRouter ? routed.filter((p) => p.id !== live?.id) : [];
  const pending = verified.filter(
    (p) => p.id !== live?.id && !beside.includes(p) && p.instances.some((i) => pendingAddresses.some((a) => sameAddress(a, i.address))),
  );
  const kept = new Set([live, ...pending, ...beside].flatMap((p) => p?.instances.map((i) => i.id) ?? []));
  const warm = usable.filter((p) => !kept.has(p.instances[0]!.id) && (!hasRouter || !servedBefore || servedBefore.has(p.id)));
  const warmIds = new Set(warm.flatMap((p) => p.instances.map((i) => i.id)));
  const debris = instances.filter((i) => !kept.has(i.id) && !warmIds.has(i.id));
  return { live, warm, pending, beside, debris };
}

/** Routed addresses that are no instance of the app (for a message). */
export function strangers(instances: Instance[], routing: Routing): string[] {
  return served(routing)
    .filter((a) => !instances.some((i) => sameAddress(i.address, a)))
    .map((a) => `${a.host}:${a.port}`);
}

export interface RetentionPlan {
  warm: Pool[];
  /** Instances that just stopped receiving traffic: stop them after draining. */
  drain: Instance[];
  /** Instances that serve no traffic: remove now. */
  remove: Instance[];
}

/**
 * After `live` took over from `previous`: keep `keep` previous versions warm (the pool that was just
 * live first, then the newest), one pool per version; everything else goes.
 */
export function planRetention(instances: Instance[], live: Pool, previous: Pool | undefined, keep: number): RetentionPlan {
  const liveIds = new Set(live.instances.map((i) => i.id));
  const others = instances.filter((i) => !liveIds.has(i.id));
  const candidates = pools(others.filter((i) => i.verified && up(i))).sort((a, b) =>
    a.id === previous?.id ? -1 : b.id === previous?.id ? 1 : newestPoolFirst(a, b),
  );
  const warm: Pool[] = [];
  const drain: Instance[] = [];
  const remove = others.filter((i) => !i.verified || !up(i));
  const versions = new Set([live.version]);
  for (const p of candidates) {
    if (!versions.has(p.version) && warm.length < keep) {
      warm.push(p);
      versions.add(p.version);
    } else if (p.id === previous?.id) drain.push(...p.instances);
    else remove.push(...p.instances);
  }
  return { warm, drain, remove };
}

/**
 * The versions an image prune must keep: the live and warm pools of this environment, and every version an
 * instance of the app runs in any environment (on a shared engine, another environment's live and warm pools:
 * a production deploy never untags what staging serves or would roll back to in one flip).
 */
export function protectedVersions(app: string, mine: readonly Pool[], everywhere: readonly Instance[]): Set<string> {
  return new Set([...mine.map((p) => p.version), ...everywhere.filter((i) => i.app === app).map((i) => i.version)]);
}

/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
export function planImagePrune(images: KnownImage[], protect: Set<string>, keepImages: number): KnownImage[] {
  const sorted = [...images].sort((a, b) => compareText(b.created, a.created));
  return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}

/** What a run does about a release a killed run left unfinished (its open intent). */
export type Resume =
  /** The switch had fully taken effect and nothing was left to judge: record it as the flip it was. */
  | { action: 'record-flip'; next: Pool; stable: Pool | undefined; nextShare: number }
  /**
   * All traffic back to the stable pool; `other` (the never-judged pool, if it still exists) goes unless it served
   * before; so does `baseline` (the release's baseline pool, if it still exists: it never serves beyond its run).
   */
  | { action: 'back'; stable: Pool; other: Pool | undefined; nextShare: number; baseline?: Pool | undefined }
  /** Nothing to shift back to (the stable pool is gone, or there is no router): what serves stays. */
  | { action: 'leave'; nextShare: number };

/** Pure: the decision for an open intent, from what runs and what the balancer serves. */
export function resumeDecision(
  open: Pick<IntentRecord, 'stable' | 'next' | 'final' | 'step' | 'baseline'>,
  instances: Instance[],
  routing: Routing,
  hasRouter: boolean,
): Resume {
  const stable = open.stable ? pools(instances.filter((i) => i.verified && up(i))).find((p) => p.id === open.stable!.pool) : undefined;
  const next = pools(instances).find((p) => p.id === open.next.pool);
  const nextShare = next ? poolShare(next, routing) : 0;
  if (!hasRouter) return { action: 'leave', nextShare };
  if (open.final && open.step !== 'back' && next && nextShare >= 99.5) return { action: 'record-flip', next, stable, nextShare };
  const baseline = open.baseline ? pools(instances).find((p) => p.id === open.baseline!.pool && p.id !== stable?.id) : undefined;
  if (stable)
    return { action: 'back', stable, other: next && next.id !== stable.id ? next : undefined, nextShare, ...(baseline ? { baseline } : {}) };
  return { action: 'leave', nextShare };
}

/** Pure decisions of the release model: which pool is live, which stay warm, what goes. */
import type { Address, Instance, Pool } from './model.js';
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
 * The live pool is the one whose instances the router serves (the most of them, if the router serves
 * several pools). Without a router (router: none), it is the newest verified running pool.
 * `servedBefore`: the pools that have served traffic (from the flip records; undefined when there are no
 * records yet: then every verified pool counts). `pendingAddresses`: where the balancer may go next (drift).
 */
export function classify(
  instances: Instance[],
  routing: Routing,
  hasRouter: boolean,
  servedBefore?: ReadonlySet<string>,
  pendingAddresses: readonly Address[] = [],
): Observed {
  const verified = pools(instances.filter((i) => i.verified));
  const usable = pools(instances.filter((i) => i.verified && up(i)));
  const addrs = served(routing);
  const routedCount = (p: Pool) => p.instances.filter((i) => addrs.some((a) => sameAddress(a, i.address))).length;
  const live = hasRouter ? verified.filter((p) => routedCount(p) > 0).sort((a, b) => routedCount(b) - routedCount(a))[0] : usable[0];
  const pending = verified.filter(
    (p) => p.id !== live?.id && p.instances.some((i) => pendingAddresses.some((a) => sameAddress(a, i.address))),
  );
  const kept = new Set([live, ...pending].flatMap((p) => p?.instances.map((i) => i.id) ?? []));
  const warm = usable.filter((p) => !kept.has(p.instances[0]!.id) && (!hasRouter || !servedBefore || servedBefore.has(p.id)));
  const warmIds = new Set(warm.flatMap((p) => p.instances.map((i) => i.id)));
  const debris = instances.filter((i) => !kept.has(i.id) && !warmIds.has(i.id));
  return { live, warm, pending, debris };
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

/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
export function planImagePrune(images: KnownImage[], protect: Set<string>, keepImages: number): KnownImage[] {
  const sorted = [...images].sort((a, b) => compareText(b.created, a.created));
  return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}

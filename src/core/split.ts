/**
 * How a canary step splits the traffic between the pools of a release, in the core model's terms. Pure.
 *
 *   stable    the pool that served before the release: the rest of the traffic
 *   baseline  (optional) a fresh pool of the stable version, the size of the canary pool, started with it:
 *             the same share as the canary (as far as the rest allows), so that the canary is compared with
 *             a pool as young, as warm and as loaded as itself rather than with a long-running one
 *   next      the canary: the step's share
 *
 * Every router that weights serves the groups of one Routing (HAProxy server slots and weights, the nginx
 * njs routes file, the command router's ROUTES/TARGETS, the Kubernetes replica ratio), so one release path
 * serves two or three pools alike; a router that cannot serve as many groups at once says so
 * (Router.maxGroups), checked before anything starts.
 */
import { poolAddresses, type Pool } from './model.js';
import { allTo, type Routing } from './routing.js';

/** The shares of one step, in percent (they add up to 100). */
export interface StepShares {
  stable: number;
  baseline: number;
  next: number;
}

/**
 * The shares of a step at `share` percent to the canary: the baseline (when there is one) as much as the
 * canary, never more than the rest (above 50% the stable pool gets nothing and the baseline the rest).
 */
export function stepShares(share: number, withBaseline: boolean): StepShares {
  const next = Math.min(100, Math.max(0, share));
  const baseline = withBaseline ? Math.min(next, 100 - next) : 0;
  return { stable: 100 - next - baseline, baseline, next };
}

/**
 * The routing of a step: `share` percent to `next`, as much to `baseline` (when given), the rest to `stable`.
 * At 100% (or without a stable pool) everything goes to `next`. Groups at 0 are left out. Order: stable,
 * baseline, next (the canary is always the last group).
 */
export function stepRouting(stable: Pool | undefined, next: Pool, share: number, baseline?: Pool): Routing {
  if (!stable || share >= 100) return allTo(poolAddresses(next), next.version);
  const s = stepShares(share, !!baseline);
  const groups: Routing = [{ addresses: poolAddresses(stable), weight: s.stable, version: stable.version }];
  if (baseline) groups.push({ addresses: poolAddresses(baseline), weight: s.baseline, version: baseline.version });
  groups.push({ addresses: poolAddresses(next), weight: s.next, version: next.version });
  return groups.filter((g) => g.weight > 0);
}

/** The groups of a step as a router's realShares() takes them: how many addresses each has, and its weight. */
export function stepGroups(sizes: { stable: number; baseline?: number | undefined; next: number }, share: number): { size: number; weight: number }[] {
  const s = stepShares(share, sizes.baseline !== undefined);
  return [
    { size: sizes.stable, weight: s.stable },
    ...(sizes.baseline !== undefined ? [{ size: sizes.baseline, weight: s.baseline }] : []),
    { size: sizes.next, weight: s.next },
  ].filter((g) => g.weight > 0);
}

/** Replica counts of the two Deployments of a Kubernetes canary step, and the share of ready pods they give. */
export interface ReplicaSplit {
  stable: number;
  next: number;
  /** The canary's share of the pods, in percent: never above the step's share. */
  share: number;
}

/**
 * Replica counts for a step at `share` percent when the traffic is spread evenly over the ready pods of
 * both pools (a Kubernetes Service): the canary gets as many pods as keeps its share of all pods at or
 * below `share`, at least one (no pod, no evidence) and at most its own replicas; the stable pool keeps at
 * least its own replicas and grows when one canary pod would be more than the share (10% with 2 stable
 * replicas: 9 stable pods beside 1). `share` 100 (or more): the canary alone, at its own replicas.
 */
export function replicaSplit(stableReplicas: number, nextReplicas: number, share: number): ReplicaSplit {
  if (share >= 100) return { stable: 0, next: nextReplicas, share: 100 };
  if (share <= 0) return { stable: stableReplicas, next: 0, share: 0 };
  // The most canary pods beside the stable pool's own that stay within the share: n / (n + S) <= share.
  const fits = Math.floor((share * stableReplicas) / (100 - share) + 1e-9);
  const next = Math.max(1, Math.min(nextReplicas, fits));
  // Enough stable pods for that: S >= n (100 - share) / share.
  const stable = Math.max(stableReplicas, Math.ceil((next * (100 - share)) / share - 1e-9));
  return { stable, next, share: (100 * next) / (next + stable) };
}

/**
 * HAProxy server weights for a split of the traffic between groups of servers (canary steps). Pure.
 *
 * HAProxy weights are integers from 0 to 256 per server, and a server's share is its weight over the sum of
 * the weights of the backend's serving servers. Every server of a group gets the same weight (the instances
 * of a pool share its traffic equally), so a group of n servers at weight w gets n·w / Σ n·w. The weights
 * are chosen for the smallest error against the configured shares (then the smallest weights); a split that
 * no weights give within TOLERANCE percentage points is refused, before anything starts.
 */

export const MAX_WEIGHT = 256;
/** How far (in percentage points) the share the weights give may be from the configured one. */
export const TOLERANCE = 0.5;

export interface WeightGroup {
  /** How many servers (slots) the group has. */
  size: number;
  /** Its share: any positive number; the shares are relative to their sum (percentages summing to 100). */
  share: number;
}

export interface Weighting {
  /** The weight of each server of each group (same order as the groups). */
  weights: number[];
  /** The share in percent each group really gets at these weights. */
  shares: number[];
  /** The largest difference, in percentage points, between a configured and a real share. */
  error: number;
}

/** The shares (percent) groups of these sizes get at these per-server weights. */
export function sharesOf(sizes: readonly number[], weights: readonly number[]): number[] {
  const total = sizes.reduce((n, s, i) => n + s * weights[i]!, 0);
  return sizes.map((s, i) => (100 * s * weights[i]!) / total);
}

const clamp = (w: number) => Math.min(MAX_WEIGHT, Math.max(1, w));

/**
 * The best per-server weights for the groups (each with size ≥ 1 and share > 0): the smallest largest error,
 * then the smallest weights. Whether it is good enough is the caller's call (see `weightsWithin`).
 */
export function bestWeights(groups: readonly WeightGroup[]): Weighting {
  if (groups.length === 0) throw new Error('bestWeights: no groups');
  const sum = groups.reduce((n, g) => n + g.share, 0);
  const want = groups.map((g) => (100 * g.share) / sum);
  const sizes = groups.map((g) => g.size);
  if (groups.length === 1) return { weights: [1], shares: [100], error: 0 };
  if (groups.length === 2) return bestOfTwo(sizes[0]!, sizes[1]!, want[1]!);
  // Per server, relative to an anchor group: w_g ≈ u · (share_g / size_g) / (share_a / size_a), rounded.
  const perServer = groups.map((g) => g.share / g.size);
  let best: Weighting | undefined;
  let bestTotal = Infinity;
  for (let a = 0; a < groups.length; a++) {
    for (let u = 1; u <= MAX_WEIGHT; u++) {
      const weights = perServer.map((p, g) => (g === a ? u : clamp(Math.round((u * p) / perServer[a]!))));
      const shares = sharesOf(sizes, weights);
      const error = Math.max(...shares.map((x, i) => Math.abs(x - want[i]!)));
      const total = weights.reduce((n, w) => n + w, 0);
      if (!best || error < best.error - 1e-9 || (Math.abs(error - best.error) <= 1e-9 && total < bestTotal)) {
        best = { weights, shares, error };
        bestTotal = total;
      }
    }
  }
  return best!;
}

/**
 * Two groups (a canary step: stable and new), exactly: for every weight u of one group, both whole neighbours of
 * the other group's ideal weight (the nearer weight is not always the nearer share). `want2`: group 2's share.
 */
function bestOfTwo(n1: number, n2: number, want2: number): Weighting {
  let bw1 = 1;
  let bw2 = 1;
  let bestError = Infinity;
  const consider = (w1: number, w2: number) => {
    const error = Math.abs((100 * n2 * w2) / (n1 * w1 + n2 * w2) - want2);
    if (error < bestError - 1e-9 || (Math.abs(error - bestError) <= 1e-9 && w1 + w2 < bw1 + bw2)) {
      bestError = error;
      bw1 = w1;
      bw2 = w2;
    }
  };
  // w1 / w2 ≈ ratio, for group 2 to get want2 percent.
  const ratio = (n2 * (100 - want2)) / (n1 * want2);
  for (let u = 1; u <= MAX_WEIGHT; u++) {
    consider(clamp(Math.floor(u * ratio)), u);
    consider(clamp(Math.ceil(u * ratio)), u);
    consider(u, clamp(Math.floor(u / ratio)));
    consider(u, clamp(Math.ceil(u / ratio)));
  }
  const weights = [bw1, bw2];
  const shares = sharesOf([n1, n2], weights);
  return { weights, shares, error: Math.abs(shares[1]! - want2) };
}

/** The weights when they give every configured share within TOLERANCE points; undefined when no weights can. */
export function weightsWithin(groups: readonly WeightGroup[]): Weighting | undefined {
  const w = bestWeights(groups);
  return w.error <= TOLERANCE + 1e-9 ? w : undefined;
}

/** Rounded for people: 1.0204 -> "1.02". */
export function formatShare(share: number): string {
  return String(Math.round(share * 100) / 100);
}

/** Why a split cannot be given, and what to change. */
export function unreachable(groups: readonly WeightGroup[], backend: string): string {
  const w = bestWeights(groups);
  const sum = groups.reduce((n, g) => n + g.share, 0);
  const parts = groups.map((g, i) => `${formatShare((100 * g.share) / sum)}% over ${g.size} server${g.size === 1 ? '' : 's'} (at best ${formatShare(w.shares[i]!)}%)`);
  return (
    `HAProxy cannot split the traffic of backend "${backend}" as ${parts.join(' and ')} within ${TOLERANCE} percentage points: ` +
    `server weights are whole numbers from 1 to ${MAX_WEIGHT}, and every server of a pool gets the same weight. ` +
    `Choose canary-steps nearer to the pools' sizes, or pools of more even sizes (replicas, hosts).`
  );
}

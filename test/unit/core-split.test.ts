/** src/core/split.ts: how a canary step splits the traffic between stable, baseline and canary; Kubernetes replica ratios. */
import { describe, expect, it } from 'vitest';
import type { Instance, Pool } from '../../src/core/model.js';
import { replicaSplit, stepGroups, stepRouting, stepShares } from '../../src/core/split.js';
import { bestWeights } from '../../src/routers/haproxy/weights.js';

const a = (port: number) => ({ host: '127.0.0.1', port });
const pool = (version: string, ...ports: number[]): Pool => ({
  id: `${version}-p`,
  version,
  instances: ports.map((port) => ({ address: a(port) }) as Instance),
});

describe('stepShares / stepRouting', () => {
  it('without a baseline: the share to the canary, the rest to stable', () => {
    expect(stepShares(10, false)).toEqual({ stable: 90, baseline: 0, next: 10 });
    expect(stepRouting(pool('v1', 4000), pool('v2', 5000), 10)).toEqual([
      { addresses: [a(4000)], weight: 90, version: 'v1' },
      { addresses: [a(5000)], weight: 10, version: 'v2' },
    ]);
  });

  it('with a baseline: the baseline gets the canary share, stable the rest; the canary is the last group', () => {
    expect(stepShares(10, true)).toEqual({ stable: 80, baseline: 10, next: 10 });
    expect(stepRouting(pool('v1', 4000, 4001), pool('v2', 5000), 25, pool('v1', 6000))).toEqual([
      { addresses: [a(4000), a(4001)], weight: 50, version: 'v1' },
      { addresses: [a(6000)], weight: 25, version: 'v1' },
      { addresses: [a(5000)], weight: 25, version: 'v2' },
    ]);
  });

  it('with a baseline above 50%: the baseline gets the rest, the stable pool nothing (left out)', () => {
    expect(stepShares(50, true)).toEqual({ stable: 0, baseline: 50, next: 50 });
    expect(stepShares(70, true)).toEqual({ stable: 0, baseline: 30, next: 70 });
    expect(stepRouting(pool('v1', 4000), pool('v2', 5000), 70, pool('v1', 6000))).toEqual([
      { addresses: [a(6000)], weight: 30, version: 'v1' },
      { addresses: [a(5000)], weight: 70, version: 'v2' },
    ]);
  });

  it('100% (or no stable pool): everything to the canary, the baseline gets nothing', () => {
    expect(stepRouting(pool('v1', 4000), pool('v2', 5000), 100, pool('v1', 6000))).toEqual([{ addresses: [a(5000)], weight: 100, version: 'v2' }]);
    expect(stepRouting(undefined, pool('v2', 5000), 10, pool('v1', 6000))).toEqual([{ addresses: [a(5000)], weight: 100, version: 'v2' }]);
  });

  it('stepGroups gives the sizes and weights HAProxy needs: three groups it can weight within 0.5 points', () => {
    const groups = stepGroups({ stable: 2, baseline: 1, next: 1 }, 20);
    expect(groups).toEqual([
      { size: 2, weight: 60 },
      { size: 1, weight: 20 },
      { size: 1, weight: 20 },
    ]);
    const w = bestWeights(groups.map((g) => ({ size: g.size, share: g.weight })));
    expect(w.error).toBeLessThanOrEqual(0.5);
    expect(w.shares.map((x) => Math.round(x))).toEqual([60, 20, 20]);
    expect(stepGroups({ stable: 2, next: 1 }, 20)).toEqual([
      { size: 2, weight: 80 },
      { size: 1, weight: 20 },
    ]);
  });
});

describe('replicaSplit (Kubernetes: the share is the canary pods among the ready pods of both)', () => {
  it('never gives the canary more than the step share of the pods', () => {
    for (const stable of [1, 2, 3, 4, 7])
      for (const next of [1, 2, 4])
        for (const share of [1, 5, 10, 20, 25, 33, 50, 60, 75, 90, 99]) {
          const r = replicaSplit(stable, next, share);
          expect(r.next).toBeGreaterThanOrEqual(1);
          expect(r.next).toBeLessThanOrEqual(next);
          expect(r.stable).toBeGreaterThanOrEqual(stable);
          expect(r.share).toBeCloseTo((100 * r.next) / (r.next + r.stable), 9);
          expect(r.share).toBeLessThanOrEqual(share + 1e-9);
        }
  });

  it('uses the replicas there are when they give the share, grows the stable pool when one canary pod is too much', () => {
    expect(replicaSplit(2, 2, 50)).toEqual({ stable: 2, next: 2, share: 50 });
    expect(replicaSplit(3, 3, 25)).toEqual({ stable: 3, next: 1, share: 25 });
    expect(replicaSplit(4, 4, 25)).toEqual({ stable: 4, next: 1, share: 20 });
    expect(replicaSplit(2, 2, 10)).toEqual({ stable: 9, next: 1, share: 10 });
    expect(replicaSplit(2, 2, 100)).toEqual({ stable: 0, next: 2, share: 100 });
  });
});

/**
 * Issue 19, canary weights: HAProxy server weights (whole numbers 1..256, the same for every server of a pool)
 * that give a canary step's share within 0.5 points, for pools up to 64 + 64 servers; refused when none can.
 */
import { describe, expect, it } from 'vitest';
import { planSlots } from '../../src/routers/haproxy/slots.js';
import type { ServerState } from '../../src/routers/haproxy/state.js';
import { bestWeights, MAX_WEIGHT, sharesOf, TOLERANCE, weightsWithin } from '../../src/routers/haproxy/weights.js';

const SHARES = Array.from({ length: 99 }, (_, i) => i + 1);
const SIZES = Array.from({ length: 64 }, (_, i) => i + 1);
const step = (n1: number, n2: number, share: number) => [{ size: n1, share: 100 - share }, { size: n2, share }];

/** Every pair of weights, for the smallest error any weights could give. */
function bruteForce(n1: number, n2: number, share: number): number {
  let best = Infinity;
  for (let w1 = 1; w1 <= MAX_WEIGHT; w1++)
    for (let w2 = 1; w2 <= MAX_WEIGHT; w2++) best = Math.min(best, Math.abs((100 * n2 * w2) / (n1 * w1 + n2 * w2) - share));
  return best;
}

describe('HAProxy canary weights', () => {
  it('the cases of the issue: 1% over 12 + 12 is 1% (was 5.6%), over 50 + 50 is 1% (was 20%), 10% over 64 + 64 is 10% (was 25%)', () => {
    for (const [n, share] of [[12, 1], [50, 1], [64, 10]] as const) {
      const w = weightsWithin(step(n, n, share))!;
      expect(w.shares[1]).toBeCloseTo(share, 9);
      expect(sharesOf([n, n], w.weights)[1]).toBeCloseTo(share, 9);
    }
    expect(weightsWithin(step(12, 12, 1))!.weights).toEqual([99, 1]);
  });

  it('pools of equal size, 1 to 64 servers each, every whole share from 1 to 99: within 0.5 points, weights 1..256', () => {
    for (const n of SIZES)
      for (const share of SHARES) {
        const w = weightsWithin(step(n, n, share));
        expect(w, `${n}+${n} at ${share}%`).toBeDefined();
        expect(Math.abs(w!.shares[1]! - share)).toBeLessThanOrEqual(TOLERANCE);
        for (const x of w!.weights) expect(x >= 1 && x <= MAX_WEIGHT && Number.isInteger(x)).toBe(true);
      }
  });

  it('any two pools of 1 to 64 servers, every share: the share the weights give is within 0.5 points, or refused', () => {
    let refused = 0;
    const wrong: string[] = [];
    for (const n1 of SIZES)
      for (const n2 of SIZES)
        for (const share of SHARES) {
          const best = bestWeights(step(n1, n2, share));
          // What is reported is what the weights give.
          const real = sharesOf([n1, n2], best.weights)[1]!;
          if (Math.abs(best.shares[1]! - real) > 1e-9 || Math.abs(best.error - Math.abs(real - share)) > 1e-9) wrong.push(`${n1}+${n2} at ${share}%: reported`);
          // weightsWithin(...) is bestWeights(...) when within TOLERANCE, else undefined (a refusal).
          if (best.error > TOLERANCE + 1e-9) refused++;
        }
    expect(wrong).toEqual([]);
    // Refusals exist only where one pool is much bigger than the other (1 server against 64 at 1%, ...).
    expect(refused).toBeGreaterThan(0);
    expect(weightsWithin(step(64, 1, 99))).toBeUndefined();
    expect(weightsWithin(step(64, 63, 1))!.error).toBeLessThanOrEqual(TOLERANCE);
    expect(weightsWithin(step(1, 64, 1))).toBeUndefined();
  });

  it('the weights are the best any pair of weights gives (checked against every pair), so a refusal is a real one', () => {
    for (const n1 of [1, 3, 12, 50, 64])
      for (const n2 of [1, 7, 12, 64])
        for (const share of SHARES) expect(bestWeights(step(n1, n2, share)).error, `${n1}+${n2} at ${share}%`).toBeCloseTo(bruteForce(n1, n2, share), 9);
  });

  it('more than two groups: each within 0.5 points when weights allow it', () => {
    const w = weightsWithin([{ size: 3, share: 50 }, { size: 2, share: 30 }, { size: 1, share: 20 }])!;
    [50, 30, 20].forEach((s, i) => expect(Math.abs(w.shares[i]! - s)).toBeLessThanOrEqual(TOLERANCE));
  });

  it('a slot plan with shares no weights can give throws before any command, naming the backend', () => {
    const slot = (server: string, port: number): ServerState => ({ backend: 'shop-production', server, addr: '127.0.0.1', port, opState: 2, adminState: 0, checkResult: 0, checkState: 0, weight: 1 });
    const slots = Array.from({ length: 65 }, (_, i) => slot(`live${i + 1}`, 4000 + i));
    const a = (port: number) => ({ host: '127.0.0.1', port });
    expect(() => planSlots(slots, [{ addresses: [a(4000)], weight: 99 }, { addresses: SIZES.map((n) => a(5000 + n)), weight: 1 }])).toThrow(
      /HAProxy cannot split the traffic of backend "shop-production" as 99% over 1 server .* and 1% over 64 servers \(at best 20%\) within 0.5/,
    );
    const ok = planSlots(slots.slice(0, 24), [{ addresses: Array.from({ length: 12 }, (_, i) => a(4000 + i)), weight: 99 }, { addresses: Array.from({ length: 12 }, (_, i) => a(5000 + i)), weight: 1 }])!;
    expect(ok.shares[1]).toBeCloseTo(1, 9);
    expect(new Set(ok.serve.filter((x) => x.address.port >= 5000).map((x) => x.weight))).toEqual(new Set([1]));
    expect(new Set(ok.serve.filter((x) => x.address.port < 5000).map((x) => x.weight))).toEqual(new Set([99]));
  });
});

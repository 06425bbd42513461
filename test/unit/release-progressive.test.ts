import { describe, expect, it } from 'vitest';
import type { Instance, Pool } from '../../src/core/model.js';
import type { Routing } from '../../src/routers/types.js';
import { cancellableShifts, failedStep, keptMessage, retireCancelled, shiftBackCancelled, stepRouting, stepsTable } from '../../src/release/progressive.js';
import { weightsEnv } from '../../src/routers/command/env.js';
import { planSlots, slotRouting } from '../../src/routers/haproxy/slots.js';
import type { ServerState } from '../../src/routers/haproxy/state.js';

const slot = (server: string, port: number, o: Partial<ServerState> = {}): ServerState => ({
  backend: 'app',
  server,
  addr: '127.0.0.1',
  port,
  opState: 2,
  adminState: 0,
  checkResult: 0,
  checkState: 0,
  weight: 1,
  ...o,
});
const maint = { adminState: 0x01, opState: 0 };
const a = (port: number) => ({ host: '127.0.0.1', port });

describe('HAProxy slot planning', () => {
  it('a canary step keeps the stable slot where it is and puts the new pool in an idle slot, weights split', () => {
    const slots = [slot('s1', 4000), slot('s2', 1, maint)];
    const plan = planSlots(slots, [
      { addresses: [a(4000)], weight: 90 },
      { addresses: [a(5000)], weight: 10 },
    ])!;
    expect(plan.serve.map((x) => [x.slot.server, x.address.port, x.weight])).toEqual([
      ['s1', 4000, 9],
      ['s2', 5000, 1],
    ]);
    expect(plan.idle).toEqual([]);
  });

  it('the last step keeps the new pool in its slot and idles the stable one; a single group gets no weights', () => {
    const slots = [slot('s1', 4000, { weight: 180 }), slot('s2', 5000, { weight: 20 })];
    const plan = planSlots(slots, [{ addresses: [a(5000)], weight: 100 }])!;
    expect(plan.serve.map((x) => [x.slot.server, x.weight])).toEqual([['s2', undefined]]);
    expect(plan.idle.map((s) => s.server)).toEqual(['s1']);
  });

  it('blue-green on one slot overwrites it (the only slot), without touching weights', () => {
    const plan = planSlots([slot('live', 4000)], [{ addresses: [a(5000)], weight: 100 }])!;
    expect(plan.serve.map((x) => [x.slot.server, x.address.port, x.weight])).toEqual([['live', 5000, undefined]]);
  });

  it('evens out a group whose slots were left unequal, splits a group weight over its servers', () => {
    const unequal = planSlots([slot('s1', 4000, { weight: 20 }), slot('s2', 4001, { weight: 180 })], [{ addresses: [a(4000), a(4001)], weight: 100 }])!;
    expect(unequal.serve.map((x) => x.weight)).toEqual([1, 1]);
    const pools = planSlots(
      [slot('s1', 1, maint), slot('s2', 1, maint), slot('s3', 1, maint)],
      [
        { addresses: [a(4000), a(4001)], weight: 50 },
        { addresses: [a(5000)], weight: 50 },
      ],
    )!;
    expect(pools.serve.map((x) => x.weight)).toEqual([1, 1, 2]);
  });

  it('needs a slot per address', () => {
    expect(planSlots([slot('live', 4000)], [{ addresses: [a(4000)], weight: 90 }, { addresses: [a(5000)], weight: 10 }])).toBeUndefined();
  });

  it('reports equal weights as one group, unequal ones as shares', () => {
    expect(slotRouting([{ address: a(1), weight: 7 }, { address: a(2), weight: 7 }])).toEqual([{ addresses: [a(1), a(2)], weight: 100 }]);
    expect(slotRouting([{ address: a(1), weight: 180 }, { address: a(2), weight: 20 }])).toEqual([
      { addresses: [a(1)], weight: 90 },
      { addresses: [a(2)], weight: 10 },
    ]);
  });
});

describe('command router weights', () => {
  it('ROUTER_ACTION=weights with one ROUTES line per group, and no single target to mistake for a flip', () => {
    expect(
      weightsEnv([
        { addresses: [a(4000)], weight: 90, version: 'v1' },
        { addresses: [a(5000), { host: '::1', port: 5001 }], weight: 10, version: 'v2' },
      ]),
    ).toEqual({
      ROUTER_ACTION: 'weights',
      ROUTES: '90 v1 127.0.0.1:4000\n10 v2 127.0.0.1:5000 [::1]:5001',
      TARGETS: '127.0.0.1:4000 127.0.0.1:5000 [::1]:5001',
      TARGET_HOST: '',
      TARGET_PORT: '',
      TARGET_URL: '',
      VERSION: 'v2',
    });
  });
});

const pool = (version: string, port: number): Pool => ({ id: version, version, instances: [{ address: a(port) } as Instance] });

describe('canary steps', () => {
  it('routes a step to both pools and the last step to the new one only', () => {
    expect(stepRouting(pool('v1', 4000), pool('v2', 5000), 10)).toEqual([
      { addresses: [a(4000)], weight: 90, version: 'v1' },
      { addresses: [a(5000)], weight: 10, version: 'v2' },
    ]);
    expect(stepRouting(pool('v1', 4000), pool('v2', 5000), 100)).toEqual([{ addresses: [a(5000)], weight: 100, version: 'v2' }]);
    expect(stepRouting(undefined, pool('v2', 5000), 10)).toEqual([{ addresses: [a(5000)], weight: 100, version: 'v2' }]);
  });

  it('has one summary row per judged window: share, requests, 5xx, error rate, response time, verdict', () => {
    const md = stepsTable([
      { name: 'step 1/3', share: 10, seconds: 5.2, verdict: { result: 'pass', numbers: { requests: 120, errors: 0, errorRate: 0, responseMs: 3.4 } } },
      {
        name: 'step 2/3',
        share: 50,
        seconds: 2,
        verdict: { result: 'fail', numbers: { requests: 300, errors: 30, errorRate: 10 }, metric: 'error-rate', value: '10%', threshold: 'max-error-rate 1%' },
      },
    ]);
    expect(md.split('\n')).toEqual([
      '| step | share | seconds | requests | 5xx | error rate | response time | verdict |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| step 1/3 | 10% | 5 | 120 | 0 | 0% | 3 ms | pass |',
      '| step 2/3 | 50% | 2 | 300 | 30 | 10% | – | **fail**: error-rate 10% > max-error-rate 1% |',
    ]);
  });

  it('shows the share the balancer\'s weights really give when it differs from the configured one', () => {
    const row = (realShare: number | undefined) =>
      stepsTable([{ name: 'step 1/2', share: 1, realShare, seconds: 3, verdict: { result: 'pass', numbers: { requests: 50, errors: 0, errorRate: 0 } } }]).split('\n')[2];
    expect(row(1.0204)).toBe('| step 1/2 | 1% (weights give 1.02%) | 3 | 50 | 0 | 0% | – | pass |');
    expect(row(1)).toBe('| step 1/2 | 1% | 3 | 50 | 0 | 0% | – | pass |');
    expect(row(undefined)).toBe('| step 1/2 | 1% | 3 | 50 | 0 | 0% | – | pass |');
  });
});

/** What an interrupt does with the two tasks of a cancelled canary: the shift back (route), then the retirement (instances). */
async function cancelled(
  router: Parameters<typeof shiftBackCancelled>[0],
  platform: Parameters<typeof retireCancelled>[0],
  next: Pool,
  stable: Pool | undefined,
  release: { drainSeconds: number; stopTimeoutSec: number },
): Promise<void> {
  if (await shiftBackCancelled(router, stable)) await retireCancelled(platform, next, release);
}

describe('a canary that ends early', () => {
  const named = (name: string, target = 'local'): Instance => ({ name, target, address: a(5000) }) as Instance;

  it('cancelled: one shift back to 100% on the stable pool first, then the new pool is stopped gracefully (capped) and removed', async () => {
    const calls: string[] = [];
    const router = { shift: (to: unknown) => Promise.resolve(void calls.push(`shift ${JSON.stringify(to)}`)) };
    const platform = {
      retire: (is: Instance[], grace: number) => Promise.resolve(void calls.push(`retire ${is.map((i) => i.address?.port).join(',')} grace ${grace}`)),
    };
    // Its own stop-timeout of 30 s is more than a cancelled job has: capped.
    await cancelled(router, platform, pool('v2', 5000), pool('v1', 4000), { drainSeconds: 0, stopTimeoutSec: 30 });
    expect(calls).toEqual([`shift ${JSON.stringify([{ addresses: [a(4000)], weight: 100, version: 'v1' }])}`, 'retire 5000 grace 2']);
  });

  it('cancelled: a failed shift back removes nothing (the new pool still serves part of the traffic); no stable pool: nothing moves', async () => {
    const removed: Instance[] = [];
    const platform = { retire: (is: Instance[]) => Promise.resolve(void removed.push(...is)) };
    const broken = { shift: () => Promise.reject(new Error('socket gone')) };
    const release = { drainSeconds: 0, stopTimeoutSec: 1 };
    await expect(cancelled(broken, platform, pool('v2', 5000), pool('v1', 4000), release)).rejects.toThrow('socket gone');
    let shifted = false;
    await cancelled({ shift: () => Promise.resolve(void (shifted = true)) }, platform, pool('v2', 5000), undefined, release);
    expect([removed, shifted]).toEqual([[], false]);
  });

  it('a cancel waits for the shift in flight before its own shift back, and no step shifts after it', async () => {
    const calls: string[] = [];
    let land: () => void = () => undefined;
    const router = {
      shift: (to: Routing) =>
        to[0]!.weight === 20
          ? new Promise<void>((resolve) => (land = () => resolve(void calls.push('step 20% landed'))))
          : Promise.resolve(void calls.push(`shift ${to[0]!.weight}%`)),
    };
    const shifts = cancellableShifts(router);
    const step = shifts.shift([{ addresses: [], weight: 20, version: 'v2' }]);
    const cancel = shifts.cancel().then(() => router.shift([{ addresses: [], weight: 100, version: 'v1' }]));
    expect(shifts.isCancelled()).toBe(true);
    await expect(shifts.shift([{ addresses: [], weight: 50, version: 'v2' }])).rejects.toThrow('cancelled');
    land();
    await Promise.all([step, cancel]);
    expect(calls).toEqual(['step 20% landed', 'shift 100%']);
  });

  it('keep-failed names the kept instances and what removes them, with the engine for a remote one', () => {
    const local = { name: 'local', endpoint: undefined, address: '127.0.0.1' };
    const web1 = { name: 'ssh://root@10.77.0.2', endpoint: 'ssh://root@10.77.0.2', address: '10.77.0.2' };
    expect(keptMessage([named('shop-production-sha-1-a')], [local])).toBe(
      'The new instance shop-production-sha-1-a was kept (keep-failed), without traffic; the next deploy or rollback removes it, or now: docker rm -f shop-production-sha-1-a.',
    );
    expect(keptMessage([named('a'), named('b', web1.name)], [local, web1])).toBe(
      'The new instances a, b were kept (keep-failed), without traffic; the next deploy or rollback removes them, or now: docker rm -f a b (on ssh://root@10.77.0.2).',
    );
  });
});

describe('failedStep: a failed shift of the steps reads the balancer back before anything is removed', () => {
  const p = (version: string, port: number): Pool => ({
    id: `pool-${version}`,
    version,
    instances: [{ name: `shop-${version}`, target: 'local', address: a(port), pool: `pool-${version}`, version } as Instance],
  });
  const v1 = p('v1', 4000);
  const v2 = p('v2', 5000);
  function deps(current: () => Promise<Routing>) {
    const calls: string[] = [];
    const d = {
      cfg: { app: 'shop', environment: 'production', release: { drainSeconds: 0, stopTimeoutSec: 1 }, verify: { keepFailed: false } },
      ctx: {},
      log: { info: () => undefined, warning: () => undefined, error: () => undefined, group: (_: string, f: () => unknown) => f() },
      router: {
        describe: () => 'HAProxy backend "shop-production"',
        current,
        shift: (to: Routing) => Promise.resolve(void calls.push(`shift ${to.map((g) => `${g.weight}:${g.addresses.map((x) => x.port).join(',')}`).join(' ')}`)),
      },
      platform: {
        targets: [],
        writeRecord: (r: { kind?: string }) => Promise.resolve(void calls.push(`record ${r.kind}`)),
        writeRecords: (rs: { kind?: string }[]) => Promise.resolve(void calls.push(...rs.map((r) => `record ${r.kind}`))).then(() => []),
        listRecords: () => Promise.resolve([]),
        remove: (is: Instance[]) => Promise.resolve(void calls.push(`remove ${is.map((i) => i.name).join(',')}`)),
        retire: (is: Instance[]) => Promise.resolve(void calls.push(`retire ${is.map((i) => i.name).join(',')}`)),
      },
    };
    return { d: d as unknown as Parameters<typeof failedStep>[0], calls };
  }

  it('the balancer gives the new pool a share: all traffic back to the stable pool first, then the new pool goes', async () => {
    const { d, calls } = deps(() => Promise.resolve([{ addresses: [a(4000)], weight: 80 }, { addresses: [a(5000)], weight: 20 }]));
    const err = await failedStep(d, v2, v1, 'step 1/2 (20% to v2)', new Error('socket reset'));
    expect(calls).toEqual(['record intent', 'shift 100:4000', 'record result', 'retire shop-v2']);
    expect(err.message).toContain('The shift of step 1/2 (20% to v2) failed: socket reset');
    expect(err.message).toContain('Read back, HAProxy backend "shop-production" gave v2 20% (80% to 127.0.0.1:4000; 20% to 127.0.0.1:5000). Traffic is back on v1 (100%).');
  });

  it('the balancer still serves the stable pool only: the new pool is removed, the error says what serves', async () => {
    const { d, calls } = deps(() => Promise.resolve([{ addresses: [a(4000)], weight: 100 }]));
    const err = await failedStep(d, v2, v1, 'bake shift', new Error('refused'));
    expect(calls).toEqual(['remove shop-v2']);
    expect(err.message).toContain('Read back, HAProxy backend "shop-production" still serves v1 (127.0.0.1:4000); the new instance shop-v2 was removed.');
  });

  it('the balancer cannot be read: both pools are kept, and the error says what serves is unknown', async () => {
    const { d, calls } = deps(() => Promise.reject(new Error('no socket')));
    const err = await failedStep(d, v2, v1, 'step 1/2 (20% to v2)', new Error('refused'));
    expect(calls).toEqual([]);
    expect(err.message).toContain('Reading HAProxy backend "shop-production" back failed too (no socket), so what it serves is unknown: v2 (shop-v2) and v1 (shop-v1) were kept.');
  });
});

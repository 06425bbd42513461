/**
 * The lock's rules over a store in memory (the Docker store is tested against a real engine in
 * test/e2e/lock.test.ts). The clock is vitest's: a lease of a minute passes without waiting for it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  acquireLock,
  fenceMarginMs,
  isStale,
  LockLostError,
  testLease,
  LEASE_SEC,
  lockName,
  RENEW_SEC,
  type Holder,
  type Identity,
  type LeaseStore,
  type LockState,
} from '../../src/platforms/lock.js';
import type { Log } from '../../src/support/log.js';

const me: Identity = { host: 'runner', pid: 100, bootId: 'boot-a', pidNamespace: 'pid:[1]', pidStart: '555' };

function holder(over: Partial<Holder> = {}): Holder {
  return { runUrl: 'https://github.com/acme/shop/actions/runs/1', ...me, runId: 'r1', acquiredAt: '', leaseSec: LEASE_SEC, ...over };
}

describe('lock names', () => {
  it('never give two app/environment pairs the same lock', () => {
    expect(lockName('shop-api', 'prod')).not.toBe(lockName('shop', 'api-prod'));
    // Every split of the same characters into a valid app (no ".") and environment gives its own name.
    const names = new Map<string, string>();
    for (const app of ['a', 'a-b', 'a-b-c', 'b', 'b-c'])
      for (const env of ['c', 'b-c', 'c.d', 'b.c', 'lock', 'x.lock', 'b_c'])
        names.set(lockName(app, env), `${app}/${env}`);
    expect(names.size).toBe(5 * 7);
    // A container name, and a Kubernetes object name when the environment is one.
    expect(lockName('shop', 'production')).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
  });
});

describe('when a holder is gone', () => {
  const now = new Date('2026-11-22T10:00:30Z');
  const state = (h: Holder | undefined, renewedAt = '2026-11-22T10:00:00Z'): LockState => ({ token: 't', holder: h, renewedAt: new Date(renewedAt) });
  it.each([
    ['a live holder here', holder(), true, false],
    ['a dead holder here', holder(), false, true],
    ['a holder whose pid was reused here', holder({ pidStart: '1' }), false, true],
    ['a holder with the same host name on another machine (another boot id), within its lease', holder({ bootId: 'boot-b' }), false, false],
    ['a holder with the same host name in another pid namespace, within its lease', holder({ pidNamespace: 'pid:[2]' }), false, false],
    ['a holder on another machine, lease over', holder({ bootId: 'boot-b', leaseSec: 20 }), false, true],
    ['an unreadable holder within the default lease', undefined, false, false],
  ])('%s', (_what, h, alive, stale) => {
    expect(isStale(state(h), now, me, () => alive)).toBe(stale);
  });
  it('an unreadable holder past the default lease', () => {
    expect(isStale(state(undefined, '2026-11-22T09:58:00Z'), now, me, () => true)).toBe(true);
  });
});

/** A store in memory: the lock is an entry; waitGone wakes on remove. */
class MemoryStore implements LeaseStore {
  lock: (LockState & { renewals: number }) | undefined;
  private seq = 0;
  private waiters = new Set<() => void>();
  readonly describe = 'shop.production.lock (in memory)';
  readonly removeHint = 'forget it';
  now = () => new Date();
  create(h: Holder) {
    if (this.lock) return Promise.resolve(undefined);
    this.lock = { token: `t${++this.seq}`, holder: h, renewedAt: this.now(), renewals: 0 };
    return Promise.resolve(this.lock.token);
  }
  read() {
    return Promise.resolve(this.lock && { ...this.lock });
  }
  renew(token: string) {
    if (this.lock?.token !== token) return Promise.resolve(false);
    this.lock.renewedAt = this.now();
    this.lock.renewals++;
    return Promise.resolve(true);
  }
  remove(token: string) {
    if (this.lock?.token === token) this.lock = undefined;
    for (const w of this.waiters) w();
    return Promise.resolve();
  }
  waitGone(_since: Date, _until: Date, signal: AbortSignal) {
    return new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }
}

const log = (): Log & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warning: (m) => lines.push(m), error: (m) => lines.push(m), group: (_n, fn) => fn() };
};

describe('holding the lock', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('renews its lease while held, and stops when released', async () => {
    const store = new MemoryStore();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: log(), identity: me });
    await vi.advanceTimersByTimeAsync(RENEW_SEC * 1000 * 5);
    expect(store.lock?.renewals).toBe(5);
    // A renewed lock is never stale, though it was taken more than a lease ago.
    expect(isStale(store.lock!, new Date(), { ...me, bootId: 'other' }, () => true)).toBe(false);
    await held.release();
    expect(store.lock).toBeUndefined();
  });

  it('a second run waits until the first releases, without polling', async () => {
    const store = new MemoryStore();
    const first = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: log(), identity: me });
    const l = log();
    const reads = vi.spyOn(store, 'read');
    const second = acquireLock(store, { runUrl: 'run-2', timeoutSec: 300, log: l, identity: { ...me, pid: 101 }, alive: () => true });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(l.lines.join('\n')).toContain('Waiting for the deploy lock shop.production.lock (in memory), held by run-1');
    await first.release();
    const held = await second;
    expect(store.lock?.holder?.runUrl).toBe('run-2');
    await held.release();
  });

  it('a dead holder on another machine is taken over when its lease ends, not before', async () => {
    const store = new MemoryStore();
    await store.create(holder({ bootId: 'boot-b', runUrl: 'run-dead' }));
    let taken = false;
    const l = log();
    const p = acquireLock(store, { runUrl: 'run-2', timeoutSec: 300, log: l, identity: me }).then((h) => {
      taken = true;
      return h;
    });
    await vi.advanceTimersByTimeAsync((LEASE_SEC - 5) * 1000);
    expect(taken).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(taken).toBe(true);
    expect(l.lines.join('\n')).toMatch(/Taking over the deploy lock .* from run-dead .*: its lease ended/);
    await (await p).release();
  });

  it('a live holder on another machine keeps the lock past one lease, by renewing', async () => {
    const store = new MemoryStore();
    const first = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: log(), identity: { ...me, bootId: 'boot-b' } });
    const second = acquireLock(store, { runUrl: 'run-2', timeoutSec: LEASE_SEC * 3, log: log(), identity: me });
    const failed = second.then(
      () => 'acquired',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(LEASE_SEC * 3 * 1000 + 2000);
    expect(await failed).toContain('Another run holds the deploy lock shop.production.lock (in memory): run-1');
    expect(store.lock?.holder?.runUrl).toBe('run-1');
    await first.release();
  });

  it('a holder whose lock was taken over refuses to go on', async () => {
    const store = new MemoryStore();
    const l = log();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: l, identity: me });
    store.lock = undefined;
    await store.create(holder({ runUrl: 'run-2' }));
    await vi.advanceTimersByTimeAsync(RENEW_SEC * 1000);
    expect(() => held.check()).toThrow(/was taken over by another run/);
    await held.release();
    await expect(store.read()).resolves.toMatchObject({ holder: { runUrl: 'run-2' } });
  });

  it('a holder whose renewals fail stops acting once its lease (less a margin) has passed since the last success, not before', async () => {
    const store = new MemoryStore();
    const l = log();
    const clock = () => Date.now();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: l, identity: me, clock });
    await vi.advanceTimersByTimeAsync(RENEW_SEC * 1000);
    expect(store.lock?.renewals).toBe(1);
    // From here on the store cannot be reached.
    const renew = vi.spyOn(store, 'renew').mockRejectedValue(new Error('ssh: connection refused'));
    // The renewal just made started now: the lease runs from here.
    const lastOk = Date.now();
    await vi.advanceTimersByTimeAsync(LEASE_SEC * 1000 - fenceMarginMs(LEASE_SEC) - 1000);
    expect(() => held.check()).not.toThrow();
    expect(l.lines.join('\n')).toMatch(/Could not renew the deploy lock .*: ssh: connection refused\. Trying again every 2s; this run stops changing anything in \d+s/);
    await vi.advanceTimersByTimeAsync(2000);
    expect(Date.now() - lastOk).toBeGreaterThan(LEASE_SEC * 1000 - fenceMarginMs(LEASE_SEC));
    expect(() => held.check()).toThrow(LockLostError);
    expect(() => held.check()).toThrow(/last renewed \d+s ago and its lease is 60s: another run may hold it now, so this run stops here \(the renewals failed: ssh: connection refused\)/);
    // Retried every 2s, warned about once a renewal interval.
    expect(renew.mock.calls.length).toBeGreaterThanOrEqual(Math.floor((LEASE_SEC - RENEW_SEC) / 2) - 2);
    expect(l.lines.filter((x) => x.startsWith('Could not renew')).length).toBeLessThanOrEqual(Math.ceil(LEASE_SEC / RENEW_SEC));
    // A renewal that succeeds again (the lock still ours) lets it go on, at the next retry.
    renew.mockRestore();
    await vi.advanceTimersByTimeAsync(2000);
    expect(() => held.check()).not.toThrow();
    await held.release();
  });

  it('a failed renewal is tried again within seconds, not a whole interval later', async () => {
    const store = new MemoryStore();
    const l = log();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: l, identity: me, clock: () => Date.now() });
    const renew = vi.spyOn(store, 'renew').mockRejectedValueOnce(new Error('engine: 502 Bad Gateway'));
    await vi.advanceTimersByTimeAsync(RENEW_SEC * 1000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(store.lock?.renewals).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(store.lock?.renewals).toBe(1);
    expect(l.lines.filter((x) => x.startsWith('Could not renew'))).toHaveLength(1);
    await held.release();
  });

  it('a holder whose first renewal never comes back stops within one lease of taking the lock', async () => {
    const store = new MemoryStore();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: log(), identity: me, clock: () => Date.now() });
    // A store that never answers: no renewal ever completes, and none is started while one is pending.
    const renew = vi.spyOn(store, 'renew').mockReturnValue(new Promise(() => undefined));
    await vi.advanceTimersByTimeAsync(LEASE_SEC * 1000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(() => held.check()).toThrow(LockLostError);
    renew.mockRestore();
  });

  it('a release that cannot reach the store warns and says how the lock goes', async () => {
    const store = new MemoryStore();
    const l = log();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: l, identity: me });
    vi.spyOn(store, 'remove').mockRejectedValue(new Error('engine gone'));
    await held.release();
    expect(l.lines.join('\n')).toMatch(/Could not release the deploy lock .*: engine gone\. The next run takes it over once its lease ends .*forget it/);
  });

  it('a second release (the interrupt handler beside the run\'s own) resolves only once the lock is gone', async () => {
    const store = new MemoryStore();
    const held = await acquireLock(store, { runUrl: 'run-1', timeoutSec: 0, log: log(), identity: me });
    let removed = false;
    let finish: () => void = () => undefined;
    const remove = vi.spyOn(store, 'remove').mockImplementation(() => new Promise<void>((r) => (finish = r)).then(() => void (removed = true)));
    const first = held.release();
    let secondDone = false;
    const second = held.release().then(() => (secondDone = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(secondDone).toBe(false);
    finish();
    await Promise.all([first, second]);
    expect(removed).toBe(true);
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('waiting ends at lock-timeout even when the store never says who holds the lock', async () => {
    const store = new MemoryStore();
    vi.spyOn(store, 'create').mockResolvedValue(undefined);
    vi.spyOn(store, 'read').mockResolvedValue(undefined);
    const failed = acquireLock(store, { runUrl: 'run-1', timeoutSec: 5, log: log(), identity: me }).then(
      () => 'acquired',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(6000);
    expect(await failed).toMatch(/Waited 5s for the deploy lock shop\.production\.lock \(in memory\): it was neither free nor held/);
  });
});

describe('test timing hook', () => {
  it('reads IMMUTABLE_DEPLOY_TEST_LEASE as "<lease>,<renew>" seconds and nothing else', () => {
    expect(testLease({ IMMUTABLE_DEPLOY_TEST_LEASE: '6,2' })).toEqual({ leaseSec: 6, renewSec: 2 });
    expect(testLease({ IMMUTABLE_DEPLOY_TEST_LEASE: '6' })).toBeUndefined();
    expect(testLease({})).toBeUndefined();
  });
  it('the fence margin is a tenth of the lease, between 1 s and 5 s', () => {
    expect(fenceMarginMs(60)).toBe(5000);
    expect(fenceMarginMs(20)).toBe(2000);
    expect(fenceMarginMs(6)).toBe(1000);
  });
});

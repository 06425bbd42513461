/**
 * src/release/fence.ts: while the lock is held, every change a platform or router makes asks the lock first;
 * reads never do. A lock that says "lost" stops the change before it reaches the platform or the balancer.
 */
import { describe, expect, it, vi } from 'vitest';
import { LockLostError, type HeldLock } from '../../src/platforms/lock.js';
import type { Platform } from '../../src/platforms/types.js';
import { fencePlatform, fenceRouter, isFenced } from '../../src/release/fence.js';
import { holding } from '../../src/release/steps.js';
import type { Router } from '../../src/routers/types.js';

function lock(): HeldLock & { lose(): void } {
  let lost = false;
  return {
    check: () => {
      if (lost) throw new LockLostError('lost it');
    },
    release: () => Promise.resolve(),
    lose: () => (lost = true),
  };
}

class FakePlatform {
  readonly kind = 'fake';
  readonly targets = [{ name: 'local', endpoint: undefined }];
  readonly routes = undefined;
  calls: string[] = [];
  private n = 0;
  list() {
    this.calls.push('list');
    return Promise.resolve([]);
  }
  remove() {
    this.calls.push(`remove ${++this.n}`);
    return Promise.resolve();
  }
  writeRecord() {
    this.calls.push('writeRecord');
    return Promise.resolve();
  }
  removeRecords() {
    this.calls.push('removeRecords');
    return Promise.resolve();
  }
  retire() {
    this.calls.push('retire');
    return Promise.resolve();
  }
  launch() {
    this.calls.push('launch');
    return Promise.resolve();
  }
}

const router = (calls: string[]): Router => ({
  kind: 'fake',
  describe: () => 'fake',
  current: () => (calls.push('current'), Promise.resolve([])),
  shift: () => (calls.push('shift'), Promise.resolve()),
  repair: () => (calls.push('repair'), Promise.resolve()),
});

describe('fenced platform and router', () => {
  it('pass every call while the lock is ours; refuse every change, and only changes, once it is lost', async () => {
    const held = lock();
    const raw = new FakePlatform();
    const p = fencePlatform(raw as unknown as Platform, held);
    const rcalls: string[] = [];
    const r = fenceRouter(router(rcalls), held);
    await p.remove([]);
    await r.shift([]);
    expect(raw.calls).toEqual(['remove 1']);
    held.lose();
    for (const change of [() => p.remove([]), () => p.retire([], 1), () => p.writeRecord({} as never), () => p.removeRecords([]), () => p.launch({} as never), () => r.shift([]), () => r.repair!()])
      expect(change).toThrow(LockLostError);
    // Reads go on (a run that stops still says what serves).
    await p.list('a', 'b');
    await r.current();
    expect(raw.calls).toEqual(['remove 1', 'list']);
    expect(rcalls).toEqual(['shift', 'current']);
    // Getters and fields reach the platform itself; a fenced platform is not fenced twice.
    expect(p.targets).toBe(raw.targets);
    expect(isFenced(p)).toBe(true);
    expect(fencePlatform(p, held)).toBe(p);
  });

  it('holding() fences the deps while the lock is held and gives back the originals after', async () => {
    const held = lock();
    const raw = new FakePlatform() as unknown as Platform;
    const r = router([]);
    const d: { held?: HeldLock; platform: Platform; router: Router | undefined } = { platform: raw, router: r };
    const release = vi.spyOn(held, 'release');
    await holding(
      () => Promise.resolve(held),
      async () => {
        expect(isFenced(d.platform)).toBe(true);
        expect(isFenced(d.router!)).toBe(true);
        held.lose();
        await expect(Promise.resolve().then(() => d.router!.shift([]))).rejects.toThrow(LockLostError);
      },
      d,
    );
    expect(d.platform).toBe(raw);
    expect(d.router).toBe(r);
    expect(release).toHaveBeenCalledTimes(1);
  });
});

/**
 * src/platforms/docker/lock.ts, its pure part: which volume at the lock's name is a lock this action can
 * judge. Anything else ends the wait at once (test/e2e/lock-docker.test.ts has the real engine).
 */
import { describe, expect, it } from 'vitest';
import { lockLabels, lockProblem, renewalLabels } from '../../src/platforms/docker/lock.js';
import type { Holder } from '../../src/platforms/lock.js';

const holder: Holder = { runUrl: 'run', host: 'r', pid: 1, bootId: 'b', pidNamespace: 'p', pidStart: 's', runId: 'x', acquiredAt: '', leaseSec: 60 };
const at = '2026-12-06T10:00:00Z';

describe('lockProblem', () => {
  it('a lock the action made is fine', () => {
    expect(lockProblem({ Name: 'shop.prod.lock', Labels: lockLabels('shop.prod.lock', 'shop', 'prod', holder, 'tok'), CreatedAt: at })).toBeUndefined();
  });
  it.each([
    ['a volume made by hand (no labels)', null, at, /not a deploy lock of this action/],
    ['a volume with labels of its own', { owner: 'someone' }, at, /not a deploy lock of this action/],
    ['a renewal volume under the lock name', renewalLabels('shop.prod.lock', 'shop', 'prod', 'tok'), at, /not a deploy lock of this action/],
    ['a lock whose holder label is broken', { ...lockLabels('shop.prod.lock', 'shop', 'prod', holder, 'tok'), 'dev.immutable-deploy.lock': '{' }, at, /holder label .* cannot be read/],
    ['a lock without a creation time', lockLabels('shop.prod.lock', 'shop', 'prod', holder, 'tok'), undefined, /without a creation time/],
  ])('%s is not', (_what, Labels, CreatedAt, why) => {
    expect(lockProblem({ Name: 'shop.prod.lock', Labels, ...(CreatedAt ? { CreatedAt } : {}) })).toMatch(why);
  });
});

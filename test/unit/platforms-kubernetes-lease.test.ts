/**
 * src/platforms/kubernetes/lease.ts, its pure part: which Lease at the lock's name is a deploy lock this
 * action can judge; anything else ends the wait at once instead of being waited for or deleted.
 */
import { describe, expect, it } from 'vitest';
import { leaseProblem } from '../../src/platforms/kubernetes/lease.js';
import { K } from '../../src/platforms/kubernetes/manifests.js';

const holder = { runUrl: 'u', host: 'h', pid: 1, bootId: 'b', pidNamespace: 'n', pidStart: 's', runId: 'r', acquiredAt: 'a', leaseSec: 60 };
const ours = { metadata: { labels: { [K.role]: 'lock' }, annotations: { 'dev.immutable-deploy/holder': JSON.stringify(holder) } } };

describe('leaseProblem', () => {
  it('a Lease the action made is fine', () => {
    expect(leaseProblem(ours)).toBeUndefined();
  });
  it.each([
    ['another tool\'s Lease (leader election)', { metadata: { labels: {} }, spec: { holderIdentity: 'controller-1' } }, /not a deploy lock of this action/],
    ['our label without the holder annotation', { metadata: { labels: { [K.role]: 'lock' } } }, /not a deploy lock of this action/],
    ['a holder annotation that is not JSON', { metadata: { ...ours.metadata, annotations: { 'dev.immutable-deploy/holder': '{' } } }, /holder annotation .* cannot be read/],
    ['a holder annotation without a pid', { metadata: { ...ours.metadata, annotations: { 'dev.immutable-deploy/holder': '{"host":"h"}' } } }, /holder annotation .* cannot be read/],
  ])('%s is not', (_what, lease, why) => {
    expect(leaseProblem(lease)).toMatch(why);
  });
});

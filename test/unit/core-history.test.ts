/** src/core/history.ts: the release state records read back (open intents, served facts, rollback targets, pruning). */
import { describe, expect, it } from 'vitest';
import type { Instance, IntentRecord, PoolRef, ReleaseRecord, ResultRecord, ServedRecord } from '../../src/core/model.js';
import {
  defaultRollbackVersion,
  formatLeft,
  pauseLeftMs,
  pausedCanary,
  flipRecordsKept,
  RECORDS_KEPT,
  flips,
  irreversibleBlock,
  openIntent,
  recordsToPrune,
  rollbackTarget,
  servedPools,
  specOf,
  unclosedIntents,
  type Keyed,
} from '../../src/core/history.js';
import { inst, one } from '../helpers/instances.js';

const base = { app: 'shop', environment: 'production', runUrl: '' };
let k = 0;
const key = <R extends ReleaseRecord>(r: R): Keyed<R> => ({ ...r, key: `k${++k}` });
const ref = (i: Instance): PoolRef => ({ pool: i.pool, version: i.version });
const at = (s: number) => `2026-12-06T10:00:${String(s).padStart(2, '0')}.000Z`;

function flip(live: Instance, replaced: Instance | undefined, s: number, run?: string): Keyed<ReleaseRecord> {
  return key({ ...base, kind: 'flip', at: at(s), live: { ...ref(live), digest: live.digest }, replaced: replaced && ref(replaced), spec: live.spec, run });
}
function served(live: Instance, back: Instance | undefined, s: number): Keyed<ServedRecord> {
  return key({ ...base, kind: 'served', at: at(s), pool: live.pool, version: live.version, digest: live.digest, back: back && ref(back), spec: live.spec });
}
function intent(o: { id: string; run: string; s: number; stable?: Instance; next: Instance; final: boolean; step?: IntentRecord['step'] }): Keyed<IntentRecord> {
  return key({
    ...base,
    kind: 'intent',
    at: at(o.s),
    id: o.id,
    run: o.run,
    step: o.step ?? (o.final ? 'switch' : 'step'),
    name: o.final ? 'switch' : 'step 1/2',
    stable: o.stable && ref(o.stable),
    next: ref(o.next),
    routing: [],
    final: o.final,
    spec: undefined,
  });
}
function result(id: string, s: number, outcome: ResultRecord['outcome'] = 'applied'): Keyed<ResultRecord> {
  return key({ ...base, kind: 'result', at: at(s), intent: id, outcome, detail: '' });
}
/** Newest first, as listRecords gives them. */
const newestFirst = (rs: Keyed<ReleaseRecord>[]) => [...rs].sort((a, b) => b.at.localeCompare(a.at));

describe('openIntent', () => {
  const v1 = inst('v1');
  const v2 = inst('v2');

  it('a canary step applied, then nothing (its run was killed while the step was judged): open, naming the stable and the new pool', () => {
    const rs = newestFirst([intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: false }), result('a', 2)]);
    expect(openIntent(rs)).toMatchObject({ id: 'a', stable: ref(v1), next: ref(v2) });
  });

  it('an intent without its result (killed during the shift) is open, final or not', () => {
    expect(openIntent([intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: true })])?.id).toBe('a');
    expect(openIntent([intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: false })])?.id).toBe('a');
  });

  it('closed: a final shift with its result, a flip of the new pool by the same run, or a later run that converged it', () => {
    expect(openIntent(newestFirst([intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: true }), result('a', 2)]))).toBeUndefined();
    const step = intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: false });
    expect(openIntent(newestFirst([step, result('a', 2), flip(v2, v1, 3, 'r1')]))).toBeUndefined();
    // A flip of the same pool by another run does not close it.
    expect(openIntent(newestFirst([step, result('a', 2), flip(v2, v1, 3, 'r2')]))?.id).toBe('a');
    expect(openIntent(newestFirst([step, result('a', 2), result('a', 4, 'converged')]))).toBeUndefined();
  });

  it('the newest intent counts: an abort shifted back (final) after the step closes the release', () => {
    const rs = newestFirst([
      intent({ id: 'a', run: 'r1', s: 1, stable: v1, next: v2, final: false }),
      result('a', 2),
      intent({ id: 'b', run: 'r1', s: 3, stable: v1, next: v2, final: true, step: 'back' }),
      result('b', 4),
    ]);
    expect(openIntent(rs)).toBeUndefined();
    expect(unclosedIntents(rs)).toEqual([]);
  });
});

describe('served facts and the rollback target', () => {
  it('servedPools: from served records and flip records; undefined without either', () => {
    const [v1, v2] = [inst('v1'), inst('v2')];
    expect(servedPools([])).toBeUndefined();
    expect(servedPools([intent({ id: 'a', run: 'r', s: 1, next: v2, final: false })])).toBeUndefined();
    expect([...servedPools([served(v1, undefined, 1)])!]).toEqual([v1.pool]);
    expect([...servedPools([flip(v2, v1, 2)])!].sort()).toEqual([v1.pool, v2.pool].sort());
  });

  it('rollbackTarget: the replaced pool; through recycles (same version) the target of the pool it replaced', () => {
    const v1 = inst('v1');
    const v2a = inst('v2');
    const v2b = inst('v2');
    const v2c = inst('v2');
    const rs = newestFirst([served(v1, undefined, 1), served(v2a, v1, 2)]);
    expect(rollbackTarget(rs, ref(v2a), ref(v1))).toEqual(ref(v1));
    expect(rollbackTarget(rs, ref(v2b), ref(v2a))).toEqual(ref(v1));
    // Only flip records (older releases): the chain as far as they reach.
    expect(rollbackTarget([flip(v2b, v2a, 3), flip(v2a, v1, 2)], ref(v2c), ref(v2b))).toEqual(ref(v1));
    expect(rollbackTarget([], ref(v2c), ref(v2b))).toBeUndefined();
  });

  it('defaultRollbackVersion after more recycles than flip records are kept: the served record of the live pool still says v1', () => {
    const v1 = inst('v1');
    let prev = inst('v2');
    const rs: Keyed<ReleaseRecord>[] = [served(v1, undefined, 1), served(prev, v1, 2)];
    for (let n = 0; n < 25; n++) {
      const fresh = inst('v2');
      rs.push(served(fresh, rollbackTarget(newestFirst(rs), ref(fresh), ref(prev)) && v1, 3 + n));
      prev = fresh;
    }
    // Flip records of all of them are pruned: only served records of the pools that exist remain.
    const kept = newestFirst(rs).filter((r) => r.kind === 'served' && (r.pool === prev.pool || r.pool === v1.pool));
    expect(defaultRollbackVersion(kept, one(prev), [one(v1)])).toBe('v1');
  });

  it('specOf: the instance first, else a served or flip record of the version', () => {
    const spec = { port: 9090, env: {}, secretEnvNames: [], restart: 'no', healthPath: '/', hosts: [{ endpoint: 'ssh://root@10.0.0.5', address: '10.0.0.5' }], replicas: 2 };
    const v1 = inst('v1', { spec });
    expect(specOf('v1', [], [served(v1, undefined, 1)])?.replicas).toBe(2);
    expect(specOf('v1', [], [flip(v1, undefined, 1)])?.hosts).toEqual(spec.hosts);
    expect(specOf('v9', [], [served(v1, undefined, 1)])).toBeUndefined();
  });
});

describe('recordsToPrune', () => {
  it('flips beyond the newest 20; served records only of pools gone (one per pool); intents and results once nothing is open; older home records', () => {
    const v1 = inst('v1');
    const v2 = inst('v2');
    const gone = inst('v0');
    const fs = Array.from({ length: 23 }, (_, n) => flip(v2, v1, 59 - n));
    const keepServed = served(v1, undefined, 5);
    const oldServedV1 = served(v1, undefined, 4);
    const goneServed = served(gone, undefined, 3);
    const closed = [intent({ id: 'a', run: 'r', s: 6, stable: v1, next: v2, final: true }), result('a', 7)];
    const homes = [key({ ...base, kind: 'home' as const, at: at(9), spec: { port: 1, env: {}, secretEnvNames: [], restart: 'no', healthPath: '/' } }), key({ ...base, kind: 'home' as const, at: at(8), spec: { port: 1, env: {}, secretEnvNames: [], restart: 'no', healthPath: '/' } })];
    const rs = newestFirst([...fs, keepServed, oldServedV1, goneServed, ...closed, ...homes]);
    const out = recordsToPrune(rs, new Set([v1.pool, v2.pool]));
    expect(out).toEqual(expect.arrayContaining([...flips(rs).slice(20).map((r) => r.key), oldServedV1.key, goneServed.key, ...closed.map((r) => r.key), homes[1]!.key]));
    expect(out).not.toContain(keepServed.key);
    expect(out).not.toContain(homes[0]!.key);
    expect(out).toHaveLength(3 + 2 + 2 + 1);
  });

  it('never the intents of a release left open: the next run converges from them', () => {
    const [v1, v2] = [inst('v1'), inst('v2')];
    const rs = newestFirst([intent({ id: 'a', run: 'r', s: 1, stable: v1, next: v2, final: false }), result('a', 2)]);
    expect(recordsToPrune(rs, new Set([v1.pool, v2.pool]))).toEqual([]);
  });
});

describe('paused canaries (issue 20)', () => {
  const base = { app: 'shop', environment: 'production', runUrl: '' };
  const pause = (at: string, until: string): ReleaseRecord => ({
    ...base,
    kind: 'intent',
    at,
    id: 'p1',
    run: 'r1',
    step: 'pause',
    name: 'pause after step 2/4',
    stable: { pool: 'a', version: 'v1' },
    next: { pool: 'b', version: 'v2' },
    routing: [],
    final: false,
    spec: undefined,
    pause: { until, steps: [5, 25, 50, 100], pauses: [1], after: 1 },
  });

  it('is the open intent of step pause; a later intent (promote, abort) ends it', () => {
    const p = pause('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
    expect(pausedCanary([p])?.pause.after).toBe(1);
    const back: ReleaseRecord = { ...(p as IntentRecord), id: 'b1', run: 'r2', at: '2026-01-01T01:00:00.000Z', step: 'back' as const, final: true, pause: undefined };
    const result: ReleaseRecord = { ...base, kind: 'result', at: '2026-01-01T01:00:01.000Z', intent: 'b1', outcome: 'applied', detail: '' };
    expect(pausedCanary([back, result, p])).toBeUndefined();
    const step: ReleaseRecord = { ...(p as IntentRecord), id: 's1', run: 'r2', at: '2026-01-01T01:00:00.000Z', step: 'step' as const, pause: undefined };
    expect(pausedCanary([step, p])).toBeUndefined();
    // A run that converged it closed it.
    const converged: ReleaseRecord = { ...base, kind: 'result', at: '2026-01-01T01:00:01.000Z', intent: 'p1', outcome: 'converged', detail: '' };
    expect(pausedCanary([converged, p])).toBeUndefined();
  });

  it('says the time left', () => {
    const p = pause('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z') as IntentRecord;
    expect(pauseLeftMs(p, new Date('2026-01-01T23:00:00.000Z'))).toBe(3600_000);
    expect(formatLeft(pauseLeftMs(p, new Date('2026-01-01T00:00:00.000Z')))).toBe('1d');
    expect(formatLeft(3600_000 + 61_000)).toBe('1h 1m');
    expect(formatLeft(4_000)).toBe('4s');
    expect(pauseLeftMs(p, new Date('2026-01-02T00:00:01.000Z'))).toBeLessThan(0);
  });
});

describe('flipRecordsKept', () => {
  it('keeps RECORDS_KEPT unless the test hook gives a positive whole number', () => {
    expect(flipRecordsKept({})).toBe(RECORDS_KEPT);
    expect(flipRecordsKept({ IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT: '3' })).toBe(3);
    expect(flipRecordsKept({ IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT: '0' })).toBe(RECORDS_KEPT);
    expect(flipRecordsKept({ IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT: 'x' })).toBe(RECORDS_KEPT);
  });
});

describe('irreversibleBlock (issue 21)', () => {
  const base = { app: 'a', environment: 'production', runUrl: '' };
  const flip = (version: string, at: string): ReleaseRecord => ({ ...base, kind: 'flip', at, live: { pool: `${version}-p`, version, digest: 'd' }, replaced: undefined, spec: undefined });
  const mark = (version: string, at: string, irreversible: boolean): ReleaseRecord => ({ ...base, kind: 'migration', at, version, pool: `${version}-p`, command: ['migrate'], irreversible });
  const records = [flip('v1', '2026-01-01T00:00:00Z'), mark('v2', '2026-01-02T00:00:00Z', true), flip('v2', '2026-01-02T00:01:00Z'), mark('v3', '2026-01-03T00:00:00Z', false), flip('v3', '2026-01-03T00:01:00Z')];

  it('blocks a rollback to a version older than an irreversible one, not to it or a newer one', () => {
    expect(irreversibleBlock(records, 'v1')?.version).toBe('v2');
    expect(irreversibleBlock(records, 'v2')).toBeUndefined();
    expect(irreversibleBlock(records, 'v3')).toBeUndefined();
    // A version the records know nothing of counts as older.
    expect(irreversibleBlock(records, 'v0')?.version).toBe('v2');
    expect(irreversibleBlock(records.filter((r) => r.kind !== 'migration' || !r.irreversible), 'v1')).toBeUndefined();
  });

  it('keeps irreversible marks when pruning, and the newest release-command records', () => {
    const keyed = records.map((r, n) => ({ ...r, key: `k${n}` }));
    expect(recordsToPrune(keyed, new Set(), 0)).not.toContain('k1');
    expect(recordsToPrune(keyed, new Set(), 0)).toContain('k3');
  });
});

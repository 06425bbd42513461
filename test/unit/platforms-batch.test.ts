/** src/platforms/batch.ts: records written together are one stored unit, each with its own key; a unit goes with its last record. */
import { describe, expect, it } from 'vitest';
import { keptRecords, packRecords, unitsToRemove, unpackRecords } from '../../src/platforms/batch.js';
import type { ReleaseRecord } from '../../src/core/model.js';

const base = { app: 'shop', environment: 'prod', at: '2026-12-06T09:00:00.000Z', runUrl: 'u' };
const result: ReleaseRecord = { ...base, kind: 'result', intent: 'i1', outcome: 'applied', detail: 'd' };
const flip: ReleaseRecord = { ...base, kind: 'flip', live: { pool: 'p2', version: 'v2', digest: 'sha256:2' }, replaced: { pool: 'p1', version: 'v1' }, spec: undefined };
const served: ReleaseRecord = { ...base, kind: 'served', pool: 'p2', version: 'v2', digest: 'sha256:2', back: { pool: 'p1', version: 'v1' }, spec: undefined };

describe('record units', () => {
  it('a single record is stored alone, keyed by its unit, as before batches', () => {
    expect(packRecords([flip])).toEqual(flip);
    expect(unpackRecords('vol1', flip)).toEqual([{ ...flip, key: 'vol1' }]);
  });

  it('records written together come back each with its own key', () => {
    const stored = unpackRecords('vol2', JSON.parse(JSON.stringify(packRecords([result, flip, served]))));
    expect(stored.map((r) => [r.kind, r.key])).toEqual([
      ['result', 'vol2#0/3/result'],
      ['flip', 'vol2#1/3/flip'],
      ['served', 'vol2#2/3/served'],
    ]);
  });

  it('skips what is not a record', () => {
    expect(unpackRecords('x', 'text')).toEqual([]);
    expect(unpackRecords('x', [{ no: 'at' }, flip])).toEqual([{ ...flip, key: 'x#1/2/flip' }]);
  });

  it('removes a unit once every one of its records is pruned; leaves one whose pruned records are results or old served records', () => {
    expect(unitsToRemove(['vol1', 'vol2#0/3/result'])).toEqual({ remove: ['vol1'], rewrite: [] });
    expect(unitsToRemove(['vol2#0/3/result', 'vol2#2/3/served'])).toEqual({ remove: [], rewrite: [] });
    expect(unitsToRemove(['vol2#0/3/result', 'vol2#2/3/served', 'vol2#1/3/flip', 'vol3#0/1/flip'])).toEqual({ remove: ['vol2', 'vol3'], rewrite: [] });
  });

  it('a flip leaving the history while its served record stays: the served record is written anew, the unit goes', () => {
    expect(unitsToRemove(['vol2#0/3/result', 'vol2#1/3/flip'])).toEqual({ remove: [], rewrite: [{ unit: 'vol2', keep: [2] }] });
    expect(keptRecords(packRecords([result, flip, served]), [2])).toEqual([served]);
  });
});

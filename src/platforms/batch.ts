/**
 * Release records written together (a switch's result, its flip and the served record of the pool it made
 * live) are stored as one unit: one volume, one ConfigMap, so the run makes one call where it made three.
 * Each record of a unit has its own key, `<unit>#<i>/<n>/<kind>`, so the release prunes records as before; a
 * unit goes once every one of its records is pruned. Until then its pruned results and superseded served
 * records stay listed (nothing reads them: src/core/history.ts) and are pruned again by the next run; a flip
 * record that leaves the history window is not left behind that way (it would lengthen the history): the
 * unit's other records are written anew as a unit of their own and the old unit goes (three calls, once per
 * flip whose served record outlives the window).
 * A unit of one record is stored as that record alone, under the unit's name, as before batches.
 */
import type { ReleaseRecord, StoredRecord } from './types.js';

const timed = (r: unknown): boolean => typeof r === 'object' && r !== null && typeof (r as { at?: unknown }).at === 'string';

/**
 * Pure: the stored records of one unit (`value` as parsed: a record, or an array of them); anything else, or a
 * record `accept` refuses (default: one without its time), is none.
 */
export function unpackRecords(unit: string, value: unknown, accept: (r: unknown) => boolean = timed): StoredRecord[] {
  const ok = (r: unknown): r is ReleaseRecord => accept(r);
  if (!Array.isArray(value)) return ok(value) ? [{ ...value, key: unit }] : [];
  const n = value.length;
  return value.flatMap((r, i) => (ok(r) ? [{ ...r, key: `${unit}#${i}/${n}/${r.kind ?? 'flip'}` }] : []));
}

/** Pure: what a unit of these records holds (one record alone, or the array), to store as JSON. */
export const packRecords = (records: readonly ReleaseRecord[]): ReleaseRecord | readonly ReleaseRecord[] => (records.length === 1 ? records[0]! : records);

export interface UnitRemoval {
  /** Units to remove whole. */
  remove: string[];
  /** Units whose flip record goes while others stay: the records at `keep` (indexes) are written anew first. */
  rewrite: { unit: string; keep: number[] }[];
}

/** Pure: what to do for these keys: a unit of one record goes; a batch goes once all its records are among them (see above). */
export function unitsToRemove(keys: readonly string[]): UnitRemoval {
  const remove: string[] = [];
  const parts = new Map<string, { n: number; seen: Set<number>; flip: boolean }>();
  for (const k of keys) {
    const m = /^(.*)#(\d+)\/(\d+)\/([a-z]+)$/.exec(k);
    if (!m) {
      remove.push(k);
      continue;
    }
    const p = parts.get(m[1]!) ?? { n: Number(m[3]), seen: new Set<number>(), flip: false };
    p.seen.add(Number(m[2]));
    if (m[4] === 'flip') p.flip = true;
    parts.set(m[1]!, p);
  }
  const rewrite: UnitRemoval['rewrite'] = [];
  for (const [unit, p] of parts) {
    if (p.seen.size >= p.n) remove.push(unit);
    else if (p.flip) rewrite.push({ unit, keep: Array.from({ length: p.n }, (_, i) => i).filter((i) => !p.seen.has(i)) });
  }
  return { remove: [...new Set(remove)], rewrite };
}

/** Pure: the records of a unit's stored value at `keep`. */
export function keptRecords(value: unknown, keep: readonly number[]): ReleaseRecord[] {
  return Array.isArray(value) ? keep.flatMap((i) => (value[i] !== undefined ? [value[i] as ReleaseRecord] : [])) : [];
}

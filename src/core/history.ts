/**
 * The flip history of an app in an environment, from the flip records (Platform.listRecords). Pure.
 * "Roll back" means undo the last flip: the default target is the version the flip that made the live
 * pool live replaced. A pool that never served (no flip made it live) is never a target.
 */
import type { FlipRecord, Instance, Pool, RunSpec, StoredRecord } from './model.js';
import { compareText } from './text.js';

/** How many flip records are kept per app and environment (older ones are pruned after a flip). */
export const RECORDS_KEPT = 20;

/** Pools that have served traffic: made live by a flip, or replaced by one. undefined: no records yet. */
export function servedPools(records: readonly FlipRecord[]): Set<string> | undefined {
  if (records.length === 0) return undefined;
  const ids = new Set<string>();
  for (const r of records) {
    ids.add(r.live.pool);
    if (r.replaced) ids.add(r.replaced.pool);
  }
  return ids;
}

/**
 * The record a run writes when the router serves `live` but no record says so (the run that flipped was
 * killed before it wrote its record, or the instances predate flip records): `live` replaced what the
 * newest record made live (with no records: the newest warm pool).
 */
export function missingRecord(
  records: readonly FlipRecord[],
  live: Pool | undefined,
  warm: readonly Pool[],
  runUrl: string,
  now: Date,
): FlipRecord | undefined {
  if (!live || records.some((r) => r.live.pool === live.id)) return undefined;
  const first = live.instances[0]!;
  const before = records[0]?.live ?? (warm[0] ? { pool: warm[0].id, version: warm[0].version } : undefined);
  return {
    app: first.app,
    environment: first.environment,
    at: now.toISOString(),
    live: { pool: live.id, version: live.version, digest: first.digest },
    replaced: before && before.pool !== live.id ? { pool: before.pool, version: before.version } : undefined,
    spec: first.spec,
    runUrl,
  };
}

/** The flip that made `live` live (records newest first), or the one that should have been recorded. */
export function lastFlip(records: readonly FlipRecord[], live: Pool | undefined, warm: readonly Pool[]): FlipRecord | undefined {
  if (!live) return undefined;
  return records.find((r) => r.live.pool === live.id) ?? missingRecord(records, live, warm, '', new Date(0));
}

/**
 * The version a rollback without `version` goes to: the one the last flip replaced. When that flip
 * replaced a pool of the same version (a re-run of a deploy), the flip before it counts.
 */
export function defaultRollbackVersion(records: readonly FlipRecord[], live: Pool | undefined, warm: readonly Pool[]): string | undefined {
  let flip = lastFlip(records, live, warm);
  const seen = new Set<string>();
  while (flip?.replaced && flip.replaced.version === live?.version && !seen.has(flip.replaced.pool)) {
    const before = flip.replaced.pool;
    seen.add(before);
    flip = records.find((r) => r.live.pool === before);
  }
  const replaced = flip?.replaced?.version;
  return replaced && replaced !== live?.version ? replaced : undefined;
}

/** The run spec a version ran with: from one of its instances (newest first), else from the newest flip that made it live. */
export function specOf(version: string, instances: readonly Instance[], records: readonly FlipRecord[]): RunSpec | undefined {
  const own = [...instances]
    .filter((i) => i.version === version && i.spec)
    .sort((a, b) => compareText(b.deployedAt, a.deployedAt))[0]?.spec;
  return own ?? records.find((r) => r.live.version === version && r.spec)?.spec;
}

/** The newest recorded spec of the app in the environment: the flip records first, else the newest instance. */
export function newestSpec(instances: readonly Instance[], records: readonly FlipRecord[]): RunSpec | undefined {
  return (
    records.find((r) => r.spec)?.spec ??
    [...instances].filter((i) => i.spec).sort((a, b) => compareText(b.deployedAt, a.deployedAt))[0]?.spec
  );
}

/** Records beyond the newest RECORDS_KEPT, to remove. */
export function recordsToPrune(records: readonly StoredRecord[], kept = RECORDS_KEPT): string[] {
  return records.slice(kept).map((r) => r.key);
}

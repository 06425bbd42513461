/**
 * The release history of an app in an environment, from its release state records (Platform.listRecords;
 * the kinds are in src/core/model.ts ReleaseRecord, the account in docs/architecture.md). Pure.
 * "Roll back" means undo the last flip: the default target is the version the flip that made the live
 * pool live replaced. A pool that never served (no flip made it live) is never a target.
 */
import type { FlipRecord, Instance, IntentRecord, Keyed, MaintenanceRecord, MigrationRecord, PauseState, Pool, PoolRef, ReleaseRecord, ResultRecord, RunSpec, ServedRecord, WaveRecord } from './model.js';
import { compareText } from './text.js';

/** How many flip records are kept per app and environment (older ones are pruned after a flip). */
export const RECORDS_KEPT = 20;

export type { Keyed } from './model.js';

export const isFlip = (r: ReleaseRecord): r is FlipRecord => r.kind === undefined || r.kind === 'flip';
const isServed = (r: ReleaseRecord): r is ServedRecord => r.kind === 'served';
const isIntent = (r: ReleaseRecord): r is IntentRecord => r.kind === 'intent';
const isResult = (r: ReleaseRecord): r is ResultRecord => r.kind === 'result';

/** The newest maintenance record (records newest first): whether maintenance mode is on, and since when. */
export function maintenanceState(records: readonly ReleaseRecord[]): MaintenanceRecord | undefined {
  return records.find((r): r is MaintenanceRecord => r.kind === 'maintenance');
}

/** The flip records, in the order given (newest first). */
export function flips<R extends ReleaseRecord>(records: readonly R[]): (R & FlipRecord)[] {
  return records.filter((r): r is R & FlipRecord => isFlip(r));
}

/** The newest `served` record of a pool. */
export function servedRecord(records: readonly ReleaseRecord[], pool: string): ServedRecord | undefined {
  return records.filter(isServed).find((r) => r.pool === pool);
}

/**
 * Pools that have served traffic: made live by a flip (a `served` record, kept for the pool's life), or
 * named by a flip record. undefined: no records yet (instances from before records).
 */
export function servedPools(records: readonly ReleaseRecord[]): Set<string> | undefined {
  const ids = new Set<string>();
  let any = false;
  for (const r of records) {
    if (isServed(r)) {
      any = true;
      ids.add(r.pool);
    } else if (isFlip(r)) {
      any = true;
      ids.add(r.live.pool);
      if (r.replaced) ids.add(r.replaced.pool);
    }
  }
  return any ? ids : undefined;
}

/**
 * Pure: every version the records name (made live, replaced, served, gone back to, shifted to or from):
 * what a status lists as restorable, looked up by name instead of listing every image of the engine.
 */
export function recordedVersions(records: readonly ReleaseRecord[]): string[] {
  const out = new Set<string>();
  for (const r of records) {
    if (isFlip(r)) {
      out.add(r.live.version);
      if (r.replaced) out.add(r.replaced.version);
    } else if (r.kind === 'served') {
      out.add(r.version);
      if (r.back) out.add(r.back.version);
    } else if (r.kind === 'intent') {
      out.add(r.next.version);
      if (r.stable) out.add(r.stable.version);
      for (const w of r.routing) out.add(w.version);
    }
  }
  return [...out];
}

/**
 * The release a killed run left unfinished, from the newest intent: none when that intent was final (the
 * switch or a shift back) and has its result, when a later run converged it, or when its run recorded
 * the flip of its new pool. Otherwise the intent says what the dead run was doing: the stable pool gets
 * all traffic back, the never-judged pool goes.
 */
export function openIntent(records: readonly ReleaseRecord[]): IntentRecord | undefined {
  const intents = records.filter(isIntent).sort((a, b) => compareText(b.at, a.at));
  const newest = intents[0];
  if (!newest) return undefined;
  const results = records.filter(isResult);
  const ofRun = new Set(intents.filter((i) => i.run === newest.run).map((i) => i.id));
  if (results.some((r) => r.outcome === 'converged' && ofRun.has(r.intent))) return undefined;
  if (newest.final && results.some((r) => r.intent === newest.id)) return undefined;
  if (flips(records).some((f) => f.run === newest.run && f.live.pool === newest.next.pool)) return undefined;
  return newest;
}

/** The canary paused at a human gate, if the release left open is one (its intent says until when it waits). */
export function pausedCanary(records: readonly ReleaseRecord[]): (IntentRecord & { pause: PauseState }) | undefined {
  const open = openIntent(records);
  return open?.step === 'pause' && open.pause ? (open as IntentRecord & { pause: PauseState }) : undefined;
}

/** Milliseconds the pause has left at `now` (0 or less: it ran out). */
export function pauseLeftMs(p: Pick<IntentRecord, 'pause'>, now: Date): number {
  return p.pause ? Date.parse(p.pause.until) - now.getTime() : 0;
}

/** For people: 23h 59m, 4m 10s, 3s. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = d ? [`${d}d`, `${h}h`] : h ? [`${h}h`, `${m}m`] : m ? [`${m}m`, `${s % 60}s`] : [`${s}s`];
  return parts.filter((x) => !/^0[dhm]$/.test(x)).join(' ');
}

/** Every intent of the records without a result that closes it (a killed run's, any number of them). */
export function unclosedIntents(records: readonly ReleaseRecord[]): IntentRecord[] {
  const closed = new Set(records.filter(isResult).map((r) => r.intent));
  return records.filter(isIntent).filter((i) => !closed.has(i.id));
}

/**
 * The record a run writes when the router serves `live` but no record says so (the run that flipped was
 * killed before it wrote its record, or the instances predate flip records): `live` replaced what the
 * newest record made live (with no records: the newest warm pool).
 */
export function missingRecord(
  records: readonly ReleaseRecord[],
  live: Pool | undefined,
  warm: readonly Pool[],
  runUrl: string,
  now: Date,
): FlipRecord | undefined {
  const fs = flips(records);
  if (!live || fs.some((r) => r.live.pool === live.id) || servedRecord(records, live.id)) return undefined;
  const first = live.instances[0]!;
  const before = fs[0]?.live ?? (warm[0] ? { pool: warm[0].id, version: warm[0].version } : undefined);
  return {
    kind: 'flip',
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
export function lastFlip(records: readonly ReleaseRecord[], live: Pool | undefined, warm: readonly Pool[]): FlipRecord | undefined {
  if (!live) return undefined;
  return flips(records).find((r) => r.live.pool === live.id) ?? missingRecord(records, live, warm, '', new Date(0));
}

/**
 * What a rollback from `live` goes back to, as the flip that made it live is recorded: the pool it
 * replaced, or, when that was the same version (a recycle, a re-run of a deploy), what a rollback from
 * that pool went back to (its `served` record, else the flip chain as far as the records reach).
 */
export function rollbackTarget(records: readonly ReleaseRecord[], live: PoolRef, replaced: PoolRef | undefined): PoolRef | undefined {
  const seen = new Set<string>([live.pool]);
  let from = replaced;
  while (from && from.version === live.version && !seen.has(from.pool)) {
    seen.add(from.pool);
    const served = servedRecord(records, from.pool);
    if (served) return served.back && served.back.version !== live.version ? served.back : undefined;
    from = flips(records).find((r) => r.live.pool === from!.pool)?.replaced;
  }
  return from && from.version !== live.version ? from : undefined;
}

/**
 * The version a rollback without `version` goes to: the one the last flip replaced. When that flip
 * replaced a pool of the same version (a re-run of a deploy, a recycle), the flip before it counts: the
 * live pool's `served` record keeps the answer for the pool's whole life, however many flips follow.
 */
export function defaultRollbackVersion(records: readonly ReleaseRecord[], live: Pool | undefined, warm: readonly Pool[]): string | undefined {
  if (!live) return undefined;
  const served = servedRecord(records, live.id);
  if (served) return served.back && served.back.version !== live.version ? served.back.version : undefined;
  const flip = lastFlip(records, live, warm);
  return rollbackTarget(records, { pool: live.id, version: live.version }, flip?.replaced)?.version;
}

const specOfRecord = (r: ReleaseRecord): RunSpec | undefined => ('spec' in r ? r.spec : undefined);
const versionOfRecord = (r: ReleaseRecord): string | undefined => (isFlip(r) ? r.live.version : isServed(r) ? r.version : undefined);

/** The run spec a version ran with: from one of its instances (newest first), else from the newest record that made it live. */
export function specOf(version: string, instances: readonly Instance[], records: readonly ReleaseRecord[]): RunSpec | undefined {
  const own = [...instances]
    .filter((i) => i.version === version && i.spec)
    .sort((a, b) => compareText(b.deployedAt, a.deployedAt))[0]?.spec;
  return own ?? records.filter((r) => versionOfRecord(r) === version).map(specOfRecord).find((s) => s);
}

/** The newest recorded spec of the app in the environment: the records first (flip, served, home), else the newest instance. */
export function newestSpec(instances: readonly Instance[], records: readonly ReleaseRecord[]): RunSpec | undefined {
  return (
    records.filter((r) => r.kind !== 'intent').map(specOfRecord).find((s) => s) ??
    [...instances].filter((i) => i.spec).sort((a, b) => compareText(b.deployedAt, a.deployedAt))[0]?.spec
  );
}

/**
 * The records to remove after a release, under the lock: flip records beyond the newest `kept`; `served`
 * records of pools that have no instance any more (`pools`: every pool that has one); intents and results
 * of releases that finished (nothing open: a run that converged closed them). Never a `served` record of
 * a pool that exists: that a warm version served is kept however many runs pass.
 */
/**
 * How many flip records are kept: RECORDS_KEPT. Tests only (not an action input):
 * IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT=<n> keeps fewer, so a test outlives the window in a few runs.
 */
export function flipRecordsKept(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env['IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT']);
  return Number.isInteger(n) && n > 0 ? n : RECORDS_KEPT;
}

export function recordsToPrune(records: readonly Keyed<ReleaseRecord>[], pools: ReadonlySet<string>, kept = RECORDS_KEPT): string[] {
  const out = flips(records).slice(kept).map((r) => r.key);
  // Release command records: the newest `kept`; an irreversible mark is kept for good (it guards every older version).
  out.push(...records.filter((r) => r.kind === 'migration' && !r.irreversible).slice(kept).map((r) => r.key));
  const servedKeep = new Set<string>();
  for (const r of records) {
    if (r.kind !== 'served') continue;
    // One record per pool: the newest.
    if (!pools.has(r.pool) || servedKeep.has(r.pool)) out.push(r.key);
    else servedKeep.add(r.pool);
  }
  if (!openIntent(records)) out.push(...records.filter((r) => r.kind === 'intent' || r.kind === 'result' || r.kind === 'wave').map((r) => r.key));
  const homes = records.filter((r) => r.kind === 'home');
  out.push(...homes.slice(1).map((r) => r.key));
  // Maintenance: the newest record says whether it is on; older ones are history nobody reads.
  out.push(...records.filter((r) => r.kind === 'maintenance').slice(1).map((r) => r.key));
  return out;
}

/**
 * The irreversible version a rollback to `target` would go back past: the newest version deployed with
 * irreversible: true (its mark written before it took traffic) after `target` first served or was deployed,
 * other than `target` itself. A target the records know nothing of counts as older. undefined: none.
 */
export function irreversibleBlock(records: readonly ReleaseRecord[], target: string): MigrationRecord | undefined {
  const times = records.flatMap((r) =>
    (r.kind === 'flip' || r.kind === undefined) && r.live.version === target
      ? [Date.parse(r.at)]
      : (r.kind === 'served' || r.kind === 'migration') && r.version === target
        ? [Date.parse(r.at)]
        : [],
  );
  const since = times.length ? Math.min(...times) : -Infinity;
  return records
    .filter((r): r is MigrationRecord => r.kind === 'migration' && r.irreversible && r.version !== target && Date.parse(r.at) > since)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}

/**
 * Releases in waves: the hosts whose balancers run `run` may have flipped (the `released` of its newest wave
 * record), and that wave; undefined when the run released every host at once.
 */
export function wavesOfRun(records: readonly ReleaseRecord[], run: string): WaveRecord | undefined {
  return records
    .filter((r): r is WaveRecord => r.kind === 'wave' && r.run === run)
    .sort((a, b) => b.index - a.index || compareText(b.at, a.at))[0];
}

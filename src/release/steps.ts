/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/core/model.ts), never docker or a balancer protocol.
 */
import { request } from '../support/http.js';
import type { BuildResult } from '../build/index.js';
import type { Config } from '../config/types.js';
import { runUrl, type GitContext } from '../github/context.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { failpoint } from '../support/failpoint.js';
import type { DeploymentStart } from '../github/deployments.js';
import { onInterrupt } from '../support/interrupt.js';
import type { Log } from '../support/log.js';
import type { Notifier } from '../notify/index.js';
import { randomHex } from '../support/ids.js';
import { instanceUrl, poolAddresses, poolRef as ref, type FlipRecord, type Instance, type IntentRecord, type Pool, type ReleaseRecord, type ResultRecord, type ServedRecord, type RunSpec, type ShiftStep, type Version, type VersionImage } from '../core/model.js';
import { LockLostError, type HeldLock } from '../platforms/lock.js';
import { fencePlatform, fenceRouter } from './fence.js';
import type { Platform, StoredRecord } from '../platforms/types.js';
import { commitLink, details, table, type Report } from '../github/summary.js';
import { allTo, formatAddress, formatRouting, sameAddress, served, type Divergence, type Router, type Routing } from '../routers/types.js';
import { applySpec, recordedRouter, specFromConfig, type InputToGive } from '../config/recorded.js';
import { compareText } from '../core/text.js';
import { flipRecordsKept, flips, openIntent, newestSpec, recordsToPrune, rollbackTarget, servedPools } from '../core/history.js';
import { stepGroups } from '../core/split.js';
import { classify, planImagePrune, planRetention, poolShare, protectedVersions, strangers, type Observed } from '../core/plan.js';

export interface ReleaseDeps {
  cfg: Config;
  ctx: GitContext;
  /** Where instances run (and images and the lock live). */
  platform: Platform;
  /** What the balancer serves; undefined with router: none. */
  router: Router | undefined;
  /**
   * The platform and router for another config: a rollback or status takes the router, the image and the
   * publish address from the recorded run spec when they are not given.
   */
  forConfig: (cfg: Config) => Promise<{ platform: Platform; router: Router | undefined; home?: ReleaseDeps['home'] }>;
  /** Builds the image of this commit (on the runner; the image policy included). */
  build: () => Promise<BuildResult>;
  /** The image policy on an existing version's image, before any instance of it starts (throws in enforce mode). */
  checkImage: (img: VersionImage) => Promise<void>;
  log: Log;
  report: Report;
  /** Set while the deploy lock is held (withLock): a shift first checks it was not lost. */
  held?: HeldLock | undefined;
  /**
   * The runner's own engine, when the pools run elsewhere (a fleet): a `home` record there says where the
   * records are, so that a rollback given only app and environment finds them. undefined: nothing to point at.
   */
  home?: Pick<Platform, 'writeRecord' | 'listRecords' | 'removeRecords'> | undefined;
  /** The records read under the lock, once the run converged (src/release/converge.ts). */
  records?: StoredRecord[] | undefined;
  /** The GitHub Deployment of this run (recorded()), for a pause to name: promote or abort finishes it. */
  deployment?: number | undefined;
  /** The release's events: webhooks and hooks (src/notify/); undefined: none (src/release/events.ts events()). */
  notify?: Notifier | undefined;
  /**
   * Set while one wave of a release in waves runs (src/release/waves.ts): its shifts are never the final one
   * and it records no flip, unless it is the last wave (the release is done only when every host is).
   */
  wave?: { index: number; count: number; last: boolean } | undefined;
}

/** This run, in its intent records (random per process: one run per process). */
export const RUN_ID = randomHex(6);

/** A run URL as a short markdown link, or '' when there is none (a local run). */
export function runLink(url: string | undefined): string {
  const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
  return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The run specification of this run's config (the values of secret variables stay out of it). */
export function runSpec(cfg: Config): RunSpec {
  return specFromConfig(cfg);
}

export function withSpec(img: VersionImage, spec: RunSpec): Version {
  return { ...img, spec };
}

/** How recorded() treats the GitHub Deployment beyond start and finish. */
export interface RecordedOptions<T> {
  /** A deployment an earlier run left in progress (a paused canary): this run goes on with it instead of creating one. */
  adopt?: { id: number; description: string } | undefined;
  /** The result leaves the deployment in progress (the canary paused): true. */
  open?: (result: T) => boolean;
  /** The description of a success (default: "<version> is live"). */
  success?: string;
  /** A success is recorded as a failure with this description (an aborted canary). */
  failure?: string;
}

/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure
 * (or left in progress: a paused canary). The GitHub client is loaded only then; its errors are warnings,
 * never a failed deploy.
 */
export async function recorded<T>(
  d: Pick<ReleaseDeps, 'cfg' | 'ctx' | 'log' | 'deployment'>,
  what: Omit<DeploymentStart, 'environment' | 'logUrl'>,
  fn: () => Promise<T>,
  o: RecordedOptions<T> = {},
): Promise<T> {
  if (!d.cfg.githubToken || !d.ctx.repository) return fn();
  const { createDeploymentRecorder } = await import('../github/deployments.js');
  const rec = await createDeploymentRecorder({
    token: d.cfg.githubToken,
    repository: d.ctx.repository,
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    log: d.log,
  });
  if (o.adopt) await rec.adopt(o.adopt.id, d.cfg.environment, o.adopt.description, runUrl(d.ctx) || undefined);
  else await rec.start({ ...what, environment: d.cfg.environment, logUrl: runUrl(d.ctx) || undefined });
  d.deployment = rec.id();
  try {
    const result = await fn();
    if (o.open?.(result)) return result;
    if (o.failure) {
      await rec.finish('failure', { description: o.failure });
      return result;
    }
    await rec.finish('success', {
      description: o.success ?? `${what.version} is live${what.rollback ? ' (rollback)' : ''}`,
      ...(d.cfg.environmentUrl ? { environmentUrl: d.cfg.environmentUrl } : {}),
    });
    return result;
  } catch (err) {
    await rec.finish('failure', { description: errorMessage(err).split('\n')[0]! });
    throw err;
  }
}

/** What runs, what the balancer serves (and may serve after a reload or restart), and what the flip records say. */
export interface Observation {
  instances: Instance[];
  observed: Observed;
  /** Newest first. */
  records: StoredRecord[];
  routing: Routing;
  divergence: Divergence[];
}

/** What a run read of its platform before it chose its settings (withRecordedSpec): observe() need not read it again. */
export interface Seen {
  platform: Platform;
  instances: Instance[];
  records: StoredRecord[];
}

/**
 * What runs on every target, what the router serves, and the flip records. `seen` (from withRecordedSpec, on the same
 * platform, or one that reads the same: Platform.readsAs) stands in for the platform's half: under load each
 * engine round trip is tens of milliseconds.
 * Never pass it under the lock, where everything is read again.
 */
export async function observe(d: ReleaseDeps, quiet = false, seen?: Seen): Promise<Observation> {
  const { router } = d;
  const same = seen && (seen.platform === d.platform || (seen.platform.readsAs !== undefined && seen.platform.readsAs === d.platform.readsAs));
  const reuse = same ? seen : undefined;
  const [instances, records, routing, divergence] = await Promise.all([
    reuse?.instances ?? d.platform.list(d.cfg.app, d.cfg.environment),
    reuse?.records ?? d.platform.listRecords(d.cfg.app, d.cfg.environment),
    router ? router.current() : Promise.resolve([]),
    router?.divergence ? router.divergence() : Promise.resolve([]),
  ]);
  const observed = classify(instances, routing, !!router, servedPools(records), divergence.flatMap((x) => x.addresses), preferred(records));
  const unknown = strangers(instances, routing);
  if (!quiet && router && unknown.length)
    d.log.info(`${router.describe()} sends traffic to ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is no instance' : 'are no instances'} of ${d.cfg.app} in ${d.cfg.environment}.`);
  if (!quiet) for (const x of divergence) d.log.warning(x.problem, 'Balancer state differs');
  return { instances, observed, records, routing, divergence };
}

/**
 * The pools the records say serve, first wins: the stable pool of a release a killed run left unfinished,
 * then the pool the newest flip made live.
 */
export function preferred(records: readonly StoredRecord[]): string[] {
  const open = openIntent(records);
  return [open?.stable?.pool, flips(records)[0]?.live.pool].filter((x): x is string => !!x);
}

/** Instances of another app or environment at the addresses the balancer serves. */
export async function foreignOwners(d: ReleaseDeps, routing: Routing): Promise<Instance[]> {
  const addrs = served(routing);
  if (addrs.length === 0) return [];
  const all = await d.platform.listAll();
  return all.filter(
    (i) => addrs.some((a) => sameAddress(a, i.address)) && (i.app !== d.cfg.app || i.environment !== d.cfg.environment),
  );
}

/** Refuse, before anything changes, to flip a balancer target that serves another app or environment. */
export async function refuseForeign(d: ReleaseDeps, o: Observation): Promise<void> {
  const { router } = d;
  if (!router || o.observed.live) return;
  const owner = (await foreignOwners(d, o.routing))[0];
  if (!owner) return;
  throw new DeployError(
    `${router.describe()} serves ${owner.app} in ${owner.environment} (${owner.name}, version ${owner.version}, at ${owner.address ? formatAddress(owner.address) : '?'}), ` +
      `not ${d.cfg.app} in ${d.cfg.environment}: this run will not take over another app's or environment's traffic. Nothing was changed.`,
    `Give each app and environment a router target of its own (haproxy-backend, nginx-upstream-name and nginx-upstream-file, ` +
      `caddy-upstream-id; their defaults are <app>-<environment>), and point this run at the one for ${d.cfg.app} in ${d.cfg.environment}.`,
  );
}

/**
 * The deps with the newest recorded run spec of the app in the environment under the explicit inputs
 * (router included): what a rollback, recycle or status needs to find the balancer and the image without
 * being told. Also returns what it read, for the first observe() of the run.
 */
export async function withRecordedSpec(given: ReleaseDeps): Promise<{ d: ReleaseDeps; seen: Seen }> {
  const [instances, records] = await Promise.all([
    given.platform.list(given.cfg.app, given.cfg.environment),
    given.platform.listRecords(given.cfg.app, given.cfg.environment),
  ]);
  const seen = { platform: given.platform, instances, records };
  const spec = newestSpec(instances, records);
  if (!spec) return { d: given, seen };
  // Paths, addresses and commands on the runner come from a record only on the runner's own engine.
  const { router, give } = recordedRouter(given.cfg, spec, given.platform.recordsFrom);
  if (give.length > 0) throw mustGive(given.cfg, router.kind, give);
  const cfg = { ...applySpec(given.cfg, spec), router };
  const same =
    cfg.router === given.cfg.router && cfg.image === given.cfg.image && cfg.run.upstreamHost === given.cfg.run.upstreamHost &&
    JSON.stringify(cfg.run.hosts) === JSON.stringify(given.cfg.run.hosts);
  // Another platform (another image or publish address) reads for itself: observe() sees it is not this one.
  return { d: { ...given, cfg, ...(same ? {} : await given.forConfig(cfg)) }, seen };
}

/** The error when a recorded router needs inputs this workflow did not give (nothing has changed yet). */
function mustGive(cfg: Config, kind: string, give: InputToGive[]): DeployError {
  const names = give.map((g) => g.input);
  const list = names.map((n) => `"${n}"`).join(' and ');
  const why = give.map((g) =>
    g.why === 'command'
      ? `${g.input}: the one recorded differs from this workflow's${g.input === 'router-command' ? ' (it gives none)' : ' (its default)'}, and a command recorded on an engine is never run`
      : g.why === 'remote'
        ? `${g.input}: it names a path or address on this runner, and the record was read off a remote engine or cluster, whose records are never trusted for those`
        : `${g.input}: it carried a credential, which is never recorded`,
  );
  return new DeployError(
    `command: ${cfg.command} takes the router of ${cfg.app} in ${cfg.environment} from its newest record (router "${kind}"), ` +
      `which needs ${list} from this workflow: ${why.join('; ')}. Nothing was changed.`,
    `Give ${list} in this step, the same as in your deploy step (or give "router" and all its inputs). ` +
      `What runs on the runner and every credential (and, with an engine reached over ssh:// or tcp://, every path and address on the runner) ` +
      `come from the workflow, never from what is recorded on the engine.`,
  );
}

export async function withLock<T>(d: ReleaseDeps, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  return holding(() => d.platform.lock({ runUrl: runUrl(d.ctx), timeoutSec: cfg.release.lockTimeoutSec }), fn, d);
}

/**
 * Run `fn` holding the lock `acquire` takes (a HeldLock, or the function that releases it): released
 * when `fn` ends, and when the run is interrupted. While it is held, `d.held` lets a shift check it, and
 * `d.platform` and `d.router` are fenced (src/release/fence.ts): each change they make checks the lock first.
 */
export async function holding<T>(
  acquire: () => Promise<HeldLock | (() => Promise<void>)>,
  fn: () => Promise<T>,
  d?: { held?: HeldLock | undefined; platform?: Platform; router?: Router | undefined },
): Promise<T> {
  const got = await acquire();
  const held: HeldLock = typeof got === 'function' ? { check: () => undefined, release: got } : got;
  const forget = onInterrupt(() => held.release(), 'lock');
  const unfenced = d && { platform: d.platform, router: d.router };
  if (d) {
    d.held = held;
    if (d.platform) d.platform = fencePlatform(d.platform, held);
    if (d.router) d.router = fenceRouter(d.router, held);
  }
  try {
    return await fn();
  } finally {
    if (d && unfenced) {
      d.held = undefined;
      if (unfenced.platform) d.platform = unfenced.platform;
      if ('router' in d) d.router = unfenced.router;
    }
    forget();
    await held.release();
  }
}

/**
 * After a shift: pools that were pending (the balancer might have gone to them) and never served are
 * leftovers now. Returns the instances of the pending pools that did serve (they take part in retention).
 */
export async function dropPending(d: ReleaseDeps, o: Observation, live: Pool): Promise<Instance[]> {
  const servedBefore = servedPools(o.records);
  const others = o.observed.pending.filter((p) => p.id !== live.id);
  const drop = others.filter((p) => servedBefore && !servedBefore.has(p.id));
  if (drop.length > 0) {
    d.log.info(`Removing ${drop.map((p) => `${p.version} (the balancer had been about to switch to it; it never served)`).join(', ')}`);
    await d.platform.remove(drop.flatMap((p) => p.instances));
  }
  return others.filter((p) => !drop.includes(p)).flatMap((p) => p.instances);
}

/** Fails before anything starts when the router cannot serve a pool of `size` instances. */
export async function checkCapacity(d: ReleaseDeps, size: number): Promise<void> {
  await d.router?.checkCapacity?.(size);
}

/**
 * Fails before anything starts when the router cannot give a canary step's shares to pools of these sizes
 * (HAProxy's whole server weights: within 0.5 points, or not at all).
 */
export function checkShares(d: ReleaseDeps, stableSize: number | undefined, nextSize: number): void {
  const { router, cfg } = d;
  if (!router?.realShares || !stableSize || cfg.delivery.strategy !== 'canary') return;
  for (const share of cfg.delivery.steps.filter((s) => s < 100)) {
    try {
      router.realShares(stepGroups({ stable: stableSize, baseline: cfg.delivery.baseline ? nextSize : undefined, next: nextSize }, share));
    } catch (err) {
      throw new DeployError(`Canary step ${share}% of ${cfg.app} in ${cfg.environment} cannot be given: ${errorMessage(err)} Nothing was changed.`);
    }
  }
}

/**
 * Blue-green: the whole of `next` at once (one step, 0 -> 100), then the flip record (next replaced
 * previous). Returns how long the shift took.
 */
export async function switchTo(d: ReleaseDeps, next: Pool, previous: Pool | undefined): Promise<number | undefined> {
  const { router } = d;
  if (!router) return undefined;
  // A run whose lock was taken over (its renewals failed for a whole lease) must not move traffic.
  d.held?.check();
  const to = allTo(poolAddresses(next), next.version);
  // The flip's time is the balancer's (its intent is written before, its result after).
  let ms = 0;
  // Its result is written with the flip and served records, in one call (a run killed before that leaves the
  // intent open: the next run finds the switch took effect and records the flip, src/release/converge.ts).
  const result = await d.log.group(`Flip ${router.describe()} to ${next.version}`, () =>
    shiftRecorded(
      d,
      { step: 'switch', name: 'switch', stable: previous, next, to, final: true },
      async () => {
        const started = performance.now();
        await router.shift(to);
        ms = Math.round(performance.now() - started);
      },
      { deferResult: true },
    ),
  );
  d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${formatRouting(to)} (flip took ${ms} ms)`);
  failpoint('after-flip');
  await recordFlip(d, next, previous, result ? [result] : []);
  return ms;
}

/** What every record of this run starts with: app, environment, its time (now unless given) and the run's link. */
export function recordHead(d: Pick<ReleaseDeps, 'cfg' | 'ctx'>, at: Date = new Date()): { app: string; environment: string; at: string; runUrl: ReturnType<typeof runUrl> } {
  return { app: d.cfg.app, environment: d.cfg.environment, at: at.toISOString(), runUrl: runUrl(d.ctx) };
}

/** A pool as an intent names it, with its share of `to` (one decimal). */
export const routedRef = (p: Pool, to: Routing) => ({ ...ref(p), weight: Math.round(poolShare(p, to) * 10) / 10 });

/**
 * Before a shift, its intent; after it, its result (where the lock lives): a run killed in between leaves
 * the intent open, and the next run converges from it (src/release/converge.ts). `apply` moves the traffic.
 * A record that cannot be written fails the shift before anything moves (the intent) or is a warning (the result).
 */
export async function shiftRecorded(
  d: Pick<ReleaseDeps, 'cfg' | 'ctx' | 'platform' | 'log' | 'wave'> & { records?: StoredRecord[] | undefined },
  what: { step: ShiftStep; name: string; stable: Pool | undefined; next: Pool; to: Routing; final: boolean; baseline?: Pool | undefined },
  apply: () => Promise<void>,
  options: { deferResult?: boolean } = {},
): Promise<ResultRecord | undefined> {
  const intent: IntentRecord = {
    kind: 'intent',
    ...recordHead(d),
    id: randomHex(6),
    run: RUN_ID,
    step: what.step,
    name: what.name,
    stable: what.stable ? ref(what.stable) : undefined,
    next: ref(what.next),
    ...(what.baseline ? { baseline: ref(what.baseline) } : {}),
    routing: [what.stable, what.baseline, what.next].flatMap((p) => (p ? [routedRef(p, what.to)] : [])),
    // A wave before the last is never the end of the release (waves.ts): the next run converges from it. A shift
    // back ends it (the waves released before go back in one more recorded shift).
    final: what.final && (!d.wave || d.wave.last || what.step === 'back'),
    spec: what.next.instances[0]?.spec,
  };
  remember(d, await d.platform.writeRecords([intent]));
  const resultOf = (outcome: 'applied' | 'failed', detail: string): ResultRecord => ({
    kind: 'result',
    app: d.cfg.app,
    environment: d.cfg.environment,
    at: new Date().toISOString(),
    runUrl: intent.runUrl,
    intent: intent.id,
    outcome,
    detail,
  });
  const write = (r: ResultRecord) =>
    d.platform
      .writeRecords([r])
      .then((stored) => remember(d, stored))
      .catch((e: unknown) => d.log.warning(`Could not record the result of ${what.name} (${errorMessage(e)}); the next run reads the balancer back.`));
  try {
    await apply();
  } catch (err) {
    await write(resultOf('failed', errorMessage(err)));
    throw err;
  }
  const applied = resultOf('applied', formatRouting(what.to));
  // The caller writes it with the records that follow (one call).
  if (options.deferResult) return applied;
  await write(applied);
  return undefined;
}

/**
 * Records this run wrote join those read under the lock (newest first, as listRecords gives them), so what
 * follows (the flip's rollback target, pruning at settle) needs no second read of the records.
 */
export function remember(d: { records?: StoredRecord[] | undefined }, stored: StoredRecord[]): void {
  if (!d.records) return;
  d.records = [...stored, ...d.records].sort((a, b) => compareText(b.at, a.at) || compareText(b.key, a.key));
}

/**
 * Record that `live` replaced `replaced` (where the lock lives): a flip record (history: what a rollback
 * without a version undoes) and the `served` record of `live` (kept for the pool's life: that it served,
 * what a rollback from it goes back to, where it runs). With pools elsewhere than the runner's engine, the
 * `home` record there says where.
 */
export async function recordFlip(d: ReleaseDeps, live: Pool, replaced: Pool | undefined, withRecords: ReleaseRecord[] = []): Promise<void> {
  // A wave before the last: the pool serves only some hosts; the last wave records the flip (waves.ts).
  if (d.wave && !d.wave.last) {
    // Its shift's result (switchTo defers it to here) is written all the same.
    if (withRecords.length) remember(d, await d.platform.writeRecords(withRecords));
    return;
  }
  const first = live.instances[0]!;
  const { app, environment } = d.cfg;
  const at = new Date().toISOString();
  const url = runUrl(d.ctx);
  const before = replaced && replaced.id !== live.id ? ref(replaced) : undefined;
  // The records read under the lock (converge), with those this run wrote since: every served record there is.
  const records = d.records ?? (await d.platform.listRecords(app, environment));
  const flip: FlipRecord = {
    kind: 'flip',
    app,
    environment,
    at,
    live: { pool: live.id, version: live.version, digest: first.digest },
    replaced: before,
    spec: first.spec,
    runUrl: url,
    run: RUN_ID,
  };
  const served: ServedRecord = {
    kind: 'served',
    app,
    environment,
    at,
    runUrl: url,
    pool: live.id,
    version: live.version,
    digest: first.digest,
    back: rollbackTarget(records, ref(live), before),
    spec: first.spec,
  };
  // One unit (one call): the switch's result when given, the flip, the served record.
  remember(d, await d.platform.writeRecords([...withRecords, flip, served]));
  if (d.home && first.spec) {
    const home = d.home;
    try {
      const old = (await home.listRecords(app, environment)).filter((r) => r.kind === 'home');
      await home.writeRecord({ kind: 'home', app, environment, at, runUrl: url, spec: first.spec });
      await home.removeRecords(old.map((r) => r.key));
    } catch (e) {
      d.log.warning(
        `Could not record on the runner's own engine where ${app} in ${environment} runs (${errorMessage(e)}): a rollback on this runner needs the hosts input.`,
      );
    }
  }
}

/** The names of a pool's instances, for messages. */
export const poolNames = (p: Pool): string => p.instances.map((i) => i.name).join(', ');

/**
 * After a failed shift: what the balancer serves now, read back before anything is removed; or, when it cannot
 * be read, the error that says so (`head` first, then that both pools were kept, then `hint`).
 */
export async function readBack(d: ReleaseDeps, head: string, next: Pool, other: Pool | undefined, hint: string): Promise<Routing | DeployError> {
  const router = d.router!;
  try {
    return await router.current();
  } catch (readErr) {
    return new DeployError(
      `${head}\nReading ${router.describe()} back failed too (${errorMessage(readErr)}), so what it serves is unknown: ` +
        `${next.version} (${poolNames(next)})${other ? ` and ${other.version} (${poolNames(other)})` : ''} were kept.`,
      hint,
    );
  }
}

/**
 * The shift to `next`. When it fails, the balancer is read back and whatever it points at is kept, whatever
 * the error said: `next` is removed only when it is fresh (started by this run) and the balancer did not
 * move to it; a warm pool always stays. The error says exactly what serves now.
 */
export async function switchOrUndo(d: ReleaseDeps, next: Pool, previous: Pool | undefined, fresh: boolean): Promise<number | undefined> {
  try {
    return await switchTo(d, next, previous);
  } catch (err) {
    throw await failedSwitch(d, next, previous, fresh, err);
  }
}

async function failedSwitch(d: ReleaseDeps, next: Pool, previous: Pool | undefined, fresh: boolean, err: unknown): Promise<DeployError> {
  // The lock may be another run's now: nothing is shifted, removed or recorded, not even to undo.
  if (err instanceof LockLostError) return err;
  const router = d.router!;
  const what = `The flip to ${next.version} failed: ${errorMessage(err)}`;
  const names = poolNames;
  const now = await readBack(d, what, next, previous, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.');
  if (now instanceof DeployError) return now;
  const addrs = served(now);
  const servesPool = (p: Pool | undefined) => !!p && p.instances.some((i) => addrs.some((a) => sameAddress(a, i.address)));
  if (servesPool(next)) {
    // The balancer moved although the shift reported a failure: next serves, so it stays, as the live pool.
    await recordFlip(d, next, previous);
    return new DeployError(
      `${what}\nRead back, ${router.describe()} sends traffic to ${next.version} (${names(next)}, ${formatRouting(now)}): ` +
        `${next.version} is live now and was kept${previous ? `; ${previous.version} (${names(previous)}) stays warm` : ''}.`,
      `Find out why the flip reported a failure (above). command: status shows what is live; a rollback goes back to ${previous?.version ?? 'the previous version'}.`,
    );
  }
  if (previous ? servesPool(previous) : addrs.length === 0) {
    if (fresh) await d.platform.remove(next.instances);
    return new DeployError(
      `${what}\nRead back, ${router.describe()} still serves ${previous ? `${previous.version} (${names(previous)}, ${formatRouting(now)})` : 'nothing'}` +
        `${fresh ? `; the new instance${next.instances.length > 1 ? 's' : ''} ${names(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed` : `; ${next.version} stays warm`}.`,
    );
  }
  return new DeployError(
    `${what}\nRead back, ${router.describe()} serves ${formatRouting(now)}, which is neither ${next.version} nor the version that was live: ` +
      `${names(next)}${previous ? ` and ${names(previous)}` : ''} were kept.`,
    'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.',
  );
}

/**
 * Instances that just stopped receiving traffic (replaced, or an aborted canary): drain-seconds for the
 * requests they still answer, then a graceful stop (stop-timeout) and removal.
 */
export async function drainAndRetire(d: Pick<ReleaseDeps, 'cfg' | 'log' | 'platform'>, instances: Instance[]): Promise<void> {
  const { cfg, log, platform } = d;
  log.info(`Draining ${instances.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping ${instances.length === 1 ? 'it' : 'them'}`);
  await sleep(cfg.release.drainSeconds * 1000);
  await platform.retire(instances, cfg.release.stopTimeoutSec);
}

/**
 * After a shift: keep `keep` previous versions warm, drain and stop the rest, prune old images (after a
 * deploy: a rollback adds no image); report. `instances` are those running under the lock, `live` among them.
 */
export async function settle(
  d: ReleaseDeps,
  instances: Instance[],
  live: Pool,
  previous: Pool | undefined,
  flipMs: number | undefined,
  pruneImages: boolean,
): Promise<void> {
  const { cfg, platform, log, report } = d;
  const plan = planRetention(instances, live, previous, cfg.release.keep);
  // Records are written only under the lock: what is listed now is all there is. A pool's `served` record
  // goes with its last instance, never before.
  const gone = new Set([...plan.remove, ...plan.drain]);
  const staying = new Set(instances.filter((i) => !gone.has(i)).map((i) => i.pool));
  // Those read under the lock and those this run wrote since (remember): no second read.
  const records = d.records ?? (await platform.listRecords(cfg.app, cfg.environment));
  const prunable = recordsToPrune(records, staying, flipRecordsKept(process.env));
  await Promise.all([platform.remove(plan.remove), prunable.length > 0 ? platform.removeRecords(prunable) : undefined]);
  if (plan.drain.length > 0) await report.timed('drain', () => drainAndRetire(d, plan.drain));
  const retired = [...plan.remove, ...plan.drain];
  if (retired.length) log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);

  const images = pruneImages ? await platform.listVersions() : [];
  // Every environment's instances (another environment on the same engine included) keep their versions' tags.
  const everywhere = images.length > cfg.release.keepImages ? await platform.listAll() : [];
  const protect = protectedVersions(cfg.app, [live, ...plan.warm], everywhere);
  const prune = planImagePrune(images, protect, cfg.release.keepImages);
  if (prune.length) {
    const failed = await platform.removeVersions(prune.map((i) => i.ref));
    log.info(`Pruned image tags: ${prune.map((i) => i.ref).join(', ')}`);
    if (failed.length) log.warning(`Could not remove image tags ${failed.join(', ')} (still in use?). They are left as they are.`);
  }

  const first = live.instances[0]!;
  report.output('version', live.version);
  report.output('digest', first.digest);
  report.output('live-version', live.version);
  report.output('previous-version', previous?.version ?? '');
  report.output('url', instanceUrl(first));
  report.output('instances', JSON.stringify(live.instances.map((i) => ({ host: i.target, name: i.name, url: instanceUrl(i) }))));
  // One row per state, version and host with its instance count (a 50-replica fleet is not 100 rows); the
  // per-instance detail is folded away below it.
  const fleet = platform.targets.length > 1 || live.instances.length > 1;
  const byState: [string, Instance[]][] = [
    ['live', live.instances],
    ...plan.warm.map((p): [string, Instance[]] => ['warm', p.instances]),
    ['retired', retired],
  ];
  const groups = new Map<string, { state: string; first: Instance; count: number }>();
  for (const [state, list] of byState)
    for (const i of list) {
      const key = `${state}\0${i.version}\0${i.target}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { state, first: i, count: 1 });
    }
  const rows = [...groups.values()].map(({ state, first: i, count }) => [
    state,
    i.version,
    commitLink(d.ctx, i.revision),
    ...(fleet ? [i.target, String(count)] : [state === 'retired' ? '' : instanceUrl(i)]),
    i.deployedAt,
    runLink(i.runUrl),
  ]);
  const perInstance = byState.flatMap(([state, list]) => list.map((i) => [state, i.version, i.target, i.name, state === 'retired' ? '' : instanceUrl(i)]));
  // The default target of the next rollback: the version this flip replaced.
  const back = previous && previous.version !== live.version ? previous.version : undefined;
  const warmBack = !!back && plan.warm.some((p) => p.version === back);
  report.section(
    `### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
      table(['state', 'version', 'commit', ...(fleet ? ['host', 'instances'] : ['instance']), 'started', 'started by'], rows) +
      (fleet ? `\n\n${details(`Every instance (${perInstance.length})`, table(['state', 'version', 'host', 'instance', 'address'], perInstance))}` : '') +
      (back
        ? `\n\nRoll back to ${back} (${warmBack ? 'warm: one flip' : 'not warm: a fresh instance, verified first'}): run your rollback ` +
          `workflow without a version (the default is the version the last flip replaced), or with \`version: ${back}\`` +
          ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
          ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
        : ''),
  );
}

/**
 * One GET of `path` on every instance of the pool: ok when each answers 2xx/3xx, else what the first failing one did.
 * A platform that says where its pools are reached (Kubernetes: the preview Service) is asked there instead.
 */
export async function probe(p: Pool, path: string, platform?: Pick<Platform, 'reach'>): Promise<{ ok: boolean; detail: string }> {
  if (platform?.reach) {
    let reaches: Awaited<ReturnType<NonNullable<Platform['reach']>>> = [];
    try {
      reaches = await platform.reach(p.instances);
      for (const r of reaches) {
        const a = await request(r.url + path, { timeoutMs: 5000 });
        if (a.status < 200 || a.status >= 400) return { ok: false, detail: `${r.name} answered ${a.status}` };
      }
      return { ok: true, detail: 'answered' };
    } catch (e) {
      return { ok: false, detail: errorMessage(e) };
    } finally {
      await Promise.all(reaches.map((r) => r.close()));
    }
  }
  const each = await Promise.all(
    p.instances.map(async (i): Promise<string | undefined> => {
      if (!i.address) return `${i.name} has no published port`;
      try {
        const a = await request(instanceUrl(i) + path, { timeoutMs: 2000 });
        return a.status >= 200 && a.status < 400 ? undefined : `${i.name} answered ${a.status}`;
      } catch (e) {
        return `${i.name}: ${errorMessage(e)}`;
      }
    }),
  );
  const bad = each.find((x) => x !== undefined);
  return { ok: bad === undefined, detail: bad ?? 'answered' };
}

/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/core/model.ts), never docker or a balancer protocol.
 */
import { EXTEND_FACTOR } from '../analysis/window.js';
import { request } from '../support/http.js';
import type { BuildResult } from '../build/index.js';
import type { Config } from '../config/types.js';
import { runUrl, type GitContext } from '../github/context.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { failpoint } from '../support/failpoint.js';
import type { DeploymentStart } from '../github/deployments.js';
import { onInterrupt } from '../support/interrupt.js';
import type { Log } from '../support/log.js';
import { instanceUrl, poolAddresses, type Instance, type Pool, type RunSpec, type Version, type VersionImage } from '../core/model.js';
import type { HeldLock } from '../platforms/lock.js';
import type { Platform, StoredRecord } from '../platforms/types.js';
import { commitLink, table, type Report } from '../github/summary.js';
import { allTo, formatAddress, formatRouting, sameAddress, served, type Divergence, type Router, type Routing } from '../routers/types.js';
import { applySpec, specFromConfig } from '../core/run-spec.js';
import { missingRecord, newestSpec, RECORDS_KEPT, recordsToPrune, servedPools } from '../core/history.js';
import { classify, planImagePrune, planRetention, strangers, type Observed } from '../core/plan.js';

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
  forConfig: (cfg: Config) => Promise<{ platform: Platform; router: Router | undefined }>;
  /** Builds the image of this commit (on the runner; the image policy included). */
  build: () => Promise<BuildResult>;
  /** The image policy on an existing version's image, before any instance of it starts (throws in enforce mode). */
  checkImage: (img: VersionImage) => Promise<void>;
  log: Log;
  report: Report;
  /** Set while the deploy lock is held (withLock): a shift first checks it was not lost. */
  held?: HeldLock | undefined;
}

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

/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure.
 * The GitHub client is loaded only then; its errors are warnings, never a failed deploy.
 */
export async function recorded<T>(d: Pick<ReleaseDeps, 'cfg' | 'ctx' | 'log'>, what: Omit<DeploymentStart, 'environment' | 'logUrl'>, fn: () => Promise<T>): Promise<T> {
  if (!d.cfg.githubToken || !d.ctx.repository) return fn();
  const { createDeploymentRecorder } = await import('../github/deployments.js');
  const rec = await createDeploymentRecorder({
    token: d.cfg.githubToken,
    repository: d.ctx.repository,
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    log: d.log,
  });
  await rec.start({ ...what, environment: d.cfg.environment, logUrl: runUrl(d.ctx) || undefined });
  try {
    const result = await fn();
    await rec.finish('success', {
      description: `${what.version} is live${what.rollback ? ' (rollback)' : ''}`,
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
 * platform) stands in for the platform's half: under load each engine round trip is tens of milliseconds.
 * Never pass it under the lock, where everything is read again.
 */
export async function observe(d: ReleaseDeps, quiet = false, seen?: Seen): Promise<Observation> {
  const { router } = d;
  const reuse = seen?.platform === d.platform ? seen : undefined;
  const [instances, records, routing, divergence] = await Promise.all([
    reuse?.instances ?? d.platform.list(d.cfg.app, d.cfg.environment),
    reuse?.records ?? d.platform.listRecords(d.cfg.app, d.cfg.environment),
    router ? router.current() : Promise.resolve([]),
    router?.divergence ? router.divergence() : Promise.resolve([]),
  ]);
  const observed = classify(instances, routing, !!router, servedPools(records), divergence.flatMap((x) => x.addresses));
  const unknown = strangers(instances, routing);
  if (!quiet && router && unknown.length)
    d.log.info(`${router.describe()} sends traffic to ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is no instance' : 'are no instances'} of ${d.cfg.app} in ${d.cfg.environment}.`);
  if (!quiet) for (const x of divergence) d.log.warning(x.problem, 'Balancer state differs');
  return { instances, observed, records, routing, divergence };
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
  const cfg = applySpec(given.cfg, spec);
  const same = cfg.router === given.cfg.router && cfg.image === given.cfg.image && cfg.run.upstreamHost === given.cfg.run.upstreamHost;
  // Another platform (another image or publish address) reads for itself: observe() sees it is not this one.
  return { d: { ...given, cfg, ...(same ? {} : await given.forConfig(cfg)) }, seen };
}

export async function withLock<T>(d: ReleaseDeps, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  return holding(() => d.platform.lock({ runUrl: runUrl(d.ctx), timeoutSec: cfg.release.lockTimeoutSec }), fn, d);
}

/**
 * How long a lock that is not renewed may be held before it counts as abandoned: longer than any run
 * takes. (The Docker lock is renewed while its holder lives: src/platforms/lock.ts.)
 */
export function lockLeaseSec(cfg: Config): number {
  // Canary steps and the bake run under the lock too; a window may grow to EXTEND_FACTOR times its length.
  const judgedSec = (cfg.delivery.steps.length * cfg.delivery.stepSeconds + cfg.delivery.bakeSeconds) * EXTEND_FACTOR;
  return cfg.verify.healthTimeoutSec + cfg.verify.acceptanceTimeoutSec + cfg.release.drainSeconds + cfg.release.stopTimeoutSec + judgedSec + 600;
}

/**
 * Run `fn` holding the lock `acquire` takes (a HeldLock, or the function that releases it): released
 * when `fn` ends, and when the run is interrupted. While it is held, `d.held` lets a shift check it.
 */
export async function holding<T>(
  acquire: () => Promise<HeldLock | (() => Promise<void>)>,
  fn: () => Promise<T>,
  d?: { held?: HeldLock | undefined },
): Promise<T> {
  const got = await acquire();
  const held: HeldLock = typeof got === 'function' ? { check: () => undefined, release: got } : got;
  const forget = onInterrupt(() => held.release());
  if (d) d.held = held;
  try {
    return await fn();
  } finally {
    if (d) d.held = undefined;
    forget();
    await held.release();
  }
}

/**
 * Converge, under the lock, before a release: the balancer's saved state back in line with what it serves
 * (router.repair), the flip record a killed run did not write, and the leftovers of killed or failed runs
 * (candidates, stopped instances, verified pools that never served) removed. Returns the observation after
 * that, and the instances that remain (live and warm).
 */
export async function converge(d: ReleaseDeps): Promise<{ o: Observation; remaining: Instance[] }> {
  const { router } = d;
  let o = await observe(d);
  if (router?.repair && o.divergence.length > 0) {
    await router.repair();
    o = await observe(d, true);
  }
  const missing = router ? missingRecord(o.records, o.observed.live, o.observed.warm, runUrl(d.ctx), new Date()) : undefined;
  if (missing) {
    d.log.info(
      `${router!.describe()} serves ${missing.live.version} (pool ${missing.live.pool}), but no flip record says so (a run killed ` +
        `right after its flip, or instances from before flip records): recording that it replaced ${missing.replaced?.version ?? 'nothing'}.`,
    );
    await d.platform.writeRecord(missing);
    o = await observe(d, true);
  }
  const { debris } = o.observed;
  if (debris.length > 0) {
    d.log.info(`Removing ${debris.length} leftover instance(s): ${debris.map((i) => `${i.name} (${leftoverWhy(i)})`).join(', ')}`);
    await d.platform.remove(debris);
  }
  return { o, remaining: [...(o.observed.live?.instances ?? []), ...o.observed.warm.flatMap((p) => p.instances)] };
}

function leftoverWhy(i: Instance): string {
  if (!i.verified) return 'never verified';
  if (!i.running && !i.restarting) return `stopped, exit code ${i.exitCode}`;
  return 'verified but never served';
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
 * Blue-green: the whole of `next` at once (one step, 0 -> 100), then the flip record (next replaced
 * previous). Returns how long the shift took.
 */
export async function switchTo(d: ReleaseDeps, next: Pool, previous: Pool | undefined): Promise<number | undefined> {
  const { router } = d;
  if (!router) return undefined;
  // A run whose lock was taken over (its renewals failed for a whole lease) must not move traffic.
  d.held?.check();
  const started = performance.now();
  const to = allTo(poolAddresses(next), next.version);
  await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => router.shift(to));
  const ms = Math.round(performance.now() - started);
  d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${formatRouting(to)} (flip took ${ms} ms)`);
  failpoint('after-flip');
  await recordFlip(d, next, previous);
  return ms;
}

/** Record that `live` replaced `replaced` (where the lock lives): what a rollback without a version undoes. */
export async function recordFlip(d: ReleaseDeps, live: Pool, replaced: Pool | undefined): Promise<void> {
  const first = live.instances[0]!;
  await d.platform.writeRecord({
    app: d.cfg.app,
    environment: d.cfg.environment,
    at: new Date().toISOString(),
    live: { pool: live.id, version: live.version, digest: first.digest },
    replaced: replaced && replaced.id !== live.id ? { pool: replaced.id, version: replaced.version } : undefined,
    spec: first.spec,
    runUrl: runUrl(d.ctx),
  });
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
  const router = d.router!;
  const what = `The flip to ${next.version} failed: ${errorMessage(err)}`;
  const names = (p: Pool) => p.instances.map((i) => i.name).join(', ');
  let now: Routing;
  try {
    now = await router.current();
  } catch (readErr) {
    return new DeployError(
      `${what}\nReading ${router.describe()} back failed too (${errorMessage(readErr)}), so what it serves is unknown: ` +
        `${next.version} (${names(next)})${previous ? ` and ${previous.version} (${names(previous)})` : ''} were kept.`,
      'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.',
    );
  }
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

/** The flip records read under the lock (newest first) and how many flips this run recorded since. */
export interface History {
  records: readonly StoredRecord[];
  added: number;
}

/** After one flip recorded by this run (none without a router: nothing to record). */
export function afterFlip(d: ReleaseDeps, o: Observation): History {
  return { records: o.records, added: d.router ? 1 : 0 };
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
  history: History,
): Promise<void> {
  const { cfg, platform, log, report } = d;
  const plan = planRetention(instances, live, previous, cfg.release.keep);
  // Records are written only under the lock, so the list read under it and the flips since are all there is.
  await Promise.all([platform.remove(plan.remove), platform.removeRecords(recordsToPrune(history.records, RECORDS_KEPT - history.added))]);
  if (plan.drain.length > 0) await drainAndRetire(d, plan.drain);
  const retired = [...plan.remove, ...plan.drain];
  if (retired.length) log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);

  const images = pruneImages ? await platform.listVersions() : [];
  const protect = new Set([live.version, ...plan.warm.map((p) => p.version)]);
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
  const fleet = platform.targets.length > 1 || live.instances.length > 1;
  const row = (state: string, i: Instance, url: string) => [
    state,
    i.version,
    commitLink(d.ctx, i.revision),
    ...(fleet ? [i.target] : []),
    url,
    i.deployedAt,
    runLink(i.runUrl),
  ];
  const rows = [
    ...live.instances.map((i) => row('live', i, instanceUrl(i))),
    ...plan.warm.flatMap((p) => p.instances.map((i) => row('warm', i, instanceUrl(i)))),
    ...retired.map((i) => row('retired', i, '')),
  ];
  // The default target of the next rollback: the version this flip replaced.
  const back = previous && previous.version !== live.version ? previous.version : undefined;
  const warmBack = !!back && plan.warm.some((p) => p.version === back);
  report.section(
    `### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
      table(['state', 'version', 'commit', ...(fleet ? ['host'] : []), 'instance', 'started', 'started by'], rows) +
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
        const a = await request(r.url + path, 'GET', 5000);
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
        const a = await request(instanceUrl(i) + path, 'GET', 2000);
        return a.status >= 200 && a.status < 400 ? undefined : `${i.name} answered ${a.status}`;
      } catch (e) {
        return `${i.name}: ${errorMessage(e)}`;
      }
    }),
  );
  const bad = each.find((x) => x !== undefined);
  return { ok: bad === undefined, detail: bad ?? 'answered' };
}

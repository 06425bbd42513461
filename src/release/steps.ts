/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/model.ts), never docker or a balancer protocol.
 */
import { EXTEND_FACTOR } from '../analysis/window.js';
import { request } from '../acceptance/http.js';
import type { BuildResult } from '../build.js';
import type { Config } from '../config.js';
import { runUrl, type GitContext } from '../context.js';
import { DeployError, errorMessage } from '../errors.js';
import type { DeploymentStart } from '../github/deployments.js';
import { onInterrupt } from '../interrupt.js';
import type { Log } from '../log.js';
import { instanceUrl, poolAddresses, type Instance, type Pool, type RunSpec, type Version, type VersionImage } from '../model.js';
import type { HeldLock } from '../platform/lock.js';
import type { Platform } from '../platform/types.js';
import { commitLink, table, type Report } from '../report.js';
import { allTo, formatRouting, type Router } from '../routers/types.js';
import { classify, planImagePrune, planRetention, strangers, type Observed } from './plan.js';

export interface ReleaseDeps {
  cfg: Config;
  ctx: GitContext;
  /** Where instances run (and images and the lock live). */
  platform: Platform;
  /** What the balancer serves; undefined with router: none. */
  router: Router | undefined;
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
  return {
    port: cfg.run.port,
    env: cfg.run.env,
    secretEnvNames: Object.keys(cfg.run.secretEnv),
    network: cfg.run.network,
    memory: cfg.run.memory,
    cpus: cfg.run.cpus,
    restart: cfg.run.restart,
    ...(cfg.run.readOnly ? { readOnly: true } : {}),
    ...(cfg.run.tmpfs.length ? { tmpfs: cfg.run.tmpfs } : {}),
    healthPath: cfg.verify.healthPath,
  };
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

/** What runs on every target and what the router serves. */
export async function observe(d: ReleaseDeps): Promise<{ instances: Instance[]; observed: Observed }> {
  const { router } = d;
  const [instances, routing] = await Promise.all([
    d.platform.list(d.cfg.app, d.cfg.environment),
    router ? router.current() : Promise.resolve([]),
  ]);
  const observed = classify(instances, routing, !!router);
  const unknown = strangers(instances, routing);
  if (router && unknown.length)
    d.log.info(`${router.describe()} sends traffic to ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is no instance' : 'are no instances'} of ${d.cfg.app} in ${d.cfg.environment}.`);
  return { instances, observed };
}

export async function withLock<T>(d: ReleaseDeps, image: string, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  return holding(() => d.platform.lock({ image, runUrl: runUrl(d.ctx), timeoutSec: cfg.release.lockTimeoutSec }), fn, d);
}

/**
 * How long a lock that is not renewed may be held before it counts as abandoned: longer than any run
 * takes. (The Docker lock is renewed while its holder lives: src/platform/lock.ts.)
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
 * Leftovers of a killed or failed run (unverified candidates, stopped instances) go first: converge.
 * Returns the instances that remain (live and warm).
 */
export async function clearDebris(d: ReleaseDeps, observed: Observed): Promise<Instance[]> {
  if (observed.debris.length > 0) {
    d.log.info(`Removing ${observed.debris.length} leftover instance(s): ${observed.debris.map((i) => i.name).join(', ')}`);
    await d.platform.remove(observed.debris);
  }
  return [...(observed.live?.instances ?? []), ...observed.warm.flatMap((p) => p.instances)];
}

/** Fails before anything starts when the router cannot serve a pool of `size` instances. */
export async function checkCapacity(d: ReleaseDeps, size: number): Promise<void> {
  await d.router?.checkCapacity?.(size);
}

/** Blue-green: the whole of `next` at once (one step, 0 -> 100). Returns how long the shift took. */
export async function switchTo(d: ReleaseDeps, next: Pool): Promise<number | undefined> {
  const { router } = d;
  if (!router) return undefined;
  // A run whose lock was taken over (its renewals failed for a whole lease) must not move traffic.
  d.held?.check();
  const started = performance.now();
  const to = allTo(poolAddresses(next), next.version);
  await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => router.shift(to));
  const ms = Math.round(performance.now() - started);
  d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${formatRouting(to)} (flip took ${ms} ms)`);
  return ms;
}

/** The shift to `next` (a new pool, removed when the shift fails; a warm one stays warm). */
export async function switchOrUndo(d: ReleaseDeps, next: Pool, fresh: boolean, failed: (why: string) => string): Promise<number | undefined> {
  try {
    return await switchTo(d, next);
  } catch (err) {
    if (fresh) await d.platform.remove(next.instances);
    throw new DeployError(failed(errorMessage(err)));
  }
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
  await platform.remove(plan.remove);
  if (plan.drain.length > 0) {
    log.info(`Draining ${plan.drain.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping ${plan.drain.length === 1 ? 'it' : 'them'}`);
    await sleep(cfg.release.drainSeconds * 1000);
    await platform.retire(plan.drain, cfg.release.stopTimeoutSec);
  }
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
  const back = plan.warm[0]?.version;
  report.section(
    `### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
      table(['state', 'version', 'commit', ...(fleet ? ['host'] : []), 'instance', 'started', 'started by'], rows) +
      (back
        ? `\n\nRoll back with one flip: run your rollback workflow with \`version: ${back}\`` +
          ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
          ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
        : ''),
  );
}

/** Every instance of the pool answers its health path (a warm pool is only switched to when it does). */
export async function answers(p: Pool, path: string): Promise<boolean> {
  const each = await Promise.all(
    p.instances.map(async (i) => {
      try {
        const a = await request(instanceUrl(i) + path, 'GET', 2000);
        return a.status >= 200 && a.status < 400;
      } catch {
        return false;
      }
    }),
  );
  return each.every(Boolean);
}

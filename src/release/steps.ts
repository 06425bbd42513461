/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, flip, settle
 * (retention, pruning, report), record a GitHub Deployment, find a version's image.
 */
import { request } from '../acceptance/http.js';
import { loginIfConfigured } from '../build.js';
import type { Config } from '../config.js';
import { runUrl, type GitContext } from '../context.js';
import type { Docker } from '../docker/client.js';
import type { Engine } from '../docker/engine.js';
import { DockerLeaseStore } from '../docker/lock-store.js';
import { errorMessage } from '../errors.js';
import type { Runner } from '../exec.js';
import type { DeploymentStart } from '../github/deployments.js';
import { onInterrupt } from '../interrupt.js';
import type { Log } from '../log.js';
import { commitLink, table, type Report } from '../report.js';
import { formatTarget, type Router } from '../routers/types.js';
import type { Instance, Runtime } from '../runtime/types.js';
import { hasRegistry, listVersionImages, removeImageTags, resolveVersion, type ResolvedImage } from './images.js';
import { acquireLock, lockName, type HeldLock } from './lock.js';
import { classify, planImagePrune, planRetention, type Observed } from './plan.js';
import { instanceUrl } from './verify.js';

export interface ReleaseDeps {
  cfg: Config;
  ctx: GitContext;
  docker: Docker;
  /** The engine the instances, images and the lock are on. */
  engine: Engine;
  runtime: Runtime;
  exec: Runner;
  log: Log;
  report: Report;
  /** Set while the deploy lock is held (withLock): a flip first checks it was not lost. */
  held?: HeldLock | undefined;
}

/** A run URL as a short markdown link, or '' when there is none (a local run). */
export function runLink(url: string | undefined): string {
  const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
  return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure.
 * The GitHub client is loaded only then; its errors are warnings, never a failed deploy.
 */
export async function recorded<T>(d: ReleaseDeps, what: Omit<DeploymentStart, 'environment' | 'logUrl'>, fn: () => Promise<T>): Promise<T> {
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

export async function observe(d: ReleaseDeps, router: Router | undefined): Promise<{ instances: Instance[]; observed: Observed }> {
  const [instances, routed] = await Promise.all([
    d.runtime.list(d.cfg.app, d.cfg.environment),
    router ? router.current() : Promise.resolve(undefined),
  ]);
  const observed = classify(instances, routed, !!router);
  if (router && routed && !observed.live)
    d.log.info(`${router.describe()} points at ${formatTarget(routed)}, which is no instance of ${d.cfg.app} in ${d.cfg.environment}.`);
  return { instances, observed };
}

export async function withLock<T>(d: ReleaseDeps, image: string, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  const store = new DockerLeaseStore(d.engine, lockName(cfg.app, cfg.environment), cfg.app, cfg.environment, image);
  const held = await acquireLock(store, { runUrl: runUrl(d.ctx), timeoutSec: cfg.release.lockTimeoutSec, log: d.log });
  const forget = onInterrupt(() => held.release());
  d.held = held;
  try {
    return await fn();
  } finally {
    d.held = undefined;
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
    await d.runtime.remove(observed.debris.map((i) => i.id));
  }
  return [...(observed.live ? [observed.live] : []), ...observed.warm];
}

export async function flip(d: ReleaseDeps, router: Router | undefined, next: Instance): Promise<number | undefined> {
  if (!router) return undefined;
  d.held?.check();
  const started = performance.now();
  await d.log.group(`Flip ${router.describe()} to ${next.version}`, () =>
    router.flip(next.target!, { version: next.version, url: instanceUrl(next) }),
  );
  const ms = Math.round(performance.now() - started);
  d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${instanceUrl(next)} (flip took ${ms} ms)`);
  return ms;
}

/**
 * After a flip: keep `keep` previous versions warm, drain and stop the rest, prune old images (after a
 * deploy: a rollback adds no image); report. `instances` are those running under the lock, `live` among them.
 */
export async function settle(
  d: ReleaseDeps,
  instances: Instance[],
  live: Instance,
  previous: Instance | undefined,
  flipMs: number | undefined,
  pruneImages: boolean,
): Promise<void> {
  const { cfg, runtime, log, report } = d;
  const plan = planRetention(instances, live, previous, cfg.release.keep);
  await runtime.remove(plan.remove.map((i) => i.id));
  if (plan.drain.length > 0) {
    log.info(`Draining ${plan.drain.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping it`);
    await sleep(cfg.release.drainSeconds * 1000);
    await runtime.retire(plan.drain.map((i) => i.id), cfg.release.stopTimeoutSec);
  }
  const retired = [...plan.remove, ...plan.drain];
  if (retired.length) log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);

  const images = pruneImages ? await listVersionImages(cfg.app, cfg.image, d.engine) : [];
  const protect = new Set([live.version, ...plan.warm.map((i) => i.version)]);
  const prune = planImagePrune(images, protect, cfg.release.keepImages);
  if (prune.length) {
    const failed = await removeImageTags(prune.map((i) => i.ref), d.engine);
    log.info(`Pruned image tags: ${prune.map((i) => i.ref).join(', ')}`);
    if (failed.length) log.warning(`Could not remove image tags ${failed.join(', ')} (still in use?). They are left as they are.`);
  }

  report.output('version', live.version);
  report.output('digest', live.digest);
  report.output('live-version', live.version);
  report.output('previous-version', previous?.version ?? '');
  report.output('url', instanceUrl(live));
  const row = (state: string, i: Instance, url: string) => [
    state,
    i.version,
    commitLink(d.ctx, i.revision),
    url,
    i.deployedAt,
    runLink(i.runUrl),
  ];
  const rows = [
    row('live', live, instanceUrl(live)),
    ...plan.warm.map((i) => row('warm', i, instanceUrl(i))),
    ...retired.map((i) => row('retired', i, '')),
  ];
  const back = plan.warm[0]?.version;
  report.section(
    `### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
      table(['state', 'version', 'commit', 'instance', 'started', 'started by'], rows) +
      (back
        ? `\n\nRoll back with one flip: run your rollback workflow with \`version: ${back}\`` +
          ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
          ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
        : ''),
  );
}

/** `<image>:<version>` on the target, else pulled from its registry (logging in when credentials are given). */
export async function findVersion(d: ReleaseDeps, version: string): Promise<ResolvedImage | undefined> {
  const local = await resolveVersion(d.docker, d.cfg.image, version);
  if (local || !hasRegistry(d.cfg.image)) return local;
  await loginIfConfigured(d.cfg, d.docker, d.log);
  d.log.info(`${d.cfg.image}:${version} is not on the target: pulling it from the registry.`);
  try {
    await d.docker.pull(`${d.cfg.image}:${version}`);
  } catch (err) {
    // Not in the registry either: the caller lists what can be restored. Anything else (auth, network) is news.
    if (/not found|manifest unknown/i.test(errorMessage(err))) return undefined;
    throw err;
  }
  return resolveVersion(d.docker, d.cfg.image, version);
}

export async function answers(i: Instance, path: string): Promise<boolean> {
  try {
    const a = await request(instanceUrl(i) + path, 'GET', 2000);
    return a.status >= 200 && a.status < 400;
  } catch {
    return false;
  }
}

/** Deploy, rollback and status: the release model over a runtime and a router. */
import { request } from '../acceptance/http.js';
import { build, commitLink, loginIfConfigured, reportBuild } from '../build.js';
import type { Config } from '../config.js';
import { runUrl, type GitContext } from '../context.js';
import type { Docker } from '../docker/client.js';
import { DeployError, errorMessage } from '../errors.js';
import type { Runner } from '../exec.js';
import type { Log } from '../log.js';
import { table, type Report } from '../report.js';
import { createRouter } from '../routers/factory.js';
import { formatTarget, type Router } from '../routers/types.js';
import type { Instance, Runtime } from '../runtime/types.js';
import {
  hasRegistry,
  listVersionImages,
  removeImageTags,
  resolveVersion,
  unknownVersion,
  type ResolvedImage,
} from './images.js';
import type { DeploymentStart } from '../github/deployments.js';
import { onInterrupt } from '../interrupt.js';
import { DockerLock, lockName } from './lock.js';
import { classify, planImagePrune, planRetention, type Observed, type VersionState } from './plan.js';
import { instanceUrl, launchAndVerify } from './verify.js';

export interface ReleaseDeps {
  cfg: Config;
  ctx: GitContext;
  docker: Docker;
  runtime: Runtime;
  exec: Runner;
  log: Log;
  report: Report;
}

export interface VersionInfo {
  version: string;
  digest: string;
  revision: string;
  /** When the image was built. */
  created: string;
  state: VersionState;
  /** When its running instance was started (live and warm versions). */
  deployed?: string;
  /** The workflow run that started that instance: why this version runs. */
  runUrl?: string;
}

/** A run URL as a short markdown link, or '' when there is none (a local run). */
function runLink(url: string | undefined): string {
  const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
  return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure.
 * The GitHub client is loaded only then; its errors are warnings, never a failed deploy.
 */
async function recorded<T>(d: ReleaseDeps, what: Omit<DeploymentStart, 'environment' | 'logUrl'>, fn: () => Promise<T>): Promise<T> {
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

async function observe(d: ReleaseDeps, router: Router | undefined): Promise<{ instances: Instance[]; observed: Observed }> {
  const [instances, routed] = await Promise.all([
    d.runtime.list(d.cfg.app, d.cfg.environment),
    router ? router.current() : Promise.resolve(undefined),
  ]);
  const observed = classify(instances, routed, !!router);
  if (router && routed && !observed.live)
    d.log.info(`${router.describe()} points at ${formatTarget(routed)}, which is no instance of ${d.cfg.app} in ${d.cfg.environment}.`);
  return { instances, observed };
}

async function withLock<T>(d: ReleaseDeps, image: string, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  const lease =
    cfg.verify.healthTimeoutSec + cfg.verify.acceptanceTimeoutSec + cfg.release.drainSeconds + cfg.release.stopTimeoutSec + 600;
  const release = await new DockerLock(lockName(cfg.app, cfg.environment), d.log, d.exec).acquire(
    image,
    runUrl(d.ctx),
    lease,
    cfg.release.lockTimeoutSec,
  );
  const forget = onInterrupt(release);
  try {
    return await fn();
  } finally {
    forget();
    await release();
  }
}

/**
 * Leftovers of a killed or failed run (unverified candidates, stopped instances) go first: converge.
 * Returns the instances that remain (live and warm).
 */
async function clearDebris(d: ReleaseDeps, observed: Observed): Promise<Instance[]> {
  if (observed.debris.length > 0) {
    d.log.info(`Removing ${observed.debris.length} leftover instance(s): ${observed.debris.map((i) => i.name).join(', ')}`);
    await d.runtime.remove(observed.debris.map((i) => i.id));
  }
  return [...(observed.live ? [observed.live] : []), ...observed.warm];
}

async function flip(d: ReleaseDeps, router: Router | undefined, next: Instance): Promise<number | undefined> {
  if (!router) return undefined;
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
async function settle(
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

  const images = pruneImages ? await listVersionImages(cfg.app, cfg.image, d.exec) : [];
  const protect = new Set([live.version, ...plan.warm.map((i) => i.version)]);
  const prune = planImagePrune(images, protect, cfg.release.keepImages);
  if (prune.length) {
    const failed = await removeImageTags(prune.map((i) => i.ref), d.exec);
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

export async function deploy(d: ReleaseDeps): Promise<void> {
  const { cfg, log } = d;
  let img: ResolvedImage;
  if (cfg.version === undefined) {
    const b = await build(cfg, d.ctx, d.docker, log);
    reportBuild(b, d.ctx, d.report);
    img = {
      image: b.image,
      version: b.version,
      digest: b.digest,
      imageId: b.imageId,
      revision: d.ctx.sha,
      created: b.labels['org.opencontainers.image.created'] ?? '',
    };
  } else {
    // Build once, deploy many: the version may live only in the registry (pulled by its tag, which never moves).
    const found = await findVersion(d, cfg.version);
    if (!found) {
      const known = (await listVersionImages(cfg.app, cfg.image, d.exec)).map((i) => i.version);
      throw unknownVersion(cfg.image, cfg.version, known);
    }
    img = found;
    log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
    d.report.output('version', img.version);
    d.report.output('image', img.image);
    d.report.output('digest', img.digest);
    d.report.section(
      `### Deploying ${img.version} as built (no build)\n\n` +
        table(['', ''], [['Commit', commitLink(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]),
    );
  }

  const router = await createRouter(cfg.router, { run: d.exec, log });
  await withLock(d, img.imageId, async () => {
    const { observed } = await observe(d, router);
    const remaining = await clearDebris(d, observed);
    const previous = observed.live;
    log.info(previous ? `Live now: ${previous.version} (${previous.name})` : 'Nothing of this app is live yet.');
    const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
    await recorded(d, what, async () => {
      const next = await launchAndVerify(img, { cfg, runtime: d.runtime, log, report: d.report, runUrl: runUrl(d.ctx) });
      let flipMs: number | undefined;
      try {
        flipMs = await flip(d, router, next);
      } catch (err) {
        await d.runtime.remove([next.id]);
        throw new DeployError(
          `The flip to ${next.version} failed: ${errorMessage(err)}\nThe new instance was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`,
        );
      }
      await settle(d, [...remaining, next], next, previous, flipMs, true);
    });
  });
}

export async function rollback(d: ReleaseDeps): Promise<void> {
  const { cfg, log } = d;
  const router = await createRouter(cfg.router, { run: d.exec, log });
  const first = await observe(d, router);
  const version = cfg.version ?? first.observed.warm[0]?.version;
  const restorable = async () => [
    ...new Set([
      ...first.observed.warm.map((i) => i.version),
      ...(await listVersionImages(cfg.app, cfg.image, d.exec)).map((i) => i.version),
    ]),
  ].filter((v) => v !== first.observed.live?.version);
  if (!version) {
    throw new DeployError(
      `There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`,
      `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`,
    );
  }
  const warmOne = first.observed.warm.find((i) => i.version === version);
  const img = warmOne || first.observed.live?.version === version ? undefined : await findVersion(d, version);
  if (!warmOne && !img && first.observed.live?.version !== version) throw unknownVersion(cfg.image, version, await restorable());
  const lockImage = warmOne?.image ?? img?.imageId ?? first.observed.live!.image;

  await withLock(d, lockImage, async () => {
    // Read again under the lock: another run may have changed things while we waited.
    const { observed } = await observe(d, router);
    let remaining = await clearDebris(d, observed);
    const previous = observed.live;
    if (previous?.version === version) {
      log.info(`${version} is already live: nothing to do.`);
      await settle(d, remaining, previous, undefined, undefined, false);
      return;
    }
    let next = observed.warm.find((i) => i.version === version);
    if (next && !(await answers(next, cfg.verify.healthPath))) {
      log.warning(`The warm instance ${next.name} of ${version} does not answer: starting a fresh one instead.`);
      await d.runtime.remove([next.id]);
      remaining = remaining.filter((i) => i.id !== next!.id);
      next = undefined;
    }
    const resolved = next ? undefined : (img ?? (await resolveVersion(d.docker, cfg.image, version, { pull: false })));
    if (!next && !resolved) throw unknownVersion(cfg.image, version, await restorable());
    const what = {
      sha: next?.revision ?? resolved!.revision,
      version,
      digest: next?.digest ?? resolved!.digest,
      previousVersion: previous?.version,
      rollback: true,
    };
    await recorded(d, what, async () => {
      if (next) {
        log.info(`Rolling back to the warm instance ${next.name} of ${version}: one flip, no build, no pull.`);
      } else {
        log.info(`${version} is not running: starting a fresh instance from ${resolved!.imageId} and verifying it first.`);
        next = await launchAndVerify(resolved!, { cfg, runtime: d.runtime, log, report: d.report, runUrl: runUrl(d.ctx) });
      }
      let flipMs: number | undefined;
      try {
        flipMs = await flip(d, router, next);
      } catch (err) {
        // A fresh instance started for this rollback goes; a warm one stays warm.
        if (resolved) await d.runtime.remove([next.id]);
        throw new DeployError(`The flip back to ${version} failed: ${errorMessage(err)}${previous ? `\n${previous.version} is still live.` : ''}`);
      }
      await settle(d, resolved ? [...remaining, next] : remaining, next, previous, flipMs, false);
    });
  });
}

/** `<image>:<version>` on the target, else pulled from its registry (logging in when credentials are given). */
async function findVersion(d: ReleaseDeps, version: string): Promise<ResolvedImage | undefined> {
  const local = await resolveVersion(d.docker, d.cfg.image, version, { pull: false });
  if (local || !hasRegistry(d.cfg.image)) return local;
  await loginIfConfigured(d.cfg, d.docker, d.log);
  d.log.info(`${d.cfg.image}:${version} is not on the target: pulling it from the registry.`);
  return resolveVersion(d.docker, d.cfg.image, version, { pull: true, exec: d.exec });
}

async function answers(i: Instance, path: string): Promise<boolean> {
  try {
    const a = await request(instanceUrl(i) + path, 'GET', 2000);
    return a.status >= 200 && a.status < 400;
  } catch {
    return false;
  }
}

/** What runs and what can be restored. Changes nothing. */
export async function status(d: ReleaseDeps): Promise<VersionInfo[]> {
  const { cfg } = d;
  const router = await createRouter(cfg.router, { run: d.exec, log: d.log });
  const [{ observed }, images] = await Promise.all([observe(d, router), listVersionImages(cfg.app, cfg.image, d.exec)]);
  const versions: VersionInfo[] = [];
  const seen = new Set<string>();
  const add = async (i: Instance, state: VersionState) => {
    if (seen.has(i.version)) return;
    seen.add(i.version);
    const image = await d.docker.inspectImage(i.image);
    const created = image?.Config.Labels?.['org.opencontainers.image.created'] ?? image?.Created ?? '';
    versions.push({
      version: i.version,
      digest: i.digest,
      revision: i.revision,
      created,
      state,
      deployed: i.deployedAt,
      ...(i.runUrl ? { runUrl: i.runUrl } : {}),
    });
  };
  if (observed.live) await add(observed.live, 'live');
  for (const i of observed.warm) await add(i, 'warm');
  const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
  for (const i of inspected) {
    const r = await resolveVersion(d.docker, cfg.image, i.version, { pull: false });
    versions.push({ version: i.version, digest: r?.digest ?? '', revision: r?.revision ?? '', created: i.created, state: 'image-only' });
  }
  d.report.output('live-version', observed.live?.version ?? '');
  d.report.output('versions', JSON.stringify(versions));
  d.report.section(
    `### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
      table(
        ['state', 'version', 'commit', 'digest', 'built', 'instance started', 'started by'],
        versions.map((v) => [
          v.state,
          v.version,
          commitLink(d.ctx, v.revision),
          `\`${v.digest.slice(0, 19)}\``,
          v.created,
          v.deployed ?? '',
          runLink(v.runUrl),
        ]),
      ),
  );
  return versions;
}

/**
 * command: rollback — to a warm version: one flip (no build, no pull); to a version whose image is on the
 * host or in its registry: a fresh instance, verified, then the flip; to an unknown one: a clear failure.
 */
import { runUrl } from '../context.js';
import { DeployError, errorMessage } from '../errors.js';
import { createRouter } from '../routers/factory.js';
import { listVersionImages, resolveVersion, unknownVersion } from './images.js';
import { answers, clearDebris, findVersion, flip, observe, recorded, settle, withLock, type ReleaseDeps } from './steps.js';
import { launchAndVerify } from './verify.js';

export async function rollback(d: ReleaseDeps): Promise<void> {
  const { cfg, log } = d;
  const router = await createRouter(cfg.router, { run: d.exec, log });
  const first = await observe(d, router);
  const version = cfg.version ?? first.observed.warm[0]?.version;
  const restorable = async () => [
    ...new Set([
      ...first.observed.warm.map((i) => i.version),
      ...(await listVersionImages(cfg.app, cfg.image, d.engine)).map((i) => i.version),
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
    const resolved = next ? undefined : (img ?? (await resolveVersion(d.docker, cfg.image, version)));
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

/**
 * command: rollback — to a warm version: one switch of the whole pool (no build, no pull); to a version
 * whose image is on the targets or in its registry: a fresh pool, verified, then the switch; to an unknown
 * one: a clear failure. Every target is read first, so one that cannot be reached fails the rollback
 * before anything changes.
 */
import { runUrl } from '../context.js';
import { DeployError } from '../errors.js';
import type { VersionImage } from '../model.js';
import { unknownVersion } from './messages.js';
import { answers, checkCapacity, clearDebris, observe, recorded, runSpec, settle, switchOrUndo, withLock, withSpec, type ReleaseDeps } from './steps.js';
import { launchPool } from './verify.js';

export async function rollback(d: ReleaseDeps): Promise<void> {
  const { cfg, log, platform } = d;
  const replicas = cfg.run.replicas;
  const first = await observe(d);
  const version = cfg.version ?? first.observed.warm[0]?.version;
  const restorable = async () =>
    [...new Set([...first.observed.warm.map((p) => p.version), ...(await platform.listVersions()).map((i) => i.version)])].filter(
      (v) => v !== first.observed.live?.version,
    );
  if (!version) {
    throw new DeployError(
      `There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`,
      `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`,
    );
  }
  const warmOne = first.observed.warm.find((p) => p.version === version);
  const isLive = first.observed.live?.version === version;
  let img: VersionImage | undefined = warmOne || isLive ? undefined : await platform.findVersion(version);
  if (!warmOne && !img && !isLive) throw unknownVersion(cfg.image, version, await restorable());
  if (img) await platform.provide(img);
  const lockImage = warmOne?.instances[0]!.image ?? img?.imageId ?? first.observed.live!.instances[0]!.image;

  await withLock(d, lockImage, async () => {
    // Read again under the lock: another run may have changed things while we waited.
    const { observed } = await observe(d);
    let remaining = await clearDebris(d, observed);
    const previous = observed.live;
    if (previous?.version === version) {
      log.info(`${version} is already live: nothing to do.`);
      await settle(d, remaining, previous, undefined, undefined, false);
      return;
    }
    let next = observed.warm.find((p) => p.version === version);
    // A warm pool that cannot take the traffic (a host without an instance, an instance that does not answer) goes.
    const missing = next ? platform.targets.filter((t) => !next!.instances.some((i) => i.target === t.name)) : [];
    const why = !next
      ? undefined
      : missing.length
        ? `has no instance on ${missing.map((t) => t.name).join(', ')}`
        : (await answers(next, cfg.verify.healthPath))
          ? undefined
          : `(${next.instances.map((i) => i.name).join(', ')}) does not answer`;
    if (next && why) {
      log.warning(`The warm pool of ${version} ${why}: starting a fresh one instead.`);
      await platform.remove(next.instances);
      const gone = new Set(next.instances.map((i) => i.id));
      remaining = remaining.filter((i) => !gone.has(i.id));
      next = undefined;
    }
    if (!next && !img) {
      img = await platform.findVersion(version);
      if (img) await platform.provide(img);
    }
    if (!next && !img) throw unknownVersion(cfg.image, version, await restorable());
    const fresh = !next;
    const what = {
      sha: next?.instances[0]!.revision ?? img!.revision,
      version,
      digest: next?.instances[0]!.digest ?? img!.digest,
      previousVersion: previous?.version,
      rollback: true,
    };
    await recorded(d, what, async () => {
      if (next) {
        log.info(`Rolling back to the warm ${next.instances.length > 1 ? `pool of ${version} (${next.instances.length} instances)` : `instance ${next.instances[0]!.name} of ${version}`}: one flip, no build, no pull.`);
      } else {
        log.info(`${version} is not running: starting a fresh instance from ${img!.imageId} and verifying it first.`);
        await checkCapacity(d, platform.targets.length * replicas);
        await d.checkImage(img!);
        next = await launchPool(withSpec(img!, runSpec(cfg)), { cfg, platform, log, report: d.report, runUrl: runUrl(d.ctx), replicas });
      }
      const pool = next;
      const flipMs = await switchOrUndo(d, pool, fresh, (why) => `The flip back to ${version} failed: ${why}${previous ? `\n${previous.version} is still live.` : ''}`);
      await settle(d, fresh ? [...remaining, ...pool.instances] : remaining, pool, previous, flipMs, false);
    });
  });
}

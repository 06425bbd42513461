/**
 * command: rollback — undo the last flip, or go to a named version. To a warm version: one switch of the
 * whole pool (no build, no pull); to a version whose image is on the targets or in its registry: a fresh
 * pool, verified, then the switch; to an unknown one: a clear failure. Every setting not given explicitly
 * (router, port, health path, checks, env, limits, keep, ...) comes from the run specification the version
 * ran with. Every target is read first, so one that cannot be reached fails the rollback before anything changes.
 */
import { runUrl } from '../github/context.js';
import { DeployError } from '../support/errors.js';
import { formatAddress, type VersionImage } from '../core/model.js';
import { applySpec } from '../config/recorded.js';
import { missingSecretKeys } from '../core/run-spec.js';
import { defaultRollbackVersion, specOf } from '../core/history.js';
import { unknownVersion } from './messages.js';
import {
  checkCapacity,
  dropPending,
  observe,
  probe,
  recorded,
  refuseForeign,
  runSpec,
  settle,
  switchOrUndo,
  withLock,
  withRecordedSpec,
  withSpec,
  type ReleaseDeps,
} from './steps.js';
import { converge } from './converge.js';
import { blocked } from './gate.js';
import { launchPool } from './verify.js';
import { events, withEvents, type EventState } from './events.js';
import { checkIrreversible } from './migrate.js';

export async function rollback(given: ReleaseDeps): Promise<void> {
  const state: EventState = { version: given.cfg.version };
  // A failed rollback is announced (webhooks); on-failure-command is for deploys.
  const done = await withEvents(given, state, () => rollBack(given, state), false);
  if (done) await events(given).emit('rolled back', state);
}

/** Resolves to true when it flipped (false: the version was live already). */
async function rollBack(given: ReleaseDeps, state: EventState): Promise<boolean> {
  const { d: base, seen } = await withRecordedSpec(given);
  const replicas = base.cfg.run.replicas;
  if (!base.router)
    throw new DeployError(
      'command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back' +
        ' (and no deploy of this app and environment recorded one).',
      'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.',
    );
  const { log } = base;
  const first = await observe(base, false, seen);
  await refuseForeign(base, first);
  const { live } = first.observed;
  const version =
    given.cfg.version ??
    defaultRollbackVersion(first.records, live, first.observed.warm) ??
    // No flip records yet (instances from before they existed): the newest warm pool.
    (first.records.length === 0 ? first.observed.warm[0]?.version : undefined);
  // Only for a message, and listed once at most (every image of the engine: hundreds of ms on a full one).
  let listed: Promise<string[]> | undefined;
  const restorable = () =>
    (listed ??= base.platform
      .listVersions()
      .then((images) => [...new Set([...first.observed.warm.map((p) => p.version), ...images.map((i) => i.version)])].filter((v) => v !== live?.version)));
  if (!version) {
    throw new DeployError(
      `There is no previous version of ${base.cfg.app} in ${base.cfg.environment} to roll back to: ` +
        `${live ? `the flip that made ${live.version} live replaced nothing` : 'nothing is live'}.`,
      `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`,
    );
  }

  state.version = version;
  state.previousVersion = live?.version;
  // Going back past an irreversible version needs force and a reason (before anything changes).
  const forced = checkIrreversible(base, first.records, version);
  if (forced) state.reason = forced;

  // The settings of the version gone back to (explicit inputs win); the router stays the one that serves now.
  const spec = specOf(version, first.instances, first.records);
  const d: ReleaseDeps = spec ? { ...base, cfg: { ...applySpec(given.cfg, spec), router: base.cfg.router } } : base;
  const { cfg, platform } = d;
  const warmOne = first.observed.warm.find((p) => p.version === version);
  const isLive = live?.version === version;
  if (!warmOne && !isLive) {
    // A fresh pool needs the secrets the version ran with: say so before anything changes.
    const missing = spec ? missingSecretKeys(spec, cfg.run.secretEnv) : [];
    if (missing.length > 0)
      throw new DeployError(
        `${version} is not running, and a fresh instance of it needs the secret environment it ran with: ${missing.join(', ')} ` +
          `${missing.length > 1 ? 'are' : 'is'} not given. Nothing was changed.`,
        `Pass ${missing.length > 1 ? 'them' : 'it'} in secret-env (the reusable rollback workflow takes them as its secret-env secret), ` +
          `or roll back to a warm version: ${first.observed.warm.map((p) => p.version).join(', ') || 'none is warm'}.`,
      );
    if (!spec) log.warning(`No run specification is recorded for ${version}: its fresh instance starts with the inputs of this run.`);
  }
  let img: VersionImage | undefined = warmOne || isLive ? undefined : await platform.findVersion(version);
  if (!warmOne && !img && !isLive) throw unknownVersion(cfg.image, version, await restorable());
  if (img) await platform.provide(img);

  return withLock(d, async () => {
    // Read again under the lock: another run may have changed things while we waited.
    const { o, remaining, paused } = await converge(d);
    if (paused) throw blocked(d, paused, `command: rollback to ${version}`);
    await refuseForeign(d, o);
    const previous = o.observed.live;
    if (previous?.version === version) {
      log.info(`${version} is already live: nothing to do.`);
      await settle(d, remaining, previous, undefined, undefined, false);
      return false;
    }
    state.previousVersion = previous?.version;
    let next = o.observed.warm.find((p) => p.version === version);
    // A warm pool without an instance on every host cannot take the traffic: a fresh pool is started instead
    // (the incomplete one goes with retention, after the flip).
    const missing = next ? platform.targets.filter((t) => !next!.instances.some((i) => i.target === t.name)) : [];
    if (next && missing.length > 0) {
      log.warning(`The warm pool of ${version} has no instance on ${missing.map((t) => t.name).join(', ')}: starting a fresh one instead.`);
      next = undefined;
    }
    if (next) {
      const answer = await probe(next, cfg.verify.healthPath, platform);
      const at = next.instances.map((i) => (i.address ? formatAddress(i.address) : i.name)).join(', ');
      if (!answer.ok)
        throw new DeployError(
          `The warm ${next.instances.length > 1 ? 'pool' : 'instance'} ${next.instances.map((i) => i.name).join(', ')} of ${version} ` +
            `does not answer GET ${cfg.verify.healthPath} at ${at} (${answer.detail}): not flipping to it. It was left as it is ` +
            `(a rollback never removes a warm instance); ${previous ? `${previous.version} stays live` : 'nothing was live'}.`,
          `Look at its logs (docker logs ${next.instances[0]!.name}). Roll back to another version with "version", or remove it ` +
            `(docker rm -f ${next.instances.map((i) => i.name).join(' ')}) and re-run: ${version} then starts fresh, verified first.`,
        );
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
      reason: state.reason,
    };
    await recorded(d, what, async () => {
      if (next) {
        log.info(
          `Rolling back to the warm ${next.instances.length > 1 ? `pool of ${version} (${next.instances.length} instances)` : `instance ${next.instances[0]!.name} of ${version}`}: one flip, no build, no pull.`,
        );
      } else {
        log.info(`${version} is not running: starting a fresh instance from ${img!.imageId} and verifying it first.`);
        await checkCapacity(d, platform.targets.length * replicas);
        await d.checkImage(img!);
        next = await launchPool(withSpec(img!, runSpec(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: runUrl(d.ctx), replicas });
      }
      const pool = next;
      const flipMs = await d.report.timed('flip', () => switchOrUndo(d, pool, previous, fresh));
      const kept = await dropPending(d, o, pool);
      const gone = new Set(pool.instances.map((i) => i.id));
      await settle(d, [...remaining.filter((i) => !gone.has(i.id)), ...kept, ...pool.instances], pool, previous, flipMs, false);
    });
    return true;
  });
}

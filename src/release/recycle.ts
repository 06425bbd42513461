/**
 * command: recycle — phoenix servers: replace the live pool with a fresh pool of exactly the same digest
 * through the whole gate (image policy, launch, health, checks, acceptance, switch, retire), no build.
 * A server rebuilt often cannot drift for long, and each recycle proves the version can still be rebuilt
 * from its image alone.
 */
import { runUrl } from '../github/context.js';
import { describeDrift } from '../drift/assess.js';
import { checkDrift } from './drift.js';
import { DeployError } from '../support/errors.js';
import type { Pool, VersionImage } from '../core/model.js';
import { checkCapacity, observe, recorded, runSpec, settle, switchOrUndo, withLock, withRecordedSpec, withSpec, type ReleaseDeps } from './steps.js';
import { converge } from './converge.js';
import { blocked } from './gate.js';
import { launchPool } from './verify.js';
import { events, withEvents, type EventState } from './events.js';
import { checkFreeze } from './freeze.js';

/** Pure: the version image the live pool runs, from what its instances recorded when they started. */
export function liveImage(live: Pool, image: string, created: string): VersionImage {
  const i = live.instances[0]!;
  return { image, version: live.version, digest: i.digest, imageId: i.image, revision: i.revision, created };
}

export async function recycle(given: ReleaseDeps): Promise<void> {
  const state: EventState = {};
  await withEvents(given, state, () => recycleLive(given, state));
  await events(given).emit('succeeded', state);
}

async function recycleLive(given: ReleaseDeps, state: EventState): Promise<void> {
  // A freeze window refuses before anything starts (unless overridden).
  const override = checkFreeze(given);
  if (override) state.reason = override;
  // The settings the live version was deployed with (its recorded run spec), under the inputs given.
  const { d, seen } = await withRecordedSpec(given);
  const { cfg, log, platform } = d;
  const replicas = cfg.run.replicas;
  const first = await observe(d, false, seen);
  if (!first.observed.live)
    throw new DeployError(
      `Nothing of ${cfg.app} is live in ${cfg.environment}: there is nothing to recycle.`,
      'Deploy a version first (command: deploy).',
    );
  const known = (await platform.listVersions([first.observed.live.version]))[0];
  const img = liveImage(first.observed.live, cfg.image, known?.created ?? '');
  state.version = state.previousVersion = img.version;
  // The same bytes the live instances run, on every target; and the image policy as for any launch.
  await platform.provide(img);
  await d.checkImage(img);

  await withLock(d, async () => {
    const { o, remaining, paused } = await converge(d);
    if (paused) throw blocked(d, paused, 'command: recycle');
    const previous = o.observed.live;
    if (!previous || previous.version !== img.version)
      throw new DeployError(
        `While this run waited for the lock, ${previous ? `${previous.version} went live` : 'the live version went away'} instead of ${img.version}. Nothing was recycled.`,
        'Run recycle again: it replaces whatever is live then.',
      );
    const drift = await checkDrift(previous.instances, cfg.drift.writablePaths, platform);
    const drifted = [...drift.values()].filter((x) => x.drifted);
    if (drifted.length) log.warning(`Replacing instance(s) that drifted:\n${drifted.map(describeDrift).join('\n')}`, 'Snowflake replaced');
    // The fresh pool stands beside the live one until the switch: the balancer needs the slots for both.
    await checkCapacity(d, platform.targets.length * replicas);
    log.info(`Recycling ${img.version}: a fresh pool from ${img.imageId} replaces ${previous.instances.map((i) => i.name).join(', ')}.`);
    await events(d).emit('started', state);
    const what = { sha: img.revision, version: img.version, digest: img.digest, previousVersion: previous.version, rollback: false, reason: state.reason };
    await recorded(d, what, async () => {
      const next = await launchPool(withSpec(img, runSpec(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: runUrl(d.ctx), replicas });
      const flipMs = await switchOrUndo(d, next, previous, true);
      await settle(d, [...remaining, ...next.instances], next, previous, flipMs, false);
      d.report.section(
        `### Recycled ${img.version}\n\nFresh: ${next.instances.map((i) => `\`${i.name}\``).join(', ')}. ` +
          `Replaced and retired: ${previous.instances.map((i) => `\`${i.name}\`${drift.get(i.id)?.drifted ? ' (had drifted)' : ''}`).join(', ')}.`,
      );
    });
  });
}

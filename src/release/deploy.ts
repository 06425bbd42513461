/** command: deploy — build (or take an existing version), then launch → verify → switch → retire, under the lock. */
import { reportBuild } from '../build/index.js';
import type { VersionImage } from '../core/model.js';
import { commitLink, table } from '../github/summary.js';
import { unknownVersion } from './messages.js';
import { deliver, type Delivery } from './progressive.js';
import {
  checkCapacity,
  checkShares,
  dropPending,
  observe,
  recorded,
  refuseForeign,
  runSpec,
  settle,
  withLock,
  withSpec,
  type ReleaseDeps,
} from './steps.js';
import { converge } from './converge.js';
import { emitPaused, type PausedIntent } from './pause.js';
import { refusePaused } from './gate.js';
import { checkPreview, checkSticky, checkStrategy, checkWaves } from './capability.js';
import { maintenanceState } from '../core/history.js';
import { describeAllow } from '../core/maintenance.js';
import { openPreview } from './preview.js';
import { launchWithBaseline } from './baseline.js';
import { events, withEvents, type EventState } from './events.js';
import { checkFreeze } from './freeze.js';
import { checkReleaseCommand, releaseCommand } from './migrate.js';
import { deliverInWaves } from './waves.js';

export async function deploy(d: ReleaseDeps): Promise<void> {
  const state: EventState = { version: d.cfg.version };
  const paused = await withEvents(d, state, () => deployVersion(d, state));
  // Paused at a human gate: the release is not done; people are told how to go on.
  if (paused) return emitPaused(d, state, paused);
  // After the release (outside withEvents): a failing post-deploy-command fails the job, the release stays.
  await events(d).emit('succeeded', state);
}

/** Returns the pause the canary waits at, if it does (this run's, or the same version's a re-run found). */
async function deployVersion(d: ReleaseDeps, state: EventState): Promise<PausedIntent | undefined> {
  const { cfg, log, platform } = d;
  const replicas = cfg.run.replicas;
  // A freeze window refuses before anything is built (unless overridden: the reason goes everywhere).
  const override = checkFreeze(d);
  if (override) state.reason = override;
  // Canary steps need a router that can weigh: say so before anything is built or started.
  checkStrategy(cfg, d.router);
  // Waves need a balancer per host and a fleet; a balancer per host needs a platform that does not route itself.
  checkWaves(cfg, platform, d.router);
  checkReleaseCommand(d);
  // Too few balancer slots for the pool (canary steps serve the stable pool beside the new one), or a slot
  // that serves another app or environment: say so before anything is built or started.
  // (baseline: true adds a third pool of the canary's size.)
  await checkCapacity(d, platform.targets.length * replicas * (cfg.delivery.strategy === 'canary' ? (cfg.delivery.baseline ? 3 : 2) : 1));
  // Testers first and sticky users need the balancer's preview route and a hash: say so before anything starts.
  await checkPreview(cfg, d.router, platform, platform.targets.length * replicas);
  await checkSticky(cfg, d.router);
  const seen = await observe(d, true);
  await refuseForeign(d, seen);
  // Canary weights the balancer cannot give (HAProxy: whole server weights) refuse before anything is built.
  checkShares(d, seen.observed.live?.instances.length, platform.targets.length * replicas);
  let img: VersionImage;
  if (cfg.version === undefined) {
    const b = await d.report.timed('build', () => d.build());
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
    const found = await platform.findVersion(cfg.version);
    if (!found) throw unknownVersion(cfg.image, cfg.version, (await platform.listVersions()).map((i) => i.version));
    img = found;
    await d.checkImage(img);
    log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
    d.report.output('version', img.version);
    d.report.output('image', img.image);
    d.report.output('digest', img.digest);
    d.report.section(
      `### Deploying ${img.version} as built (no build)\n\n` +
        table(['', ''], [['Commit', commitLink(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]),
    );
  }
  // A canary paused at a human gate: another version fails here, before anything is started.
  refusePaused(d, seen.records, img.version, false);
  const version = withSpec(img, runSpec(cfg));
  state.version = img.version;
  // The bytes reach every target once, before the lock is taken (a pull under it would hold up other runs). In
  // waves, each wave's hosts get them when the wave starts (a version stopped in a wave never reaches later hosts).
  if (cfg.delivery.waves.length === 0) await d.report.timed('provide', () => platform.provide(version));

  return withLock(d, async () => {
    const { o, remaining, paused } = await converge(d);
    // Paused within its pause-timeout: the same version is this canary (a re-run changes nothing); another fails.
    if (paused && refusePaused(d, o.records, img.version)) return paused;
    await refuseForeign(d, o);
    const previous = o.observed.live;
    log.info(previous ? `Live now: ${previous.version} (${previous.instances.map((i) => i.name).join(', ')})` : 'Nothing of this app is live yet.');
    const closed = maintenanceState(o.records);
    if (closed?.on)
      log.info(`Maintenance mode is on (since ${closed.at}) and stays on: the new version serves only ${describeAllow(closed.allow)} until command: maintenance switches it off.`);
    state.previousVersion = previous?.version;
    await events(d).emit('started', state);
    const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false, reason: state.reason };
    // Testers first: the preview route, from verification to the end of the run (emptied however it ends).
    const preview = await openPreview(d, img.version);
    const delivery = await recorded(
      d,
      what,
      async () => {
        // Hosts with their own balancer, in waves: the same launch, verify and flip, one group of hosts at a time.
        if (cfg.delivery.waves.length > 0) {
          let waved: Awaited<ReturnType<typeof deliverInWaves>>;
          try {
            waved = await d.report.timed('waves', () => deliverInWaves(d, version, previous, replicas));
          } finally {
            await preview.close();
          }
          d.report.output('paused', 'false');
          const kept = await dropPending(d, o, waved.next);
          await settle(d, [...remaining, ...kept, ...waved.next.instances], waved.next, previous, waved.delivery.flipMs, true);
          return waved.delivery;
        }
        let launched: Awaited<ReturnType<typeof launchWithBaseline>>;
        let delivery: Delivery;
        try {
          launched = await launchWithBaseline(d, version, previous, replicas, preview.stage);
          const { next, baseline } = launched;
          // Migrations: once, after verification, before any traffic (a failure removes the new pool, and the baseline with it).
          await releaseCommand(d, version, next, previous).catch(async (err: unknown) => {
            if (baseline) await d.platform.remove(baseline.instances);
            throw err;
          });
          delivery = await d.report.timed(cfg.delivery.strategy === 'canary' && previous ? 'canary steps' : 'flip', () => deliver(d, next, previous, baseline));
        } finally {
          await preview.close();
        }
        // Paused at a human gate: nothing settles (the stable pool and the canary both serve) until promote or abort.
        if (delivery.paused) return delivery;
        d.report.output('paused', 'false');
        const { next } = launched;
        const kept = await dropPending(d, o, next);
        await settle(d, [...remaining, ...kept, ...next.instances], next, previous, delivery.flipMs, true);
        return delivery;
      },
      { open: (r) => !!r.paused },
    );
    return delivery.paused;
  });
}

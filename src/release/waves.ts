/**
 * Hosts with their own balancer, released in waves (issue 21 §6). `waves: 1, 50%, 100%` splits the fleet's
 * hosts into groups (src/core/waves.ts); the release walks them in order, and each wave is the one release
 * every platform uses, on its hosts only: launch and verify the pool's part on those hosts (verify.ts), flip
 * their balancers and bake for wave-bake-seconds judged by the configured metrics (progressive.ts deliver,
 * through the router of those hosts: Router.forHosts). The next wave starts only after the previous passed.
 * Before each wave a `wave` record names the hosts the run may flip (converge.ts flips back only those).
 * A failure: the failing wave goes back as any failed delivery does (its own undo), then the hosts of the
 * waves released before it are flipped back in one recorded shift (one flip per host), their new instances
 * go, and the hosts of later waves are never touched. The flip record is written once, by the last wave.
 */
import { runUrl } from '../github/context.js';
import { table } from '../github/summary.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { describeWave, planWaves } from '../core/waves.js';
import { poolAddresses, poolRef, type Pool, type Target, type Version, type WaveRecord } from '../core/model.js';
import type { Config } from '../config/types.js';
import type { Platform } from '../platforms/types.js';
import { allTo, type Router } from '../routers/types.js';
import { LockLostError } from '../platforms/lock.js';
import { fenceRouter } from './fence.js';
import { launchPool, newPoolId } from './verify.js';
import { releaseCommand } from './migrate.js';
import { deliver, keptMessage, type Delivery } from './progressive.js';
import { events } from './events.js';
import { drainAndRetire, recordHead, remember, RUN_ID, shiftRecorded, type ReleaseDeps } from './steps.js';

/** The router of some hosts of a router with one balancer per host (fenced by the held lock, as the whole one is). */
export function hostsRouter(d: Pick<ReleaseDeps, 'router' | 'held'>, hosts: readonly string[]): Router {
  const router = d.router;
  if (!router?.forHosts) throw new DeployError(`${router ? router.describe() : 'router "none"'} has no balancer per host.`);
  const scoped = router.forHosts(hosts);
  return d.held ? fenceRouter(scoped, d.held) : scoped;
}

/** The platform as one wave sees it: only its hosts are its targets (a pool launched there runs on them only). */
function onTargets(platform: Platform, targets: readonly Target[]): Platform {
  return new Proxy(platform, { get: (t, key, receiver): unknown => (key === 'targets' ? targets : Reflect.get(t, key, receiver)) });
}

/** The instances of `pool` on `hosts` (target names), or undefined when it has none there. */
function onHosts(pool: Pool | undefined, hosts: readonly string[]): Pool | undefined {
  if (!pool) return undefined;
  const instances = pool.instances.filter((i) => hosts.includes(i.target));
  return instances.length ? { ...pool, instances } : undefined;
}

/** A wave is blue-green on its hosts, judged for wave-bake-seconds (canary steps with waves are refused before anything starts). */
function waveConfig(cfg: Config): Config {
  return { ...cfg, delivery: { ...cfg.delivery, strategy: 'blue-green', steps: [100], pauses: [], bakeSeconds: cfg.delivery.waveBakeSeconds } };
}

/**
 * Release `version` in place of `previous` wave by wave. Returns the whole new pool (every wave's instances, one
 * pool id) and the last wave's flip time. Throws after a failure, once the released waves are back on `previous`.
 */
export async function deliverInWaves(d: ReleaseDeps, version: Version, previous: Pool | undefined, replicas: number): Promise<{ next: Pool; delivery: Delivery }> {
  const { cfg, log, report, platform } = d;
  const groups = planWaves(cfg.delivery.waves, platform.targets);
  const next: Pool = { id: newPoolId(version.version), version: version.version, instances: [] };
  const rows: string[][] = [];
  let flipMs: number | undefined;
  const hostsUpTo = (k: number) => groups.slice(0, k + 1).flatMap((g) => g.map((t) => t.name));
  log.info(`Releasing ${version.version} in ${groups.length} waves: ${groups.map((g, n) => describeWave(n, groups.length, g.map((t) => t.name))).join(', ')}`);
  for (const [index, targets] of groups.entries()) {
    const hosts = targets.map((t) => t.name);
    const label = describeWave(index, groups.length, hosts);
    const last = index === groups.length - 1;
    const stable = onHosts(previous, hosts);
    // Written before the wave changes anything: a run killed during it tells the next run which hosts it may have flipped.
    const record: WaveRecord = {
      kind: 'wave',
      ...recordHead(d),
      run: RUN_ID,
      next: poolRef(next),
      stable: previous ? poolRef(previous) : undefined,
      index,
      count: groups.length,
      hosts,
      released: hostsUpTo(index),
    };
    remember(d, await platform.writeRecords([record]));
    const view = onTargets(platform, targets);
    const wave: ReleaseDeps = { ...d, cfg: waveConfig(cfg), platform: view, router: hostsRouter(d, hosts), wave: { index, count: groups.length, last } };
    let part: Pool | undefined;
    try {
      log.info(`${label}: launching and verifying ${version.version}`);
      await platform.provide(version, targets);
      part = await launchPool(version, { cfg, platform: view, log, report, runUrl: runUrl(d.ctx), replicas, poolId: next.id });
      // Migrations: once, in the first wave, after verification, before any traffic.
      if (index === 0) await releaseCommand(wave, version, part, stable);
      const delivery = await deliver(wave, part, stable);
      next.instances.push(...part.instances);
      flipMs = delivery.flipMs;
      // The records this wave wrote (intents, results, the last wave's flip) join the run's.
      d.records = wave.records;
      rows.push([String(index + 1), hosts.join(', '), cfg.delivery.waveBakeSeconds > 0 ? `released, baked ${cfg.delivery.waveBakeSeconds}s` : 'released']);
      log.info(`${label}: ${version.version} serves on ${hosts.join(', ')}${last ? '' : '; the next wave starts'}`);
      if (!last) void events(d).emit('step', { version: version.version, previousVersion: previous?.version, detail: `${label}: released` });
    } catch (err) {
      d.records = wave.records;
      rows.push([String(index + 1), hosts.join(', '), `**failed**: ${errorMessage(err).split('\n')[0]}`]);
      for (const later of groups.slice(index + 1)) rows.push([String(groups.indexOf(later) + 1), later.map((t) => t.name).join(', '), 'not started']);
      report.section(`### Waves\n\n${table(['wave', 'hosts', 'result'], rows)}`);
      if (err instanceof LockLostError) throw err;
      const earlier = hostsUpTo(index - 1);
      const back = await flipBack(d, next, previous, earlier);
      const untouched = groups.slice(index + 1).flatMap((g) => g.map((t) => t.name));
      throw new DeployError(
        `${label} failed: ${errorMessage(err)}${back ? `\n${back}` : ''}${untouched.length ? `\nThe hosts of the later waves (${untouched.join(', ')}) were never touched.` : ''}`,
        undefined,
        { cause: err },
      );
    }
  }
  report.section(`### Waves\n\n${table(['wave', 'hosts', 'result'], rows)}`);
  return { next, delivery: { flipMs } };
}

/**
 * After a failed wave: the hosts of the waves released before it back to `previous` (one recorded shift; each of
 * their balancers flipped once), then the new instances there go (or stay, with keep-failed). Returns what
 * happened, for the error. Never throws: a failed shift back keeps the instances and says so.
 */
async function flipBack(d: ReleaseDeps, next: Pool, previous: Pool | undefined, hosts: readonly string[]): Promise<string> {
  if (hosts.length === 0) return '';
  if (!previous) return `Nothing was live before ${next.version}: the hosts of the earlier waves (${hosts.join(', ')}) keep serving it.`;
  const stable = onHosts(previous, hosts);
  const parts = next.instances.filter((i) => hosts.includes(i.target));
  if (!stable) return `${previous.version} has no instance on ${hosts.join(', ')}, so they keep serving ${next.version}.`;
  const router = hostsRouter(d, hosts);
  const to = allTo(poolAddresses(stable), stable.version);
  try {
    await shiftRecorded(d, { step: 'back', name: 'waves back', stable: previous, next, to, final: true }, () => router.shift(to));
  } catch (err) {
    return `Flipping the earlier waves' hosts (${hosts.join(', ')}) back to ${previous.version} failed too: ${errorMessage(err)}. Their ${next.version} instances were kept; fix the balancers and roll back (command: rollback).`;
  }
  d.log.info(`The earlier waves' hosts (${hosts.join(', ')}) serve ${previous.version} again.`);
  const said = `The hosts of the earlier waves (${hosts.join(', ')}) were flipped back to ${previous.version}`;
  if (d.cfg.verify.keepFailed) return `${said}. ${keptMessage(parts, d.platform.targets)}`;
  await drainAndRetire(d, parts);
  return `${said}; their ${next.version} instances were removed.`;
}

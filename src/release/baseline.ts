/**
 * baseline: true. A fresh pool of the stable version, the size of the canary pool, started and verified with
 * the canary (same checks, same acceptance command), given the canary's share in every step
 * (src/core/split.ts) so that each step compares the canary with a pool as new as itself over the same
 * window (src/analysis/compare.ts). It never becomes live: it goes when the run ends (success, abort,
 * failure, cancel), once the balancer gives it nothing. A run that does not get that far leaves it named in
 * its intent records; the next run's converge shifts everything back to the stable pool and removes it
 * (a verified pool that never served).
 */
import { runUrl } from '../github/context.js';
import { errorMessage } from '../support/errors.js';
import type { Pool, Version } from '../core/model.js';
import { poolShare } from '../core/plan.js';
import { launchPool, type PreviewStage } from './verify.js';
import { drainAndRetire, type ReleaseDeps } from './steps.js';

/** The stable pool's version as it runs (its image, digest and run spec), for a fresh pool of it. */
export function stableVersion(stable: Pool, image: string): Version | undefined {
  const first = stable.instances.find((i) => i.spec) ?? stable.instances[0];
  if (!first?.spec) return undefined;
  return {
    image: first.spec.image ?? image,
    version: stable.version,
    digest: first.digest,
    imageId: first.image,
    revision: first.revision,
    created: '',
    spec: first.spec,
  };
}

/** Whether this release gets a baseline: baseline: true, canary steps, a stable pool to copy. */
export function wantsBaseline(d: Pick<ReleaseDeps, 'cfg'>, stable: Pool | undefined): stable is Pool {
  const { delivery } = d.cfg;
  return !!delivery.baseline && !!stable && delivery.strategy === 'canary' && delivery.steps.some((s) => s < 100);
}

/**
 * Launch the canary pool and (baseline: true, with a stable pool) its baseline at once, both verified. When
 * either fails, the other goes too and the error is the first failure's.
 */
export async function launchWithBaseline(
  d: ReleaseDeps,
  version: Version,
  stable: Pool | undefined,
  replicas: number,
  /** Testers first (preview-header): the new pool's preview route; never the baseline's. */
  preview?: PreviewStage,
): Promise<{ next: Pool; baseline: Pool | undefined }> {
  const ctx = { cfg: d.cfg, platform: d.platform, log: d.log, report: d.report, runUrl: runUrl(d.ctx), replicas };
  const nextCtx = { ...ctx, preview };
  if (!wantsBaseline(d, stable)) return { next: await launchPool(version, nextCtx), baseline: undefined };
  const copy = stableVersion(stable, d.cfg.image);
  if (!copy) {
    d.log.warning(`${stable.version} has no recorded run specification (an instance from an older release), so no baseline can be started from it: the canary is judged on its own numbers.`);
    return { next: await launchPool(version, nextCtx), baseline: undefined };
  }
  d.log.info(`baseline: starting a fresh pool of ${stable.version} (${replicas} per target, as the canary) beside ${version.version}`);
  const [next, baseline] = await Promise.allSettled([launchPool(version, nextCtx), launchPool(copy, ctx)]);
  if (next.status === 'fulfilled' && baseline.status === 'fulfilled') return { next: next.value, baseline: baseline.value };
  // The pool that did come up goes (it never served).
  const up = [next, baseline].flatMap((r) => (r.status === 'fulfilled' ? r.value.instances : []));
  if (up.length) await d.platform.remove(up);
  const failed: unknown = next.status === 'rejected' ? next.reason : (baseline as PromiseRejectedResult).reason;
  if (next.status === 'fulfilled') d.log.error(`The baseline pool of ${stable.version} failed its verification; ${version.version} was removed with it.`);
  throw failed;
}

/**
 * The end of a delivery's baseline: `end()` removes it (drained, then stopped) once the balancer gives it
 * nothing; when the balancer cannot be read or still gives it traffic (a shift back that failed), it stays and
 * the log says so: the next run converges (its intent names the baseline). Never throws.
 */
export function baselineEnd(d: ReleaseDeps, baseline: Pool | undefined): { pool: Pool | undefined; end(): Promise<void> } {
  return {
    pool: baseline,
    end: async () => {
      if (!baseline) return;
      try {
        const share = d.router ? poolShare(baseline, await d.router.current()) : 0;
        if (share > 0) {
          d.log.warning(
            `The baseline pool of ${baseline.version} (${baseline.instances.map((i) => i.name).join(', ')}) still gets ${Math.round(share * 10) / 10}% of the traffic, so it stays: ` +
              'the next deploy, rollback or recycle shifts everything back to the stable pool and removes it.',
          );
          return;
        }
        await drainAndRetire(d, baseline.instances);
        d.log.info(`The baseline pool of ${baseline.version} was removed.`);
      } catch (err) {
        d.log.warning(`The baseline pool of ${baseline.version} could not be removed (${errorMessage(err)}): the next deploy removes it (it never served).`);
      }
    },
  };
}

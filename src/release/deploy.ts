/** command: deploy — build (or take an existing version), then launch → verify → flip → retire, under the lock. */
import { build, reportBuild } from '../build.js';
import { runUrl } from '../context.js';
import { DeployError, errorMessage } from '../errors.js';
import { commitLink, table } from '../report.js';
import { createRouter } from '../routers/factory.js';
import { listVersionImages, unknownVersion, type ResolvedImage } from './images.js';
import { clearDebris, findVersion, flip, observe, recorded, settle, withLock, type ReleaseDeps } from './steps.js';
import { launchAndVerify } from './verify.js';

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
      const known = (await listVersionImages(cfg.app, cfg.image, d.engine)).map((i) => i.version);
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

/**
 * Runs one command (build, deploy, rollback, status) over the typed config. Each command's code is
 * loaded when it runs (a separate chunk of the bundle), so the action's start-up compiles only the
 * input reader and what the command needs.
 */
import type { Config } from './config.js';
import { readContext } from './context.js';
import { Docker } from './docker/client.js';
import { run } from './exec.js';
import type { Log } from './log.js';
import type { Report } from './report.js';

export async function execute(cfg: Config, report: Report, log: Log): Promise<void> {
  const docker = new Docker(run);
  // Only a build needs to know the commit; rollback and status work anywhere.
  const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
  const ctx = await readContext(cfg.build.context, building);
  if (cfg.command === 'build') {
    const { build, reportBuild } = await import('./build.js');
    reportBuild(await build(cfg, ctx, docker, log, report), ctx, report);
    return;
  }
  const [release, { DockerPlatform, localTarget }, { createRouter }] = await Promise.all([
    import('./release/index.js'),
    import('./platform/docker/index.js'),
    import('./routers/factory.js'),
  ]);
  const forConfig = async (c: Config) => {
    const platform = new DockerPlatform(c, [localTarget(c.run.upstreamHost)], log, run);
    return { platform, router: platform.routes ?? (await createRouter(c.router, { run, log })) };
  };
  const { platform, router } = await forConfig(cfg);
  const build = async () => (await import('./build.js')).build(cfg, ctx, docker, log, report);
  // Versions are found or built on the runner's engine: the policy inspects them there.
  const checkImage = async (img: { imageId: string; version: string }) =>
    (await import('./policy/check.js')).policyGate(cfg.policy, docker, img.imageId, img.version, log, report);
  const deps = { cfg, ctx, platform, router, forConfig, build, checkImage, log, report };
  switch (cfg.command) {
    case 'deploy':
      return release.deploy(deps);
    case 'rollback':
      return release.rollback(deps);
    case 'recycle':
      return release.recycle(deps);
    case 'status':
      await release.status(deps);
      return;
  }
}

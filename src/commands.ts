/** Runs one command (build, deploy, rollback, status) over the typed config. */
import { build, reportBuild } from './build.js';
import type { Config } from './config.js';
import { readContext } from './context.js';
import { Docker } from './docker/client.js';
import { DeployError } from './errors.js';
import { run } from './exec.js';
import type { Log } from './log.js';
import { deploy, rollback, status, type ReleaseDeps } from './release/release.js';
import type { Report } from './report.js';
import { DockerRuntime } from './runtime/docker.js';

export async function execute(cfg: Config, report: Report, log: Log): Promise<void> {
  const docker = new Docker(run);
  // Only a build needs to know the commit; rollback and status work anywhere.
  const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
  const ctx = await readContext(cfg.build.context, building);
  if (cfg.command === 'build') {
    reportBuild(await build(cfg, ctx, docker, log), ctx, report);
    return;
  }
  const deps: ReleaseDeps = { cfg, ctx, docker, runtime: new DockerRuntime(run), exec: run, log, report };
  switch (cfg.command) {
    case 'deploy':
      return deploy(deps);
    case 'rollback':
      if (cfg.router.kind === 'none')
        throw new DeployError(
          'command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back.',
          'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.',
        );
      return rollback(deps);
    case 'status':
      await status(deps);
      return;
  }
}

/**
 * Runs one command (build, deploy, rollback, status) over the typed config. Each command's code is
 * loaded when it runs (a separate chunk of the bundle), so the action's start-up compiles only the
 * input reader and what the command needs.
 */
import type { Config } from './config.js';
import { readContext } from './context.js';
import { Docker } from './docker/client.js';
import { closeEngines, engineFor, type Engine } from './docker/engine.js';
import { DeployError } from './errors.js';
import { run } from './exec.js';
import type { Log } from './log.js';
import type { Report } from './report.js';

export async function execute(cfg: Config, report: Report, log: Log): Promise<void> {
  try {
    await executeOn(engineFor(), cfg, report, log);
  } finally {
    closeEngines();
  }
}

async function executeOn(engine: Engine, cfg: Config, report: Report, log: Log): Promise<void> {
  const docker = new Docker(engine, run);
  // Only a build needs to know the commit; rollback and status work anywhere.
  const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
  const ctx = await readContext(cfg.build.context, building);
  if (cfg.command === 'build') {
    const { build, reportBuild } = await import('./build.js');
    reportBuild(await build(cfg, ctx, docker, log), ctx, report);
    return;
  }
  if (cfg.command === 'rollback' && cfg.router.kind === 'none')
    throw new DeployError(
      'command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back.',
      'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.',
    );
  const [release, { DockerRuntime }] = await Promise.all([import('./release/index.js'), import('./runtime/docker.js')]);
  const deps = { cfg, ctx, docker, engine, runtime: new DockerRuntime(engine), exec: run, log, report };
  switch (cfg.command) {
    case 'deploy':
      return release.deploy(deps);
    case 'rollback':
      return release.rollback(deps);
    case 'status':
      await release.status(deps);
      return;
  }
}

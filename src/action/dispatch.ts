/**
 * Runs one command (build, deploy, rollback, recycle, status) over the typed config: the platform of the
 * runtime (Docker engines or a Kubernetes namespace) and its router (the configured one, or the platform's
 * own) go to the one release (src/release/); nothing branches per runtime beyond choosing the platform.
 * Each command's code is loaded when it runs (a separate chunk of the bundle), so the action's start-up
 * compiles only the input reader and what the command needs.
 */
import type { Config } from '../config/types.js';
import type { Platform } from '../platforms/types.js';
import { readContext, runUrl } from '../github/context.js';
import { Docker } from '../drivers/docker/client.js';
import { closeEngines, engineFor, traceEngines } from '../drivers/docker/engine.js';
import { closeSshConnections } from '../drivers/ssh/index.js';
import { run } from '../support/exec.js';
import type { Log } from '../support/log.js';
import type { Report } from '../github/summary.js';

export async function execute(cfg: Config, report: Report, log: Log): Promise<void> {
  // With debug logging, every engine call is traced (method, path, status, time; never a body).
  traceEngines(log.debug);
  try {
    await executeCommand(cfg, report, log);
  } finally {
    // The engines' connections (one each, kept for the run) must not keep the process alive.
    closeEngines();
    closeSshConnections();
  }
}

async function executeCommand(cfg: Config, report: Report, log: Log): Promise<void> {
  // The runner's own engine (DOCKER_HOST / DOCKER_CONTEXT): builds and pulls land there. Its connection
  // opens while the command's code loads.
  const local = engineFor();
  // On Kubernetes the client (the largest chunk) loads first, and talks to the API server (connections,
  // discovery) while the rest of the command's code loads.
  const kube =
    cfg.command !== 'build' && cfg.runtime.kind === 'kubernetes'
      ? import('../platforms/kubernetes/index.js').then((m) => {
          m.warmCluster(cfg, log);
          return m;
        })
      : undefined;
  kube?.catch(() => undefined); // a failure shows where the platform is made
  if (cfg.command !== 'build' && cfg.runtime.kind !== 'kubernetes') {
    local.warm();
    // Every host of a fleet will be asked: connect to all of them now, in parallel (an ssh handshake
    // each), while the command's code loads.
    for (const h of cfg.run.hosts) engineFor(h.endpoint).warm();
  }
  const docker = new Docker(local, run);
  // Only a build needs to know the commit; rollback and status work anywhere.
  const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
  const ctx = await readContext(cfg.build.context, building);
  if (cfg.command === 'build') {
    const { build, reportBuild } = await import('../build/index.js');
    reportBuild(await build(cfg, ctx, docker, log, report), ctx, report);
    return;
  }
  const build = async () => (await import('../build/index.js')).build(cfg, ctx, docker, log, report);
  // Versions are found or built on the runner's engine: the policy inspects them there.
  const checkImage = async (img: { imageId: string; version: string }) =>
    (await import('../policy/check.js')).policyGate(cfg.policy, docker, img.imageId, img.version, log, report);
  const [release, { DockerPlatform, localTarget }, { targetsOf }, { createRouter }] = await Promise.all([
    import('../release/index.js'),
    import('../platforms/docker/index.js'),
    import('../platforms/docker/hosts.js'),
    import('../routers/factory.js'),
  ]);
  // The platform of a config: Docker engines, or a Kubernetes namespace (its client a chunk of its own,
  // loaded only then; versions are built and found on the runner's engine, which it is given: made when
  // first asked, so a run that needs no image, a warm rollback, never opens that engine).
  const platformFor = async (c: Config): Promise<Platform> => {
    if (c.runtime.kind !== 'kubernetes') return new DockerPlatform(c, targetsOf(c.run.hosts, c.run.upstreamHost), log, run);
    const { KubernetesPlatform } = await (kube ?? import('../platforms/kubernetes/index.js'));
    let images: InstanceType<typeof DockerPlatform> | undefined;
    const runner = () => (images ??= new DockerPlatform(c, [localTarget('127.0.0.1')], log, run));
    return new KubernetesPlatform(
      c,
      {
        findVersion: (v) => runner().findVersion(v),
        listVersions: (only) => runner().listVersions(only),
        removeVersions: (refs) => runner().removeVersions(refs),
      },
      log,
    );
  };
  const forConfig = async (c: Config) => {
    const platform = await platformFor(c);
    // Pools on other engines (a fleet): the runner's own engine keeps a `home` record saying where they are.
    // A cluster keeps its own records (the workflow names it: runtime, kube-namespace, kubeconfig).
    const remote = c.runtime.kind === 'docker' && platform.targets[0]!.endpoint !== undefined;
    const home = remote ? new DockerPlatform(c, targetsOf([], c.run.upstreamHost), log, run) : undefined;
    return { platform, router: platform.routes ?? (await createRouter(c.router, { run, log }, c.runtime.kind === 'kubernetes' ? [] : c.run.hosts)), home };
  };
  const { platform, router, home } = await forConfig(cfg);
  // The release's events (webhooks, hooks on the runner): loaded only when the workflow asks for them.
  const { ops } = cfg;
  const wanted = ops.webhooks.length > 0 || !!(ops.hooks.postDeploy || ops.hooks.onFailure || ops.hooks.onRollback);
  const notify = wanted ? (await import('../notify/index.js')).createNotifier(cfg, runUrl(ctx), log) : undefined;
  const deps = { cfg, ctx, platform, router, home, forConfig, build, checkImage, log, report, notify };
  try {
    switch (cfg.command) {
      case 'deploy':
        return await release.deploy(deps);
      case 'rollback':
        return await release.rollback(deps);
      case 'recycle':
        return await release.recycle(deps);
      case 'status':
        await release.status(deps);
        return;
      case 'promote':
        return await release.promote(deps);
      case 'abort':
        return await release.abort(deps);
      case 'maintenance':
        await release.maintenance(deps);
        return;
    }
  } finally {
    // Notifications still under way (each bounded by its timeout and retries) go out before the run ends.
    await notify?.flush();
  }
}

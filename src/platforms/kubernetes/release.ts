/**
 * runtime: kubernetes — the same gate, flip and warm rollback on a cluster, with nothing installed
 * in it. Per version a Deployment; the production Service's selector is the router.
 *
 *   deploy:   build (or take the version) -> Deployment (+ Secret) -> rolled out (fail fast) ->
 *             preview Service -> health, checks, acceptance through it -> selector change ->
 *             endpoints hold only the new pods -> keep `keep` previous scaled up, delete older
 *   rollback: (scale back up and wait, if needed) -> one selector change
 *   status:   read from the cluster
 * All of it under a Lease per app and environment.
 */
import type { V1Service } from '@kubernetes/client-node';
import { runChecks } from '../../verify/checks.js';
import { runAcceptanceCommand } from '../../verify/command.js';
import { request, describeFetchError } from '../../support/http.js';
import { reportBuild, type BuildResult } from '../../build/index.js';
import type { Config, KubernetesConfig } from '../../config/types.js';
import { runUrl, type GitContext } from '../../github/context.js';
import { DeployError, errorMessage } from '../../support/errors.js';
import { onInterrupt } from '../../support/interrupt.js';
import type { Log } from '../../support/log.js';
import { codeBlock, commitLink, table, type Report } from '../../github/summary.js';
import type { VersionImage } from '../../core/model.js';
import { holding, recorded, runLink } from '../../release/steps.js';
import { allTo } from '../../routers/types.js';
import { connect, KINDS, type Cluster } from './cluster.js';
import { KubeLeaseStore } from './lease.js';
import { acquireLock, type HeldLock } from '../lock.js';
import { K, leaseName, versionNames, versionSelector, type VersionSpec } from './manifests.js';
import { forwardToService } from './proxy.js';
import { annotate, createVersion, deleteVersion, markVerified, podDiagnostics, RolloutFailed, scale, versionPods, waitRolledOut } from './launch.js';
import { readyPodIps } from './rollout.js';
import { ServiceRouter } from './router.js';
import { pointService } from './service.js';
import { observe, type KubeObserved, type KubeVersion } from './state.js';
import { setTimeout as sleep } from 'node:timers/promises';

export interface KubeDeps {
  cfg: Config;
  ctx: GitContext;
  /** Builds the image of this commit on the runner (the image policy included). */
  build: () => Promise<BuildResult>;
  /** `<image>:<version>` on the runner's engine or in its registry (pulled). */
  findVersion: (version: string) => Promise<VersionImage | undefined>;
  /** The image policy on an existing version's image (throws in enforce mode). */
  checkImage: (img: VersionImage) => Promise<void>;
  log: Log;
  report: Report;
  /** The deploy lock while it is held (set by withLease): checked before the selector changes. */
  held?: HeldLock | undefined;
}


function kubeConfig(cfg: Config): KubernetesConfig {
  if (cfg.runtime.kind !== 'kubernetes') throw new Error('not runtime: kubernetes');
  return cfg.runtime;
}

/** How long a flip may wait for the endpoints controller. */
const ENDPOINTS_TIMEOUT_MS = 60_000;

/** The in-cluster address of the production Service. */
function serviceUrl(k: KubernetesConfig, port: number): string {
  return `http://${k.service}.${k.namespace}.svc:${port}`;
}

async function withLease<T>(d: KubeDeps, cluster: Cluster, fn: () => Promise<T>): Promise<T> {
  const { cfg } = d;
  const store = new KubeLeaseStore(cluster, leaseName(cfg.app, cfg.environment), { [K.app]: cfg.app, [K.environment]: cfg.environment });
  return holding(() => acquireLock(store, { runUrl: runUrl(d.ctx), timeoutSec: cfg.release.lockTimeoutSec, log: d.log }), fn, d);
}

/** What the cluster's nodes start: the pushed manifest by digest, else the local image id (nodes sharing this engine). */
export function clusterImage(img: Pick<VersionImage, 'image' | 'digest' | 'imageId'>): string {
  return img.digest.startsWith('sha256:') && img.digest !== img.imageId ? `${img.image}@${img.digest}` : img.imageId;
}

async function resolveImage(d: KubeDeps): Promise<VersionImage> {
  const { cfg } = d;
  if (cfg.version === undefined) {
    const b = await d.build();
    reportBuild(b, d.ctx, d.report);
    return { image: b.image, version: b.version, digest: b.digest, imageId: b.imageId, revision: d.ctx.sha, created: b.labels['org.opencontainers.image.created'] ?? '' };
  }
  const found = await d.findVersion(cfg.version);
  if (!found)
    throw new DeployError(
      `There is no image ${cfg.image}:${cfg.version} on this runner or in its registry.`,
      'Build and push it first (command: build, push: true), or deploy without "version" to build it here.',
    );
  await d.checkImage(found);
  d.report.output('version', found.version);
  d.report.output('image', found.image);
  d.report.output('digest', found.digest);
  return found;
}

async function clearDebris(d: KubeDeps, cluster: Cluster, observed: KubeObserved): Promise<void> {
  if (observed.debris.length === 0) return;
  d.log.info(`Removing ${observed.debris.length} leftover deployment(s) that were never verified: ${observed.debris.map((v) => v.name).join(', ')}`);
  for (const v of observed.debris) await deleteVersion(cluster, v);
}

export async function deploy(d: KubeDeps): Promise<void> {
  const { cfg, log } = d;
  const k = kubeConfig(cfg);
  const img = await resolveImage(d);
  const image = clusterImage(img);
  if (image === img.imageId)
    log.warning(
      `${cfg.image}:${img.version} is not in a registry: the pods start from the image id ${img.imageId}, which only nodes sharing this runner's Docker engine have. ` +
        'For a real cluster set push: true and an image in a registry the nodes can pull from.',
    );
  const cluster = connect(k);
  const spec: VersionSpec = {
    app: cfg.app,
    environment: cfg.environment,
    namespace: k.namespace,
    service: k.service,
    version: img.version,
    image,
    digest: img.digest,
    revision: img.revision,
    runUrl: runUrl(d.ctx),
    deployedAt: new Date().toISOString(),
    replicas: cfg.run.replicas,
    port: cfg.run.port,
    healthPath: cfg.verify.healthPath,
    env: cfg.run.env,
    secretEnvNames: Object.keys(cfg.run.secretEnv),
    memory: cfg.run.memory,
    cpus: cfg.run.cpus,
    readOnly: cfg.run.readOnly,
    tmpfs: cfg.run.tmpfs,
    progressDeadlineSec: cfg.verify.healthTimeoutSec,
    stopTimeoutSec: cfg.release.stopTimeoutSec,
  };
  versionSelector(spec.app, spec.environment, spec.version); // refuses names a label cannot hold, before anything changes

  await withLease(d, cluster, async () => {
    const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
    await clearDebris(d, cluster, observed);
    const previous = observed.live;
    log.info(previous ? `Live now: ${previous.version} (deployment ${previous.name})` : `Service ${k.service} serves nothing of ${cfg.app} yet.`);
    if (previous?.version === img.version) {
      log.info(`${img.version} is already live: nothing to do.`);
      await settle(d, cluster, observed, previous, undefined, undefined);
      return;
    }
    // A warm copy of the same version is replaced by a fresh one, verified again.
    const same = observed.warm.find((v) => v.version === img.version);
    if (same) await deleteVersion(cluster, same);
    const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
    await recorded(d, what, async () => {
      const next = await launchAndVerify(d, cluster, spec);
      let flipMs: number;
      try {
        flipMs = await flip(d, cluster, next.version, next.pods);
      } catch (err) {
        await deleteVersion(cluster, next.v);
        throw new DeployError(
          `The flip to ${next.version} failed: ${errorMessage(err)}\nIts deployment was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`,
        );
      }
      const after = { ...observed, warm: observed.warm.filter((v) => v.version !== img.version) };
      await settle(d, cluster, after, next.v, previous, flipMs);
    });
  });
}

interface Verified {
  version: string;
  v: KubeVersion;
  pods: Awaited<ReturnType<typeof waitRolledOut>>;
}

async function launchAndVerify(d: KubeDeps, cluster: Cluster, spec: VersionSpec): Promise<Verified> {
  const { cfg, log, report } = d;
  const k = kubeConfig(cfg);
  const started = Date.now();
  const v = await log.group(`Create deployment ${versionNames(spec.app, spec.environment, spec.version, spec.service).deployment} (${spec.replicas} replica${spec.replicas > 1 ? 's' : ''})`, async () => {
    const created = await createVersion(cluster, spec, cfg.run.secretEnv);
    log.info(`Created deployment ${created.name} from ${spec.image}`);
    return created;
  });
  const steps: string[][] = [];
  const forget = onInterrupt(() => deleteVersion(cluster, v));
  let pods: Verified['pods'] = [];
  try {
    pods = await log.group(`Wait until ${v.name} is rolled out`, () => waitRolledOut(cluster, v, cfg.verify.healthTimeoutSec, log));
    steps.push(['rollout', `${pods.length} of ${spec.replicas} pods ready`, 'pass', `${Date.now() - started} ms`]);
    const preview = versionNames(spec.app, spec.environment, spec.version, spec.service).preview;
    await log.group(`Point preview Service ${preview} at ${spec.version}`, async () => {
      const existing = await cluster.read<V1Service>(KINDS.service, preview);
      await pointService(cluster, preview, existing, { app: spec.app, environment: spec.environment, version: spec.version, port: spec.port, ips: readyPodIps(pods) }, 'preview', ENDPOINTS_TIMEOUT_MS);
    });
    const forwarder = k.previewUrl ? undefined : await forwardToService(cluster, preview, 'http');
    const url = (k.previewUrl ?? forwarder!.url).replace(/\/$/, '');
    log.info(k.previewUrl ? `Verifying through preview-url ${url}` : `Verifying through the API server's service proxy for ${preview} (forwarded at ${url})`);
    try {
      const health = await waitAnswers(url + cfg.verify.healthPath, 30_000);
      steps.push(['health', `GET ${cfg.verify.healthPath} through ${k.previewUrl ? 'preview-url' : `service ${preview}`}`, 'pass', `${health} ms`]);
      if (cfg.verify.checks.length > 0) {
        const results = await log.group('Built-in checks', () => runChecks(url, cfg.verify.checks));
        for (const r of results) {
          log.info(`${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
          steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length > 0) {
          for (const f of failed) log.error(`${f.check}: ${f.detail}`, 'Check failed');
          throw new DeployError(`${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`);
        }
      }
      if (cfg.verify.acceptanceCommand) {
        const outcome = await log.group('Acceptance command', () =>
          runAcceptanceCommand(
            cfg.verify.acceptanceCommand!,
            { TARGET_URL: url, VERSION: spec.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: spec.digest },
            cfg.verify.acceptanceTimeoutSec,
          ),
        );
        const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
        steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
        if (!outcome.ok) throw new DeployError(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
      }
    } finally {
      await forwarder?.close();
    }
    await markVerified(cluster, v);
    forget();
    report.section(`### Verified ${spec.version} in ${Date.now() - started} ms\n\n${table(['step', 'what', 'result', 'detail'], steps)}`);
    return { version: spec.version, v, pods };
  } catch (err) {
    forget();
    const diag = await podDiagnostics(cluster, cfg.verify.logLines, err instanceof RolloutFailed ? err.pods : pods.length ? pods : await versionPods(cluster, v).catch(() => []));
    report.section(
      `### ${spec.version} failed verification\n\n${steps.length ? table(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}` +
        `${codeBlock(errorMessage(err))}\n\n${codeBlock(diag || '(no pods)')}`,
    );
    if (cfg.verify.keepFailed) log.warning(`keep-failed: leaving deployment ${v.name} in place for debugging; the Service does not select it.`);
    else await deleteVersion(cluster, v);
    throw new DeployError(
      `${errorMessage(err)}\nService ${k.service} was not changed.${cfg.verify.keepFailed ? '' : ` Deployment ${v.name} was removed.`}\n${diag}`,
    );
  }
}

/** GET until it answers 2xx/3xx (the service proxy may answer 503 for a moment after endpoints change). */
async function waitAnswers(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    let last: string;
    try {
      const a = await request(url, 'GET', 5000);
      if (a.status >= 200 && a.status < 400) return Date.now() - started;
      last = `answered ${a.status}: ${a.body.slice(0, 200)}`;
    } catch (err) {
      last = describeFetchError(err);
    }
    if (Date.now() - started > timeoutMs) throw new DeployError(`GET ${url} did not answer 2xx/3xx within ${timeoutMs / 1000}s (last: ${last}).`);
    await sleep(200);
  }
}

/** The selector change through the Service's Router; returns its wall time (until the endpoints hold only the new pods). */
async function flip(d: KubeDeps, cluster: Cluster, version: string, pods: Verified['pods']): Promise<number> {
  const k = kubeConfig(d.cfg);
  const router = new ServiceRouter(cluster, k.service, d.cfg.app, d.cfg.environment, d.cfg.run.port, ENDPOINTS_TIMEOUT_MS);
  const addresses = readyPodIps(pods).map((host) => ({ host, port: d.cfg.run.port }));
  // A run whose lock was taken over (its renewals failed) changes nothing.
  d.held?.check();
  const started = performance.now();
  await d.log.group(`Point ${router.describe()} at ${version}`, () => router.shift(allTo(addresses, version)));
  const ms = Math.round(performance.now() - started);
  d.log.info(`Service ${k.service} now sends traffic to ${version} only (${pods.length} pods; flip took ${ms} ms)`);
  return ms;
}

/** After a flip: keep `keep` previous versions scaled up, delete the rest; outputs and summary. */
async function settle(
  d: KubeDeps,
  cluster: Cluster,
  observed: KubeObserved,
  live: KubeVersion,
  previous: KubeVersion | undefined,
  flipMs: number | undefined,
): Promise<void> {
  const { cfg, log, report } = d;
  const k = kubeConfig(cfg);
  if (previous && previous.name !== live.name) {
    const now = new Date().toISOString();
    await annotate(cluster, previous.name, K.liveUntil, now);
    previous = { ...previous, liveUntil: now };
  }
  const others = [...(previous && previous.name !== live.name ? [previous] : []), ...observed.warm.filter((v) => v.name !== live.name && v.name !== previous?.name)];
  const warm = others.slice(0, cfg.release.keep);
  const retire = others.slice(cfg.release.keep);
  if (retire.some((v) => v.name === previous?.name) && cfg.release.drainSeconds > 0) {
    log.info(`Draining ${previous!.name} for ${cfg.release.drainSeconds}s before deleting it`);
    await sleep(cfg.release.drainSeconds * 1000);
  }
  for (const v of retire) await deleteVersion(cluster, v);
  if (retire.length) log.info(`Retired: ${retire.map((v) => `${v.version} (deployment ${v.name})`).join(', ')}`);

  report.output('version', live.version);
  report.output('digest', live.digest);
  report.output('live-version', live.version);
  report.output('previous-version', previous && previous.name !== live.name ? previous.version : '');
  report.output('url', serviceUrl(k, cfg.run.port));
  const row = (state: string, v: KubeVersion) => [state, v.version, commitLink(d.ctx, v.revision), `deployment ${v.name}`, v.deployedAt, runLink(v.runUrl)];
  const back = warm[0]?.version;
  report.section(
    `### Live: ${live.version} on Service ${k.service}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
      table(['state', 'version', 'commit', 'instances', 'started', 'started by'], [row('live', live), ...warm.map((v) => row('warm', v)), ...retire.map((v) => row('retired', v))]) +
      (back ? `\n\nRoll back with one selector change: \`command: rollback\` with \`version: ${back}\` (app \`${cfg.app}\`, environment \`${cfg.environment}\`).` : ''),
  );
}

export async function rollback(d: KubeDeps): Promise<void> {
  const { cfg, log } = d;
  const k = kubeConfig(cfg);
  const cluster = connect(k);
  await withLease(d, cluster, async () => {
    const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
    const version = cfg.version ?? observed.warm[0]?.version;
    const restorable = observed.warm.map((v) => v.version);
    if (!version)
      throw new DeployError(
        `There is no previous version of ${cfg.app} in ${cfg.environment} (namespace ${k.namespace}) to roll back to.`,
        `Versions kept in the cluster: ${restorable.join(', ') || 'none'}.`,
      );
    const previous = observed.live;
    if (previous?.version === version) {
      log.info(`${version} is already live: nothing to do.`);
      await settle(d, cluster, observed, previous, undefined, undefined);
      return;
    }
    const target = observed.warm.find((v) => v.version === version);
    if (!target)
      throw new DeployError(
        `Version ${version} of ${cfg.app} is not kept in namespace ${k.namespace} (no verified deployment of it).`,
        `Versions that can be restored with one selector change: ${restorable.join(', ') || 'none'}. Deploy an older version again with command: deploy and version: ${version}.`,
      );
    await recorded(d, { sha: target.revision, version, digest: target.digest, previousVersion: previous?.version, rollback: true }, async () => {
      if (target.replicas === 0) {
        const want = runSpecReplicas(target) ?? cfg.run.replicas;
        log.info(`${target.name} was scaled down: scaling it back to ${want} and waiting for it first.`);
        await scale(cluster, target.name, want);
      }
      const fresh = { ...target, deployment: target.deployment };
      const pods = await log.group(`Check that ${target.name} is rolled out`, () => waitRolledOut(cluster, fresh, cfg.verify.healthTimeoutSec, log));
      log.info(`Rolling back to ${version} (deployment ${target.name}, ${pods.length} pods ready): one selector change, no new pod.`);
      let flipMs: number;
      try {
        flipMs = await flip(d, cluster, version, pods);
      } catch (err) {
        throw new DeployError(`The flip back to ${version} failed: ${errorMessage(err)}${previous ? `\n${previous.version} is still live.` : ''}`);
      }
      await settle(d, cluster, { ...observed, warm: observed.warm.filter((v) => v.name !== target.name) }, target, previous, flipMs);
    });
  });
}

function runSpecReplicas(v: KubeVersion): number | undefined {
  try {
    const r = (JSON.parse(v.deployment.metadata?.annotations?.[K.spec] ?? '{}') as { replicas?: number }).replicas;
    return typeof r === 'number' && r > 0 ? r : undefined;
  } catch {
    return undefined;
  }
}

export interface KubeVersionInfo {
  version: string;
  digest: string;
  revision: string;
  state: 'live' | 'warm';
  deployed: string;
  runUrl?: string;
  deployment: string;
  replicas: number;
  ready: number;
}

export async function status(d: KubeDeps): Promise<KubeVersionInfo[]> {
  const { cfg } = d;
  const k = kubeConfig(cfg);
  const cluster = connect(k);
  const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
  const info = (v: KubeVersion, state: 'live' | 'warm'): KubeVersionInfo => ({
    version: v.version,
    digest: v.digest,
    revision: v.revision,
    state,
    deployed: v.deployedAt,
    ...(v.runUrl ? { runUrl: v.runUrl } : {}),
    deployment: v.name,
    replicas: v.replicas,
    ready: v.ready,
  });
  const versions = [...(observed.live ? [info(observed.live, 'live')] : []), ...observed.warm.map((v) => info(v, 'warm'))];
  d.report.output('live-version', observed.live?.version ?? '');
  d.report.output('versions', JSON.stringify(versions));
  d.report.section(
    `### ${cfg.app} in ${cfg.environment} (namespace ${k.namespace}, Service ${k.service}): ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
      table(
        ['state', 'version', 'commit', 'digest', 'deployment', 'ready', 'started', 'started by'],
        versions.map((v) => [v.state, v.version, commitLink(d.ctx, v.revision), `\`${v.digest.slice(0, 19)}\``, v.deployment, `${v.ready}/${v.replicas}`, v.deployed, runLink(v.runUrl)]),
      ),
  );
  return versions;
}

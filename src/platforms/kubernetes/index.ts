/**
 * The Kubernetes platform: a namespace of a cluster, reached with the `kubeconfig` input (or KUBECONFIG).
 * It plugs into the one release (src/release/) as the Docker platform does:
 *
 *   pool        one Deployment of `replicas` pods (`<app>-<environment>-<pool>`), its Secret owned by it
 *   instance    a pod, with the labels a Docker instance carries (src/platforms/kubernetes/pods.ts)
 *   verify      the preview Service `<service>-preview` pointed at the pool, reached through the API
 *               server's service proxy (a local forwarder), or `preview-url`
 *   router      the production Service's selector (`routes`: src/platforms/kubernetes/router.ts)
 *   warm        a Deployment kept scaled up; retire = delete the Deployment (and its Secret)
 *   lock        a Lease (src/platforms/kubernetes/lease.ts); flip records: ConfigMaps beside it
 *   images      built and found on the runner's engine (or its registry): the nodes pull by digest
 */
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { Config, KubernetesConfig } from '../../config/types.js';
import type { DriftFacts } from '../../drift/assess.js';
import { errorMessage } from '../../support/errors.js';
import type { Log } from '../../support/log.js';
import { acquireLock, type HeldLock } from '../lock.js';
import type {
  Instance,
  KnownImage,
  LaunchedPool,
  LaunchSpec,
  LockRequest,
  Platform,
  PoolLaunchSpec,
  Reach,
  ReleaseRecord,
  StoredRecord,
  Target,
  VersionImage,
} from '../types.js';
import { connect, KINDS, type Cluster } from './cluster.js';
import { createPool, deletePool, deploymentPods, podDiagnostics, removeOrphanSecrets, RolloutFailed, waitRolledOut, annotate } from './launch.js';
import { KubeLeaseStore } from './lease.js';
import { appSelector, K, leaseName, poolSelector, versionNames, type VersionSpec } from './manifests.js';
import { deploymentInstance, deploymentOf, instancesOf, isPlaceholder } from './pods.js';
import { forwardToService } from './proxy.js';
import { KubeRecords } from './records.js';
import { ServiceRouter } from './router.js';
import { pointService } from './service.js';

/** What the cluster's nodes start: the pushed manifest by digest, else the local image id (nodes sharing this engine). */
export function clusterImage(img: Pick<VersionImage, 'image' | 'digest' | 'imageId'>): string {
  return img.digest.startsWith('sha256:') && img.digest !== img.imageId ? `${img.image}@${img.digest}` : img.imageId;
}

/**
 * How long a flip (or the preview Service) may wait for the endpoints controller: the health timeout, 10 to 60 s
 * (the controller lags under load: a shorter wait would undo flips that were about to hold).
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC sets it, so a test of endpoints that never
 * come right does not wait 10 s. Ignored unless it is a positive number.
 */
export function endpointsTimeoutMs(healthTimeoutSec: number, env: NodeJS.ProcessEnv = process.env): number {
  const test = Number(env['IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC']);
  if (test > 0) return test * 1000;
  return Math.min(60, Math.max(10, healthTimeoutSec)) * 1000;
}

/**
 * Start talking to the run's cluster now (connections, discovery: see Cluster.warm), before the platform
 * is made: it gets the same Cluster. A kubeconfig that cannot be read throws later, where the platform is made.
 */
export function warmCluster(cfg: Config, log: Log): void {
  try {
    connect(kubeConfig(cfg), log.debug).warm();
  } catch {
    // said by the platform, when it is made
  }
}

export function kubeConfig(cfg: Config): KubernetesConfig {
  if (cfg.runtime.kind !== 'kubernetes') throw new Error('not runtime: kubernetes');
  return cfg.runtime;
}

export class KubernetesPlatform implements Platform {
  readonly kind = 'kubernetes';
  readonly targets: readonly Target[];
  /** The cluster's objects are written by whoever may write in the namespace: never the runner's own. */
  readonly recordsFrom = 'remote' as const;
  readonly routes: ServiceRouter;
  /** Same cluster, user, namespace and pods' port: the same instances and records (a platform made again for a recorded config). */
  readonly readsAs: string;
  private readonly cluster: Cluster;
  private readonly k: KubernetesConfig;
  private readonly records: KubeRecords;

  constructor(
    private readonly cfg: Config,
    /** The runner's engine (and its registry), where versions are built and found. */
    private readonly images: Pick<Platform, 'findVersion' | 'listVersions' | 'removeVersions'>,
    private readonly log: Log,
  ) {
    this.k = kubeConfig(cfg);
    // With debug logging (RUNNER_DEBUG=1) every API call is traced: method, path, status, time; never a body.
    this.cluster = connect(this.k, log.debug);
    this.targets = [{ name: `namespace ${this.k.namespace}`, endpoint: undefined, address: '' }];
    this.records = new KubeRecords(this.cluster);
    this.readsAs = JSON.stringify(['kubernetes', this.cluster.server, this.cluster.user, this.k.namespace, cfg.run.port]);
    this.routes = new ServiceRouter(this.cluster, this.k.service, cfg.app, cfg.environment, cfg.run.port, endpointsTimeoutMs(cfg.verify.healthTimeoutSec));
  }

  private get target(): string {
    return this.targets[0]!.name;
  }

  lock(req: LockRequest): Promise<HeldLock> {
    const { app, environment } = this.cfg;
    const store = new KubeLeaseStore(this.cluster, leaseName(app, environment), { [K.app]: app, [K.environment]: environment });
    return acquireLock(store, { runUrl: req.runUrl, timeoutSec: req.timeoutSec, log: this.log });
  }

  // ---- versions: on the runner's engine or in its registry; the nodes pull them by digest ----
  findVersion(version: string): Promise<VersionImage | undefined> {
    return this.images.findVersion(version);
  }

  provide(version: VersionImage): Promise<void> {
    if (clusterImage(version) === version.imageId)
      this.log.warning(
        `${version.image}:${version.version} is not in a registry: the pods start from the image id ${version.imageId}, which only nodes sharing this runner's Docker engine have. ` +
          'For a real cluster set push: true and an image in a registry the nodes can pull from.',
      );
    return Promise.resolve();
  }

  listVersions(only?: readonly string[]): Promise<KnownImage[]> {
    return this.images.listVersions(only);
  }

  removeVersions(refs: string[]): Promise<string[]> {
    return this.images.removeVersions(refs);
  }

  // ---- pools and instances ----
  launch(spec: LaunchSpec): Promise<Instance> {
    throw new Error(`The Kubernetes platform launches whole pools (launchPool), not single instances (asked for one of ${spec.version}).`);
  }

  async launchPool(s: PoolLaunchSpec): Promise<LaunchedPool> {
    const { cfg, k, cluster, log } = this;
    const image = clusterImage({ image: s.spec.image ?? cfg.image, digest: s.digest, imageId: s.image });
    const spec: VersionSpec = {
      app: s.app,
      environment: s.environment,
      namespace: k.namespace,
      service: k.service,
      version: s.version,
      pool: s.pool,
      image,
      digest: s.digest,
      revision: s.revision,
      runUrl: s.runUrl,
      deployedAt: s.deployedAt,
      replicas: s.replicas,
      port: s.spec.port,
      healthPath: s.spec.healthPath,
      env: s.spec.env,
      secretEnvNames: s.spec.secretEnvNames,
      memory: s.spec.memory,
      cpus: s.spec.cpus,
      readOnly: s.spec.readOnly ?? false,
      tmpfs: s.spec.tmpfs ?? [],
      progressDeadlineSec: s.startTimeoutSec,
      stopTimeoutSec: s.spec.release?.stopTimeoutSec ?? cfg.release.stopTimeoutSec,
      runSpec: JSON.stringify(s.spec),
    };
    // Secrets whose Deployment is gone (a run killed in between, or an older release's) go first.
    if (spec.secretEnvNames.length) await removeOrphanSecrets(cluster, s.app, s.environment, log);
    const created = await createPool(cluster, spec, s.secretEnv);
    const name = created.metadata!.name!;
    log.info(`Created deployment ${name} (${s.replicas} replica${s.replicas > 1 ? 's' : ''}) from ${image}`);
    try {
      const { deployment, pods } = await waitRolledOut(cluster, name, s.startTimeoutSec, log);
      return { instances: instancesOf([deployment], pods, s.spec.port, this.target) };
    } catch (err) {
      const pods = err instanceof RolloutFailed ? err.pods : await deploymentPods(cluster, created).catch(() => []);
      const diag = await podDiagnostics(cluster, cfg.verify.logLines, pods).catch((e: unknown) => `(the pods could not be read: ${errorMessage(e)})`);
      // The pool stands as one instance: kept (keep-failed) or removed as a whole.
      return { instances: [deploymentInstance(created, this.target)], failure: `${errorMessage(err)}\n${diag || '(no pods)'}` };
    }
  }

  /** The preview Service pointed at the pool; reached through the API server's service proxy, or preview-url. */
  async reach(instances: Instance[]): Promise<Reach[]> {
    const first = instances[0];
    if (!first) return [];
    const { cluster, k, cfg } = this;
    const preview = versionNames(first.app, first.environment, first.pool, k.service).preview;
    const ips = new Set(instances.flatMap((i) => (i.address ? [i.address.host] : [])));
    const port = first.address?.port ?? cfg.run.port;
    await pointService(
      cluster,
      preview,
      {
        selector: poolSelector(first.app, first.environment, first.version, first.pool),
        port,
        // Only the pool's pods, at least one (a pod not ready yet is simply not among them).
        reached: (seen) => seen.length > 0 && seen.every((ip) => ips.has(ip)),
        expected: `pods of pool ${first.pool}`,
      },
      'preview',
      endpointsTimeoutMs(cfg.verify.healthTimeoutSec),
    );
    if (k.previewUrl) return [{ name: `preview-url ${k.previewUrl}`, url: k.previewUrl.replace(/\/$/, ''), instances, close: () => Promise.resolve() }];
    const fwd = await forwardToService(cluster, preview, 'http');
    return [{ name: `Service ${preview} (through the API server's service proxy)`, url: fwd.url, instances, close: () => fwd.close() }];
  }

  async list(app: string, environment: string): Promise<Instance[]> {
    const sel = appSelector(app, environment);
    const [deployments, pods] = await Promise.all([
      this.cluster.list<V1Deployment>(KINDS.deployment, { labelSelector: `${sel},${K.role}=instance` }),
      this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: sel }),
    ]);
    return instancesOf(deployments, pods, this.cfg.run.port, this.target);
  }

  async inspect(instance: Instance): Promise<Instance> {
    const now = (await this.list(instance.app, instance.environment)).find((i) => i.id === instance.id);
    return now ?? { ...instance, running: false, restarting: false };
  }

  async markVerified(instance: Instance): Promise<Instance> {
    await annotate(this.cluster, deploymentOf(instance.id), K.verified, 'true');
    return { ...instance, verified: true };
  }

  async logs(instance: Instance, lines: number): Promise<string> {
    const d = await this.cluster.read<V1Deployment>(KINDS.deployment, deploymentOf(instance.id));
    const pods = d ? await deploymentPods(this.cluster, d) : [];
    const chosen = isPlaceholder(instance) ? pods : pods.filter((p) => p.metadata?.name === instance.name);
    return podDiagnostics(this.cluster, lines, chosen);
  }

  /** The pods' grace period (stop-timeout) was set at launch: deleting the Deployment stops them gracefully. */
  async retire(instances: Instance[]): Promise<void> {
    await this.remove(instances);
  }

  /**
   * A pool goes as a whole (its Deployment and Secret) when any of its up instances (or the Deployment that
   * stands for it) is among `instances`; pods that are not up (failed, evicted) go on their own, and their
   * Deployment starts fresh ones.
   */
  async remove(instances: Instance[]): Promise<void> {
    const up = (i: Instance) => i.running || i.restarting || isPlaceholder(i);
    const whole = [...new Set(instances.filter(up).map((i) => deploymentOf(i.id)))];
    const pods = instances.filter((i) => !up(i) && !whole.includes(deploymentOf(i.id)));
    const waitSec = this.cfg.release.stopTimeoutSec + 30;
    const [left] = await Promise.all([
      Promise.all(whole.map((d) => deletePool(this.cluster, d, waitSec))),
      Promise.all(pods.map((p) => this.cluster.remove(KINDS.pod, p.name))),
    ]);
    const still = left.flat();
    if (still.length) this.log.warning(`Pods still stopping ${waitSec}s after their Deployment was deleted: ${still.join(', ')}. The cluster removes them.`);
  }

  async listAll(): Promise<Instance[]> {
    const [deployments, pods] = await Promise.all([
      this.cluster.list<V1Deployment>(KINDS.deployment, { labelSelector: `${K.role}=instance` }),
      this.cluster.list<V1Pod>(KINDS.pod, { labelSelector: K.app }),
    ]);
    return instancesOf(deployments, pods, this.cfg.run.port, this.target);
  }

  // ---- release records (flips, intents, results...): ConfigMaps beside the Lease, stored as written ----
  writeRecord(record: ReleaseRecord): Promise<void> {
    return this.records.write(record);
  }

  writeRecords(records: ReleaseRecord[]): Promise<StoredRecord[]> {
    return this.records.writeAll(records);
  }

  listRecords(app: string, environment: string): Promise<StoredRecord[]> {
    return this.records.list(app, environment);
  }

  removeRecords(keys: string[]): Promise<void> {
    return this.records.remove(keys);
  }

  /** What the API tells of a pod: the image it runs (by the kubelet's imageID) and its container's restarts. */
  async driftFacts(instance: Instance): Promise<DriftFacts | undefined> {
    if (isPlaceholder(instance)) return undefined;
    const pod = await this.cluster.read<V1Pod>(KINDS.pod, instance.name);
    if (!pod || pod.metadata?.deletionTimestamp) return undefined;
    const c = pod.status?.containerStatuses?.find((x) => x.name === 'app');
    if (!c) return undefined;
    const ran = c.imageID.replace(/^[a-z-]+:\/\//, '');
    return {
      imageId: ran.includes('@') ? ran.slice(ran.indexOf('@') + 1) : ran,
      repoDigests: ran.includes('@') ? [ran] : [],
      changes: [],
      execs: [],
      healthcheck: undefined,
      mounts: [],
      restarts: c.restartCount,
    };
  }
}

/**
 * The Docker platform: a fleet of Docker engines (the runner's own, or `hosts`: tcp://, ssh://, unix://).
 * Every docker call names its engine (DOCKER_HOST in the command's environment), fans out in parallel,
 * and names the target when it fails. Builds and pulls land on the runner's own engine (the source);
 * `provide` moves a version's bytes from there (or from the registry) to each target once.
 */
import { loginIfConfigured } from '../../build.js';
import type { Config } from '../../config.js';
import { Docker } from '../../docker/client.js';
import { DeployError, errorMessage } from '../../errors.js';
import type { Runner } from '../../exec.js';
import type { Log } from '../../log.js';
import type { FlipRecord, Instance, KnownImage, LaunchSpec, LockRequest, Platform, StoredRecord, Target, VersionImage } from '../types.js';
import type { DriftFacts } from '../../drift/assess.js';
import { DockerContainers } from './containers.js';
import { readDriftFacts } from './drift.js';
import { DockerRecords } from './records.js';
import { hasRegistry, listVersionImages, removeImageTags, resolveVersion } from './images.js';
import { DockerLock, lockName } from './lock.js';

/** One Docker engine and the docker commands that reach it. */
export interface Engine {
  target: Target;
  exec: Runner;
  docker: Docker;
  containers: DockerContainers;
}

/** A runner whose docker commands go to `endpoint` (unset: the runner's own DOCKER_HOST / DOCKER_CONTEXT). */
export function engineRunner(base: Runner, endpoint: string | undefined): Runner {
  if (!endpoint) return base;
  return (argv, options = {}) => base(argv, { ...options, env: { ...options.env, DOCKER_HOST: endpoint } });
}

export function engine(target: Target, base: Runner): Engine {
  const exec = engineRunner(base, target.endpoint);
  return { target, exec, docker: new Docker(exec), containers: new DockerContainers(exec, target.name) };
}

/** The runner's own engine as a target, with instances published on `address`. */
export function localTarget(address: string): Target {
  return { name: 'local', endpoint: undefined, address };
}

export class DockerPlatform implements Platform {
  readonly kind = 'docker';
  /** Docker engines do not route: the configured router does. */
  readonly routes = undefined;
  private readonly engines: Engine[];
  /** Where builds and pulls land: the runner's own engine (a target too, when no hosts are given). */
  private readonly source: Engine;

  constructor(
    private readonly cfg: Config,
    readonly targets: readonly Target[],
    private readonly log: Log,
    base: Runner,
  ) {
    if (targets.length === 0) throw new Error('The Docker platform needs at least one target');
    this.engines = targets.map((t) => engine(t, base));
    this.source = this.engines.find((e) => !e.target.endpoint) ?? engine(localTarget('127.0.0.1'), base);
  }

  async lock(req: LockRequest): Promise<() => Promise<void>> {
    // One lock for the whole fleet, on its first target: every run of this app and environment asks there.
    return new DockerLock(lockName(this.cfg.app, this.cfg.environment), this.log, this.engines[0]!.exec).acquire(
      req.image,
      req.runUrl,
      req.leaseSec,
      req.timeoutSec,
    );
  }

  async findVersion(version: string): Promise<VersionImage | undefined> {
    const { image } = this.cfg;
    const local = await resolveVersion(this.source.docker, image, version);
    if (local || !hasRegistry(image)) return local;
    await loginIfConfigured(this.cfg, this.source.docker, this.log);
    this.log.info(`${image}:${version} is not on the runner's engine: pulling it from the registry.`);
    try {
      await this.source.docker.pull(`${image}:${version}`);
    } catch (err) {
      // Not in the registry either: the caller lists what can be restored. Anything else (auth, network) is news.
      if (/not found|manifest unknown/i.test(errorMessage(err))) return undefined;
      throw err;
    }
    return resolveVersion(this.source.docker, image, version);
  }

  async provide(version: VersionImage): Promise<void> {
    await this.each(
      this.engines.filter((e) => e !== this.source),
      async (e) => {
        if ((await e.docker.inspectImage(version.imageId))?.Id === version.imageId) return;
        throw new DeployError(`${version.image}:${version.version} (${version.imageId}) is not on ${e.target.name}.`);
      },
    );
  }

  async listVersions(): Promise<KnownImage[]> {
    const lists = await this.each(this.imageEngines(), (e) => listVersionImages(this.cfg.app, this.cfg.image, e.exec));
    const byRef = new Map<string, KnownImage>();
    for (const i of lists.flat()) if (!byRef.has(i.ref)) byRef.set(i.ref, i);
    return [...byRef.values()];
  }

  async removeVersions(refs: string[]): Promise<string[]> {
    const failed = await this.each(this.imageEngines(), (e) => removeImageTags(refs, e.exec));
    return [...new Set(failed.flat())];
  }

  launch(spec: LaunchSpec): Promise<Instance> {
    return this.on(spec.target.name).containers.launch(spec);
  }

  async list(app: string, environment: string): Promise<Instance[]> {
    return (await this.each(this.engines, (e) => e.containers.list(app, environment))).flat();
  }

  inspect(instance: Instance): Promise<Instance> {
    return this.on(instance.target).containers.inspect(instance.id);
  }

  markVerified(instance: Instance, restart: string): Promise<Instance> {
    return this.on(instance.target).containers.markVerified(instance, restart);
  }

  logs(instance: Instance, lines: number): Promise<string> {
    return this.on(instance.target).containers.logs(instance.id, lines);
  }

  async retire(instances: Instance[], graceSec: number): Promise<void> {
    await this.byEngine(instances, (e, ids) => e.containers.retire(ids, graceSec));
  }

  async remove(instances: Instance[]): Promise<void> {
    await this.byEngine(instances, (e, ids) => e.containers.remove(ids));
  }

  async listAll(): Promise<Instance[]> {
    return (await this.each(this.engines, (e) => e.containers.listAll())).flat();
  }

  /** Flip records live where the lock does (the first target): one history for the whole fleet. */
  private get records(): DockerRecords {
    return new DockerRecords(this.engines[0]!.exec);
  }

  writeRecord(record: FlipRecord): Promise<void> {
    return this.records.write(record);
  }

  listRecords(app: string, environment: string): Promise<StoredRecord[]> {
    return this.records.list(app, environment);
  }

  removeRecords(keys: string[]): Promise<void> {
    return this.records.remove(keys);
  }

  driftFacts(instance: Instance): Promise<DriftFacts | undefined> {
    return readDriftFacts(instance.id, this.on(instance.target).exec);
  }

  /** The engines that hold version images: every target, and the runner's engine where builds land. */
  private imageEngines(): Engine[] {
    return this.engines.includes(this.source) ? this.engines : [this.source, ...this.engines];
  }

  private on(name: string): Engine {
    const e = this.engines.find((x) => x.target.name === name);
    if (!e) throw new Error(`No target named ${name} in this run (targets: ${this.targets.map((t) => t.name).join(', ')})`);
    return e;
  }

  private async byEngine(instances: Instance[], fn: (e: Engine, ids: string[]) => Promise<void>): Promise<void> {
    const names = [...new Set(instances.map((i) => i.target))];
    await this.each(
      names.map((n) => this.on(n)),
      (e) => fn(e, instances.filter((i) => i.target === e.target.name).map((i) => i.id)),
    );
  }

  /** `fn` on every engine at once; a failure names its target (all failures, when several fail). */
  private async each<T>(engines: Engine[], fn: (e: Engine) => Promise<T>): Promise<T[]> {
    const settled = await Promise.allSettled(engines.map(fn));
    const failed = settled.flatMap((s, n) => (s.status === 'rejected' ? [{ e: engines[n]!, why: errorMessage(s.reason) }] : []));
    if (failed.length === 0) return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
    if (engines.length === 1 && !engines[0]!.target.endpoint) throw (settled[0] as PromiseRejectedResult).reason;
    throw new DeployError(failed.map((f) => `On ${f.e.target.name}: ${f.why}`).join('\n'));
  }
}

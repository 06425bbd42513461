/**
 * The Docker platform: a fleet of Docker engines (the runner's own, or `hosts`: tcp://, ssh://, unix://).
 * Every engine is spoken to through its API, one connection each for the run (engineFor(endpoint)); calls
 * fan out in parallel and name the target when they fail. Builds and pulls (the docker CLI, aimed at the
 * engine by DOCKER_HOST in its environment) land on the runner's own engine (the source); `provide`
 * moves a version's bytes from there (or from the registry) to each target once.
 */
import { loginIfConfigured } from '../../build/index.js';
import type { Config } from '../../config/types.js';
import { Docker } from '../../drivers/docker/client.js';
import { engineFor, type Engine } from '../../drivers/docker/engine.js';
import type { Endpoint } from '../../drivers/docker/endpoint.js';
import { DeployError, errorMessage } from '../../support/errors.js';
import { pipe, type Runner } from '../../support/exec.js';
import type { Log } from '../../support/log.js';
import type { RecordOrigin, ReleaseRecord, Instance, KnownImage, LaunchSpec, LockRequest, OneOffResult, OneOffSpec, Platform, StoredRecord, Target, VersionImage } from '../types.js';
import type { DriftFacts } from '../../drift/assess.js';
import { DockerContainers } from './containers.js';
import { removeOneOffs, runOnce } from './oneoff.js';
import { readDriftFacts } from './drift.js';
import { localTarget } from './hosts.js';
import { DockerRecords } from './records.js';
import { findVersionImages, hasRegistry, listVersionImages, removeImageTags, resolveVersion } from './images.js';
import { acquireLock, lockName, type HeldLock } from '../lock.js';
import { DockerLeaseStore } from './lock.js';

/** `docker save | docker load` of one image to one target: killed after this long (a hung engine or ssh). */
const COPY_TIMEOUT_MS = 30 * 60_000;

/** One target's Docker engine: its API client, and the docker CLI aimed at it (builds, registries). */
export interface TargetEngine {
  target: Target;
  api: Engine;
  /** The environment that points the docker CLI at this engine ({} for the runner's own). */
  env: Record<string, string>;
  exec: Runner;
  docker: Docker;
  containers: DockerContainers;
}

/** The environment that points the docker CLI at `endpoint` (unset: the runner's own DOCKER_HOST / DOCKER_CONTEXT). */
export function engineEnv(endpoint: string | undefined): Record<string, string> {
  // DOCKER_HOST wins over a DOCKER_CONTEXT only when the context is not set as well: clear it.
  return endpoint ? { DOCKER_HOST: endpoint, DOCKER_CONTEXT: '' } : {};
}

/** A runner whose docker commands go to `endpoint`. */
export function engineRunner(base: Runner, endpoint: string | undefined): Runner {
  if (!endpoint) return base;
  const env = engineEnv(endpoint);
  return (argv, options = {}) => base(argv, { ...options, env: { ...options.env, ...env } });
}

export function engine(target: Target, base: Runner): TargetEngine {
  const exec = engineRunner(base, target.endpoint);
  const api = engineFor(target.endpoint);
  return { target, api, env: engineEnv(target.endpoint), exec, docker: new Docker(api, exec), containers: new DockerContainers(api, target.name) };
}


export { localTarget } from './hosts.js';

/**
 * Pure: where records and labels read from these engines come from. `runner` only when every engine is reached
 * through a unix socket on the runner (the default socket, or one DOCKER_HOST or a `hosts` line names); an
 * engine reached over tcp:// or ssh:// (a target, or DOCKER_HOST / a context pointing elsewhere) is `remote`.
 */
export function recordOrigin(endpoints: readonly Pick<Endpoint, 'kind'>[]): RecordOrigin {
  return endpoints.every((e) => e.kind === 'unix') ? 'runner' : 'remote';
}

export class DockerPlatform implements Platform {
  readonly kind = 'docker';
  /** Docker engines do not route: the configured router does. */
  readonly routes = undefined;
  /** `runner` when every engine is a unix socket on the runner, else remote: see Platform.recordsFrom and recordOrigin. */
  readonly recordsFrom: RecordOrigin;
  private readonly engines: TargetEngine[];
  /** Where builds and pulls land: the runner's own engine (a target too, when no hosts are given). */
  private readonly source: TargetEngine;

  constructor(
    private readonly cfg: Config,
    readonly targets: readonly Target[],
    private readonly log: Log,
    base: Runner,
  ) {
    if (targets.length === 0) throw new Error('The Docker platform needs at least one target');
    this.engines = targets.map((t) => engine(t, base));
    this.recordsFrom = recordOrigin(this.engines.map((e) => e.api.endpoint));
    this.source = this.engines.find((e) => !e.target.endpoint) ?? engine(localTarget('127.0.0.1'), base);
    // Every engine will be asked: connect to all of them now, in parallel (an ssh handshake each).
    for (const e of this.engines) e.api.warm();
  }

  lock(req: LockRequest): Promise<HeldLock> {
    // One lock for the whole fleet, on its first target: every run of this app and environment asks there.
    const { app, environment } = this.cfg;
    const store = new DockerLeaseStore(this.engines[0]!.api, lockName(app, environment), app, environment);
    return acquireLock(store, { runUrl: req.runUrl, timeoutSec: req.timeoutSec, log: this.log });
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

  /**
   * The version's bytes onto every target that lacks them, in parallel, once each: pulled by digest from
   * the registry when the version was pushed there, else `docker save` on the runner's engine streamed into
   * `docker load` on the target. Checked there: the image id must be the one the runner has.
   */
  async provide(version: VersionImage, only?: readonly Target[]): Promise<void> {
    const ref = `${version.image}:${version.version}`;
    const pushed = hasRegistry(version.image) && version.digest.startsWith('sha256:') && version.digest !== version.imageId;
    await this.each(
      this.engines.filter((e) => e !== this.source && (!only || only.some((t) => t.name === e.target.name))),
      async (e) => {
        const there = await e.docker.inspectImage(ref);
        if (there?.Id === version.imageId) return;
        const started = Date.now();
        if (pushed) {
          const pinned = `${version.image}@${version.digest}`;
          await e.docker.pull(pinned);
          await e.docker.tag(pinned, ref);
        } else {
          await pipe({ argv: ['docker', 'save', ref], env: this.source.env }, { argv: ['docker', 'load', '--quiet'], env: e.env }, COPY_TIMEOUT_MS);
        }
        const got = await e.docker.inspectImage(ref);
        if (got?.Id !== version.imageId)
          throw new DeployError(
            `${ref} on ${e.target.name} is ${got?.Id ?? 'missing'} after ${pushed ? 'the pull' : 'docker save | docker load'}, not ${version.imageId}: ` +
              `the bytes that would start there are not the version's. Nothing was started.`,
          );
        this.log.info(`${ref} reached ${e.target.name} ${pushed ? `from the registry (${version.digest})` : 'by docker save | docker load'} in ${Date.now() - started} ms`);
      },
    );
  }

  async listVersions(only?: readonly string[]): Promise<KnownImage[]> {
    const { app, image } = this.cfg;
    const lists = await this.each(this.imageEngines(), (e) => (only ? findVersionImages(app, image, only, e.docker) : listVersionImages(app, image, e.api)));
    const byRef = new Map<string, KnownImage>();
    for (const i of lists.flat()) if (!byRef.has(i.ref)) byRef.set(i.ref, i);
    return [...byRef.values()];
  }

  async removeVersions(refs: string[]): Promise<string[]> {
    const failed = await this.each(this.imageEngines(), (e) => removeImageTags(refs, e.api));
    return [...new Set(failed.flat())];
  }

  launch(spec: LaunchSpec): Promise<Instance> {
    return this.on(spec.target.name).containers.launch(spec);
  }

  runOnce(spec: OneOffSpec): Promise<OneOffResult> {
    return runOnce(this.on(spec.target.name).api, spec);
  }

  async removeOneOffs(app: string, environment: string): Promise<string[]> {
    return (await this.each(this.engines, (e) => removeOneOffs(e.api, app, environment))).flat();
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
    return new DockerRecords(this.engines[0]!.api);
  }

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

  driftFacts(instance: Instance): Promise<DriftFacts | undefined> {
    return readDriftFacts(instance.id, this.on(instance.target).api);
  }

  /** The engines that hold version images: every target, and the runner's engine where builds land. */
  private imageEngines(): TargetEngine[] {
    return this.engines.includes(this.source) ? this.engines : [this.source, ...this.engines];
  }

  private on(name: string): TargetEngine {
    const e = this.engines.find((x) => x.target.name === name);
    if (!e) throw new Error(`No target named ${name} in this run (targets: ${this.targets.map((t) => t.name).join(', ')})`);
    return e;
  }

  private async byEngine(instances: Instance[], fn: (e: TargetEngine, ids: string[]) => Promise<void>): Promise<void> {
    const names = [...new Set(instances.map((i) => i.target))];
    await this.each(
      names.map((n) => this.on(n)),
      (e) => fn(e, instances.filter((i) => i.target === e.target.name).map((i) => i.id)),
    );
  }

  /** `fn` on every engine at once; a failure names its target (all failures, when several fail). */
  private async each<T>(engines: TargetEngine[], fn: (e: TargetEngine) => Promise<T>): Promise<T[]> {
    const settled = await Promise.allSettled(engines.map(fn));
    const failed = settled.flatMap((s, n) => (s.status === 'rejected' ? [{ e: engines[n]!, why: errorMessage(s.reason) }] : []));
    if (failed.length === 0) return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
    if (engines.length === 1 && !engines[0]!.target.endpoint) throw (settled[0] as PromiseRejectedResult).reason;
    throw new DeployError(failed.map((f) => `On ${f.e.target.name}: ${f.why}`).join('\n'));
  }
}

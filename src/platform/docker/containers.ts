/**
 * Instances on one Docker engine: containers whose labels say what they are. Every call goes to the
 * engine's API (one connection for the run, src/docker/engine.ts); none spawns the CLI.
 */
import { randomBytes } from 'node:crypto';
import { instanceCreateBody, labelFilters, restartPolicy } from '../../docker/bodies.js';
import type { Engine } from '../../docker/engine.js';
import type { ContainerInspect, ContainerSummary } from '../../docker/types.js';
import { DeployError, errorMessage } from '../../errors.js';
import { LABEL_PREFIX } from '../../labels.js';
import type { Instance, InstanceLabels, LaunchSpec } from '../types.js';

const L = {
  role: `${LABEL_PREFIX}.role`,
  app: `${LABEL_PREFIX}.app`,
  environment: `${LABEL_PREFIX}.environment`,
  version: `${LABEL_PREFIX}.version`,
  digest: `${LABEL_PREFIX}.digest`,
  image: `${LABEL_PREFIX}.image`,
  revision: `${LABEL_PREFIX}.revision`,
  deployedAt: `${LABEL_PREFIX}.deployed-at`,
  runUrl: `${LABEL_PREFIX}.run-url`,
  pool: `${LABEL_PREFIX}.pool`,
} as const;

export const CANDIDATE_SUFFIX = '-candidate';

/** Pure: the labels an instance carries. */
export function instanceLabels(l: InstanceLabels): Record<string, string> {
  return {
    [L.role]: 'instance',
    [L.app]: l.app,
    [L.environment]: l.environment,
    [L.version]: l.version,
    [L.digest]: l.digest,
    [L.image]: l.image,
    [L.revision]: l.revision,
    [L.deployedAt]: l.deployedAt,
    [L.runUrl]: l.runUrl,
    [L.pool]: l.pool,
  };
}

/** Pure: a unique container name that begins with `<app>-`. Candidates carry a suffix until verified. */
export function instanceName(app: string, environment: string, version: string, random: string): string {
  return `${app}-${environment}-${version}-${random}${CANDIDATE_SUFFIX}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/** Pure: what the labels and the name say (the same from an inspect and from the list). */
function labelled(id: string, rawName: string, labels: Record<string, string> | null, target: string) {
  const l = labels ?? {};
  const name = rawName.replace(/^\//, '');
  return {
    id,
    name,
    app: l[L.app] ?? '',
    environment: l[L.environment] ?? '',
    version: l[L.version] ?? '',
    digest: l[L.digest] ?? '',
    image: l[L.image] ?? '',
    revision: l[L.revision] ?? '',
    deployedAt: l[L.deployedAt] ?? '',
    runUrl: l[L.runUrl] ?? '',
    // Instances from before pools were labelled are pools of their own.
    pool: l[L.pool] ?? id,
    target,
    verified: !name.endsWith(CANDIDATE_SUFFIX),
  };
}

/** Pure: an instance from `docker container inspect`, on the target named `target`. */
export function toInstance(c: ContainerInspect, target: string, containerPort?: number): Instance {
  const ports = c.NetworkSettings.Ports ?? {};
  const key = containerPort ? `${containerPort}/tcp` : Object.keys(ports).find((k) => (ports[k]?.length ?? 0) > 0);
  const binding = key ? ports[key]?.[0] : undefined;
  const health = c.State.Health?.Status;
  return {
    ...labelled(c.Id, c.Name, c.Config.Labels, target),
    running: c.State.Running,
    restarting: c.State.Restarting,
    exitCode: c.State.ExitCode,
    restartCount: c.RestartCount,
    health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : undefined,
    address: binding?.HostPort ? { host: binding.HostIp || '127.0.0.1', port: Number(binding.HostPort) } : undefined,
  };
}

/** Pure: an instance from one entry of the filtered container list (no inspect per container). */
export function fromSummary(c: ContainerSummary, target: string): Instance {
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1];
  const exit = /^Exited \((-?\d+)\)/.exec(c.Status)?.[1];
  const binding = (c.Ports ?? []).find((p) => p.PublicPort && p.Type === 'tcp');
  return {
    ...labelled(c.Id, c.Names[0] ?? '', c.Labels, target),
    // As in inspect: a container the engine is restarting counts as running (and restarting).
    running: c.State === 'running' || c.State === 'restarting',
    restarting: c.State === 'restarting',
    exitCode: exit ? Number(exit) : 0,
    // Not in the list; the health wait inspects the one instance it watches.
    restartCount: 0,
    health: health === 'health: starting' ? 'starting' : health === 'healthy' || health === 'unhealthy' ? health : undefined,
    address: binding?.PublicPort
      ? { host: binding.IP && binding.IP !== '0.0.0.0' ? binding.IP : '127.0.0.1', port: binding.PublicPort }
      : undefined,
  };
}

/** The container operations of one engine. */
export class DockerContainers {
  constructor(
    private readonly engine: Engine,
    /** The name of the engine's target, recorded on every instance read. */
    private readonly target: string,
  ) {}

  async launch(spec: LaunchSpec): Promise<Instance> {
    const name = instanceName(spec.app, spec.environment, spec.version, randomBytes(3).toString('hex'));
    const body = instanceCreateBody({
      image: spec.image,
      labels: instanceLabels(spec),
      // Values go in the request body to the engine only (never argv, never a log line).
      env: { ...spec.spec.env, ...spec.secretEnv },
      publishHost: spec.target.address,
      containerPort: spec.spec.port,
      network: spec.spec.network,
      memory: spec.spec.memory,
      cpus: spec.spec.cpus,
      readOnly: spec.spec.readOnly,
      tmpfs: spec.spec.tmpfs,
      // No restart policy while it is verified: a crash must show as a crash, with its exit code.
      // The policy is applied once it passes (markVerified).
      restart: 'no',
    });
    let id: string | undefined;
    try {
      id = await this.engine.createContainer(name, body);
      await this.engine.startContainer(id);
    } catch (err) {
      // A container that was created but could not start (port taken, network gone) goes.
      if (id) await this.engine.removeContainer(id).catch(() => undefined);
      if (err instanceof DeployError) throw err;
      throw new DeployError(
        `Docker could not start an instance of ${spec.version} on ${this.target}: ${errorMessage(err)}`,
        'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.',
      );
    }
    // A process that dies at start may leave no published port yet: the health wait tells why.
    return this.inspect(id);
  }

  async list(app: string, environment: string): Promise<Instance[]> {
    // One filtered list answers for all of them (state, health, published port and labels).
    const found = await this.engine.listContainers(labelFilters({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }));
    return found.map((c) => fromSummary(c, this.target));
  }

  async inspect(id: string): Promise<Instance> {
    const c = await this.engine.inspectContainer(id);
    if (!c) throw new DeployError(`Instance ${id} is gone from ${this.target} (removed by someone else?).`);
    return toInstance(c, this.target);
  }

  async markVerified(instance: Instance, restart: string): Promise<Instance> {
    if (instance.verified) return instance;
    const name = instance.name.slice(0, -CANDIDATE_SUFFIX.length);
    if (restart !== 'no') await this.engine.updateContainer(instance.id, { RestartPolicy: restartPolicy(restart) });
    await this.engine.renameContainer(instance.id, name);
    return { ...instance, name, verified: true };
  }

  async logs(id: string, lines: number): Promise<string> {
    try {
      return (await this.engine.logs(id, lines)).trimEnd();
    } catch (err) {
      return `(could not read the log: ${errorMessage(err)})`;
    }
  }

  async retire(ids: string[], graceSec: number): Promise<void> {
    await Promise.all(ids.map((id) => this.engine.stopContainer(id, graceSec).catch(() => undefined)));
    await this.remove(ids);
  }

  async remove(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.engine.removeContainer(id).catch(() => undefined)));
  }
}

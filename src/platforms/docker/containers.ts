/**
 * Instances on one Docker engine: containers whose labels say what they are. Every call goes to the
 * engine's API (one connection for the run, src/drivers/docker/engine.ts); none spawns the CLI.
 */
import { randomHex } from '../../support/ids.js';
import { instanceCreateBody, labelFilters, restartPolicy } from './bodies.js';
import type { Engine } from '../../drivers/docker/engine.js';
import type { ContainerInspect, ContainerSummary } from '../../drivers/docker/types.js';
import { readFile } from 'node:fs/promises';
import { DeployError, errorMessage } from '../../support/errors.js';
import { dockerLabel } from '../../core/labels.js';
import { DEFAULT_PORT_RANGE, formatPortRange, pickPort } from '../../core/ports.js';
import { parseSpec } from '../../core/run-spec.js';
import type { Instance, InstanceLabels, LaunchSpec, RunSpec } from '../types.js';
import { boundPorts, engineIsLocal, isPortConflict, listeningPorts } from './ports.js';

const L = {
  role: dockerLabel('role'),
  app: dockerLabel('app'),
  environment: dockerLabel('environment'),
  version: dockerLabel('version'),
  digest: dockerLabel('digest'),
  image: dockerLabel('image'),
  revision: dockerLabel('revision'),
  deployedAt: dockerLabel('deployedAt'),
  runUrl: dockerLabel('runUrl'),
  pool: dockerLabel('pool'),
  spec: dockerLabel('spec'),
} as const;

/** Tries at another port when the engine finds the chosen one taken (a race with another launch or a process). */
const PORT_ATTEMPTS = 8;

export const CANDIDATE_SUFFIX = '-candidate';

/** Pure: the labels an instance carries (its run spec among them: never a secret value). */
export function instanceLabels(l: InstanceLabels & { spec?: RunSpec }): Record<string, string> {
  return {
    ...(l.spec ? { [L.spec]: JSON.stringify(l.spec) } : {}),
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
    spec: parseSpec(l[L.spec]),
  };
}

type PortMap = Record<string, { HostIp: string; HostPort: string }[] | null>;

/**
 * The first binding with a host port: the explicit one the action chose (in HostConfig, kept for the
 * container's life and known while it is stopped), else the one the engine picked (older instances).
 */
function firstBinding(...maps: (PortMap | null | undefined)[]): { HostIp: string; HostPort: string } | undefined {
  for (const ports of maps)
    for (const list of Object.values(ports ?? {})) {
      const b = list?.find((x) => x.HostPort);
      if (b) return b;
    }
  return undefined;
}

/** Pure: an instance from `docker container inspect`, on the target named `target`. */
export function toInstance(c: ContainerInspect, target: string): Instance {
  const binding = firstBinding(c.HostConfig?.PortBindings, c.NetworkSettings.Ports);
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
    const name = instanceName(spec.app, spec.environment, spec.version, randomHex(3));
    const range = spec.spec.portRange ?? DEFAULT_PORT_RANGE;
    const used = await this.usedPorts();
    for (let attempt = 1; ; attempt++) {
      const hostPort = pickPort(range, used);
      if (hostPort === undefined)
        throw new DeployError(
          `No free host port in port-range ${formatPortRange(range)} to publish the new instance of ${spec.version} on ${this.target}: ` +
            `all ${range.to - range.from + 1} are used by containers of the engine or processes on its host.`,
          'Widen "port-range", or remove containers that hold ports in it.',
        );
      const body = instanceCreateBody({
        image: spec.image,
        labels: instanceLabels(spec),
        // Values go in the request body to the engine only (never argv, never a log line).
        env: { ...spec.spec.env, ...spec.secretEnv },
        publishHost: spec.target.address,
        // Chosen here and published explicitly: the engine binds the same port on every start of the container.
        hostPort,
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
        // Taken since we looked (another launch, or a process on the host): another port.
        if (isPortConflict(errorMessage(err)) && attempt < PORT_ATTEMPTS) {
          used.add(hostPort);
          continue;
        }
        throw new DeployError(
          `Docker could not start an instance of ${spec.version} on ${this.target}: ${errorMessage(err)}`,
          'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.',
        );
      }
      // A process that dies at start may leave no published port yet: the health wait tells why.
      return this.inspect(id);
    }
  }

  /**
   * Host ports a new instance must not take: every binding of every container of the engine (a stopped
   * one binds its explicit port again when it starts), and, when the engine runs on this machine, every port
   * a process here listens on. (A remote engine refuses a port its host uses: the launch then tries another.)
   */
  private async usedPorts(): Promise<Set<number>> {
    const used = new Set<number>();
    const all = await this.engine.listContainers({});
    for (const c of all) for (const p of c.Ports ?? []) if (p.PublicPort) used.add(p.PublicPort);
    // Stopped containers list no ports: their explicit bindings are in their HostConfig.
    const stopped = all.filter((c) => c.State !== 'running' && c.State !== 'restarting');
    const inspected = await Promise.all(stopped.map((c) => this.engine.inspectContainer(c.Id).catch(() => undefined)));
    for (const c of inspected) for (const p of boundPorts(c?.HostConfig?.PortBindings)) used.add(p);
    if (this.target === 'local' && engineIsLocal(process.env))
      for (const file of ['/proc/net/tcp', '/proc/net/tcp6'])
        for (const p of listeningPorts(await readFile(file, 'utf8').catch(() => ''))) used.add(p);
    return used;
  }

  /** Every instance of every app and environment on this engine. */
  async listAll(): Promise<Instance[]> {
    return this.withAddresses(await this.engine.listContainers(labelFilters({ [L.role]: 'instance' })));
  }

  /**
   * Instances from the container list; the ones that are not running list no published port, so they are
   * inspected for their explicit binding (the address they come back on).
   */
  private async withAddresses(found: ContainerSummary[]): Promise<Instance[]> {
    return Promise.all(
      found.map(async (c) => {
        const i = fromSummary(c, this.target);
        if (i.address) return i;
        const full = await this.engine.inspectContainer(c.Id).catch(() => undefined);
        return full ? { ...i, address: toInstance(full, this.target).address } : i;
      }),
    );
  }

  async list(app: string, environment: string): Promise<Instance[]> {
    // One filtered list answers for all of them (state, health, published port and labels).
    const found = await this.engine.listContainers(labelFilters({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }));
    return this.withAddresses(found);
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

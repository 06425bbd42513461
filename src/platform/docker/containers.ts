/** Instances on one Docker engine: containers whose labels say what they are. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as argv from '../../docker/argv.js';
import { withEnvFile } from '../../docker/env-file.js';
import { DeployError } from '../../errors.js';
import { lastLines, type Runner } from '../../exec.js';
import { LABEL_PREFIX } from '../../labels.js';
import { DEFAULT_PORT_RANGE, formatPortRange, pickPort } from '../../ports.js';
import { parseSpec } from '../../spec.js';
import type { Instance, InstanceLabels, LaunchSpec, RunSpec } from '../types.js';
import { boundPorts, engineIsLocal, isPortConflict, listeningPorts } from './ports.js';

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
  spec: `${LABEL_PREFIX}.spec`,
} as const;

/** Tries at another port when Docker finds the chosen one taken (a race with another launch or a process). */
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

interface ContainerInspect {
  Id: string;
  Name: string;
  RestartCount: number;
  State: { Running: boolean; Restarting: boolean; ExitCode: number; Health?: { Status: string } };
  Config: { Labels: Record<string, string> | null };
  HostConfig?: { PortBindings?: PortMap | null };
  NetworkSettings: { Ports: PortMap | null };
}
type PortMap = Record<string, { HostIp: string; HostPort: string }[] | null>;

/**
 * The first binding with a host port: the explicit one the action chose (in HostConfig, kept for the
 * container's life and known while it is stopped), else the one Docker picked (older instances).
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
  const labels = c.Config.Labels ?? {};
  const name = c.Name.replace(/^\//, '');
  const binding = firstBinding(c.HostConfig?.PortBindings, c.NetworkSettings.Ports);
  const health = c.State.Health?.Status;
  return {
    id: c.Id,
    name,
    app: labels[L.app] ?? '',
    environment: labels[L.environment] ?? '',
    version: labels[L.version] ?? '',
    digest: labels[L.digest] ?? '',
    image: labels[L.image] ?? '',
    revision: labels[L.revision] ?? '',
    deployedAt: labels[L.deployedAt] ?? '',
    runUrl: labels[L.runUrl] ?? '',
    // Instances from before pools were labelled are pools of their own.
    pool: labels[L.pool] ?? c.Id,
    target,
    verified: !name.endsWith(CANDIDATE_SUFFIX),
    running: c.State.Running,
    restarting: c.State.Restarting,
    exitCode: c.State.ExitCode,
    restartCount: c.RestartCount,
    health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : undefined,
    address: binding?.HostPort ? { host: binding.HostIp || '127.0.0.1', port: Number(binding.HostPort) } : undefined,
    spec: parseSpec(labels[L.spec]),
  };
}

/** The container operations of one engine; `exec` runs docker against that engine. */
export class DockerContainers {
  constructor(
    private readonly exec: Runner,
    /** The name of the engine's target, recorded on every instance read. */
    private readonly target: string,
  ) {}

  async launch(spec: LaunchSpec): Promise<Instance> {
    const name = instanceName(spec.app, spec.environment, spec.version, randomBytes(3).toString('hex'));
    const env = { ...spec.spec.env, ...spec.secretEnv };
    const range = spec.spec.portRange ?? DEFAULT_PORT_RANGE;
    const used = await this.usedPorts();
    let r;
    for (let attempt = 1; ; attempt++) {
      const hostPort = pickPort(range, used);
      if (hostPort === undefined)
        throw new DeployError(
          `No free host port in port-range ${formatPortRange(range)} to publish the new instance of ${spec.version} on ${this.target}: ` +
            `all ${range.to - range.from + 1} are used by containers of the engine or processes on its host.`,
          'Widen "port-range", or remove containers that hold ports in it.',
        );
      r = await withEnvFile(env, (envFile) =>
        this.exec(
          argv.runArgv({
            name,
            image: spec.image,
            labels: instanceLabels(spec),
            envFile: Object.keys(env).length > 0 ? envFile : undefined,
            publishHost: spec.target.address,
            // Chosen here and published explicitly: Docker binds the same port on every start of the container.
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
          }),
          // Values reach docker in a private env file, never argv or the CLI's environment.
          { allowFailure: true },
        ),
      );
      if (r.exitCode === 0 || !isPortConflict(r.stderr) || attempt >= PORT_ATTEMPTS) break;
      // Taken since we looked (another launch, or a process on the host): the created container goes; another port.
      used.add(hostPort);
      await this.exec(argv.rmArgv([name]), { allowFailure: true });
    }
    if (r.exitCode !== 0) {
      // docker run may leave a created container behind (e.g. when the network does not exist).
      await this.exec(argv.rmArgv([name]), { allowFailure: true });
      throw new DeployError(
        `Docker could not start an instance of ${spec.version} (docker run exited with ${r.exitCode}): ${lastLines(r.stderr.trim(), 5)}`,
        'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.',
      );
    }
    // A process that dies at start may leave no published port yet: the health wait tells why.
    return this.inspect(r.stdout.trim());
  }

  async list(app: string, environment: string): Promise<Instance[]> {
    return this.inspectAll(await this.ids(argv.psArgv({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment })));
  }

  /** Every instance of every app and environment on this engine. */
  async listAll(): Promise<Instance[]> {
    return this.inspectAll(await this.ids(argv.psArgv({ [L.role]: 'instance' })));
  }

  /**
   * Host ports a new instance must not take: every explicit binding of every container of the engine (a
   * stopped one binds its port again when it starts), and, when the engine runs on this machine, every
   * port a process here listens on. (A remote engine refuses a port its host uses: the launch then tries another.)
   */
  private async usedPorts(): Promise<Set<number>> {
    const used = new Set<number>();
    const ids = await this.ids(argv.psAllIdsArgv());
    if (ids.length > 0) {
      const r = await this.exec(argv.portBindingsArgv(ids), { allowFailure: true });
      for (const line of r.stdout.split('\n').filter((l) => l.trim().startsWith('{')))
        for (const p of boundPorts(JSON.parse(line) as Parameters<typeof boundPorts>[0])) used.add(p);
    }
    const local = this.target === 'local' && engineIsLocal(process.env);
    if (local)
      for (const file of ['/proc/net/tcp', '/proc/net/tcp6'])
        for (const p of listeningPorts(await readFile(file, 'utf8').catch(() => ''))) used.add(p);
    return used;
  }

  private async ids(ps: string[]): Promise<string[]> {
    return (await this.exec(ps)).stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  private async inspectAll(ids: string[]): Promise<Instance[]> {
    if (ids.length === 0) return [];
    const r = await this.exec(argv.inspectArgv(ids), { allowFailure: true });
    // A container removed between ps and inspect is simply gone.
    const parsed = r.stdout.trim() ? (JSON.parse(r.stdout) as ContainerInspect[]) : [];
    return parsed.map((c) => toInstance(c, this.target));
  }

  async inspect(id: string): Promise<Instance> {
    const r = await this.exec(argv.inspectArgv([id]));
    return toInstance((JSON.parse(r.stdout) as ContainerInspect[])[0]!, this.target);
  }

  async markVerified(instance: Instance, restart: string): Promise<Instance> {
    if (instance.verified) return instance;
    const name = instance.name.slice(0, -CANDIDATE_SUFFIX.length);
    if (restart !== 'no') await this.exec(['docker', 'update', '--restart', restart, instance.id]);
    await this.exec(['docker', 'rename', instance.id, name]);
    return { ...instance, name, verified: true };
  }

  async logs(id: string, lines: number): Promise<string> {
    const r = await this.exec(argv.logsArgv(id, lines), { allowFailure: true });
    return (r.stdout + r.stderr).trimEnd();
  }

  async retire(ids: string[], graceSec: number): Promise<void> {
    if (ids.length === 0) return;
    await this.exec(argv.stopArgv(ids, graceSec), { allowFailure: true });
    await this.remove(ids);
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.exec(argv.rmArgv(ids), { allowFailure: true });
  }
}

/** Pure builders of Engine API request bodies and filters. Nothing here talks to an engine. */
import type { Filters } from '../../drivers/docker/types.js';
import type { RunSpec } from '../../core/model.js';

/** `--memory` sizes as the CLI reads them (RAMInBytes): binary units, `512m`, `1g`, `1.5g`, `100k`, `2048`. */
export function memoryBytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgtp])?i?b?$/i.exec(size.trim());
  if (!m) throw new Error(`not a size: ${size}`);
  const exp = 'bkmgtp'.indexOf((m[2] ?? 'b').toLowerCase());
  return Math.floor(Number(m[1]) * 1024 ** exp);
}

/** `--cpus` as the CLI sends it: billionths of a CPU. */
export const nanoCpus = (cpus: string): number => Math.round(Number(cpus) * 1e9);

/** `--restart` as the API takes it: no, always, unless-stopped, on-failure[:N]. */
export function restartPolicy(restart: string): { Name: string; MaximumRetryCount?: number } {
  const [name, count] = restart.split(':') as [string, string | undefined];
  return count !== undefined ? { Name: name, MaximumRetryCount: Number(count) } : { Name: name };
}

/** Label filters: every `key=value` must match. */
export function labelFilters(labels: Record<string, string>, extra: Filters = {}): Filters {
  return { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`), ...extra };
}

/** The limits, network, restart policy and filesystem of an instance are its run spec's, as they are. */
export interface InstanceBody extends Pick<RunSpec, 'network' | 'memory' | 'cpus' | 'restart' | 'readOnly' | 'tmpfs'> {
  /** Image id or digest reference: never a moving tag. */
  image: string;
  labels: Record<string, string>;
  /** Values included: the body goes to the engine only, never into a log or a message. */
  env: Record<string, string>;
  containerPort: number;
  publishHost: string;
  /** The host port to publish on; undefined: the engine picks a free one. */
  hostPort?: number | undefined;
}

/** `--tmpfs /path:options` as the API takes it: path -> options. */
export function tmpfsMounts(mounts: string[]): Record<string, string> {
  return Object.fromEntries(mounts.map((m) => (m.includes(':') ? [m.slice(0, m.indexOf(':')), m.slice(m.indexOf(':') + 1)] : [m, ''])));
}

/** POST /containers/create for an instance: what `docker run --detach` with the same flags sends. */
export function instanceCreateBody(a: InstanceBody): Record<string, unknown> {
  const port = `${a.containerPort}/tcp`;
  const hostConfig: Record<string, unknown> = {
    PortBindings: { [port]: [{ HostIp: a.publishHost, HostPort: a.hostPort ? String(a.hostPort) : '' }] },
    RestartPolicy: restartPolicy(a.restart),
    NetworkMode: a.network ?? 'default',
  };
  if (a.memory) hostConfig.Memory = memoryBytes(a.memory);
  if (a.cpus) hostConfig.NanoCpus = nanoCpus(a.cpus);
  if (a.readOnly) hostConfig.ReadonlyRootfs = true;
  if (a.tmpfs?.length) hostConfig.Tmpfs = tmpfsMounts(a.tmpfs);
  return {
    Image: a.image,
    Labels: a.labels,
    Env: Object.entries(a.env).map(([k, v]) => `${k}=${v}`),
    ExposedPorts: { [port]: {} },
    HostConfig: hostConfig,
  };
}

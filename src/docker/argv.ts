/** Pure builders of docker CLI argv arrays. Nothing here runs anything. */

export interface BuildArgs {
  context: string;
  dockerfile?: string | undefined;
  tags: string[];
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  secrets: string[];
  target?: string | undefined;
  iidFile: string;
  /** Use `docker buildx build --load` (BuildKit) instead of the classic builder. */
  buildx: boolean;
}

export function buildArgv(a: BuildArgs): string[] {
  const argv = a.buildx ? ['docker', 'buildx', 'build', '--load'] : ['docker', 'build'];
  argv.push('--iidfile', a.iidFile);
  if (a.dockerfile) argv.push('--file', a.dockerfile);
  if (a.target) argv.push('--target', a.target);
  for (const t of a.tags) argv.push('--tag', t);
  for (const [k, v] of Object.entries(a.labels)) argv.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(a.buildArgs)) argv.push('--build-arg', `${k}=${v}`);
  for (const s of a.secrets) argv.push('--secret', s);
  // "--" ends the options: a context can never be read as one (the input also refuses a leading "-").
  argv.push('--', a.context);
  return argv;
}

export function loginArgv(server: string | undefined, username: string): string[] {
  const argv = ['docker', 'login', '--username', username, '--password-stdin'];
  if (server) argv.push(server);
  return argv;
}

export const pushArgv = (ref: string): string[] => ['docker', 'push', ref];
export const tagArgv = (source: string, target: string): string[] => ['docker', 'tag', source, target];

export function manifestInspectArgv(ref: string): string[] {
  const argv = ['docker', 'manifest', 'inspect', '--verbose'];
  if (isLoopbackRegistry(ref)) argv.push('--insecure');
  argv.push(ref);
  return argv;
}

/** Docker itself treats registries on loopback as insecure (plain HTTP); the manifest client needs to be told. */
export function isLoopbackRegistry(ref: string): boolean {
  const host = ref.includes('/') ? ref.split('/')[0]! : '';
  return /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(host);
}

export const imageInspectArgv = (ref: string): string[] => ['docker', 'image', 'inspect', ref];

export interface RunArgs {
  name: string;
  /** Image id or digest reference: never a moving tag. */
  image: string;
  labels: Record<string, string>;
  /** A private file of KEY=VALUE lines (see env-file.ts): values never sit in argv or the CLI's environment. */
  envFile?: string | undefined;
  /** The host port chosen by the action (kept for the container's whole life); undefined lets Docker pick one. */
  hostPort?: number | undefined;
  publishHost: string;
  containerPort: number;
  network?: string | undefined;
  memory?: string | undefined;
  cpus?: string | undefined;
  restart: string;
  /** Read-only root filesystem. */
  readOnly?: boolean | undefined;
  /** tmpfs mounts: `/path` or `/path:options`. */
  tmpfs?: string[] | undefined;
}

export function runArgv(a: RunArgs): string[] {
  const argv = ['docker', 'run', '--detach', '--name', a.name];
  for (const [k, v] of Object.entries(a.labels)) argv.push('--label', `${k}=${v}`);
  if (a.envFile) argv.push('--env-file', a.envFile);
  // An explicit host port is bound again on every start of the container; an empty one lets Docker pick
  // a new one each time.
  const host = a.publishHost.includes(':') ? `[${a.publishHost}]` : a.publishHost;
  argv.push('--publish', `${host}:${a.hostPort ?? ''}:${a.containerPort}`);
  if (a.network) argv.push('--network', a.network);
  if (a.memory) argv.push('--memory', a.memory);
  if (a.cpus) argv.push('--cpus', a.cpus);
  if (a.readOnly) argv.push('--read-only');
  for (const t of a.tmpfs ?? []) argv.push('--tmpfs', t);
  argv.push('--restart', a.restart);
  argv.push('--', a.image);
  return argv;
}

export function psArgv(filters: Record<string, string>, all = true): string[] {
  const argv = ['docker', 'ps', '--no-trunc', '--format', '{{.ID}}'];
  if (all) argv.push('--all');
  for (const [k, v] of Object.entries(filters)) argv.push('--filter', `label=${k}=${v}`);
  return argv;
}

export const inspectArgv = (ids: string[]): string[] => ['docker', 'container', 'inspect', ...ids];
export const logsArgv = (id: string, tail: number): string[] => ['docker', 'logs', '--tail', String(tail), id];
export const rmArgv = (ids: string[]): string[] => ['docker', 'rm', '--force', '--volumes', ...ids];
export const stopArgv = (ids: string[], seconds: number): string[] => ['docker', 'stop', '--time', String(seconds), ...ids];

/** Every container of the engine (running or not): their explicit port bindings claim host ports. */
export const psAllIdsArgv = (): string[] => ['docker', 'ps', '--all', '--quiet', '--no-trunc'];
export const portBindingsArgv = (ids: string[]): string[] => [
  'docker', 'container', 'inspect', '--format', '{{json .HostConfig.PortBindings}}', ...ids,
];

/** Records (e.g. of flips) are labelled volumes: created atomically, listed by label, no image needed. */
export function volumeCreateArgv(name: string, labels: Record<string, string>): string[] {
  const argv = ['docker', 'volume', 'create'];
  for (const [k, v] of Object.entries(labels)) argv.push('--label', `${k}=${v}`);
  argv.push(name);
  return argv;
}
export function volumeLsArgv(filters: Record<string, string>): string[] {
  const argv = ['docker', 'volume', 'ls', '--quiet'];
  for (const [k, v] of Object.entries(filters)) argv.push('--filter', `label=${k}=${v}`);
  return argv;
}
export const volumeInspectArgv = (names: string[]): string[] => ['docker', 'volume', 'inspect', ...names];
export const volumeRmArgv = (names: string[]): string[] => ['docker', 'volume', 'rm', '--force', ...names];

/**
 * Pure builders of docker CLI argv arrays, for what stays with the CLI: image builds (BuildKit, buildx,
 * build secrets) and registry work (login, push, pull, manifest inspect: the CLI owns the credential
 * store). Everything else goes to the Engine API (src/drivers/docker/engine.ts). Nothing here runs anything.
 */

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

export const pullArgv = (ref: string): string[] => ['docker', 'pull', ref];

/**
 * Which Docker engine to talk to, resolved the way the docker CLI resolves it, so `DOCKER_HOST`,
 * `DOCKER_CONTEXT`, `docker context use` and the TLS variables keep meaning what they mean for the CLI:
 *
 *   1. DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH for tcp://);
 *   2. DOCKER_CONTEXT, else the config's currentContext ($DOCKER_CONFIG/config.json, default ~/.docker);
 *      a context's endpoint and TLS files live under $DOCKER_CONFIG/contexts/;
 *   3. the local socket, unix:///var/run/docker.sock.
 *
 * Pure apart from the file reads, which come in through `FileReader` (tests pass a map).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DeployError } from '../../support/errors.js';

export interface TlsFiles {
  /** PEM file paths; each may be absent. */
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
  /** Verify the engine's certificate against `ca` (DOCKER_TLS_VERIFY / a context without SkipTLSVerify). */
  verify: boolean;
}

export type Endpoint =
  | { kind: 'unix'; name: string; socketPath: string; cliEnv: Record<string, string> }
  | { kind: 'tcp'; name: string; host: string; port: number; tls: TlsFiles | undefined; cliEnv: Record<string, string> }
  | {
      kind: 'ssh';
      name: string;
      host: string;
      port: number | undefined;
      user: string | undefined;
      /** ssh://host/path: the engine's socket on the host, reached by stream-local forwarding. Unset: the host's own docker decides (dial-stdio). */
      socketPath: string | undefined;
      cliEnv: Record<string, string>;
    };

/** Reads a file's text, or undefined when it does not exist. */
export type FileReader = (path: string) => string | undefined;

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where the docker CLI keeps its configuration and contexts. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

/**
 * The engine a run talks to by default (no endpoint given): what `docker` would talk to in the same
 * environment. `explicit` is a fleet target's endpoint: a URL (tcp://, ssh://, unix://) or a context name.
 */
export function resolveEndpoint(explicit: string | undefined, env: NodeJS.ProcessEnv, read: FileReader): Endpoint {
  if (explicit) return explicit.includes('://') ? parseHost(explicit, env, { DOCKER_HOST: explicit, DOCKER_CONTEXT: '' }) : fromContext(explicit, env, read);
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, env, {});
  const context = env.DOCKER_CONTEXT || currentContext(env, read);
  if (context && context !== 'default') return fromContext(context, env, read);
  return { kind: 'unix', name: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, cliEnv: {} };
}

function currentContext(env: NodeJS.ProcessEnv, read: FileReader): string | undefined {
  const text = read(join(dockerConfigDir(env), 'config.json'));
  if (!text) return undefined;
  try {
    return (JSON.parse(text) as { currentContext?: string }).currentContext || undefined;
  } catch {
    return undefined;
  }
}

/** The directory name the CLI stores a context under: the hex SHA-256 of its name. */
// node:crypto only for a context: the action's start-up loads none of it (docs/benchmarks.md).
export const contextDirName = (name: string): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(name).digest('hex');

function fromContext(name: string, env: NodeJS.ProcessEnv, read: FileReader): Endpoint {
  const dir = dockerConfigDir(env);
  const id = contextDirName(name);
  const metaPath = join(dir, 'contexts', 'meta', id, 'meta.json');
  const text = read(metaPath);
  if (!text)
    throw new DeployError(
      `The Docker context "${name}" does not exist (no ${metaPath}).`,
      'Create it with "docker context create", or set DOCKER_HOST instead.',
    );
  let host: string | undefined;
  let skipVerify = false;
  try {
    const meta = JSON.parse(text) as { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
    host = meta.Endpoints?.docker?.Host;
    skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
  } catch {
    host = undefined;
  }
  if (!host) throw new DeployError(`The Docker context "${name}" names no Docker endpoint (${metaPath}).`);
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  const has = (f: string) => (read(join(tlsDir, f)) !== undefined ? join(tlsDir, f) : undefined);
  const tls: TlsFiles | undefined =
    has('ca.pem') || has('cert.pem') ? { ca: has('ca.pem'), cert: has('cert.pem'), key: has('key.pem'), verify: !skipVerify } : undefined;
  // A context's TLS comes from its own files, never from the DOCKER_TLS_* variables.
  return parseHost(host, {}, { DOCKER_CONTEXT: name }, tls, `${host} (context ${name})`);
}

/** Parses a DOCKER_HOST-style URL. TLS for tcp:// comes from `tls` (a context) or the CLI's variables in `env`. */
export function parseHost(
  host: string,
  env: NodeJS.ProcessEnv,
  cliEnv: Record<string, string>,
  contextTls?: TlsFiles,
  label?: string,
): Endpoint {
  const bad = (why: string) =>
    new DeployError(
      `The Docker endpoint ${JSON.stringify(host)} is not usable: ${why}.`,
      'Use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] (in DOCKER_HOST, a context, or the target).',
    );
  const withScheme = host.includes('://') ? host : `tcp://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw bad('not a URL');
  }
  const name = label ?? withScheme.replace(/\/\/[^@/]*:[^@/]*@/, '//');
  switch (url.protocol) {
    case 'unix:': {
      const socketPath = decodeURIComponent(url.pathname) || DEFAULT_SOCKET;
      return { kind: 'unix', name, socketPath, cliEnv };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      if (!url.hostname) throw bad('no host');
      const certDir = env.DOCKER_CERT_PATH || dockerConfigDir(env);
      const verify = !!env.DOCKER_TLS_VERIFY;
      const useTls = url.protocol === 'https:' || verify || !!env.DOCKER_TLS;
      const tls =
        contextTls ??
        (useTls ? { ca: join(certDir, 'ca.pem'), cert: join(certDir, 'cert.pem'), key: join(certDir, 'key.pem'), verify } : undefined);
      const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
      return { kind: 'tcp', name, host: url.hostname.replace(/^\[|\]$/g, ''), port, tls, cliEnv };
    }
    case 'ssh:': {
      if (!url.hostname) throw bad('no host');
      const path = decodeURIComponent(url.pathname);
      return {
        kind: 'ssh',
        name,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : undefined,
        user: url.username ? decodeURIComponent(url.username) : undefined,
        socketPath: path && path !== '/' ? path : undefined,
        cliEnv,
      };
    }
    default:
      throw bad(`the scheme ${url.protocol.replace(/:$/, '')} is not supported here`);
  }
}

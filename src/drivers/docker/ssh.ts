/**
 * ssh:// engines: ONE ssh connection (ssh2) per engine for the whole run. Every HTTP connection the
 * engine client opens is a channel on it, running `docker system dial-stdio` there (what the docker CLI
 * runs), or, for ssh://host/path/to/docker.sock, a stream-local forward to that socket. Channels are
 * reused call after call (HTTP keep-alive), so only the first call pays the handshake.
 *
 * Like the CLI (which runs the system's ssh), it honours ~/.ssh/config through `ssh -G` (host name,
 * user, port, identity files, known_hosts files, StrictHostKeyChecking), the ssh agent
 * (SSH_AUTH_SOCK) and the default keys, and it refuses a host whose key is not in known_hosts.
 *
 * This module (and ssh2 with it) is loaded only when an ssh:// engine is used.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Agent, type AgentOptions } from 'node:http';
import { homedir, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import './cjs-globals.js';
import { Client, utils, type AgentAuthMethod, type ClientChannel, type PublicKeyAuthMethod } from 'ssh2';
import { DeployError } from '../../support/errors.js';
import { childEnv } from '../../support/secrets.js';
import { checkHostKey, knownHostsLine, type HostKeyVerdict } from './known-hosts.js';

export interface SshTarget {
  host: string;
  port: number | undefined;
  user: string | undefined;
  /** The engine's socket on the host (default /var/run/docker.sock). */
  socketPath: string | undefined;
  /** For messages: the endpoint as written. */
  name: string;
}

/** What `ssh -G` says about a host (the effective ~/.ssh/config), with OpenSSH's defaults. */
export interface SshSettings {
  hostname: string;
  user: string;
  port: number;
  identityFiles: string[];
  knownHostsFiles: string[];
  /** Where a key accepted with accept-new is saved: the first of these (UserKnownHostsFile). */
  userKnownHostsFiles: string[];
  /** HashKnownHosts: save host names hashed. */
  hashKnownHosts: boolean;
  strictHostKeyChecking: string;
  proxy: string | undefined;
}

/** Pure: parses `ssh -G` output. */
export function parseSshConfig(text: string, fallback: SshSettings): SshSettings {
  const s = { ...fallback, identityFiles: [] as string[], knownHostsFiles: [] as string[], userKnownHostsFiles: [] as string[] };
  const home = homedir();
  const path = (p: string) => p.replace(/^~(?=\/|$)/, home);
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    const value = rest.join(' ');
    if (!key || !value) continue;
    switch (key.toLowerCase()) {
      case 'hostname':
        s.hostname = value;
        break;
      case 'user':
        s.user = value;
        break;
      case 'port':
        s.port = Number(value) || s.port;
        break;
      case 'identityfile':
        s.identityFiles.push(path(value));
        break;
      case 'userknownhostsfile':
        s.userKnownHostsFiles.push(...rest.map(path));
        s.knownHostsFiles.push(...rest.map(path));
        break;
      case 'globalknownhostsfile':
        s.knownHostsFiles.push(...rest.map(path));
        break;
      case 'hashknownhosts':
        s.hashKnownHosts = value.toLowerCase() === 'yes';
        break;
      case 'stricthostkeychecking':
        s.strictHostKeyChecking = value.toLowerCase();
        break;
      case 'proxyjump':
      case 'proxycommand':
        if (value !== 'none') s.proxy = `${key} ${value}`;
        break;
    }
  }
  if (s.identityFiles.length === 0) s.identityFiles = fallback.identityFiles;
  if (s.knownHostsFiles.length === 0) s.knownHostsFiles = fallback.knownHostsFiles;
  if (s.userKnownHostsFiles.length === 0) s.userKnownHostsFiles = fallback.userKnownHostsFiles;
  return s;
}

function sshSettings(t: SshTarget): SshSettings {
  const home = homedir();
  const fallback: SshSettings = {
    hostname: t.host,
    user: t.user ?? userInfo().username,
    port: t.port ?? 22,
    identityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => `${home}/.ssh/${f}`),
    knownHostsFiles: [`${home}/.ssh/known_hosts`, '/etc/ssh/ssh_known_hosts'],
    userKnownHostsFiles: [`${home}/.ssh/known_hosts`],
    hashKnownHosts: false,
    strictHostKeyChecking: 'ask',
    proxy: undefined,
  };
  const args = ['-G', ...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), '--', t.host];
  // `ssh -G` only prints the effective configuration; it connects nowhere. No ssh client: the defaults.
  // The environment a `run:` step would have: never the action's inputs or runtime tokens.
  const r = spawnSync('ssh', args, { encoding: 'utf8', timeout: 5000, env: childEnv() });
  return r.status === 0 ? parseSshConfig(r.stdout, fallback) : fallback;
}

const readable = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Adds a host key accepted under accept-new to the user's known_hosts (created 0600 in a 0700 directory,
 * as OpenSSH makes it), so the next connection checks against it. A file that cannot be written is an error:
 * accepting any key on every run is what accept-new must not come to.
 */
function saveHostKey(file: string, line: string, name: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    appendFileSync(file, `${line}\n`, { mode: 0o600 });
  } catch (err) {
    throw new DeployError(
      `${name}: the new ssh host key was accepted (StrictHostKeyChecking accept-new) but could not be saved to ${file}: ${(err as Error).message}`,
      'Make the known_hosts file writable, or add the key beforehand (ssh-keyscan, checking the fingerprint).',
    );
  }
}

/** The key type inside an SSH public key blob (its first string). */
function keyTypeOf(blob: Buffer): string {
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString();
}

/** What http.Agent expects of a socket beyond a Duplex. ssh channels have none of it; none is needed. */
function socketLike(ch: Duplex): Duplex {
  const s = ch as Duplex & Record<string, unknown>;
  for (const m of ['setKeepAlive', 'setNoDelay', 'ref', 'unref'] as const) s[m] ??= () => s;
  s.setTimeout ??= (_ms: number, cb?: () => void) => {
    if (cb) s.once('timeout', cb);
    return s;
  };
  return s;
}

export interface SshConnection {
  /** For calls that answer and end: ONE channel, reused call after call (a new one would start another `docker` on the host). */
  agent: Agent;
  /** For streams that stay open (events): a channel each, so they never hold up the calls. */
  streams: Agent;
  /** False once the ssh connection closed (the host, the network or a keepalive gave up). */
  alive(): boolean;
  close(): void;
}

/** Opens the one ssh connection to `t`; its agent hands out channels to the engine as sockets. */
export async function connectSsh(t: SshTarget, agentOptions: AgentOptions): Promise<SshConnection> {
  const s = sshSettings(t);
  if (s.proxy)
    throw new DeployError(
      `The ssh configuration for ${t.host} uses ${s.proxy}, which the engine client does not support.`,
      'Reach the host directly (or through a tunnel you start before this step), or use tcp:// with TLS.',
    );
  const knownHosts = s.knownHostsFiles.map(readable).filter((x): x is string => x !== undefined);
  let verdict: HostKeyVerdict | undefined;
  /** A new host key accepted under accept-new: saved once the connection is up, as OpenSSH does. */
  let accepted: string | undefined;
  const auth: (AgentAuthMethod | PublicKeyAuthMethod)[] = [];
  if (process.env.SSH_AUTH_SOCK) auth.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
  for (const f of s.identityFiles) {
    const key = readable(f);
    // A key that needs a passphrase cannot be used here (the agent can hold it instead).
    if (key && !(utils.parseKey(key) instanceof Error)) auth.push({ type: 'publickey', username: s.user, key });
  }
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      client.removeAllListeners('ready');
      reject(describe(err));
    };
    const describe = (err: Error): Error => {
      const where = `${s.user}@${s.hostname}:${s.port} (${t.name})`;
      if (verdict === 'unknown')
        return new DeployError(
          `The ssh host key of ${where} is not in known_hosts (${s.knownHostsFiles.join(', ')}).`,
          `Add it first, for example: ssh-keyscan -p ${s.port} ${s.hostname} >> ~/.ssh/known_hosts (check the fingerprint).`,
        );
      if (verdict === 'changed' || verdict === 'revoked')
        return new DeployError(
          `The ssh host key of ${where} does not match known_hosts (${verdict}): refusing to connect.`,
          'If the host was rebuilt, replace its line in known_hosts after checking the new fingerprint.',
        );
      return new DeployError(
        `Could not connect over ssh to the Docker engine at ${where}: ${err.message}`,
        'Check the host, the user and that the runner has a key the host accepts (ssh agent or ~/.ssh/id_*).',
      );
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      try {
        if (accepted) saveHostKey(s.userKnownHostsFiles[0]!, accepted, t.name);
        resolve();
      } catch (err) {
        client.end();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    client.once('error', fail);
    client.connect({
      host: s.hostname,
      port: s.port,
      username: s.user,
      authHandler: auth,
      // Detect a dead host during long waits (the lock, a long acceptance run).
      keepaliveInterval: 15_000,
      readyTimeout: 20_000,
      hostVerifier: (key: Buffer) => {
        if (s.strictHostKeyChecking === 'no' || s.strictHostKeyChecking === 'off') return true;
        verdict = checkHostKey(knownHosts, s.hostname, s.port, keyTypeOf(key), key.toString('base64'));
        if (verdict === 'unknown' && s.strictHostKeyChecking === 'accept-new') {
          accepted = knownHostsLine(s.hostname, s.port, keyTypeOf(key), key.toString('base64'), s.hashKnownHosts);
          return true;
        }
        return verdict === 'known';
      },
    });
  });
  let open_ = true;
  client.on('error', () => undefined);
  // A dropped connection is never used again: the engine client opens a new one at its next call.
  client.once('close', () => {
    open_ = false;
    agent.destroy();
    streams.destroy();
  });

  // Like the CLI, `docker system dial-stdio` on the host: the engine is whichever the host's own docker
  // would use (its DOCKER_HOST, context, rootless socket). With a socket path in the URL
  // (ssh://host/run/docker.sock), a stream-local forward to exactly that socket: no process on the host.
  const open = (cb: (err: Error | undefined, ch?: ClientChannel) => void) => {
    if (!t.socketPath) return client.exec('docker system dial-stdio', (err, ch) => cb(err, ch));
    client.openssh_forwardOutStreamLocal(t.socketPath, (err, ch) =>
      cb(
        err &&
          new DeployError(
            `${t.name}: the ssh server did not forward to ${t.socketPath}: ${err.message}`,
            'Allow it on the host (sshd_config: AllowStreamLocalForwarding yes), or leave the path out of the URL to go through "docker system dial-stdio".',
          ),
        ch,
      ),
    );
  };
  const channelAgent = (options: AgentOptions): Agent => {
    const agent = new Agent({ keepAlive: true, ...agentOptions, ...options });
    agent.createConnection = (_options, oncreate) => {
      const fail = (err: Error | undefined) =>
        oncreate?.(new Error(`ssh ${t.name}: could not open a channel to the engine: ${err?.message ?? 'no channel'}`), undefined as never);
      try {
        open((err, ch) => (err || !ch ? fail(err) : oncreate?.(null, socketLike(ch))));
      } catch (err) {
        // ssh2 throws at once on a connection that is already closed.
        fail(err as Error);
      }
      return undefined;
    };
    return agent;
  };
  // Calls queue for the one channel: each takes a round trip and the engine's time, while a second
  // channel would cost a `docker system dial-stdio` process on the host (hundreds of ms on a busy host).
  const agent = channelAgent({ maxSockets: 1, maxFreeSockets: 1 });
  const streams = channelAgent({ keepAlive: false });
  return {
    agent,
    streams,
    alive: () => open_,
    close: () => {
      agent.destroy();
      streams.destroy();
      client.end();
    },
  };
}

/**
 * ONE ssh connection (ssh2) per host for the whole run, shared by everything that reaches that host: the
 * Docker engine's socket, a balancer's runtime socket (HAProxy), a command. Unix sockets on the host are
 * reached by stream-local forwarding (direct-streamlocal@openssh.com, `ssh -L local:/remote.sock`): a
 * channel on the open connection, no process on the host.
 *
 * Like the system's ssh, it honours the ssh client configuration (./config.ts: host name, user, port,
 * identity files, known_hosts files, StrictHostKeyChecking), the ssh agent (SSH_AUTH_SOCK) and the
 * default keys, and it refuses a host whose key is not in known_hosts.
 *
 * This module (and ssh2 with it) is loaded only when something reaches a host over ssh.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Duplex } from 'node:stream';
import './cjs-globals.js';
import { Client, utils, type AgentAuthMethod, type ClientChannel, type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import { DeployError } from '../../support/errors.js';
import { registerConnection } from './registry.js';
import { checkHostKey, knownHostsLine, type HostKeyVerdict } from './known-hosts.js';
import type { SshHostRequest } from './config.js';
import { connectionKey, readable, sshSettings, takeDialed, type SettingsSource } from './dial.js';
import { Phases } from './phases.js';

/** When this module, and ssh2 with it, had loaded (ms since the process started): for the trace. */
export const loadedAt = performance.now();

export interface SshTarget extends SshHostRequest {
  /** For messages: the endpoint as written. */
  name: string;
}

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

/** What http.Agent and net users expect of a socket beyond a Duplex. ssh channels have none of it; none is needed. */
export function socketLike(ch: Duplex): Duplex {
  const s = ch as Duplex & Record<string, unknown>;
  for (const m of ['setKeepAlive', 'setNoDelay', 'ref', 'unref'] as const) s[m] ??= () => s;
  s.setTimeout ??= (_ms: number, cb?: () => void) => {
    if (cb) s.once('timeout', cb);
    return s;
  };
  return s;
}

export interface SshConnection {
  /** For messages: the host as written. */
  readonly name: string;
  /** Where the settings came from (for the trace). */
  readonly settingsSource: SettingsSource;
  /** How long each phase of opening it took, and the algorithms agreed (for the trace). */
  readonly phases: Phases;
  /** The key exchange, host key, cipher and MAC the server and this client agreed on. */
  readonly algorithms: string;
  /** A stream to the unix socket `path` on the host, forwarded by its sshd (no process there). */
  forward(path: string): Promise<ClientChannel>;
  /** `command` on the host, its stdin and stdout as the stream. */
  exec(command: string): Promise<ClientChannel>;
  /** False once the ssh connection closed (the host, the network or a keepalive gave up). */
  alive(): boolean;
  /** `f` runs once the connection has closed. */
  onClose(f: () => void): void;
  close(): void;
}

/** Identity files read and parsed once per run: every host of a fleet usually names the same keys. */
const identities = new Map<string, ParsedKey | undefined>();

/**
 * The private key in the identity file `path`, parsed (what ssh2 is given: it would parse the text again), or
 * undefined when there is none, it cannot be read, or it needs a passphrase (the agent can hold it instead).
 * Read and parsed once per run (a few ms of CPU per key, which a fleet paid for every host, one after another).
 */
export function identityKey(path: string): ParsedKey | undefined {
  if (!identities.has(path)) {
    const text = readable(path);
    const key = text === undefined ? undefined : utils.parseKey(text);
    identities.set(path, key && !(key instanceof Error) ? key : undefined);
  }
  return identities.get(path);
}

const connections = new Map<string, Promise<SshConnection>>();

/**
 * The run's connection to `t`'s host, opened on first use and shared by every caller (the engine, a
 * balancer's socket); a connection that closed is opened anew by the next caller.
 */
export function sshConnection(t: SshTarget): Promise<SshConnection> {
  const key = connectionKey(t);
  const current = connections.get(key);
  if (current) {
    return current.then(
      (c) => {
        if (c.alive()) return c;
        if (connections.get(key) === current) connections.delete(key);
        return sshConnection(t);
      },
      () => {
        if (connections.get(key) === current) connections.delete(key);
        return sshConnection(t);
      },
    );
  }
  const opening = connect(t);
  connections.set(key, opening);
  // Closed at the end of the run (src/drivers/ssh/index.ts), even while it is still opening.
  const unregister = registerConnection(() => {
    if (connections.get(key) === opening) connections.delete(key);
    void opening.then((c) => c.close()).catch(() => undefined);
  });
  opening.then(
    (c) => c.onClose(unregister),
    () => {
      unregister();
      if (connections.get(key) === opening) connections.delete(key);
    },
  );
  return opening;
}


async function connect(t: SshTarget): Promise<SshConnection> {
  // Settings read and the TCP connection opened while ssh2 loaded (./dial.ts), or both now.
  const dialed = takeDialed(t);
  const phases = dialed?.phases ?? new Phases(performance.now());
  const { settings: s, source } = dialed ?? sshSettings(t);
  phases.mark('settings');
  // Dialed before ssh2 loaded: how long the connection waited for it.
  if (dialed) phases.mark('ssh2 loaded', Math.max(loadedAt, phases.start));
  if (s.proxy)
    throw new DeployError(
      `The ssh configuration for ${t.host} uses ${s.proxy}, which this action's ssh client does not support.`,
      'Reach the host directly (or through a tunnel you start before this step), or use tcp:// with TLS.',
    );
  const knownHosts = s.knownHostsFiles.map(readable).filter((x): x is string => x !== undefined);
  let verdict: HostKeyVerdict | undefined;
  /** A new host key accepted under accept-new: saved once the connection is up, as OpenSSH does. */
  let accepted: string | undefined;
  const auth: (AgentAuthMethod | PublicKeyAuthMethod)[] = [];
  if (process.env.SSH_AUTH_SOCK) auth.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
  for (const f of s.identityFiles) {
    const key = identityKey(f);
    if (key) auth.push({ type: 'publickey', username: s.user, key });
  }
  phases.mark('keys');
  let algorithms = '';
  const client = new Client();
  client.once('connect', () => phases.mark('tcp'));
  client.once('handshake', (n) => {
    phases.mark('kex');
    algorithms = `${n.kex}, ${n.serverHostKey}, ${n.cs.cipher}${n.cs.mac ? ` + ${n.cs.mac}` : ''}`;
  });
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
        `Could not connect over ssh to ${where}: ${err.message}`,
        'Check the host, the user and that the runner has a key the host accepts (ssh agent or ~/.ssh/id_*).',
      );
    };
    client.once('ready', () => {
      phases.mark('auth');
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
      sock: dialed?.socket,
      host: s.hostname,
      port: s.port,
      username: s.user,
      authHandler: auth,
      // Detect a dead host during long waits (the lock, a long acceptance run).
      keepaliveInterval: 15_000,
      readyTimeout: 20_000,
      hostVerifier: (key: Buffer) => {
        phases.mark('host key');
        if (s.strictHostKeyChecking === 'no' || s.strictHostKeyChecking === 'off') return true;
        verdict = checkHostKey(knownHosts, s.hostname, s.port, keyTypeOf(key), key.toString('base64'));
        if (verdict === 'unknown' && s.strictHostKeyChecking === 'accept-new') {
          accepted = knownHostsLine(s.hostname, s.port, keyTypeOf(key), key.toString('base64'), s.hashKnownHosts);
          return true;
        }
        return verdict === 'known';
      },
    });
    // Nagle's algorithm off (TCP_NODELAY), as for any request-and-answer protocol (Node's http does it for its
    // sockets; ssh2 leaves its socket as it is). With it on, a small packet written while the last one is
    // not yet acknowledged waits for that acknowledgement, which the host delays up to 40 ms (delayed ACK):
    // each step of the handshake and each engine call over the connection waited that long.
    client.setNoDelay(true);
  });
  let open = true;
  client.on('error', () => undefined);
  client.once('close', () => {
    open = false;
  });
  const channel = (start: (cb: (err: Error | undefined, ch: ClientChannel) => void) => void) =>
    new Promise<ClientChannel>((resolve, reject) => {
      try {
        start((err, ch) => (err ? reject(err) : resolve(ch)));
      } catch (err) {
        // ssh2 throws at once on a connection that is already closed.
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  return {
    name: t.name,
    settingsSource: source,
    phases,
    algorithms,
    forward: (path) => channel((cb) => client.openssh_forwardOutStreamLocal(path, cb)),
    exec: (command) => channel((cb) => client.exec(command, cb)),
    alive: () => open,
    onClose: (f) => (open ? client.once('close', f) : f()),
    close: () => {
      open = false;
      client.end();
    },
  };
}

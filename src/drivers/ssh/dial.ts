/**
 * The first steps of an ssh connection that need no ssh2: the host's effective settings (./config.ts) and
 * its TCP connection. src/drivers/docker/transport.ts starts them for an ssh:// engine BEFORE it loads ssh2
 * (./connection.ts, a chunk of ~700 KB), so the host's sshd starts its session (it forks and re-executes
 * itself before it sends its banner) while ssh2 loads here; ./connection.ts then runs ssh over that socket.
 * Nothing is sent before ssh2 has it: the key exchange, the host key check and authentication are ssh2's,
 * exactly as when it connects by itself, which it does whenever no socket was opened here (or it failed).
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { childEnv } from '../../support/secrets.js';
import { parseSshG, resolveSshConfig, sshDefaults, UnsupportedSshConfig, type SshHostRequest, type SshSettings } from './config.js';
import { Phases } from './phases.js';
import { registerConnection } from './registry.js';

export const readable = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/** Where the settings came from: the files read here, or `ssh -G` (and why). */
export type SettingsSource = 'config files' | `ssh -G (${string})`;

/**
 * The effective settings for a host. Read from the configuration files here (no process): only a
 * configuration this reader cannot judge as OpenSSH would (a Match block, HostKeyAlias, an unknown
 * token...; see ./config.ts) is handed to `ssh -G`, which prints the effective configuration and
 * connects nowhere. No ssh client installed: the files' reading is all there is, so OpenSSH's defaults.
 */
export function sshSettings(t: SshHostRequest): { settings: SshSettings; source: SettingsSource } {
  const home = homedir();
  const info = userInfo();
  const local = { home, user: info.username, uid: info.uid };
  try {
    const list = (dir: string) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    };
    return { settings: resolveSshConfig(t, local, { read: readable, list }), source: 'config files' };
  } catch (err) {
    if (!(err instanceof UnsupportedSshConfig)) throw err;
    const args = ['-G', ...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), '--', t.host];
    // The environment a `run:` step would have: never the action's inputs or runtime tokens. child_process
    // only here: most runs never load it.
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const r = spawnSync('ssh', args, { encoding: 'utf8', timeout: 5000, env: childEnv() });
    const fallback = sshDefaults(t, local);
    return { settings: r.status === 0 ? parseSshG(r.stdout, fallback) : fallback, source: `ssh -G (${err.message})` };
  }
}

/** A host's settings, its phases so far and, when it could be opened, its TCP connection. */
export interface Dialed {
  settings: SshSettings;
  source: SettingsSource;
  phases: Phases;
  /** Connected or still connecting; undefined: ssh2 connects by itself (a proxy, a failed connection). */
  socket: Socket | undefined;
}

interface Pending extends Dialed {
  failed: boolean;
  unregister: () => void;
}

const pending = new Map<string, Pending>();

/** The key connections are shared by (./connection.ts): the host as written, with its user and port. */
export const connectionKey = (t: SshHostRequest): string => `${t.user ?? ''}@${t.host}:${t.port ?? ''}`;

/**
 * Reads `t`'s settings and opens its TCP connection now (Nagle off), for ./connection.ts to take. Once per
 * host until taken. A configuration with a proxy gets no socket (./connection.ts refuses it with its message).
 * Returns the socket (for tests), or undefined.
 */
export function predial(t: SshHostRequest): Socket | undefined {
  const key = connectionKey(t);
  if (pending.has(key)) return pending.get(key)!.socket;
  const phases = new Phases(performance.now());
  const { settings, source } = sshSettings(t);
  phases.mark('settings');
  const entry: Pending = { settings, source, phases, socket: undefined, failed: false, unregister: () => undefined };
  if (!settings.proxy) {
    const socket = tcpConnect({ host: settings.hostname, port: settings.port, noDelay: true });
    socket.once('connect', () => phases.mark('tcp'));
    // Until ssh2 takes it: a refused or failed connection is left to ssh2, which connects again and reports it.
    socket.on('error', () => {
      entry.failed = true;
    });
    entry.socket = socket;
    // Closed at the end of the run if nothing took it.
    entry.unregister = registerConnection(() => {
      pending.delete(key);
      socket.destroy();
    });
  }
  pending.set(key, entry);
  return entry.socket;
}

/** What predial() opened for `t`, handed over once; undefined when nothing was (or it was taken). */
export function takeDialed(t: SshHostRequest): Dialed | undefined {
  const key = connectionKey(t);
  const entry = pending.get(key);
  if (!entry) return undefined;
  pending.delete(key);
  entry.unregister();
  let socket = entry.socket;
  if (socket && (entry.failed || socket.destroyed)) {
    socket.destroy();
    socket = undefined;
  }
  return { settings: entry.settings, source: entry.source, phases: entry.phases, socket };
}

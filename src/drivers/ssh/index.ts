/**
 * Unix sockets on other hosts, over the run's one ssh connection to each host (./connection.ts, loaded
 * with ssh2 only when a host is reached): the Docker engine's socket, a balancer's runtime socket, any
 * `ssh://[user@]host[:port]` plus a socket path on that host. Nothing runs on the host: sshd forwards the
 * stream (stream-local forwarding; the host's sshd must allow it: AllowStreamLocalForwarding, on by default).
 */
import type { Duplex } from 'node:stream';
import { DeployError } from '../../support/errors.js';
import type { SshConnection, SshTarget } from './connection.js';
import { closeAllConnections } from './registry.js';

export type { SshTarget } from './connection.js';

/** Pure: ssh://[user@]host[:port][/path] as a target, and the path when it names one (else undefined). */
export function parseSshUrl(url: string): SshTarget & { path: string | undefined } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    u = new URL('invalid://');
  }
  if (u.protocol !== 'ssh:' || !u.hostname)
    throw new DeployError(`${JSON.stringify(url)} is not an ssh URL.`, 'Write it as ssh://[user@]host[:port], for example ssh://deploy@web1.');
  const path = decodeURIComponent(u.pathname);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : undefined,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    name: url.replace(/\/\/[^@/]*:[^@/]*@/, '//'),
    path: path && path !== '/' ? path : undefined,
  };
}

let loaded: typeof import('./connection.js') | undefined;
const load = async () => (loaded ??= await import('./connection.js'));

/** The run's (shared) connection to the host of `target`, opened now if it is not yet. */
export async function sshConnectionTo(target: SshTarget): Promise<SshConnection> {
  return (await load()).sshConnection(target);
}

/**
 * A stream to the unix socket `socketPath` on the host `target` names (an ssh URL or a target), over the
 * run's connection to that host. Use it where a local socket would be used (net.createConnection): it
 * has the socket methods an http.Agent or a line protocol needs.
 */
export async function openRemoteSocket(target: string | SshTarget, socketPath: string): Promise<Duplex> {
  const t = typeof target === 'string' ? parseSshUrl(target) : target;
  const c = await sshConnectionTo(t);
  const { socketLike } = await load();
  try {
    return socketLike(await c.forward(socketPath));
  } catch (err) {
    throw new DeployError(
      `${t.name}: the ssh server did not forward to ${socketPath}: ${(err as Error).message}`,
      `Check that ${socketPath} exists on that host and that its sshd allows it (sshd_config: AllowStreamLocalForwarding yes, the default).`,
    );
  }
}

/** Closes every ssh connection of the run (nothing to do when none was opened). */
export function closeSshConnections(): void {
  closeAllConnections();
}

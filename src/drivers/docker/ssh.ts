/**
 * ssh:// engines: the engine's unix socket on the host, reached over the run's one ssh connection to that
 * host (src/drivers/ssh/connection.ts, shared with anything else that reaches the host) by stream-local
 * forwarding: every HTTP connection the engine client opens is a channel forwarded by sshd to
 * /var/run/docker.sock (or the path in the URL, ssh://host/run/user/1000/docker.sock), and nothing runs
 * on the host. Channels are reused call after call (HTTP keep-alive), so only the first call pays the
 * handshake, and calls made together each get their own channel.
 *
 * Only when the host refuses to forward to the default socket (its sshd forbids stream-local forwarding,
 * or its engine listens elsewhere: rootless, a DOCKER_HOST of its own) does this fall back to what the
 * docker CLI runs, `docker system dial-stdio` on the host: the host's own docker then picks its engine.
 * Those channels are each a process there, so calls then queue for one channel. A socket path written in
 * the URL never falls back: exactly that socket or an error.
 *
 * This module (and ssh2 with it) is loaded only when an ssh:// engine is used.
 */
import { Agent, type AgentOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { DeployError } from '../../support/errors.js';
import { loadedAt, socketLike, sshConnection, type SshTarget } from '../ssh/connection.js';
import { DEFAULT_SOCKET } from './endpoint.js';

export { parseSshG as parseSshConfig, type SshSettings } from '../ssh/config.js';

export interface SshEngineTarget extends SshTarget {
  /** The engine's socket on the host, as written in the URL (unset: /var/run/docker.sock, else dial-stdio). */
  socketPath: string | undefined;
}

export interface SshEngineConnection {
  /** For calls that answer and end: keep-alive channels, reused call after call. */
  agent: Agent;
  /** For streams that stay open (events): a channel each, so they never hold up the calls. */
  streams: Agent;
  /** How the engine is reached: `forward /path` or `dial-stdio` (and why), for the trace. */
  via: string;
  /** False once the ssh connection closed (the host, the network or a keepalive gave up). */
  alive(): boolean;
  close(): void;
}

/**
 * Opens (or shares) the ssh connection to `t`'s host; its agents hand out channels to the engine as sockets.
 * `askedAt`: when this module was asked for (ms since the process started), for the trace.
 */
export async function connectSsh(t: SshEngineTarget, agentOptions: AgentOptions, askedAt = loadedAt): Promise<SshEngineConnection> {
  const conn = await sshConnection(t);
  const path = t.socketPath ?? DEFAULT_SOCKET;
  // The first channel is opened now: it says whether the host forwards to the socket, and the first call uses it.
  let spare: Duplex | undefined;
  let via = `forward ${path}`;
  try {
    spare = await conn.forward(path);
    conn.phases.mark('channel');
  } catch (err) {
    if (t.socketPath)
      throw new DeployError(
        `${t.name}: the ssh server did not forward to ${t.socketPath}: ${(err as Error).message}`,
        'Allow it on the host (sshd_config: AllowStreamLocalForwarding yes), or leave the path out of the URL to let the host\'s docker pick its engine ("docker system dial-stdio").',
      );
    via = `dial-stdio (no forward to ${path}: ${(err as Error).message})`;
  }
  const forwarding = spare !== undefined;
  const open = (): Promise<Duplex> => {
    const s = spare;
    spare = undefined;
    if (s && !s.destroyed) return Promise.resolve(s);
    return forwarding ? conn.forward(path) : conn.exec('docker system dial-stdio');
  };
  const channelAgent = (options: AgentOptions): Agent => {
    const agent = new Agent({ keepAlive: true, ...agentOptions, ...options });
    agent.createConnection = (_options, oncreate) => {
      open().then(
        (ch) => oncreate?.(null, socketLike(ch)),
        (err: Error) => oncreate?.(new Error(`ssh ${t.name}: could not open a channel to the engine: ${err.message}`), undefined as never),
      );
      return undefined;
    };
    return agent;
  };
  // Forwarded channels are cheap (sshd connects to the socket): as many as the local engine's connections.
  // dial-stdio channels are each a `docker` process on the host (hundreds of ms on a busy host): one, reused.
  const agent = channelAgent(forwarding ? {} : { maxSockets: 1, maxFreeSockets: 1 });
  const streams = channelAgent({ keepAlive: false });
  return {
    agent,
    streams,
    // For the trace: the algorithms agreed, when ssh2 was asked for and loaded, then the connection's phases.
    via: `${via}; ${conn.algorithms}; ssh2 asked for at ${askedAt.toFixed(0)} ms, loaded at ${loadedAt.toFixed(0)} ms; connection ${conn.phases.toString()}`,
    alive: () => conn.alive(),
    close: () => {
      spare?.destroy();
      agent.destroy();
      streams.destroy();
      conn.close();
    },
  };
}

/**
 * The connection to one engine: a docker-modem instance over a keep-alive agent, so the whole run
 * reuses its connections (unix socket, tcp with or without TLS, or one ssh connection).
 *
 * docker-modem (dockerode's transport) rather than dockerode itself: dockerode loads gRPC and protobuf
 * for BuildKit sessions at start-up (2.3 MB bundled, against docker-modem's few tens of KB), and image
 * builds stay with the CLI anyway. docker-modem's own ssh transport opens a new ssh connection for every
 * request, so ssh:// goes through our agent over the run's one connection to the host (src/drivers/docker/ssh.ts,
 * loaded only then): channels forwarded to the engine's socket.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import Modem from 'docker-modem';
import { DeployError } from '../../support/errors.js';
import { predial } from '../ssh/dial.js';
import type { Endpoint } from './endpoint.js';

export interface Transport {
  modem: Modem;
  /** For streams that stay open (events); the same as `modem` where connections are cheap. */
  streams: Modem;
  /** False once the connection is gone for good (an ssh connection that dropped): the engine opens a new one. Unset: never. */
  alive?: () => boolean;
  /** How the engine is reached when that is worth a trace line (ssh: forwarded socket or dial-stdio). */
  via?: string;
  close(): void;
}

/** Up to this many connections to one engine at a time (calls made together); idle ones are reused. */
const AGENT: AgentOptions = { keepAlive: true, maxSockets: 8, maxFreeSockets: 8 };
/**
 * Without TLS there is no server name to send, but Node's agent works one out for every request anyway, with
 * net.isIP(), whose first call compiles the IPv4 and IPv6 patterns: ~10 ms of CPU in a run of ~160 ms
 * (measured with --cpu-prof). An empty `servername` skips that.
 */
const PLAIN: AgentOptions & { servername: string } = { ...AGENT, servername: '' };

const pem = (path: string | undefined, what: string, endpoint: string): Buffer | undefined => {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && what !== 'CA') return undefined;
    throw new DeployError(
      `Could not read the TLS ${what} file ${path} for the Docker engine ${endpoint}: ${(err as Error).message}`,
      'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context\'s TLS files.',
    );
  }
};

/**
 * docker-modem fills every option it is not given from DOCKER_HOST and DOCKER_CERT_PATH; the endpoint
 * is already resolved (and may be a fleet target, not DOCKER_HOST), so every option is given here.
 */
function modem(o: Modem.ConstructorOptions): Modem {
  return new Modem({ socketPath: undefined, host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, version: undefined, ...o });
}

export async function openTransport(e: Endpoint): Promise<Transport> {
  switch (e.kind) {
    case 'unix': {
      const agent = new HttpAgent(PLAIN);
      const m = modem({ socketPath: e.socketPath, protocol: 'http', agent });
      return { modem: m, streams: m, close: () => agent.destroy() };
    }
    case 'tcp': {
      if (!e.tls) {
        const agent = new HttpAgent(PLAIN);
        const m = modem({ host: e.host, port: e.port, protocol: 'http', agent });
        return { modem: m, streams: m, close: () => agent.destroy() };
      }
      const ca = e.tls.verify ? pem(e.tls.ca, 'CA', e.name) : pem(e.tls.ca, 'ca', e.name);
      const cert = pem(e.tls.cert, 'certificate', e.name);
      const key = pem(e.tls.key, 'key', e.name);
      // node:https (and with it tls) only for an engine over TLS: ~6 ms less at the start of every other run.
      const { Agent: HttpsAgent } = process.getBuiltinModule('node:https');
      const agent = new HttpsAgent({ ...AGENT, ca, cert, key, rejectUnauthorized: e.tls.verify });
      const m = modem({ host: e.host, port: e.port, protocol: 'https', ca, cert, key, agent });
      return { modem: m, streams: m, close: () => agent.destroy() };
    }
    case 'ssh': {
      const askedAt = performance.now();
      // The host's settings and TCP connection first: its sshd starts its session while ssh2 loads.
      predial(e);
      const { connectSsh } = await import('./ssh.js');
      const conn = await connectSsh(e, PLAIN, askedAt);
      // The host and port only name the engine in the request line: the agent's channels carry the bytes.
      return {
        modem: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.agent }),
        streams: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.streams }),
        alive: () => conn.alive(),
        via: `ssh, ${conn.via}`,
        close: () => conn.close(),
      };
    }
  }
}

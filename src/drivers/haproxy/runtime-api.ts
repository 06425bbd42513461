/** HAProxy's runtime API (unix socket or TCP), one command at a time, with node:net only. A driver: no domain imports. */
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';

/** Where the runtime API listens: a unix socket path, or a TCP host:port. */
export type SocketAddress = { path: string } | { host: string; port: number };

export function parseSocketAddress(text: string): SocketAddress {
  const s = text.trim().replace(/^unix@/, '');
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
  if (m && !s.includes('/')) return { host: (m[1] ?? m[2]) as string, port: Number(m[3]) };
  return { path: s };
}

export function describeSocket(a: SocketAddress): string {
  return 'path' in a ? a.path : `${a.host}:${a.port}`;
}

/**
 * Opens the stream to the runtime API in place of a local connection: e.g. a unix socket on another host,
 * forwarded over that host's ssh connection (src/drivers/ssh openRemoteSocket). The stream is connected
 * when the promise resolves.
 */
export type SocketFactory = () => Promise<Duplex>;

/**
 * Send one command (non-interactive mode: HAProxy answers and closes the connection) and return the reply.
 * `connect`: the stream to use instead of connecting to `addr` from here (addr then only names it).
 */
export function runtimeCommand(addr: SocketAddress, command: string, timeoutMs = 10_000, connect?: SocketFactory): Promise<string> {
  if (connect) return remoteCommand(addr, command, timeoutMs, connect);
  return new Promise((resolve, reject) => {
    const sock = 'path' in addr ? createConnection({ path: addr.path }) : createConnection({ host: addr.host, port: addr.port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`HAProxy's runtime API at ${describeSocket(addr)} did not answer \`${command}\` within ${timeoutMs / 1000}s.`));
    }, timeoutMs);
    sock.on('connect', () => sock.end(`${command}\n`));
    sock.on('data', (b: Buffer) => chunks.push(b));
    sock.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Could not talk to HAProxy's runtime API at ${describeSocket(addr)} (${e.code ?? e.message}). ` +
            `Is HAProxy running with \`stats socket ${describeSocket(addr)} level admin\` in its global section, ` +
            `and can the runner reach it (permissions)? Set haproxy-socket to that path or host:port.`,
        ),
      );
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString());
    });
  });
}

/** runtimeCommand over a stream the factory opens (already connected). */
async function remoteCommand(addr: SocketAddress, command: string, timeoutMs: number, connect: SocketFactory): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  let sock: Duplex | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      sock?.destroy();
      reject(new Error(`HAProxy's runtime API at ${describeSocket(addr)} did not answer \`${command}\` within ${timeoutMs / 1000}s.`));
    }, timeoutMs);
  });
  const exchange = async (): Promise<string> => {
    sock = await connect();
    const s = sock;
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      s.on('data', (b: Buffer) => chunks.push(b));
      s.on('error', (e: NodeJS.ErrnoException) =>
        reject(new Error(`Could not talk to HAProxy's runtime API at ${describeSocket(addr)} (${e.code ?? e.message}).`)),
      );
      s.on('close', () => resolve(Buffer.concat(chunks).toString()));
      s.on('end', () => resolve(Buffer.concat(chunks).toString()));
      s.end(`${command}\n`);
    });
  };
  try {
    return await Promise.race([exchange(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

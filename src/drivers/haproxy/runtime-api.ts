/** HAProxy's runtime API (unix socket or TCP), one command at a time, with node:net only. A driver: no domain imports. */
import { createConnection } from 'node:net';

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

/** Send one command (non-interactive mode: HAProxy answers and closes the connection) and return the reply. */
export function runtimeCommand(addr: SocketAddress, command: string, timeoutMs = 10_000): Promise<string> {
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

/** metrics: balancer — HAProxy's own per-server counters (`show stat`) for the new pool, as deltas over the window. */
import { describeSocket, parseSocketAddress, runtimeCommand, type SocketAddress, type SocketFactory } from '../drivers/haproxy/runtime-api.js';
import { parseShowStat, statDelta, type ServerStat } from './haproxy-stat.js';
import type { MetricsSource, Numbers, OpenWindow, Subject } from './types.js';

/** A runtime API to read: a socket reached from the runner, or one on a host of the fleet (connect, on). */
export interface StatSocket {
  socket: string;
  connect?: SocketFactory | undefined;
  on?: string | undefined;
}

/**
 * The counters of one HAProxy, or of one HAProxy per host (hosts lines with router=, waves): then the window's
 * numbers are the sums over those balancers (the response time weighted by each one's requests).
 */
export class HaproxyStatSource implements MetricsSource {
  readonly kind = 'balancer';
  readonly continuous = true;
  private readonly sockets: { addr: SocketAddress; connect?: SocketFactory | undefined; at: string }[];

  constructor(socket: string | readonly StatSocket[]) {
    const list: readonly StatSocket[] = typeof socket === 'string' ? [{ socket }] : socket;
    this.sockets = list.map((s) => {
      const addr = parseSocketAddress(s.socket);
      return { addr, connect: s.connect, at: `${describeSocket(addr)}${s.on ? ` on ${s.on}` : ''}` };
    });
  }

  describe(): string {
    return `HAProxy's server counters (show stat) at ${this.sockets.map((s) => s.at).join(', ')}`;
  }

  async open(subject: Subject): Promise<OpenWindow> {
    const backend = subject.backend;
    if (!backend || subject.servers.length === 0)
      throw new Error(`metrics: balancer needs the HAProxy backend and server names of version ${subject.version}, and the router gave none.`);
    const before = await Promise.all(this.sockets.map((s) => this.snapshot(s)));
    return {
      read: async () => {
        const after = await Promise.all(this.sockets.map((s) => this.snapshot(s)));
        return { numbers: sumNumbers(after.map((a, n) => statDelta(before[n]!, a, backend, subject.servers))) };
      },
    };
  }

  private async snapshot(s: (typeof this.sockets)[number]): Promise<ServerStat[]> {
    const reply = await runtimeCommand(s.addr, 'show stat', undefined, s.connect);
    try {
      return parseShowStat(reply);
    } catch (e) {
      throw new Error(`HAProxy's runtime API at ${s.at} did not answer \`show stat\` as expected: ${(e as Error).message}`, { cause: e });
    }
  }
}

/** The numbers of several balancers over one window as one: counts added, the response time weighted by requests. Pure. */
export function sumNumbers(list: readonly Numbers[]): Numbers {
  if (list.length === 1) return list[0]!;
  let requests = 0;
  let errors = 0;
  let weighted = 0;
  let timed = 0;
  for (const n of list) {
    requests += n.requests ?? 0;
    errors += n.errors ?? 0;
    if (n.responseMs !== undefined && (n.requests ?? 0) > 0) {
      weighted += n.responseMs * n.requests!;
      timed += n.requests!;
    }
  }
  return { requests, errors, ...(timed > 0 ? { responseMs: weighted / timed } : {}) };
}

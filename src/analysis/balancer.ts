/** metrics: balancer — HAProxy's own per-server counters (`show stat`) for the new pool, as deltas over the window. */
import { describeSocket, parseSocketAddress, runtimeCommand, type SocketAddress } from '../drivers/haproxy/runtime-api.js';
import { parseShowStat, statDelta, type ServerStat } from './haproxy-stat.js';
import type { MetricsSource, OpenWindow, Subject } from './types.js';

export class HaproxyStatSource implements MetricsSource {
  readonly kind = 'balancer';
  readonly continuous = true;
  private readonly socket: SocketAddress;

  constructor(socket: string) {
    this.socket = parseSocketAddress(socket);
  }

  describe(): string {
    return `HAProxy's server counters (show stat) at ${describeSocket(this.socket)}`;
  }

  async open(subject: Subject): Promise<OpenWindow> {
    const backend = subject.backend;
    if (!backend || subject.servers.length === 0)
      throw new Error(`metrics: balancer needs the HAProxy backend and server names of version ${subject.version}, and the router gave none.`);
    const before = await this.snapshot();
    return { read: async () => ({ numbers: statDelta(before, await this.snapshot(), backend, subject.servers) }) };
  }

  private async snapshot(): Promise<ServerStat[]> {
    const reply = await runtimeCommand(this.socket, 'show stat');
    try {
      return parseShowStat(reply);
    } catch (e) {
      throw new Error(
        `HAProxy's runtime API at ${describeSocket(this.socket)} did not answer \`show stat\` as expected: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }
}

/**
 * router: haproxy. Points the server slots of a backend at the pool through the runtime API
 * (`set server <backend>/<slot> addr <ip> port <port>`, then `state ready`; unused slots `state maint`),
 * all in one runtime API call, and reads the state back before returning. The slots are the servers
 * `<server>1` ... `<server>N` (a `server-template <server> 1-N ...` line), or one server named `<server>`
 * for a one-instance pool. Optionally mirrors `show servers state` into a file that HAProxy loads at start
 * (`server-state-file` + `load-server-state-from-file`), so a restart keeps the flip.
 */
import type { HaproxyRouterConfig } from '../../config.js';
import { failpoint } from '../../failpoint.js';
import { readOptional, writeAtomic } from '../nginx/atomic-file.js';
import type { Address, Divergence, Router, RouterDeps, Routing } from '../types.js';
import { allTo, formatAddress, sameAddress, singleGroup } from '../types.js';
import { describeSocket, runtimeCommand } from './runtime-api.js';
import {
  configSnippet,
  inMaintenance,
  isIpLiteral,
  liveTarget,
  parseServersState,
  parseSocketAddress,
  poolSlots,
  runtimeError,
  serving,
  setAddrCommand,
  setMaintCommand,
  setReadyCommand,
  showStateCommand,
  templateSnippet,
  type ServerState,
  type SocketAddress,
} from './state.js';

const UP_WAIT_MS = 30_000;

export class HaproxyRouter implements Router {
  readonly kind = 'haproxy';
  private readonly socket: SocketAddress;

  constructor(
    private readonly cfg: HaproxyRouterConfig,
    private readonly deps: RouterDeps,
    private readonly opts: { upWaitMs?: number } = {},
  ) {
    this.socket = parseSocketAddress(cfg.socket);
  }

  private get slot(): string {
    return `${this.cfg.backend}/${this.cfg.server}`;
  }

  describe(): string {
    return `HAProxy server "${this.slot}" via the runtime API at ${describeSocket(this.socket)}`;
  }

  async current(): Promise<Routing> {
    const addresses = (await this.readSlots()).flatMap((s) => liveTarget(s) ?? []);
    return addresses.length ? allTo(addresses) : [];
  }

  async checkCapacity(size: number): Promise<void> {
    this.fits(await this.readSlots(), size);
  }

  async shift(to: Routing): Promise<void> {
    const group = singleGroup(this.kind, to);
    const targets = group.addresses;
    const named = targets.find((t) => !isIpLiteral(t.host));
    if (named) {
      throw new Error(
        `HAProxy's runtime API sets server addresses by IP, and the target host is ${JSON.stringify(named.host)}. ` +
          `Set upstream-host to an IP address (such as 127.0.0.1), and give each line of "hosts" an IP address.`,
      );
    }
    const before = await this.readSlots();
    this.fits(before, targets.length);
    const previous = before.flatMap((s) => liveTarget(s) ?? []);
    const what = targets.map(formatAddress).join(', ');

    // New addresses first, then the unused slots out: the backend never has no server.
    const commands = [
      ...targets.flatMap((t, n) => [setAddrCommand(this.cfg.backend, before[n]!.server, t), setReadyCommand(this.cfg.backend, before[n]!.server)]),
      ...before.slice(targets.length).filter((s) => !inMaintenance(s)).map((s) => setMaintCommand(this.cfg.backend, s.server)),
    ];
    try {
      await this.command(commands, `pointing ${this.slot} at ${what}`);
      await this.confirm(before.map((s) => s.server), targets);
    } catch (e) {
      await this.restore(before);
      throw new Error(
        `${(e as Error).message}\n${this.slot} was put back to ${previous.length ? previous.map(formatAddress).join(', ') : 'maintenance (no live target)'}.`,
        { cause: e },
      );
    }
    this.deps.log.info(`HAProxy ${this.slot} now sends traffic to ${what}${group.version ? ` (version ${group.version})` : ''}.`);
    failpoint('haproxy-before-state-file');
    if (this.cfg.stateFile) await this.saveState(this.cfg.stateFile);
  }

  /** The server state file (when configured) names other addresses than HAProxy serves: a restart would go there. */
  async divergence(): Promise<Divergence[]> {
    const file = this.cfg.stateFile;
    if (!file) return [];
    const serving = (await this.readSlots()).flatMap((s) => liveTarget(s) ?? []);
    const text = await readOptional(file);
    const saved = text === undefined ? [] : poolSlots(parseServersState(text), this.cfg.backend, this.cfg.server).flatMap((s) => liveTarget(s) ?? []);
    const same = saved.length === serving.length && saved.every((a, n) => sameAddress(a, serving[n]));
    if (same) return [];
    const at = (a: Address[]) => (a.length ? a.map(formatAddress).join(', ') : 'nothing');
    return [
      {
        addresses: saved,
        problem:
          `The server state file ${file} ${text === undefined ? 'does not exist' : `says ${this.slot} is at ${at(saved)}`}, while HAProxy ` +
          `serves ${at(serving)}: a restart of HAProxy would send traffic to ${at(saved)} (a run killed before it saved the file?).`,
      },
    ];
  }

  async repair(): Promise<void> {
    if (this.cfg.stateFile && (await this.divergence()).length > 0) {
      await this.saveState(this.cfg.stateFile);
      this.deps.log.info(`Saved HAProxy's server state to ${this.cfg.stateFile}: it had fallen behind what HAProxy serves.`);
    }
  }

  private fits(slots: ServerState[], size: number): void {
    if (slots.length >= size) return;
    throw new Error(
      `HAProxy's backend "${this.cfg.backend}" has ${slots.length} server slot${slots.length === 1 ? '' : 's'} for the pool ` +
        `(${slots.map((s) => s.server).join(', ')}), and the pool has ${size} instances. Give it at least ${size}: in haproxy.cfg,\n` +
        `${templateSnippet(this.cfg.backend, this.cfg.server, size)}\n(then reload HAProxy). Nothing was started or changed.`,
    );
  }

  /** Poll the state until the first slots have the targets' addresses and are UP, and the rest are in maintenance. */
  private async confirm(names: string[], targets: Address[]): Promise<void> {
    const waitMs = this.opts.upWaitMs ?? UP_WAIT_MS;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const slots = await this.readSlots();
      const byName = new Map(slots.map((s) => [s.server, s]));
      let pending: ServerState | undefined;
      for (const [n, name] of names.entries()) {
        const s = byName.get(name)!;
        const target = targets[n];
        if (!target) {
          if (!inMaintenance(s)) pending = s;
          continue;
        }
        const at: Address = { host: s.addr, port: s.port };
        if (!sameAddress(at, target)) {
          throw new Error(
            `HAProxy reports ${this.cfg.backend}/${name} at ${s.addr}:${s.port} after it was set to ${formatAddress(target)}. ` +
              `Another process may be changing this server; make sure only the action flips it.`,
          );
        }
        if (!serving(s)) pending ??= s;
      }
      if (!pending) return;
      if (Date.now() > deadline) {
        const n = names.indexOf(pending.server);
        throw new Error(
          targets[n]
            ? `HAProxy did not report ${this.cfg.backend}/${pending.server} (${formatAddress(targets[n])}) as UP within ${waitMs / 1000}s ` +
                `(operational state ${pending.opState}, admin state ${pending.adminState}, last check result ${pending.checkResult}). If the server has \`check\`, the instance ` +
                `fails HAProxy's health check: make the check match the instance's health endpoint.`
            : `HAProxy did not put ${this.cfg.backend}/${pending.server} in maintenance within ${waitMs / 1000}s.`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async restore(before: ServerState[]): Promise<void> {
    try {
      const commands = before.flatMap((s) => {
        const previous = liveTarget(s);
        if (!previous) return [setMaintCommand(this.cfg.backend, s.server)];
        return [setAddrCommand(this.cfg.backend, s.server, previous), ...(inMaintenance(s) ? [] : [setReadyCommand(this.cfg.backend, s.server)])];
      });
      await runtimeCommand(this.socket, commands.join('; '));
    } catch (e) {
      this.deps.log.error(`Could not restore ${this.slot}: ${(e as Error).message}`, 'HAProxy restore failed');
    }
  }

  private async saveState(file: string): Promise<void> {
    try {
      const text = await runtimeCommand(this.socket, showStateCommand());
      if (!text.includes('# be_id')) throw new Error(`unexpected reply to \`show servers state\`: ${text.trim().slice(0, 200)}`);
      if ((await readOptional(file)) !== text) await writeAtomic(file, text);
    } catch (e) {
      // The flip itself worked and traffic goes to the new target; failing here must not undo that.
      this.deps.log.warning(
        `The flip worked, but the server state file ${file} was not written: ${(e as Error).message}. ` +
          `A restart of HAProxy would go back to the state in that file; fix the path or permissions (haproxy-state-file).`,
        'HAProxy state file not written',
      );
    }
  }

  /** Several runtime API commands in one connection (`;`-separated), applied one after the other. */
  private async command(commands: string[], doing: string): Promise<void> {
    const reply = await runtimeCommand(this.socket, commands.join('; '));
    const err = runtimeError(reply);
    if (err) throw new Error(`HAProxy refused \`${commands.join('; ')}\` while ${doing}: ${err}`);
  }

  /** The slots of the pool, in order: `<server>1..N`, else the one `<server>`. */
  private async readSlots(): Promise<ServerState[]> {
    const reply = await runtimeCommand(this.socket, showStateCommand(this.cfg.backend));
    const hint =
      `The action needs server slots it owns in that backend. Add to haproxy.cfg:\n${configSnippet(this.cfg.backend, this.cfg.server)}\n` +
      `(or, for a pool of N instances, \`server-template ${this.cfg.server} 1-N 127.0.0.1:1 disabled\`; or set haproxy-backend / haproxy-server to the names you use).`;
    if (/can't find backend/i.test(reply)) throw new Error(`HAProxy has no backend "${this.cfg.backend}". ${hint}`);
    if (/permission denied|unknown command/i.test(reply)) {
      throw new Error(
        `HAProxy's runtime API at ${describeSocket(this.socket)} refused \`show servers state\`: ${reply.trim()}. ` +
          `Declare the socket with \`level admin\`.`,
      );
    }
    const slots = poolSlots(parseServersState(reply), this.cfg.backend, this.cfg.server);
    if (slots.length === 0) throw new Error(`HAProxy's backend "${this.cfg.backend}" has no server "${this.cfg.server}". ${hint}`);
    return slots;
  }
}

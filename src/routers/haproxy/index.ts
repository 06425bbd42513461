/**
 * router: haproxy. Points one server slot of a backend at the live instance through the runtime API
 * (`set server <backend>/<server> addr <ip> port <port>`, then `state ready`), and reads the state back
 * before returning. Optionally mirrors `show servers state` into a file that HAProxy loads at start
 * (`server-state-file` + `load-server-state-from-file`), so a restart keeps the flip.
 */
import type { HaproxyRouterConfig } from '../../config.js';
import { readOptional, writeAtomic } from '../nginx/atomic-file.js';
import type { FlipInfo, Router, RouterDeps, Target } from '../types.js';
import { formatTarget, sameTarget } from '../types.js';
import { describeSocket, runtimeCommand } from './runtime-api.js';
import {
  configSnippet,
  inMaintenance,
  isIpLiteral,
  liveTarget,
  parseServersState,
  parseSocketAddress,
  runtimeError,
  serving,
  setAddrCommand,
  setReadyCommand,
  showStateCommand,
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

  async current(): Promise<Target | undefined> {
    return liveTarget(await this.readServer());
  }

  async flip(target: Target, info: FlipInfo): Promise<void> {
    if (!isIpLiteral(target.host)) {
      throw new Error(
        `HAProxy's runtime API sets server addresses by IP, and the target host is ${JSON.stringify(target.host)}. ` +
          `Set upstream-host to an IP address (such as 127.0.0.1).`,
      );
    }
    const before = await this.readServer();
    const previous = liveTarget(before);

    await this.command(setAddrCommand(this.cfg.backend, this.cfg.server, target), `pointing ${this.slot} at ${formatTarget(target)}`);
    try {
      await this.command(setReadyCommand(this.cfg.backend, this.cfg.server), `making ${this.slot} ready`);
      await this.confirm(target);
    } catch (e) {
      await this.restore(before, previous);
      throw new Error(
        `${(e as Error).message}\n${this.slot} was put back to ${previous ? formatTarget(previous) : 'maintenance (no live target)'}.`,
        { cause: e },
      );
    }
    this.deps.log.info(`HAProxy ${this.slot} now sends traffic to ${formatTarget(target)} (version ${info.version}).`);
    if (this.cfg.stateFile) await this.saveState(this.cfg.stateFile);
  }

  /** Poll the state until the slot has the target's address, is out of maintenance and is UP. */
  private async confirm(target: Target): Promise<void> {
    const waitMs = this.opts.upWaitMs ?? UP_WAIT_MS;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const s = await this.readServer();
      const at: Target = { host: s.addr, port: s.port };
      if (!sameTarget(at, target)) {
        throw new Error(
          `HAProxy reports ${this.slot} at ${s.addr}:${s.port} after it was set to ${formatTarget(target)}. ` +
            `Another process may be changing this server; make sure only the action flips it.`,
        );
      }
      if (serving(s)) return;
      if (Date.now() > deadline) {
        throw new Error(
          `HAProxy did not report ${this.slot} (${formatTarget(target)}) as UP within ${waitMs / 1000}s ` +
            `(operational state ${s.opState}, admin state ${s.adminState}, last check result ${s.checkResult}). If the server has \`check\`, the instance ` +
            `fails HAProxy's health check: make the check match the instance's health endpoint.`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async restore(before: ServerState, previous: Target | undefined): Promise<void> {
    try {
      if (previous) {
        await runtimeCommand(this.socket, setAddrCommand(this.cfg.backend, this.cfg.server, previous));
        if (!inMaintenance(before)) await runtimeCommand(this.socket, setReadyCommand(this.cfg.backend, this.cfg.server));
      } else {
        await runtimeCommand(this.socket, `set server ${this.slot} state maint`);
      }
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

  private async command(cmd: string, doing: string): Promise<void> {
    const reply = await runtimeCommand(this.socket, cmd);
    const err = runtimeError(reply);
    if (err) throw new Error(`HAProxy refused \`${cmd}\` while ${doing}: ${err}`);
  }

  private async readServer(): Promise<ServerState> {
    const reply = await runtimeCommand(this.socket, showStateCommand(this.cfg.backend));
    const hint =
      `The action needs a server slot it owns in that backend. Add to haproxy.cfg:\n${configSnippet(this.cfg.backend, this.cfg.server)}\n` +
      `(or set haproxy-backend / haproxy-server to the names you use).`;
    if (/can't find backend/i.test(reply)) throw new Error(`HAProxy has no backend "${this.cfg.backend}". ${hint}`);
    if (/permission denied|unknown command/i.test(reply)) {
      throw new Error(
        `HAProxy's runtime API at ${describeSocket(this.socket)} refused \`show servers state\`: ${reply.trim()}. ` +
          `Declare the socket with \`level admin\`.`,
      );
    }
    const s = parseServersState(reply).find((x) => x.backend === this.cfg.backend && x.server === this.cfg.server);
    if (!s) throw new Error(`HAProxy's backend "${this.cfg.backend}" has no server "${this.cfg.server}". ${hint}`);
    return s;
  }
}

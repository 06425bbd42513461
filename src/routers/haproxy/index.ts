/**
 * router: haproxy. Points the server slots of a backend at the pool through the runtime API
 * (`set server <backend>/<slot> addr <ip> port <port>`, then `state ready`; unused slots `state maint`),
 * all in one runtime API call, and reads the state back before returning. The slots are the servers
 * `<server>1` ... `<server>N` (a `server-template <server> 1-N ...` line), or one server named `<server>`
 * for a one-instance pool. Optionally mirrors `show servers state` into a file that HAProxy loads at start
 * (`server-state-file` + `load-server-state-from-file`), so a restart keeps the flip.
 */
import type { HaproxyRouterConfig } from '../../config/types.js';
import { failpoint } from '../../support/failpoint.js';
import { readOptional, writeAtomic } from '../nginx/atomic-file.js';
import type { Address, Divergence, PreviewRoute, PreviewView, Router, RouterDeps, Routing, Sticky } from '../types.js';
import { allTo, describeSticky, formatAddress, formatRouting, formatSticky, sameAddress, served, singleGroup } from '../types.js';
import { backendAlgo, hashes, previewBackend, previewSnippet, stickyBalance, stickySnippet } from './preview.js';
import { describeSocket, runtimeCommand, type SocketFactory } from '../../drivers/haproxy/runtime-api.js';
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
  setWeightCommand,
  showStateCommand,
  templateSnippet,
  type ServerState,
  type SocketAddress,
} from './state.js';
import { planSlots, slotRouting, type SlotPlan } from './slots.js';
import { addPayload, aclEntries, findLoaded, maintenanceFiles, maintenanceLine, pageValue, parseEntries, preparedVersion } from './maintenance.js';
import { MAINTENANCE_RETRY_AFTER_SEC, type Maintenance, type MaintenanceView } from '../../core/maintenance.js';
import { formatShare, unreachable, weightsWithin } from './weights.js';

const UP_WAIT_MS = 30_000;

export class HaproxyRouter implements Router {
  readonly kind = 'haproxy';
  private readonly socket: SocketAddress;

  constructor(
    private readonly cfg: HaproxyRouterConfig,
    private readonly deps: RouterDeps,
    /**
     * connect: the stream to the runtime API (a socket on a host of the fleet, through its ssh connection);
     * on: that host, for messages. Unset: the socket is reached from the runner.
     */
    private readonly opts: { upWaitMs?: number; connect?: SocketFactory | undefined; on?: string | undefined } = {},
  ) {
    this.socket = parseSocketAddress(cfg.socket);
  }

  /** One runtime API command, over the host's stream when the router has one. */
  private rt(command: string): Promise<string> {
    return runtimeCommand(this.socket, command, undefined, this.opts.connect);
  }

  /** Where the socket is, for messages: the path, and the host it is on. */
  private get at(): string {
    return `${describeSocket(this.socket)}${this.opts.on ? ` on ${this.opts.on}` : ''}`;
  }

  private get slot(): string {
    return `${this.cfg.backend}/${this.cfg.server}`;
  }

  describe(): string {
    return `HAProxy server "${this.slot}" via the runtime API at ${this.at}`;
  }

  async current(): Promise<Routing> {
    const serving = (await this.readSlots()).flatMap((s) => {
      const a = liveTarget(s);
      return a ? [{ address: a, weight: s.weight }] : [];
    });
    return slotRouting(serving);
  }

  async checkCapacity(size: number): Promise<void> {
    this.fits(await this.readSlots(), size);
  }

  /** The slots of `<backend>-preview`: the same router on the preview backend (no state file of its own). */
  private previewRouter(): HaproxyRouter {
    return new HaproxyRouter({ ...this.cfg, backend: previewBackend(this.cfg.backend), stateFile: undefined }, this.deps, this.opts);
  }

  async checkPreview(header: string, size: number): Promise<void> {
    try {
      await this.previewRouter().checkCapacity(size);
    } catch (e) {
      throw new Error(
        `preview-header: ${header} needs the preview backend "${previewBackend(this.cfg.backend)}" with ${size} server slot${size === 1 ? '' : 's'} ` +
          `(${(e as Error).message.split('\n')[0]}). In haproxy.cfg:\n${previewSnippet(this.cfg.backend, this.cfg.server, header, size)}\n(then reload HAProxy). Nothing was started.`,
        { cause: e },
      );
    }
  }

  /** The slots of `<backend>-preview` that serve; undefined without that backend. */
  async readPreview(): Promise<PreviewView | undefined> {
    try {
      return { addresses: served(await this.previewRouter().current()) };
    } catch {
      return undefined;
    }
  }

  /** Testers first: fill (or empty) the slots of `<backend>-preview`; the user's frontend line sends requests with the header there. */
  async preview(route: PreviewRoute): Promise<void> {
    const preview = this.previewRouter();
    if (route.addresses.length > 0) await preview.shift(allTo(route.addresses, route.version));
    else await preview.clear();
  }

  /** Every slot in maintenance (the backend serves nothing), confirmed. */
  private async clear(): Promise<void> {
    const slots = await this.readSlots();
    const busy = slots.filter((s) => !inMaintenance(s));
    if (busy.length === 0) return;
    await this.command(busy.map((s) => setMaintCommand(this.cfg.backend, s.server)), `emptying ${this.cfg.backend}`);
    await this.confirm({ serve: [], idle: slots, shares: [] });
    this.deps.log.info(`HAProxy ${this.cfg.backend} serves nothing now (every slot in maintenance).`);
  }

  /**
   * Sticky users: HAProxy keeps a client on one server (and so one version) when the backend balances by a hash of
   * the value, consistently (haproxy.cfg: the user's). Refuses a backend that does not hash.
   */
  async stick(how: Sticky): Promise<void> {
    const csv = await this.rt('show stat');
    const algo = backendAlgo(csv, this.cfg.backend);
    if (algo !== undefined && !hashes(algo))
      throw new Error(
        `sticky: ${formatSticky(how)} needs HAProxy's backend "${this.cfg.backend}" to balance by a hash of ${describeSticky(how)}, and it balances by ${algo}. ` +
          `In haproxy.cfg:\n${stickySnippet(this.cfg.backend, how)}\n(then reload HAProxy). Nothing was started.`,
      );
    this.deps.log.info(
      `Sticky users: HAProxy's backend "${this.cfg.backend}" balances by ${algo ?? 'a hash'}; it must hash ${describeSticky(how)} ` +
        `(\`${stickyBalance(how)}\` with \`hash-type consistent\`, docs/canary.md).`,
    );
  }

  realShares(groups: readonly { size: number; weight: number }[]): number[] {
    const split = groups.filter((g) => g.weight > 0).map((g) => ({ size: g.size, share: g.weight }));
    const w = weightsWithin(split);
    if (!w) throw new Error(unreachable(split, this.cfg.backend));
    return w.shares;
  }

  /** The backend and the names of the serving slots that hold `addresses` (for metrics: balancer and Prometheus). */
  async serverNames(addresses: Address[]): Promise<{ backend: string; servers: string[] }> {
    const slots = await this.readSlots();
    const servers = slots.filter((s) => !inMaintenance(s) && addresses.some((a) => sameAddress({ host: s.addr, port: s.port }, a))).map((s) => s.server);
    return { backend: this.cfg.backend, servers };
  }

  async shift(to: Routing): Promise<void> {
    const groups = to.filter((g) => g.weight > 0);
    if (groups.length === 0) singleGroup(this.kind, to); // throws: nothing to serve
    for (const g of groups) if (g.addresses.length === 0) throw new Error(`The ${this.kind} router was asked to serve a group with no addresses.`);
    const named = groups.flatMap((g) => g.addresses).find((t) => !isIpLiteral(t.host));
    if (named) {
      throw new Error(
        `HAProxy's runtime API sets server addresses by IP, and the target host is ${JSON.stringify(named.host)}. ` +
          `Set upstream-host to an IP address (such as 127.0.0.1), and give each line of "hosts" an IP address.`,
      );
    }
    const before = await this.readSlots();
    const size = groups.reduce((n, g) => n + g.addresses.length, 0);
    const plan = planSlots(before, groups, this.cfg.backend);
    if (!plan) this.fits(before, size);
    const { serve, idle } = plan!;
    const previous = before.flatMap((s) => liveTarget(s) ?? []);
    const what = formatRouting(groups);

    // New addresses and weights first, then the unused slots out: the backend never has no server.
    const b = this.cfg.backend;
    const commands = [
      ...serve.flatMap(({ slot, address, weight }) => [
        ...(sameAddress({ host: slot.addr, port: slot.port }, address) ? [] : [setAddrCommand(b, slot.server, address)]),
        ...(weight !== undefined && weight !== slot.weight ? [setWeightCommand(b, slot.server, weight)] : []),
        setReadyCommand(b, slot.server),
      ]),
      ...idle.filter((s) => !inMaintenance(s)).map((s) => setMaintCommand(b, s.server)),
    ];
    try {
      await this.command(commands, `pointing ${this.slot} at ${what}`);
      await this.confirm(plan!);
    } catch (e) {
      await this.restore(before);
      throw new Error(
        `${(e as Error).message}\n${this.slot} was put back to ${previous.length ? previous.map(formatAddress).join(', ') : 'maintenance (no live target)'}.`,
        { cause: e },
      );
    }
    const version = groups.length === 1 && groups[0]!.version ? ` (version ${groups[0]!.version})` : '';
    const real = plan!.shares.length > 1 ? ` (server weights ${[...new Set(serve.map((x) => x.weight))].join(':')} give ${plan!.shares.map((x) => `${formatShare(x)}%`).join(' / ')})` : '';
    this.deps.log.info(`HAProxy ${this.slot} now sends traffic to ${what}${version}${real}.`);
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
        `(${slots.map((s) => s.server).join(', ')}), and ${size} are needed (the new pool, and for canary steps the stable pool beside it). Give it at least ${size}: in haproxy.cfg,\n` +
        `${templateSnippet(this.cfg.backend, this.cfg.server, size)}\n(then reload HAProxy). Nothing was started or changed.`,
    );
  }

  /** Poll the state until the serving slots have their addresses and weights and are UP, and the idle ones are in maintenance. */
  private async confirm(plan: SlotPlan): Promise<void> {
    const waitMs = this.opts.upWaitMs ?? UP_WAIT_MS;
    const deadline = Date.now() + waitMs;
    for (;;) {
      const byName = new Map((await this.readSlots()).map((s) => [s.server, s]));
      let pending: { s: ServerState; target: Address | undefined } | undefined;
      for (const { slot, address, weight } of plan.serve) {
        const s = byName.get(slot.server)!;
        if (!sameAddress({ host: s.addr, port: s.port }, address)) {
          throw new Error(
            `HAProxy reports ${this.cfg.backend}/${s.server} at ${s.addr}:${s.port} after it was set to ${formatAddress(address)}. ` +
              `Another process may be changing this server; make sure only the action flips it.`,
          );
        }
        if (weight !== undefined && s.weight !== weight)
          throw new Error(`HAProxy reports weight ${s.weight} for ${this.cfg.backend}/${s.server} after it was set to ${weight}. Another process may be changing it.`);
        if (!serving(s)) pending ??= { s, target: address };
      }
      for (const slot of plan.idle) {
        const s = byName.get(slot.server)!;
        if (!inMaintenance(s)) pending ??= { s, target: undefined };
      }
      if (!pending) return;
      if (Date.now() > deadline) {
        const { s, target } = pending;
        throw new Error(
          target
            ? `HAProxy did not report ${this.cfg.backend}/${s.server} (${formatAddress(target)}) as UP within ${waitMs / 1000}s ` +
                `(operational state ${s.opState}, admin state ${s.adminState}, last check result ${s.checkResult}). If the server has \`check\`, the instance ` +
                `fails HAProxy's health check: make the check match the instance's health endpoint.`
            : `HAProxy did not put ${this.cfg.backend}/${s.server} in maintenance within ${waitMs / 1000}s.`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async restore(before: ServerState[]): Promise<void> {
    try {
      const b = this.cfg.backend;
      const commands = before.flatMap((s) => {
        const previous = liveTarget(s);
        if (!previous) return [setMaintCommand(b, s.server)];
        return [setAddrCommand(b, s.server, previous), setWeightCommand(b, s.server, s.weight), ...(inMaintenance(s) ? [] : [setReadyCommand(b, s.server)])];
      });
      await this.rt(commands.join('; '));
    } catch (e) {
      this.deps.log.error(`Could not restore ${this.slot}: ${(e as Error).message}`, 'HAProxy restore failed');
    }
  }

  private async saveState(file: string): Promise<void> {
    try {
      const text = await this.rt(showStateCommand());
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

  /** The maintenance map and ACL files HAProxy loaded for this backend; throws with the line to add when they are not. */
  private async loadedMaintenanceFiles(): Promise<{ map: string; acl: string }> {
    const [maps, acls] = await Promise.all([this.rt('show map'), this.rt('show acl')]);
    const want = maintenanceFiles(this.cfg.backend);
    const map = findLoaded(maps, want.map.split('/').pop()!);
    const acl = findLoaded(acls, want.acl.split('/').pop()!);
    if (map && acl) return { map, acl };
    throw new Error(
      `HAProxy has not loaded ${[map ? '' : want.map, acl ? '' : want.acl].filter(Boolean).join(' and ')} (any directory; the names count), so maintenance ` +
        `mode cannot be switched through its runtime API. Create ${map || acl ? 'the missing file' : 'both files'} empty and add this one line to \`backend ${this.cfg.backend}\` in haproxy.cfg ` +
        `(add \` !{ req.hdr(<name>) -m found }\` for each header that maintenance-allow lets through):
  ${maintenanceLine(this.cfg.backend, [], MAINTENANCE_RETRY_AFTER_SEC)}
` +
        `then reload HAProxy. Nothing was changed.`,
    );
  }

  async checkMaintenance(): Promise<void> {
    await this.loadedMaintenanceFiles();
  }

  /**
   * On: the allowed ranges first (the ACL), then the page (the map): an allowed client is let through before
   * anyone is turned away. Off: the page goes first, then the ranges. Each list changes as a whole (a new
   * version committed at once), and the map is read back.
   */
  async maintenance(m: Maintenance | undefined): Promise<void> {
    const { map, acl } = await this.loadedMaintenanceFiles();
    if (m) {
      const value = pageValue(m.page);
      if (Buffer.byteLength(value) > 12_000)
        throw new Error(`The maintenance page is ${Buffer.byteLength(value)} bytes; HAProxy answers from one buffer (tune.bufsize, 16384 by default): keep the page under 12000 bytes (inline no images).`);
      await this.replaceEntries('acl', acl, aclEntries(m.allow));
      await this.replaceEntries('map', map, [`page ${value}`]);
    } else {
      await this.replaceEntries('map', map, []);
      await this.replaceEntries('acl', acl, []);
    }
    const now = await this.readMaintenance();
    if (now.on !== !!m) throw new Error(`HAProxy's ${map} ${now.on ? 'still has' : 'has no'} page entry after maintenance was switched ${m ? 'on' : 'off'}: another process may be changing it.`);
    this.deps.log.info(`HAProxy backend ${this.cfg.backend}: maintenance ${m ? 'on' : 'off'} (${map}, ${acl}).`);
  }

  async readMaintenance(): Promise<MaintenanceView> {
    const { map, acl } = await this.loadedMaintenanceFiles();
    const [entries, ranges] = await Promise.all([this.rt(`show map ${map}`), this.rt(`show acl ${acl}`)]);
    return { on: parseEntries(entries).some(([k]) => k === 'page'), cidrs: parseEntries(ranges).map(([k]) => k) };
  }

  /** The entries of a map or ACL file replaced at once: a new version, filled, then committed. */
  private async replaceEntries(kind: 'map' | 'acl', file: string, entries: string[]): Promise<void> {
    const prepared = await this.rt(`prepare ${kind} ${file}`);
    const version = preparedVersion(prepared);
    if (version === undefined) throw new Error(`HAProxy refused \`prepare ${kind} ${file}\`: ${prepared.trim()} (HAProxy 2.4 or newer is needed).`);
    const add = addPayload(kind, version, file, entries);
    if (add) {
      const err = runtimeError(await this.rt(add));
      if (err) throw new Error(`HAProxy refused the new entries of ${file}: ${err}`);
    }
    const err = runtimeError(await this.rt(`commit ${kind} @${version} ${file}`));
    if (err) throw new Error(`HAProxy refused \`commit ${kind} @${version} ${file}\`: ${err}`);
  }

  /** Several runtime API commands in one connection (`;`-separated), applied one after the other. */
  private async command(commands: string[], doing: string): Promise<void> {
    const reply = await this.rt(commands.join('; '));
    const err = runtimeError(reply);
    const hint = /static LB algorithm/i.test(err ?? '') ? ' Canary weights need a dynamic balance algorithm: `balance roundrobin` (the default) or `leastconn`.' : '';
    if (err) throw new Error(`HAProxy refused \`${commands.join('; ')}\` while ${doing}: ${err}${hint}`);
  }

  /** The slots of the pool, in order: `<server>1..N`, else the one `<server>`. */
  private async readSlots(): Promise<ServerState[]> {
    const reply = await this.rt(showStateCommand(this.cfg.backend));
    const hint =
      `The action needs server slots it owns in that backend. Add to haproxy.cfg:\n${configSnippet(this.cfg.backend, this.cfg.server)}\n` +
      `(or, for a pool of N instances, \`server-template ${this.cfg.server} 1-N 127.0.0.1:1 disabled\`; or set haproxy-backend / haproxy-server to the names you use).`;
    if (/can't find backend/i.test(reply)) throw new Error(`HAProxy has no backend "${this.cfg.backend}". ${hint}`);
    if (/permission denied|unknown command/i.test(reply)) {
      throw new Error(
        `HAProxy's runtime API at ${this.at} refused \`show servers state\`: ${reply.trim()}. ` +
          `Declare the socket with \`level admin\`.`,
      );
    }
    const slots = poolSlots(parseServersState(reply), this.cfg.backend, this.cfg.server);
    if (slots.length === 0) throw new Error(`HAProxy's backend "${this.cfg.backend}" has no server "${this.cfg.server}". ${hint}`);
    return slots;
  }
}

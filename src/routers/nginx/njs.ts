/**
 * router: nginx with nginx-routes-file (njs mode). nginx runs share/nginx/immutable-deploy.js, whose
 * `js_set` variable reads this routes file on every request and feeds `proxy_pass http://$<app>_upstream`.
 * A switch, or a weight change, is one atomic file write: no reload, so keep-alive client connections are
 * never closed. The write is read back before returning; from then on every new request reads the new file.
 */
import type { NginxRouterConfig } from '../../config/types.js';
import type { PreviewRoute, PreviewView, Router, RouterDeps, Routing, Sticky } from '../types.js';
import { describeSticky, formatAddress } from '../types.js';
import { readOptional, writeAtomic } from './atomic-file.js';
import { parseExtras, parseRoutes, renderRoutes, type RouteExtras, type RouteGroup } from './routes.js';
import type { Maintenance, MaintenanceView } from '../../core/maintenance.js';

export class NjsRouter implements Router {
  readonly kind = 'nginx';
  readonly weighted = true;
  private readonly file: string;
  /** Sticky users (stick()): written with every shift. */
  private sticky: Sticky | undefined;

  constructor(
    cfg: NginxRouterConfig,
    private readonly deps: RouterDeps,
  ) {
    this.file = cfg.routesFile ?? '';
  }

  describe(): string {
    return `nginx routes file ${this.file} (njs, no reload)`;
  }

  /** The groups nginx routes to now; [] when the file is missing, empty, or routes nowhere. */
  async groups(): Promise<RouteGroup[]> {
    const text = await readOptional(this.file);
    if (text === undefined) return [];
    try {
      return parseRoutes(text);
    } catch (e) {
      throw new Error(
        `Could not read the routes from ${this.file}: ${(e as Error).message}. The file is owned by the action ` +
          `(nginx-routes-file): let it write the routes there; remove the file to start from "nothing live".`,
        { cause: e },
      );
    }
  }

  /** The routed groups, as the routes file holds them (with their weights and versions). */
  async current(): Promise<Routing> {
    return (await this.groups()).filter((g) => g.weight > 0 && g.addresses.length > 0);
  }

  /** Route new requests by `to` (weights relative; groups at 0 get none). Written atomically, then read back. */
  async shift(to: Routing): Promise<void> {
    const live = to.filter((g) => g.weight > 0 && g.addresses.length > 0);
    if (live.length === 0) throw new Error(`The nginx router was asked to route nowhere (${this.file} is unchanged).`);
    for (const g of live) this.checkHosts(g.addresses);
    // The preview route (testers first) stays as it is.
    // The preview route (testers first) and maintenance mode stay as they are.
    const { preview, maintenance } = await this.extras();
    await this.write(renderRoutes(live, { preview, sticky: this.sticky, maintenance }));
    const shares = live.map((g) => `${g.weight}% to ${g.addresses.map(formatAddress).join(', ')}${g.version ? ` (${g.version})` : ''}`);
    this.deps.log.info(`nginx (njs) now routes ${shares.join('; ')}${this.sticky && live.length > 1 ? `, each client by ${describeSticky(this.sticky)}` : ''}.`);
  }

  /** Testers first: the preview route in the routes file (the shipped script sends requests with the header there). */
  async preview(route: PreviewRoute): Promise<void> {
    this.checkHosts(route.addresses);
    const [groups, { sticky, maintenance }] = await Promise.all([this.groups(), this.extras()]);
    await this.write(renderRoutes(groups, { preview: route, sticky, maintenance }));
  }

  /** The routes file's preview route (its header, servers and version); empty when the file has none. */
  async readPreview(): Promise<PreviewView> {
    const p = (await this.extras()).preview;
    return p ? { header: p.header, addresses: p.addresses, version: p.version } : { addresses: [] };
  }

  /** Sticky users: the script hashes the value against the weights (monotone: see share/nginx/immutable-deploy.js). */
  stick(how: Sticky): Promise<void> {
    this.sticky = how;
    return Promise.resolve();
  }

  /** Maintenance on or off: the same pools and preview, with or without the maintenance entry; one atomic write, read back. */
  async maintenance(m: Maintenance | undefined): Promise<void> {
    const [groups, extras] = await Promise.all([this.groups(), this.extras()]);
    const maintenance = m ? { page: m.page, allow: m.allow.cidrs, headers: m.allow.headers, retryAfter: m.retryAfterSec } : undefined;
    await this.write(renderRoutes(groups, { ...extras, maintenance }));
    this.deps.log.info(`nginx (njs) ${this.file}: maintenance ${m ? 'on' : 'off'}.`);
  }

  async readMaintenance(): Promise<MaintenanceView> {
    const m = (await this.extras()).maintenance;
    return { on: !!m, cidrs: m?.allow };
  }

  private async extras(): Promise<RouteExtras> {
    const text = await readOptional(this.file);
    try {
      return text === undefined ? {} : parseExtras(text);
    } catch (e) {
      throw new Error(`Could not read the routes from ${this.file}: ${(e as Error).message}. Remove the file to start from "nothing live".`, { cause: e });
    }
  }

  private checkHosts(addresses: readonly { host: string }[]): void {
    for (const a of addresses)
      if (!/^[\d.]+$|:/.test(a.host))
        throw new Error(
          `nginx resolves a variable proxy_pass address only with a \`resolver\`; the target host is ${JSON.stringify(a.host)}. ` +
            `Set upstream-host to an IP address (such as 127.0.0.1).`,
        );
  }

  /** Written atomically, then read back. */
  private async write(text: string): Promise<void> {
    await writeAtomic(this.file, text);
    const back = await readOptional(this.file);
    if (back !== text)
      throw new Error(`${this.file} does not hold what the action just wrote: another process is writing it. Make sure only the action does.`);
  }
}

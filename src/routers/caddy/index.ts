/**
 * router: caddy. Points the reverse_proxy handler tagged `"@id": "<id>"` at the live pool (its `upstreams`
 * list, one dial per instance) through
 * Caddy's admin API, then reads it back. Caddy applies a config change before the API call returns.
 */
import type { CaddyRouterConfig } from '../../config/types.js';
import { withoutUserinfo } from '../../core/run-spec.js';
import type { PreviewRoute, PreviewView, Router, RouterDeps, Routing } from '../types.js';
import { allTo, formatAddress, sameAddress, singleGroup, type Address } from '../types.js';
import { findRoute, maintenanceId, maintenanceRoute, routeRanges } from './maintenance.js';
import type { Maintenance, MaintenanceView } from '../../core/maintenance.js';
import { configSnippet, idUrl, readHandler, sameDials, upstreamsBody, type HandlerView } from './handler.js';

const TIMEOUT_MS = 30_000;

export class CaddyRouter implements Router {
  readonly kind = 'caddy';
  readonly weighted = false;
  readonly unweightedBecause =
    'Caddy 2.6 (Debian 12) has no weighted load-balancing policy (weighted_round_robin came in 2.7), so the upstreams list is one pool';

  constructor(
    private readonly cfg: CaddyRouterConfig,
    private readonly deps: RouterDeps,
  ) {}

  describe(): string {
    return `Caddy reverse_proxy "@id": "${this.cfg.upstreamId}" via the admin API at ${withoutUserinfo(this.cfg.adminUrl)}`;
  }

  async current(): Promise<Routing> {
    const { dials } = await this.read();
    return dials.length ? allTo(dials) : [];
  }

  async shift(to: Routing): Promise<void> {
    const group = singleGroup(this.kind, to);
    const [before, preview] = await Promise.all([this.read(), this.readOptional(this.previewId)]);
    await this.put(this.cfg.upstreamId, group.addresses, group.version);
    // An empty preview route follows the live one (see preview()): requests with the header go where everyone goes.
    if (!preview || !sameDials(preview.dials, before.dials)) return;
    // The live shift took effect; a preview route left behind is a warning (requests with the header reach the old pool).
    await this.put(this.previewId, group.addresses, group.version).catch((err: unknown) =>
      this.deps.log.warning(
        `Caddy's "@id": "${this.previewId}" could not follow the live upstreams (${(err as Error).message.split('\n')[0]}): requests with the preview header still go to ${before.dials.map(formatAddress).join(', ') || 'nothing'}.`,
        'Preview route not updated',
      ),
    );
  }

  /**
   * Testers first: the upstreams of the reverse_proxy tagged `"@id": "<id>-preview"`, behind the user's route that
   * matches the header. Caddy has no fallback from a reverse_proxy without upstreams (it answers 503), so an empty
   * route is one that mirrors the live upstreams: emptied, it gets the live ones, and every shift while it mirrors
   * moves it with them (shift()); requests with the header then go where every other request goes (docs/canary.md).
   */
  async preview(route: PreviewRoute): Promise<void> {
    if (route.addresses.length > 0) return this.put(this.previewId, route.addresses, route.version);
    const live = (await this.read()).dials;
    await this.put(this.previewId, live, undefined);
  }

  /** The upstreams of `<id>-preview` unless they mirror the live ones (empty: []); undefined without that handler. */
  async readPreview(): Promise<PreviewView | undefined> {
    const [live, preview] = await Promise.all([this.read().catch(() => undefined), this.readOptional(this.previewId)]);
    if (!live || !preview) return undefined;
    return { addresses: sameDials(preview.dials, live.dials) ? [] : preview.dials };
  }

  /** The handler `id`, or undefined when Caddy has none (or cannot say). */
  private readOptional(id: string): Promise<HandlerView | undefined> {
    return this.read(id).catch(() => undefined);
  }

  async checkPreview(header: string): Promise<void> {
    try {
      await this.read(this.previewId);
    } catch (e) {
      throw new Error(
        `preview-header: ${header} needs a route in Caddy that matches the header, in front of the live one, handled by ` +
          `${configSnippet(this.previewId)}: ${(e as Error).message.split('\n')[0]} (see docs/canary.md "Testers first"). Nothing was started.`,
        { cause: e },
      );
    }
  }

  private get previewId(): string {
    return `${this.cfg.upstreamId}-preview`;
  }

  /** Point the reverse_proxy `id` at `targets` ([]: none), then read it back. */
  private async put(id: string, targets: Address[], v: string | undefined): Promise<void> {
    const what = targets.length ? targets.map(formatAddress).join(', ') : 'nothing';
    const version = v ? ` (version ${v})` : '';
    const before = await this.read(id);
    // PATCH replaces an existing value; PUT creates a missing one (Caddy's admin API semantics).
    const method = before.hasUpstreams ? 'PATCH' : 'PUT';
    const url = idUrl(this.cfg.adminUrl, id, '/upstreams');
    const res = await this.request(method, url, upstreamsBody(targets));
    if (!res.ok) {
      throw new Error(
        `Caddy refused the new upstreams ${what}${version}: ${method} ${url} answered ` +
          `${res.status}: ${res.text.trim().slice(0, 500)}\nCaddy keeps its previous config when a change fails; ` +
          `fix the cause above and re-run.`,
      );
    }
    const after = await this.read(id);
    if (after.dials.length !== targets.length || !after.dials.every((d, n) => sameAddress(d, targets[n]))) {
      throw new Error(
        `After the change, Caddy's "@id": "${id}" points at ${after.dials.length ? after.dials.map(formatAddress).join(', ') : 'nothing'}, ` +
          `not ${what}. Another process may be changing Caddy's config (or a config file reload overwrote it).`,
      );
    }
    this.deps.log.info(`Caddy "@id": "${id}" now sends traffic to ${what}${version}.`);
  }

  /**
   * On: the maintenance route replaced in place when it exists (new page or allowed clients at once), else put
   * right before the route that proxies. Off: deleted. Caddy applies each change before the call returns.
   */
  async maintenance(m: Maintenance | undefined): Promise<void> {
    await this.read();
    const id = maintenanceId(this.cfg.upstreamId);
    const url = idUrl(this.cfg.adminUrl, id);
    const exists = (await this.request('GET', url)).ok;
    let res: { ok: boolean; status: number; text: string } | undefined;
    let what: string;
    if (!m) {
      what = `DELETE ${url}`;
      if (exists) res = await this.request('DELETE', url);
    } else {
      const servers = `${this.cfg.adminUrl.replace(/\/+$/, '')}/config/apps/http/servers`;
      const found = findRoute(JSON.parse((await this.request('GET', servers)).text || '{}'), this.cfg.upstreamId);
      if (!found) throw new Error(`Caddy's "@id": "${this.cfg.upstreamId}" is in no route of apps/http/servers: the maintenance route has nowhere to go.`);
      const route = JSON.stringify(maintenanceRoute(this.cfg.upstreamId, found.match, m));
      // PATCH replaces the tagged route where it is; PUT at an index inserts before what is there.
      const target = exists ? url : `${servers}/${found.path.map(encodeURIComponent).join('/')}/${found.index}`;
      what = `${exists ? 'PATCH' : 'PUT'} ${target}`;
      res = await this.request(exists ? 'PATCH' : 'PUT', target, route);
    }
    if (res && !res.ok) throw new Error(`Caddy refused maintenance ${m ? 'on' : 'off'}: ${what} answered ${res.status}: ${res.text.trim().slice(0, 500)}`);
    const now = await this.readMaintenance();
    if (now.on !== !!m) throw new Error(`After maintenance was switched ${m ? 'on' : 'off'}, Caddy ${now.on ? 'still has' : 'has no'} "@id": "${id}". Another process may be changing Caddy's config.`);
    this.deps.log.info(`Caddy: maintenance ${m ? 'on' : 'off'} ("@id": "${id}").`);
  }

  async checkMaintenance(): Promise<void> {
    await this.read();
  }

  async readMaintenance(): Promise<MaintenanceView> {
    const url = idUrl(this.cfg.adminUrl, maintenanceId(this.cfg.upstreamId));
    const res = await this.request('GET', url);
    if (res.status === 404 || /unknown object ID/i.test(res.text)) return { on: false };
    if (!res.ok) throw new Error(`Caddy's admin API answered ${res.status} to GET ${withoutUserinfo(url)}: ${res.text.trim().slice(0, 500)}`);
    return { on: true, cidrs: routeRanges(JSON.parse(res.text)) };
  }

  private async read(id = this.cfg.upstreamId): Promise<HandlerView> {
    const url = idUrl(this.cfg.adminUrl, id);
    const res = await this.request('GET', url);
    const need =
      `Tag the reverse_proxy handler in your Caddy JSON config with "@id": "${id}", for example\n` +
      `  ${configSnippet(id)}\n(or set caddy-upstream-id to the @id you use).`;
    if (res.status === 404 || /unknown object ID/i.test(res.text)) {
      throw new Error(`Caddy has no config object with "@id": "${id}" (GET ${url} answered ${res.status}). ${need}`);
    }
    if (!res.ok) throw new Error(`Caddy's admin API answered ${res.status} to GET ${url}: ${res.text.trim().slice(0, 500)}`);
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      throw new Error(`Caddy's admin API answered GET ${url} with something that is not JSON: ${res.text.slice(0, 200)}`);
    }
    const view = readHandler(json, id);
    if (!view.isReverseProxy) {
      throw new Error(`Caddy's "@id": "${id}" is not a reverse_proxy handler. ${need}`);
    }
    return view;
  }

  /**
   * One admin API call. Caddy replaces its admin server on every config change, so a pooled keep-alive
   * connection can be reset under us: retry such resets (every call here is idempotent: GET, or setting
   * the same upstream list again).
   */
  private async request(method: string, url: string, body?: string): Promise<{ ok: boolean; status: number; text: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { href, authorization } = splitCredentials(url);
        const res = await fetch(href, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(authorization ? { authorization } : {}),
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        return { ok: res.ok, status: res.status, text: await res.text() };
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const code = cause?.code ?? '';
        if (attempt < 4 && /ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED/.test(code)) {
          await new Promise((r) => setTimeout(r, 50 * attempt));
          continue;
        }
        throw new Error(
          `Could not reach Caddy's admin API at ${withoutUserinfo(this.cfg.adminUrl)} (${method} ${withoutUserinfo(url)}: ${code || cause?.message || (e as Error).message}). ` +
            `Is Caddy running with its admin endpoint there? Set caddy-admin-url to it.`,
          { cause: e },
        );
      }
    }
  }
}

/**
 * fetch() refuses a URL with user:password in it: an admin API behind basic auth
 * (caddy-admin-url: https://user:pass@host) gets them as an Authorization header instead.
 */
export function splitCredentials(url: string): { href: string; authorization?: string } {
  const u = new URL(url);
  if (!u.username && !u.password) return { href: url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { href: u.href, authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

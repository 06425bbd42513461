/**
 * The routes file of the nginx njs mode (nginx-routes-file): JSON that share/nginx/immutable-deploy.js
 * reads on every request, so a switch or a weight change needs no reload. Render and parse. Pure.
 *   {"pools":[{"version":"v1","weight":90,"servers":["127.0.0.1:49153"]}, ...],
 *    "preview":{"header":"X-Preview","version":"v2","servers":["127.0.0.1:49160"]},   (testers first, optional)
 *    "sticky":{"kind":"cookie","name":"user"},                                          (sticky users, optional)
 *    "maintenance":{"page":"<html>..","allow":["10.0.0.0/8"],"headers":["x-preview"],"retryAfter":120}}  (optional)
 * The pools are listed as the routing gives them (a canary step: the stable pool first, the new one last), which
 * the script's sticky hash relies on: the last pool grows downwards from the top of [0, 1).
 */
import { formatAddress, type Address } from '../../core/model.js';
import type { Sticky } from '../../core/sticky.js';
import { parseTargetText } from '../command/target-text.js';

function parseServer(text: string): Address {
  const a = parseTargetText(text, `server ${JSON.stringify(text)}`);
  if (!a) throw new Error('an empty server');
  return a;
}

/** The structural shape of a routed group (src/routers/types.ts RoutedGroup). */
export interface RouteGroup {
  addresses: { host: string; port: number }[];
  weight: number;
  version?: string | undefined;
}

/** Testers first: requests with `header` go to these addresses. */
export interface RoutePreview {
  header: string;
  addresses: { host: string; port: number }[];
  version?: string | undefined;
}

/** Maintenance mode as the script reads it: who is let through, and what the others get. */
export interface RoutesMaintenance {
  page: string;
  /** Allowed source ranges (address/prefix). */
  allow: string[];
  /** Allowed header names (lowercase): a request carrying one (any value) is let through. */
  headers: string[];
  retryAfter: number;
}

/** Everything a routes file holds besides the pools. */
export interface RouteExtras {
  preview?: RoutePreview | undefined;
  sticky?: Sticky | undefined;
  /** Maintenance mode (command: maintenance): kept as it is by every switch and step. */
  maintenance?: RoutesMaintenance | undefined;
}

interface RoutesFile {
  managedBy?: string;
  pools: { version?: string; weight: number; servers: string[] }[];
  preview?: { header: string; version?: string; servers: string[] };
  sticky?: Sticky;
  maintenance?: RoutesMaintenance;
}

/**
 * Groups at weight 0 are left out (the script skips them anyway); an empty list routes nowhere (502). A preview
 * without addresses is left out (the route is empty).
 */
export function renderRoutes(groups: readonly RouteGroup[], extras: RouteExtras = {}): string {
  const { preview, sticky, maintenance } = extras;
  const file: RoutesFile = {
    ...(maintenance ? { maintenance } : {}),
    managedBy: 'immutable-deploy: rewritten on every switch; edits are lost',
    pools: groups
      .filter((g) => g.weight > 0 && g.addresses.length > 0)
      .map((g) => ({ ...(g.version ? { version: g.version } : {}), weight: g.weight, servers: g.addresses.map(formatAddress) })),
    ...(preview && preview.addresses.length > 0
      ? { preview: { header: preview.header, ...(preview.version ? { version: preview.version } : {}), servers: preview.addresses.map(formatAddress) } }
      : {}),
    ...(sticky ? { sticky } : {}),
  };
  return JSON.stringify(file) + '\n';
}

/** The preview route and the sticky setting of a routes file (none for an empty file). Throws as parseRoutes does. */
export function parseExtras(text: string): RouteExtras {
  if (text.trim() === '') return {};
  const data = parseFile(text);
  const p = data.preview;
  const preview =
    p && typeof p.header === 'string' && Array.isArray(p.servers) && p.servers.length > 0
      ? { header: p.header, addresses: p.servers.map(parseServer), ...(p.version ? { version: p.version } : {}) }
      : undefined;
  const m = data.maintenance;
  const maintenance =
    m && typeof m.page === 'string'
      ? { page: m.page, allow: Array.isArray(m.allow) ? m.allow.map(String) : [], headers: Array.isArray(m.headers) ? m.headers.map(String) : [], retryAfter: Number(m.retryAfter) || 0 }
      : undefined;
  return { ...(preview ? { preview } : {}), ...(data.sticky ? { sticky: data.sticky } : {}), ...(maintenance ? { maintenance } : {}) };
}

function parseFile(text: string): RoutesFile {
  let data: RoutesFile;
  try {
    data = JSON.parse(text) as RoutesFile;
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!data || !Array.isArray(data.pools)) throw new Error('no "pools" list');
  return data;
}

/** The groups in a routes file; [] for an empty file or one without pools. Throws when it is not such a file. */
export function parseRoutes(text: string): RouteGroup[] {
  if (text.trim() === '') return [];
  return parseFile(text).pools
    .filter((p) => p && Number(p.weight) > 0 && Array.isArray(p.servers) && p.servers.length > 0)
    .map((p) => ({ addresses: p.servers.map(parseServer), weight: Number(p.weight), ...(p.version ? { version: p.version } : {}) }));
}

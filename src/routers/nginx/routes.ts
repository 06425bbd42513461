/**
 * The routes file of the nginx njs mode (nginx-routes-file): JSON that share/nginx/immutable-deploy.js
 * reads on every request, so a switch or a weight change needs no reload. Render and parse. Pure.
 *   {"pools":[{"version":"v1","weight":90,"servers":["127.0.0.1:49153"]}, ...]}
 */
import { formatAddress, type Address } from '../../core/model.js';
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

/** Maintenance mode as the script reads it: who is let through, and what the others get. */
export interface RoutesMaintenance {
  page: string;
  /** Allowed source ranges (address/prefix). */
  allow: string[];
  /** Allowed header names (lowercase): a request carrying one (any value) is let through. */
  headers: string[];
  retryAfter: number;
}

/** The parts of the file beside the pools, kept as they are when the pools change (a switch keeps maintenance on). */
export interface RoutesExtras {
  maintenance?: RoutesMaintenance | undefined;
}

interface RoutesFile extends RoutesExtras {
  managedBy?: string;
  pools: { version?: string; weight: number; servers: string[] }[];
}

/** Groups at weight 0 are left out (the script skips them anyway); an empty list routes nowhere (502). */
export function renderRoutes(groups: readonly RouteGroup[], extras: RoutesExtras = {}): string {
  const file: RoutesFile = {
    ...(extras.maintenance ? { maintenance: extras.maintenance } : {}),
    managedBy: 'immutable-deploy: rewritten on every switch; edits are lost',
    pools: groups
      .filter((g) => g.weight > 0 && g.addresses.length > 0)
      .map((g) => ({ ...(g.version ? { version: g.version } : {}), weight: g.weight, servers: g.addresses.map(formatAddress) })),
  };
  return JSON.stringify(file) + '\n';
}

/** The groups in a routes file; [] for an empty file or one without pools. Throws when it is not such a file. */
export function parseRoutes(text: string): RouteGroup[] {
  return readRoutes(text).groups;
}

/** The groups and the extras (maintenance) of a routes file. Throws when it is not such a file. */
export function readRoutes(text: string): { groups: RouteGroup[]; extras: RoutesExtras } {
  if (text.trim() === '') return { groups: [], extras: {} };
  let data: RoutesFile;
  try {
    data = JSON.parse(text) as RoutesFile;
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!data || !Array.isArray(data.pools)) throw new Error('no "pools" list');
  const groups = data.pools
    .filter((p) => p && Number(p.weight) > 0 && Array.isArray(p.servers) && p.servers.length > 0)
    .map((p) => ({ addresses: p.servers.map(parseServer), weight: Number(p.weight), ...(p.version ? { version: p.version } : {}) }));
  const m = data.maintenance;
  const maintenance =
    m && typeof m.page === 'string'
      ? { page: m.page, allow: Array.isArray(m.allow) ? m.allow.map(String) : [], headers: Array.isArray(m.headers) ? m.headers.map(String) : [], retryAfter: Number(m.retryAfter) || 0 }
      : undefined;
  return { groups, extras: maintenance ? { maintenance } : {} };
}

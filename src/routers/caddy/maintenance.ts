/**
 * Maintenance mode on Caddy: a route with a static response (503, Retry-After, the page), tagged
 * `"@id": "<upstream-id>-maintenance"`, put right before the route that holds the reverse_proxy, with that route's
 * matchers and a `not` matcher for the allowed clients (remote_ip ranges, header present). Off: the route is
 * deleted. Pure: the route JSON and where it goes.
 */
import type { Maintenance } from '../../core/maintenance.js';

export const maintenanceId = (upstreamId: string): string => `${upstreamId}-maintenance`;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => !!x && typeof x === 'object' && !Array.isArray(x);

/** True when `x` (a handler, a route, a subroute) holds the object tagged `id`. */
function holds(x: unknown, id: string): boolean {
  if (Array.isArray(x)) return x.some((y) => holds(y, id));
  if (!isObject(x)) return false;
  if (x['@id'] === id) return true;
  return Object.values(x).some((v) => holds(v, id));
}

/**
 * Where the route that holds `id` is, in the config under `base` (e.g. apps/http/servers): the path of its routes
 * list (segments from `base`), its index there and its matcher sets. The innermost list wins (a subroute's).
 */
export function findRoute(config: unknown, id: string): { path: string[]; index: number; match: Json[] | undefined } | undefined {
  const visit = (x: unknown, path: string[]): ReturnType<typeof findRoute> => {
    if (Array.isArray(x)) {
      for (const [n, y] of x.entries()) {
        const found = visit(y, [...path, String(n)]);
        if (found) return found;
      }
      return undefined;
    }
    if (!isObject(x)) return undefined;
    for (const [k, v] of Object.entries(x)) {
      if (k === 'routes' && Array.isArray(v)) {
        const index = v.findIndex((r) => holds(r, id) && (r as Json)['@id'] !== id);
        if (index < 0) continue;
        // A deeper list (a subroute inside this route) is closer to the handler.
        const inner = visit((v[index] as Json)['handle'], [...path, 'routes', String(index), 'handle']);
        if (inner) return inner;
        const match = (v[index] as Json)['match'];
        return { path: [...path, 'routes'], index, match: Array.isArray(match) ? (match as Json[]) : undefined };
      }
      const found = visit(v, [...path, k]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(config, []);
}

/** The maintenance route: the proxy route's matchers, minus the allowed clients; a static 503 response. */
export function maintenanceRoute(upstreamId: string, match: Json[] | undefined, m: Maintenance): Json {
  const allowed: Json[] = [
    ...(m.allow.cidrs.length ? [{ remote_ip: { ranges: m.allow.cidrs } }] : []),
    ...m.allow.headers.map((h) => ({ header: { [h]: ['*'] } })),
  ];
  const sets = match && match.length ? match : [{}];
  const withNot = allowed.length
    ? sets.map((s) => ({ ...s, not: [...(Array.isArray(s['not']) ? (s['not'] as Json[]) : []), ...allowed] }))
    : sets;
  const matchSets = withNot.filter((s) => Object.keys(s).length > 0);
  return {
    '@id': maintenanceId(upstreamId),
    ...(matchSets.length ? { match: matchSets } : {}),
    handle: [
      {
        handler: 'static_response',
        status_code: 503,
        headers: { 'Retry-After': [String(m.retryAfterSec)], 'Content-Type': ['text/html; charset=utf-8'], 'Cache-Control': ['no-store'] },
        body: m.page,
      },
    ],
    terminal: true,
  };
}

/** The allowed ranges of a maintenance route as Caddy holds it. */
export function routeRanges(route: unknown): string[] {
  if (!isObject(route) || !Array.isArray(route['match'])) return [];
  const first = route['match'][0] as Json | undefined;
  const not = Array.isArray(first?.['not']) ? (first['not'] as Json[]) : [];
  return not.flatMap((s) => {
    const r = (s['remote_ip'] as Json | undefined)?.['ranges'];
    return Array.isArray(r) ? r.map(String) : [];
  });
}

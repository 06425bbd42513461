/** src/core/maintenance.ts and the routers' maintenance texts: allow lists, CIDR matching, the HAProxy line, the Caddy route. */
import { describe, expect, it } from 'vitest';
import { allowItemProblem, defaultMaintenancePage, inRanges, parseAllow } from '../../src/core/maintenance.js';
import { addPayload, findLoaded, maintenanceLine, pageValue, parseEntries, preparedVersion } from '../../src/routers/haproxy/maintenance.js';
import { findRoute, maintenanceRoute, routeRanges } from '../../src/routers/caddy/maintenance.js';
import { parseExtras, parseRoutes, renderRoutes } from '../../src/routers/nginx/routes.js';

describe('maintenance-allow', () => {
  it('takes ranges, single addresses and header:<Name>, and says what is wrong with anything else', () => {
    expect(parseAllow(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', 'header:X-Preview', 'header: x-preview'])).toEqual({
      cidrs: ['10.0.0.0/8', '192.0.2.7/32', '2001:db8::/32'],
      headers: ['x-preview'],
    });
    expect(allowItemProblem('10.0.0.0/33')).toMatch(/neither an address range/);
    expect(allowItemProblem('example.com')).toMatch(/neither an address range/);
    expect(allowItemProblem('header:X Preview')).toMatch(/header name/);
  });

  it('matches IPv4 and IPv6 clients against ranges, IPv4-mapped addresses included', () => {
    expect(inRanges('127.0.0.2', ['127.0.0.2/32'])).toBe(true);
    expect(inRanges('127.0.0.1', ['127.0.0.2/32'])).toBe(false);
    expect(inRanges('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(inRanges('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(inRanges('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(inRanges('2001:db8::1', ['2001:db8::/32'])).toBe(true);
    expect(inRanges('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(inRanges('anything', ['0.0.0.0/0'])).toBe(false);
  });

  it('has a plain default page that names the app', () => {
    expect(defaultMaintenancePage('shop')).toMatch(/<h1>Down for maintenance<\/h1>.*shop/);
  });
});

describe('HAProxy maintenance texts', () => {
  it('one line in the backend: 503, Retry-After and the page from the map, unless the source is in the ACL or a header is there', () => {
    expect(maintenanceLine('shop-production', ['x-preview'], 120)).toBe(
      'http-request return status 503 content-type "text/html; charset=utf-8" hdr Retry-After 120 ' +
        'lf-string "%[str(page),map(/etc/haproxy/shop-production.maintenance.map)]" if { str(page),map(/etc/haproxy/shop-production.maintenance.map) -m found } ' +
        '!{ src -f /etc/haproxy/shop-production.maintenance-allow.acl } !{ req.hdr(x-preview) -m found }',
    );
  });
  it('finds the loaded files by name, parses versions and entries, and writes the page as one map line', () => {
    const show = "# id (file) description\n0 (/srv/lb/shop.maintenance.map) pattern loaded from file '/srv/lb/shop.maintenance.map' used by map\n";
    expect(findLoaded(show, 'shop.maintenance.map')).toBe('/srv/lb/shop.maintenance.map');
    expect(findLoaded(show, 'other.maintenance.map')).toBeUndefined();
    expect(preparedVersion('New version created: 3\n')).toBe(3);
    expect(parseEntries('0x55d0 page <h1>a b</h1>\n0x55d1 10.0.0.0/8\n')).toEqual([['page', '<h1>a b</h1>'], ['10.0.0.0/8', '']]);
    expect(pageValue('<p>\r\na;b</p>\n')).toBe('<p> a;b</p>');
    expect(addPayload('map', 2, '/m.map', ['page <p>x</p>'])).toBe('add map @2 /m.map <<\npage <p>x</p>\n');
    expect(addPayload('acl', 2, '/a.acl', ['10.0.0.0/8', '::1/128'])).toBe('add acl @2 /a.acl 10.0.0.0/8; add acl @2 /a.acl ::1/128');
    expect(addPayload('acl', 2, '/a.acl', [])).toBeUndefined();
  });
});

describe('Caddy maintenance route', () => {
  const config = {
    web: {
      routes: [
        { match: [{ path: ['/healthz'] }], handle: [{ handler: 'static_response', body: 'ok' }] },
        { match: [{ host: ['shop.example'] }], handle: [{ handler: 'subroute', routes: [{ handle: [{ handler: 'reverse_proxy', '@id': 'shop' }] }] }] },
      ],
    },
  };
  it('goes right before the innermost route that proxies, with its matchers minus the allowed clients', () => {
    expect(findRoute(config, 'shop')).toEqual({ path: ['web', 'routes', '1', 'handle', '0', 'routes'], index: 0, match: undefined });
    const outer = { web: { routes: [config.web.routes[0], { match: [{ host: ['a'] }], handle: [{ handler: 'reverse_proxy', '@id': 'shop' }] }] } };
    expect(findRoute(outer, 'shop')).toEqual({ path: ['web', 'routes'], index: 1, match: [{ host: ['a'] }] });
    const route = maintenanceRoute('shop', [{ host: ['a'] }], { page: '<p>x</p>', allow: { cidrs: ['10.0.0.0/8'], headers: ['x-preview'] }, retryAfterSec: 120 });
    expect(route).toMatchObject({
      '@id': 'shop-maintenance',
      match: [{ host: ['a'], not: [{ remote_ip: { ranges: ['10.0.0.0/8'] } }, { header: { 'x-preview': ['*'] } }] }],
      handle: [{ handler: 'static_response', status_code: 503, headers: { 'Retry-After': ['120'] }, body: '<p>x</p>' }],
      terminal: true,
    });
    expect(routeRanges(route)).toEqual(['10.0.0.0/8']);
    expect(maintenanceRoute('shop', undefined, { page: 'p', allow: { cidrs: [], headers: [] }, retryAfterSec: 120 })).not.toHaveProperty('match');
  });
});

describe('nginx routes file with maintenance', () => {
  it('keeps maintenance beside the pools through a render and a read', () => {
    const maintenance = { page: '<p>x</p>', allow: ['10.0.0.0/8'], headers: ['x-preview'], retryAfter: 120 };
    const text = renderRoutes([{ addresses: [{ host: '127.0.0.1', port: 8080 }], weight: 100, version: 'v1' }], { maintenance });
    expect(parseRoutes(text)).toEqual([{ addresses: [{ host: '127.0.0.1', port: 8080 }], weight: 100, version: 'v1' }]);
    expect(parseExtras(text)).toEqual({ maintenance });
    expect(parseExtras(renderRoutes([]))).toEqual({});
  });
});

describe('docs/routers.md', () => {
  it('shows the HAProxy line the action prints (backend shop-production, header x-preview)', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/routers.md', import.meta.url), 'utf8');
    expect(doc).toContain(maintenanceLine('shop-production', ['x-preview'], 120));
  });
});

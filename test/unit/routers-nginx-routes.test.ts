import { describe, expect, it } from 'vitest';
import { parseExtras, parseRoutes, renderRoutes } from '../../src/routers/nginx/routes.js';
import { readConfig } from '../../src/config/read.js';

describe('nginx njs routes file', () => {
  it('round-trips weighted groups, leaving out groups at weight 0', () => {
    const groups = [
      { addresses: [{ host: '127.0.0.1', port: 4000 }], weight: 90, version: 'v1' },
      { addresses: [{ host: '::1', port: 4001 }, { host: '10.0.0.2', port: 80 }], weight: 10, version: 'v2' },
      { addresses: [{ host: '127.0.0.1', port: 4002 }], weight: 0, version: 'v0' },
    ];
    const text = renderRoutes(groups);
    expect(JSON.parse(text).pools).toEqual([
      { version: 'v1', weight: 90, servers: ['127.0.0.1:4000'] },
      { version: 'v2', weight: 10, servers: ['[::1]:4001', '10.0.0.2:80'] },
    ]);
    expect(parseRoutes(text)).toEqual(groups.slice(0, 2));
  });

  it('reads an empty file as nothing live and refuses what it did not write', () => {
    expect(parseRoutes('')).toEqual([]);
    expect(() => parseRoutes('upstream x {}')).toThrow(/not JSON/);
    expect(() => parseRoutes('{"pools":[{"weight":1,"servers":["nohost"]}]}')).toThrow(/server "nohost" is "nohost", which is not an address/);
  });
});

describe('nginx njs routes file: preview route and sticky users', () => {
  const pools = [
    { addresses: [{ host: '127.0.0.1', port: 4000 }], weight: 90, version: 'v1' },
    { addresses: [{ host: '127.0.0.1', port: 4001 }], weight: 10, version: 'v2' },
  ];
  it('carries the preview pool and the sticky value beside the pools, and reads them back', () => {
    const preview = { header: 'X-Preview', addresses: [{ host: '127.0.0.1', port: 4001 }], version: 'v2' };
    const text = renderRoutes(pools, { preview, sticky: { kind: 'cookie', name: 'user' } });
    expect(JSON.parse(text)).toMatchObject({
      pools: [{ weight: 90 }, { weight: 10 }],
      preview: { header: 'X-Preview', version: 'v2', servers: ['127.0.0.1:4001'] },
      sticky: { kind: 'cookie', name: 'user' },
    });
    expect(parseRoutes(text)).toEqual(pools);
    expect(parseExtras(text)).toEqual({ preview, sticky: { kind: 'cookie', name: 'user' } });
  });
  it('leaves an empty preview route out; a file with only a preview routes no one else', () => {
    const text = renderRoutes(pools, { preview: { header: 'X-Preview', addresses: [] } });
    expect(JSON.parse(text)).not.toHaveProperty('preview');
    expect(parseExtras(text)).toEqual({});
    const only = renderRoutes([], { preview: { header: 'X-Preview', addresses: [{ host: '127.0.0.1', port: 4001 }] } });
    expect(parseRoutes(only)).toEqual([]);
    expect(parseExtras(only).preview?.addresses).toEqual([{ host: '127.0.0.1', port: 4001 }]);
  });
});

describe('nginx-routes-file input', () => {
  const base = { app: 'shop', router: 'nginx' } as Record<string, string>;
  const cfg = (extra: Record<string, string>) => readConfig((n) => ({ ...base, ...extra })[n] ?? '');

  it('selects njs mode and makes nginx-upstream-file optional', () => {
    expect(cfg({ 'nginx-routes-file': '/var/lib/x/shop.json' }).router).toMatchObject({ kind: 'nginx', routesFile: '/var/lib/x/shop.json' });
  });

  it('still needs nginx-upstream-file in reload mode', () => {
    expect(() => cfg({})).toThrow(/nginx-upstream-file/);
  });
});

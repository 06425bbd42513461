/** CaddyRouter against a real Caddy (caddy run, admin API and server on 127.0.0.1 ports, storage in a temp dir). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTo } from '../../src/routers/types.js';
import type { CaddyRouterConfig } from '../../src/config/types.js';
import { CaddyRouter } from '../../src/routers/caddy/index.js';
import { realDeps } from '../helpers/router-deps.js';
import { flipsUnderLoad, freePort, get, startBackend, startCaddy, type Backend, type CaddyOptions, type CaddyServer } from '../helpers/servers.js';

let blue: Backend;
let green: Backend;
beforeAll(async () => {
  blue = await startBackend('blue\n');
  green = await startBackend('green\n');
});
afterAll(async () => {
  await blue?.stop();
  await green?.stop();
});

const cfg = (c: CaddyServer, over: Partial<CaddyRouterConfig> = {}): CaddyRouterConfig => ({
  kind: 'caddy',
  adminUrl: c.adminUrl,
  upstreamId: c.upstreamId,
  ...over,
});

describe('caddy router', () => {
  let caddy: CaddyServer;
  beforeAll(async () => {
    caddy = await startCaddy({ upstreamId: 'shop' });
  });
  afterAll(async () => caddy?.stop());

  it('reads an empty upstream list as nothing live, flips and reads back', async () => {
    const router = new CaddyRouter(cfg(caddy), realDeps());
    expect(router.describe()).toBe(`Caddy reverse_proxy "@id": "shop" via the admin API at ${caddy.adminUrl}`);
    expect(await router.current()).toEqual([]);
    await router.shift(allTo([blue.target], 'v1'));
    expect(await router.current()).toEqual(allTo([blue.target]));
    expect(await get(caddy.url)).toEqual({ status: 200, body: 'blue\n' });
  });

  it('each flip is effective for the next request', async () => {
    const router = new CaddyRouter(cfg(caddy), realDeps());
    for (let i = 0; i < 6; i++) {
      const b = i % 2 === 0 ? green : blue;
      await router.shift(allTo([b.target], `v${i}`));
      expect((await get(caddy.url)).body).toBe(b.text);
    }
  });

  it('an unknown @id names the id and shows the config to add; nothing changes', async () => {
    const router = new CaddyRouter(cfg(caddy, { upstreamId: 'nope' }), realDeps());
    await expect(router.shift(allTo([green.target], 'x'))).rejects.toThrow(
      /Caddy has no config object with "@id": "nope".*"handler": "reverse_proxy", "@id": "nope"/s,
    );
    await expect(router.current()).rejects.toThrow(/caddy-upstream-id/);
    expect((await get(caddy.url)).body).toBe('blue\n');
  });

  it('an admin API that does not answer gives a clear error', async () => {
    const router = new CaddyRouter(cfg(caddy, { adminUrl: `http://127.0.0.1:${await freePort()}` }), realDeps());
    await expect(router.current()).rejects.toThrow(/Could not reach Caddy's admin API at .*ECONNREFUSED.*caddy-admin-url/s);
  });

  it('an @id on a handler that is not reverse_proxy is refused', async () => {
    const c2 = await startCaddy({ upstreamId: 'other' });
    try {
      // replace the handler with a static_response carrying the @id, through the admin API
      const put = await fetch(`${c2.adminUrl}/config/apps/http/servers/web/routes/0/handle/0`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ handler: 'static_response', '@id': 'other', body: 'hi' }),
      });
      expect(put.ok).toBe(true);
      await expect(new CaddyRouter(cfg(c2), realDeps()).current()).rejects.toThrow(/"@id": "other" is not a reverse_proxy handler/);
    } finally {
      await c2.stop();
    }
  });
});

describe('caddy router under load (10 flips)', () => {
  const variants: { name: string; opts: CaddyOptions }[] = [
    { name: 'defaults', opts: {} },
    { name: 'grace_period 10s', opts: { gracePeriod: '10s' } },
  ];
  for (const v of variants) {
    it(`serves both backends and reports failed requests per client kind (${v.name})`, async () => {
      const caddy = await startCaddy({ upstreamId: 'shop', ...v.opts });
      try {
        const { keepAlive, perRequest } = await flipsUnderLoad(new CaddyRouter(cfg(caddy), realDeps()), caddy.url, [blue, green]);
        console.log(`[caddy ${v.name}] keep-alive:`, JSON.stringify(keepAlive));
        console.log(`[caddy ${v.name}] per-request:`, JSON.stringify(perRequest));
        for (const r of [keepAlive, perRequest]) {
          expect(r.requests).toBeGreaterThan(100);
          expect(r.bodies['blue\n']).toBeGreaterThan(0);
          expect(r.bodies['green\n']).toBeGreaterThan(0);
        }
        // Not asserted zero: Caddy replaces its HTTP server on every config change (see docs/routers.md).
        expect(perRequest.failed + keepAlive.failed).toBeLessThan((perRequest.requests + keepAlive.requests) / 20);
      } finally {
        await caddy.stop();
      }
    });
  }
});

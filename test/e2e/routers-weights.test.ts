/**
 * Weighted routing for canary steps, against the real balancers: HAProxy's runtime weights over pool
 * slots, nginx's njs routes file, and a router command. Shares are measured by a client through the
 * balancer; weight changes run under wrk load (keep-alive and a connection per request).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NginxRouterConfig } from '../../src/config/types.js';
import { CommandRouter } from '../../src/routers/command/index.js';
import { HaproxyRouter } from '../../src/routers/haproxy/index.js';
import { NjsRouter } from '../../src/routers/nginx/njs.js';
import type { Router, Routing } from '../../src/routers/types.js';
import { realDeps } from '../helpers/router-deps.js';
import { get, runLoad, startBackend, startHaproxy, startNginx, tempDir, type Backend, type HaproxyServer, type NginxServer } from '../helpers/servers.js';
import { record } from '../helpers/traffic.js';
import { startWrk } from '../helpers/wrk.js';

let v1: Backend;
let v2: Backend;
let hap: HaproxyServer;
let nginx: NginxServer;

beforeAll(async () => {
  [v1, v2] = await Promise.all([startBackend('can-v1\n'), startBackend('can-v2\n')]);
  [hap, nginx] = await Promise.all([startHaproxy({ backend: 'canw', server: 'slot', slots: 2 }), startNginx({ njs: true, upstreamName: 'canw' })]);
});

afterAll(async () => {
  await Promise.all([v1?.stop(), v2?.stop(), hap?.stop(), nginx?.stop()]);
});

const split = (share: number): Routing => [
  { addresses: [v1.target], weight: 100 - share, version: 'v1' },
  { addresses: [v2.target], weight: share, version: 'v2' },
];

/** The share of v2 in `n` requests through `url`. */
async function measuredShare(url: string, n: number): Promise<number> {
  const r = await runLoad(url, { keepAlive: true, concurrency: 4, maxRequests: n, maxMs: 60_000 });
  expect(r.failed).toBe(0);
  return (100 * (r.bodies[v2.text] ?? 0)) / r.requests;
}

/** 20 weight changes (10 -> 50 -> 90 -> 50 -> ...) while wrk runs; each change paced by checked requests. */
async function changesUnderLoad(router: Router, url: string): Promise<{ keepAlive: number; perRequest: number; requests: number }> {
  await router.shift(split(10));
  const keepAlive = startWrk(url, { connections: 8 });
  const perRequest = startWrk(url, { connections: 4, perRequest: true });
  const shares = [50, 90, 50, 10];
  for (let i = 0; i < 20; i++) {
    await router.shift(split(shares[i % shares.length]!));
    for (let n = 0; n < 10; n++) expect((await get(url)).status).toBe(200);
  }
  const [ka, pr] = await Promise.all([keepAlive.stop(), perRequest.stop()]);
  record('weight-changes', { router: router.kind, changes: 20, keepAlive: { requests: ka.requests, failed: ka.failed }, perRequest: { requests: pr.requests, failed: pr.failed } });
  expect(ka.requests).toBeGreaterThan(40);
  expect(pr.requests).toBeGreaterThan(40);
  return { keepAlive: ka.failed, perRequest: pr.failed, requests: ka.requests + pr.requests };
}

describe('HAProxy runtime weights', () => {
  const router = () =>
    new HaproxyRouter({ kind: 'haproxy', socket: hap.socket, backend: hap.backend, server: hap.server, stateFile: undefined }, realDeps());

  it('splits traffic exactly by weight (round robin), reads the split back, names the new pool slot', async () => {
    const r = router();
    await r.shift([{ addresses: [v1.target], weight: 100, version: 'v1' }]);
    for (const share of [50, 10]) {
      await r.shift(split(share));
      expect(Math.abs((await measuredShare(hap.url, 600)) - share)).toBeLessThan(5);
    }
    expect(await r.current()).toEqual(split(10).map(({ addresses, weight }) => ({ addresses, weight })));
    expect(await r.serverNames([v2.target])).toEqual({ backend: 'canw', servers: ['slot2'] });
    // The last step: v2 alone; v1's slot goes to maintenance.
    await r.shift([{ addresses: [v2.target], weight: 100, version: 'v2' }]);
    expect(await measuredShare(hap.url, 200)).toBe(100);
    expect(await r.current()).toEqual([{ addresses: [v2.target], weight: 100 }]);
  });

  it('changes weights 20 times under keep-alive and per-request wrk load with 0 failed requests', async () => {
    expect(await changesUnderLoad(router(), hap.url)).toMatchObject({ keepAlive: 0, perRequest: 0 });
  });

  it('refuses a split it has no slots for, naming the server-template line, and changes nothing', async () => {
    const r = router();
    await r.shift(split(50));
    const third = await startBackend('can-v3\n');
    try {
      await expect(
        r.shift([...split(50), { addresses: [third.target], weight: 10, version: 'v3' }]),
      ).rejects.toThrow(/has 2 server slots .* 3 are needed[\s\S]*server-template slot 1-3/);
      expect(await r.current()).toEqual([{ addresses: [v1.target, v2.target], weight: 100 }]);
    } finally {
      await third.stop();
    }
  });
});

describe('nginx njs weights', () => {
  const cfg = (): NginxRouterConfig => ({ kind: 'nginx', routesFile: nginx.routesFile, upstreamFile: '', upstreamName: 'canw', testCommand: [], reloadCommand: [] });

  it('changes weights 20 times under keep-alive and per-request wrk load with 0 failed requests', async () => {
    expect(await changesUnderLoad(new NjsRouter(cfg(), realDeps()), nginx.url)).toMatchObject({ keepAlive: 0, perRequest: 0 });
  });
});

describe('router command weights', () => {
  it('gets ROUTER_ACTION=weights and ROUTES for a split, a flip for one group', async () => {
    const dir = await tempDir('can-cmd');
    const log = join(dir, 'log');
    const router = new CommandRouter({ kind: 'command', command: `printf '%s|%s|%s\\n' "$ROUTER_ACTION" "$ROUTES" "$TARGET_HOST" >> ${log}` }, realDeps());
    await router.shift(split(10));
    await router.shift([{ addresses: [v2.target], weight: 100, version: 'v2' }]);
    expect((await readFile(log, 'utf8')).split('\n')).toEqual([
      `weights|90 v1 127.0.0.1:${v1.port}`,
      `10 v2 127.0.0.1:${v2.port}|`,
      `flip|100 v2 127.0.0.1:${v2.port}|127.0.0.1`,
      '',
    ]);
  });
});

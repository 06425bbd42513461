/**
 * router: nginx in njs mode (nginx-routes-file): real nginx with Debian's njs module running the script
 * the action ships (share/nginx/immutable-deploy.js). Switches and weight changes are file writes: no
 * reload, so no connection is ever closed by nginx.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTo } from '../../src/routers/types.js';
import type { NginxRouterConfig } from '../../src/config/types.js';
import { run } from '../../src/support/exec.js';
import { NjsRouter } from '../../src/routers/nginx/njs.js';
import { realDeps } from '../helpers/router-deps.js';
import { get, runLoad, startBackend, startNginx, type Backend, type NginxServer } from '../helpers/servers.js';
import { startWrk } from '../helpers/wrk.js';

let nginx: NginxServer;
let a: Backend;
let b: Backend;
let router: NjsRouter;

/** Worker pids of the nginx master: a reload replaces them. */
async function workers(): Promise<string> {
  const r = await run(['pgrep', '-P', readFileSync(nginx.pidFile, 'utf8').trim()]);
  return r.stdout.split('\n').filter(Boolean).sort().join(' ');
}

beforeAll(async () => {
  [a, b] = await Promise.all([startBackend('can-a\n'), startBackend('can-b\n')]);
  nginx = await startNginx({ njs: true, upstreamName: 'canapp' });
  const cfg: NginxRouterConfig = { kind: 'nginx', routesFile: nginx.routesFile, upstreamFile: '', upstreamName: 'canapp', testCommand: [], reloadCommand: [] };
  router = new NjsRouter(cfg, realDeps());
});

afterAll(async () => {
  await Promise.all([nginx?.stop(), a?.stop(), b?.stop()]);
});

describe('nginx njs router', () => {
  it('routes nowhere (502) before the first switch, and current() says nothing is live', async () => {
    expect(await router.current()).toEqual([]);
    expect((await get(nginx.url)).status).toBe(502);
  });

  it('switches 20 times under keep-alive and per-request wrk load with 0 failed requests and no reload', async () => {
    await router.shift(allTo([a.target], 'a'));
    const before = await workers();
    const keepAlive = startWrk(nginx.url, { connections: 8 });
    const perRequest = startWrk(nginx.url, { connections: 4, perRequest: true });
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const next = i % 2 === 0 ? b : a;
      await router.shift(allTo([next.target], next.text.trim()));
      // The switch is in effect when shift returns: the next requests go to the new backend (these also
      // pace the switches by traffic, so that wrk's connections see each of them).
      for (let n = 0; n < 10; n++) {
        const answer = await get(nginx.url);
        expect(answer.body).toBe(next.text);
        seen.add(answer.body);
      }
    }
    const [ka, pr] = await Promise.all([keepAlive.stop(), perRequest.stop()]);
    expect(seen.size).toBe(2);
    expect(ka.requests).toBeGreaterThan(40);
    expect(pr.requests).toBeGreaterThan(40);
    expect({ keepAlive: ka.failed, perRequest: pr.failed }).toEqual({ keepAlive: 0, perRequest: 0 });
    expect(await workers()).toBe(before);
  });

  it('splits traffic by weight, within 5 points of the configured share', async () => {
    for (const share of [10, 50, 90]) {
      await router.shift([
        { addresses: [a.target], weight: 100 - share, version: 'a' },
        { addresses: [b.target], weight: share, version: 'b' },
      ]);
      const r = await runLoad(nginx.url, { keepAlive: true, concurrency: 4, maxRequests: 1500, maxMs: 60_000 });
      expect(r.failed).toBe(0);
      const measured = (100 * (r.bodies[b.text] ?? 0)) / r.requests;
      expect(Math.abs(measured - share)).toBeLessThan(5);
    }
    // current() reads the groups back with their weights
    expect((await router.current()).map((g) => [g.weight, g.addresses])).toEqual([
      [10, [a.target]],
      [90, [b.target]],
    ]);
  });

  it('refuses to route nowhere and leaves the file as it was', async () => {
    await router.shift(allTo([a.target], 'a'));
    await expect(router.shift([{ addresses: [b.target], weight: 0 }])).rejects.toThrow(/route nowhere/);
    expect((await get(nginx.url)).body).toBe(a.text);
  });
});

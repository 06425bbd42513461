/**
 * Issue 19, canary weights, through real HAProxy: a 1% canary step over 12 + 12 servers gets 1% of the requests
 * (the old weights, round(2 × share / n) floored at 1, gave it 5.6%), and a split no whole weights can give is
 * refused before HAProxy is touched; through the action, such a canary is refused before anything is built or
 * started. The share is measured by a client through the balancer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, get, running } from '../helpers/docker.js';
import { HaproxyRouter } from '../../src/routers/haproxy/index.js';
import type { Routing } from '../../src/routers/types.js';
import { realDeps } from '../helpers/router-deps.js';
import { runLoad, startBackend, startHaproxy, type Backend, type HaproxyServer } from '../helpers/servers.js';
import { record } from '../helpers/traffic.js';

const N = 12;
let stable: Backend[];
let canary: Backend[];
let hap: HaproxyServer;

beforeAll(async () => {
  [stable, canary, hap] = await Promise.all([
    Promise.all(Array.from({ length: N }, () => startBackend('stable\n'))),
    Promise.all(Array.from({ length: N }, () => startBackend('canary\n'))),
    startHaproxy({ backend: 'weights', server: 'slot', slots: 2 * N }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([...(stable ?? []), ...(canary ?? []), hap].map((x) => x?.stop()));
});

const router = () => new HaproxyRouter({ kind: 'haproxy', socket: hap.socket, backend: hap.backend, server: hap.server, stateFile: undefined }, realDeps());
const split = (share: number, s = stable, c = canary): Routing => [
  { addresses: s.map((b) => b.target), weight: 100 - share, version: 'v1' },
  { addresses: c.map((b) => b.target), weight: share, version: 'v2' },
];

/** The canary's share (percent) of `n` requests through HAProxy. */
async function measured(n: number): Promise<number> {
  const r = await runLoad(hap.url, { keepAlive: true, concurrency: 4, maxRequests: n, maxMs: 120_000 });
  expect(r.failed).toBe(0);
  expect(r.requests).toBe(n);
  return (100 * (r.bodies['canary\n'] ?? 0)) / r.requests;
}

describe('HAProxy canary weights over pools of 12 + 12', () => {
  it('a 1% and a 5% step give 1% and 5% of the requests (within 0.5 points), and the router says so', async () => {
    const r = router();
    for (const share of [1, 5]) {
      expect(r.realShares([{ size: N, weight: 100 - share }, { size: N, weight: share }])[1]).toBeCloseTo(share, 9);
      await r.shift(split(share));
      const got = await measured(4000);
      record('haproxy-canary-weights', { pools: `${N}+${N}`, share, measured: got, requests: 4000 });
      expect(Math.abs(got - share), `${share}% step measured ${got}%`).toBeLessThanOrEqual(0.5);
    }
  });

  it('a split no whole weights can give (1% to 12 servers beside 1) is refused, and HAProxy keeps serving what it did', async () => {
    const r = router();
    await r.shift(split(5));
    const before = await r.current();
    expect(() => r.realShares([{ size: 1, weight: 99 }, { size: N, weight: 1 }])).toThrow(/cannot split the traffic of backend "weights" as 99% over 1 server .*1% over 12 servers .*within 0.5 percentage points/);
    await expect(r.shift(split(1, stable.slice(0, 1)))).rejects.toThrow(/cannot split the traffic/);
    expect(await r.current()).toEqual(before);
    expect(Math.abs((await measured(1000)) - 5)).toBeLessThanOrEqual(0.5);
  });
});

describe('a canary whose weights cannot be given, through the action', () => {
  const APP = 'wrefuse';
  let lb: HaproxyServer;
  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production`, server: 'live', slots: 24 });
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('1% to 12 new instances beside 1 live one: refused before anything is built or started, naming the split', async () => {
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const base = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'drain-seconds': '0', 'stop-timeout': '1' };
    const v1 = await runAction(base, { cwd: repo });
    expect(v1.code, v1.log).toBe(0);
    commitChange(repo, 'v2');
    const r = await runAction({ ...base, strategy: 'canary', 'canary-steps': '1', replicas: '12', 'step-seconds': '5' }, { cwd: repo });
    expect(r.code, r.log).toBe(1);
    // (::error:: escapes % and newlines.)
    expect(r.log.replace(/%0A/g, '\n').replace(/%25/g, '%')).toMatch(/Canary step 1% of wrefuse in production cannot be given: HAProxy cannot split the traffic of backend "wrefuse-production" as 99% over 1 server .*1% over 12 servers \(at best [\d.]+%\) within 0.5 percentage points/);
    expect(r.log).not.toContain('::group::Build ');
    expect(running(APP).map((i) => i.version)).toEqual([v1.outputs.version]);
    expect(docker('image', 'ls', '-q', APP).split('\n').filter(Boolean)).toHaveLength(1);
    expect((await get(lb.url)).body).toBe('v1\n');
  });
});

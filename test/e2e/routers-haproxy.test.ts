/** HaproxyRouter against a real HAProxy (foreground -db, runtime API on a unix socket in a temp dir). */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTo } from '../../src/routers/types.js';
import type { HaproxyRouterConfig } from '../../src/config/types.js';
import { HaproxyRouter } from '../../src/routers/haproxy/index.js';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { realDeps } from '../helpers/router-deps.js';
import { flipsUnderLoad, get, startBackend, startHaproxy, type Backend, type HaproxyServer } from '../helpers/servers.js';

let blue: Backend;
let green: Backend;
let hap: HaproxyServer;
beforeAll(async () => {
  blue = await startBackend('blue\n');
  green = await startBackend('green\n');
  hap = await startHaproxy({ backend: 'shop', server: 'live' });
});
afterAll(async () => {
  await hap?.stop();
  await blue?.stop();
  await green?.stop();
});

const cfg = (over: Partial<HaproxyRouterConfig> = {}): HaproxyRouterConfig => ({
  kind: 'haproxy',
  socket: hap.socket,
  backend: hap.backend,
  server: hap.server,
  stateFile: hap.stateFile,
  ...over,
});

describe('haproxy router', () => {
  it('reads the disabled placeholder as nothing live, then flips and reads back', async () => {
    const router = new HaproxyRouter(cfg(), realDeps());
    expect(router.describe()).toBe(`HAProxy server "shop/live" via the runtime API at ${hap.socket}`);
    expect(await router.current()).toEqual([]);
    expect((await get(hap.url)).status).toBe(503);
    await router.shift(allTo([blue.target], 'v1'));
    expect(await router.current()).toEqual(allTo([blue.target]));
    expect(await get(hap.url)).toEqual({ status: 200, body: 'blue\n' });
  });

  it('each flip is effective for the next request', async () => {
    const router = new HaproxyRouter(cfg(), realDeps());
    for (let i = 0; i < 6; i++) {
      const b = i % 2 === 0 ? green : blue;
      await router.shift(allTo([b.target], `v${i}`));
      expect((await get(hap.url)).body).toBe(b.text);
    }
  });

  it('names the missing backend or server and shows the haproxy.cfg lines to add', async () => {
    await expect(new HaproxyRouter(cfg({ backend: 'nope' }), realDeps()).current()).rejects.toThrow(
      /HAProxy has no backend "nope".*backend nope\n {4}server live 127\.0\.0\.1:1 disabled/s,
    );
    await expect(new HaproxyRouter(cfg({ server: 'slot9' }), realDeps()).shift(allTo([green.target], 'x'))).rejects.toThrow(
      /backend "shop" has no server "slot9".*server slot9 127\.0\.0\.1:1 disabled/s,
    );
  });

  it('a socket that nobody listens on gives a clear error', async () => {
    await expect(new HaproxyRouter(cfg({ socket: `${hap.dir}/missing.sock` }), realDeps()).current()).rejects.toThrow(
      /Could not talk to HAProxy's runtime API at .*missing\.sock \(ENOENT\).*level admin/s,
    );
  });

  it('refuses host names (the runtime API takes IPs) without changing anything', async () => {
    const router = new HaproxyRouter(cfg(), realDeps());
    const before = await router.current();
    await expect(router.shift(allTo([{ host: 'localhost', port: green.port }], 'x'))).rejects.toThrow(/upstream-host to an IP/);
    expect(await router.current()).toEqual(before);
  });

  it('with `check`, a target that never comes UP is refused and the slot goes back to maintenance', async () => {
    const h2 = await startHaproxy({ backend: 'shop', server: 'live', serverExtra: 'check inter 100ms fall 1 rise 1' });
    try {
      const router = new HaproxyRouter({ ...cfg(), socket: h2.socket, stateFile: undefined }, realDeps(), { upWaitMs: 1500 });
      const dead = { host: '127.0.0.1', port: 1 };
      await expect(router.shift(allTo([dead], 'v2'))).rejects.toThrow(
        /did not report shop\/live \(127\.0\.0\.1:1\) as UP within 1\.5s.*health check.*put back to maintenance \(no live target\)/s,
      );
      expect(await router.current()).toEqual([]);
      expect((await get(h2.url)).status).toBe(503);
      // a healthy target passes the check and is confirmed UP before flip() returns
      await router.shift(allTo([blue.target], 'v1'));
      expect(await get(h2.url)).toEqual({ status: 200, body: 'blue\n' });
    } finally {
      await h2.stop();
    }
  });

  it('writes the state file atomically after a flip, and a restart of HAProxy keeps the flip', async () => {
    const router = new HaproxyRouter(cfg(), realDeps());
    await router.shift(allTo([green.target], 'v7'));
    const state = await readFile(hap.stateFile, 'utf8');
    expect(state).toContain(`shop 1 live 127.0.0.1`);
    expect(state).toContain(await runtimeCommand({ path: hap.socket }, 'show servers state shop').then((t) => t.split('\n')[2]));
    await hap.restart();
    expect(await router.current()).toEqual(allTo([green.target]));
    expect(await get(hap.url)).toEqual({ status: 200, body: 'green\n' });
  });

  it('zero failed requests during 10 flips, keep-alive and connection-per-request clients', async () => {
    const { keepAlive, perRequest } = await flipsUnderLoad(new HaproxyRouter(cfg(), realDeps()), hap.url, [blue, green]);
    console.log('[haproxy] keep-alive:', JSON.stringify(keepAlive));
    console.log('[haproxy] per-request:', JSON.stringify(perRequest));
    for (const r of [keepAlive, perRequest]) {
      expect(r.requests).toBeGreaterThan(100);
      expect(r.bodies['blue\n']).toBeGreaterThan(0);
      expect(r.bodies['green\n']).toBeGreaterThan(0);
      expect(r.failed).toBe(0);
    }
  });
});

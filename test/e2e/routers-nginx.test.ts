/** NginxRouter against a real nginx (foreground, 127.0.0.1, config in a temp dir) and two busybox backends. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTo } from '../../src/routers/types.js';
import { NginxRouter } from '../../src/routers/nginx/index.js';
import type { NginxRouterConfig } from '../../src/config/types.js';
import { realDeps } from '../helpers/router-deps.js';
import { flipsUnderLoad, get, startBackend, startNginx, type Backend, type NginxServer } from '../helpers/servers.js';

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

function config(n: NginxServer, over: Partial<NginxRouterConfig> = {}): NginxRouterConfig {
  return {
    kind: 'nginx',
    upstreamFile: n.upstreamFile,
    upstreamName: n.upstreamName,
    testCommand: n.testCommand,
    reloadCommand: n.reloadCommand,
    pidFile: n.pidFile,
    ...over,
  };
}

describe('nginx router', () => {
  let nginx: NginxServer;
  beforeAll(async () => {
    nginx = await startNginx({ upstreamName: 'shop' });
  });
  afterAll(async () => nginx?.stop());

  it('reads the placeholder as "nothing live", flips, and reads the file back', async () => {
    const router = new NginxRouter(config(nginx), realDeps());
    expect(router.describe()).toBe(`nginx upstream "shop" in ${nginx.upstreamFile}`);
    expect(await router.current()).toEqual([]);
    expect((await get(nginx.url)).status).toBe(502);

    await router.shift(allTo([blue.target], 'v1'));
    expect(await get(nginx.url)).toEqual({ status: 200, body: 'blue\n' });
    expect(await router.current()).toEqual(allTo([blue.target]));
    expect(await readFile(nginx.upstreamFile, 'utf8')).toContain(`server 127.0.0.1:${blue.port};`);
  });

  it('a new request right after each flip goes to the new target (the flip waits for the reload)', async () => {
    const router = new NginxRouter(config(nginx), realDeps());
    for (let i = 0; i < 8; i++) {
      const b = i % 2 === 0 ? green : blue;
      await router.shift(allTo([b.target], `v${i}`));
      expect((await get(nginx.url)).body).toBe(b.text);
    }
  });

  it('an upstream that fails `nginx -t` leaves the file unchanged and nginx serving the old backend', async () => {
    const router = new NginxRouter(config(nginx), realDeps());
    await router.shift(allTo([blue.target], 'v1'));
    const before = await readFile(nginx.upstreamFile, 'utf8');
    const err = await router
      .shift(allTo([{ host: 'no-such-host.invalid', port: 80 }], 'bad'))
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).toContain('nginx rejected the new upstream (no-such-host.invalid:80 for version bad)');
    expect(msg).toContain(`${nginx.conf} -t failed with exit code 1`);
    expect(msg).toContain('host not found in upstream');
    expect(msg).toContain('was restored and nginx was not reloaded');
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(await router.current()).toEqual(allTo([blue.target]));
    expect(await get(nginx.url)).toEqual({ status: 200, body: 'blue\n' });
  });

  it('a failing test command or reload command restores the previous file', async () => {
    const ok = new NginxRouter(config(nginx), realDeps());
    await ok.shift(allTo([blue.target], 'v1'));
    const before = await readFile(nginx.upstreamFile, 'utf8');

    const failingTest = new NginxRouter(config(nginx, { testCommand: ['bash', '-c', 'echo config broken >&2; exit 3'] }), realDeps());
    await expect(failingTest.shift(allTo([green.target], 'v2'))).rejects.toThrow(
      /bash -c 'echo config broken >&2; exit 3' failed with exit code 3\.\nconfig broken/,
    );
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);

    const failingReload = new NginxRouter(config(nginx, { reloadCommand: ['bash', '-c', 'echo no nginx >&2; exit 1'] }), realDeps());
    await expect(failingReload.shift(allTo([green.target], 'v2'))).rejects.toThrow(/Reloading nginx failed: .*\nno nginx\n.*restored/s);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(await get(nginx.url)).toEqual({ status: 200, body: 'blue\n' });
  });

  it('a missing pid file fails before anything changes', async () => {
    const router = new NginxRouter(config(nginx, { pidFile: `${nginx.dir}/nope.pid` }), realDeps());
    const before = await readFile(nginx.upstreamFile, 'utf8');
    await expect(router.shift(allTo([green.target], 'v2'))).rejects.toThrow(/nope\.pid does not exist.*nginx-pid-file/s);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
  });

  it('finds the master in /proc when no pid file is given', async () => {
    const deps = realDeps();
    const router = new NginxRouter(config(nginx, { pidFile: undefined }), deps);
    await router.shift(allTo([green.target], 'v3'));
    expect((await get(nginx.url)).body).toBe('green\n');
    expect(deps.log.lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });
});

describe('nginx router under load (10 flips)', () => {
  for (const variant of [
    { name: 'default keepalive_timeout 75s', opts: {} },
    { name: 'keepalive_timeout 0 (no client keep-alive)', opts: { keepaliveTimeout: '0' } },
  ]) {
    it(`zero failed connection-per-request clients; reports keep-alive failures (${variant.name})`, async () => {
      const nginx = await startNginx({ upstreamName: 'shop', ...variant.opts });
      try {
        const { keepAlive, perRequest } = await flipsUnderLoad(new NginxRouter(config(nginx), realDeps()), nginx.url, [blue, green], { pauseMs: 100 });
        console.log(`[nginx ${variant.name}] keep-alive:`, JSON.stringify(keepAlive));
        console.log(`[nginx ${variant.name}] per-request:`, JSON.stringify(perRequest));
        expect(perRequest.requests).toBeGreaterThan(100);
        expect(keepAlive.requests).toBeGreaterThan(100);
        expect(perRequest.bodies['green\n']).toBeGreaterThan(0);
        expect(perRequest.bodies['blue\n']).toBeGreaterThan(0);
        expect(perRequest.failed).toBe(0);
      } finally {
        await nginx.stop();
      }
    });
  }
});

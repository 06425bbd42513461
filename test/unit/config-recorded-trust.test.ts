/**
 * Issue 19, secrets and trust: what a run spec records (never a credential) and what a rollback, recycle or
 * status takes from a record (never a command: the workflow's own, or an error naming the input to give).
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { readConfig } from '../../src/config/read.js';
import { recordedRouter, specFromConfig } from '../../src/config/recorded.js';
import { parseSpec, withoutUserinfo } from '../../src/core/run-spec.js';
import { recordLabels } from '../../src/platforms/docker/records.js';
import type { RunSpec } from '../../src/core/model.js';

const cfgOf = (inputs: Record<string, string>): Config => readConfig((n) => inputs[n] ?? '', { mask: () => undefined, warn: () => undefined });
const PW = 'caddy-Pw55xq';

describe('credentials are never recorded', () => {
  it('strips user:password from URLs, and leaves other values as they are', () => {
    expect(withoutUserinfo(`http://admin:${PW}@127.0.0.1:2019`)).toBe('http://127.0.0.1:2019');
    expect(withoutUserinfo('https://tok@admin.example:443/x@y')).toBe('https://admin.example:443/x@y');
    expect(withoutUserinfo('http://127.0.0.1:2019')).toBe('http://127.0.0.1:2019');
    expect(withoutUserinfo('/run/haproxy.sock')).toBe('/run/haproxy.sock');
  });

  it('a caddy-admin-url with a credential is recorded without it, by name, in the spec and the flip record labels', () => {
    const spec = specFromConfig(cfgOf({ app: 'shop', router: 'caddy', 'caddy-admin-url': `http://admin:${PW}@127.0.0.1:2019` }));
    const labels = JSON.stringify(recordLabels({ app: 'shop', environment: 'production', at: '2026-01-01T00:00:00.000Z', live: { pool: 'p', version: 'v1', digest: 'd' }, replaced: undefined, spec, runUrl: '' }));
    for (const text of [JSON.stringify(spec), labels]) {
      expect(text).not.toContain(PW);
      expect(text).not.toContain('admin:');
    }
    expect(spec.router).toMatchObject({ kind: 'caddy', adminUrl: 'http://127.0.0.1:2019' });
    expect(spec.credentialInputs).toEqual(['caddy-admin-url']);
    expect(parseSpec(JSON.stringify(spec))?.credentialInputs).toEqual(['caddy-admin-url']);
    // Without a credential, nothing is withheld.
    expect(specFromConfig(cfgOf({ app: 'shop', router: 'caddy' })).credentialInputs).toBeUndefined();
  });

  it('a rollback of a version recorded without its credential must be given the input again; given, it is used', () => {
    const spec = specFromConfig(cfgOf({ app: 'shop', router: 'caddy', 'caddy-admin-url': `http://admin:${PW}@127.0.0.1:2019` }));
    const bare = recordedRouter(cfgOf({ app: 'shop', command: 'rollback' }), spec, 'runner');
    expect(bare.give).toEqual([{ input: 'caddy-admin-url', why: 'credential' }]);
    const again = recordedRouter(cfgOf({ app: 'shop', command: 'rollback', 'caddy-admin-url': `http://admin:${PW}@127.0.0.1:2019` }), spec, 'runner');
    expect(again).toEqual({ router: { kind: 'caddy', adminUrl: `http://admin:${PW}@127.0.0.1:2019`, upstreamId: 'shop-production' }, give: [] });
    // A URL without a credential is used as recorded.
    const plain = specFromConfig(cfgOf({ app: 'shop', router: 'caddy', 'caddy-admin-url': 'http://127.0.0.1:2020' }));
    expect(recordedRouter(cfgOf({ app: 'shop' }), plain, 'runner')).toMatchObject({ router: { adminUrl: 'http://127.0.0.1:2020' }, give: [] });
  });
});

describe('a recorded command is never run', () => {
  const planted = (router: RunSpec['router']): RunSpec => ({ ...specFromConfig(cfgOf({ app: 'shop' })), router });

  it('router-command: the workflow must give one; the workflow\'s is what runs, whatever the record says', () => {
    const spec = planted({ kind: 'command', command: 'touch /tmp/pwned' });
    expect(recordedRouter(cfgOf({ app: 'shop', command: 'status' }), spec, 'runner')).toMatchObject({ give: [{ input: 'router-command', why: 'command' }] });
    const mine = recordedRouter(cfgOf({ app: 'shop', 'router-command': './route.sh' }), spec, 'runner');
    expect(mine).toEqual({ router: { kind: 'command', command: './route.sh' }, give: [] });
    expect(JSON.stringify(mine)).not.toContain('pwned');
    // The same one: used, nothing to give.
    expect(recordedRouter(cfgOf({ app: 'shop', 'router-command': 'touch /tmp/pwned' }), spec, 'runner').give).toEqual([]);
  });

  it('nginx test and reload commands: the workflow\'s (given or default); a recorded one that differs is refused by name', () => {
    const base = specFromConfig(cfgOf({ app: 'shop', router: 'nginx', 'nginx-upstream-file': '/tmp/u.conf' }));
    // Recorded with the defaults, rolled back with the defaults: nothing to give.
    expect(recordedRouter(cfgOf({ app: 'shop' }), base, 'runner')).toMatchObject({ router: { kind: 'nginx', testCommand: ['nginx', '-t'], reloadCommand: ['nginx', '-s', 'reload'] }, give: [] });
    const evil = { ...base, router: { ...(base.router as object), testCommand: ['sh', '-c', 'touch /tmp/pwned'], reloadCommand: ['nginx', '-s', 'reload'] } } as RunSpec;
    const r = recordedRouter(cfgOf({ app: 'shop' }), evil, 'runner');
    expect(r.give).toEqual([{ input: 'nginx-test-command', why: 'command' }]);
    expect(r.router).toMatchObject({ testCommand: ['nginx', '-t'] });
    const given = recordedRouter(cfgOf({ app: 'shop', 'nginx-test-command': '/usr/sbin/nginx -t -c /etc/n.conf' }), evil, 'runner');
    expect(given).toMatchObject({ router: { testCommand: ['/usr/sbin/nginx', '-t', '-c', '/etc/n.conf'] }, give: [] });
    // A record that is not even a list (an engine's state is anyone's) is refused all the same.
    const odd = { ...base, router: { ...(base.router as object), reloadCommand: 'reboot' } } as unknown as RunSpec;
    expect(recordedRouter(cfgOf({ app: 'shop' }), odd, 'runner').give).toEqual([{ input: 'nginx-reload-command', why: 'command' }]);
  });

  it('with "router" given, the workflow\'s router applies as a whole and nothing recorded is looked at', () => {
    const spec = planted({ kind: 'command', command: 'touch /tmp/pwned' });
    expect(recordedRouter(cfgOf({ app: 'shop', router: 'haproxy', 'haproxy-socket': '/run/h.sock' }), spec, 'runner')).toMatchObject({ router: { kind: 'haproxy' }, give: [] });
  });
});

describe('a record read off a remote engine gives no path, address or command on the runner', () => {
  const recordedWith = (inputs: Record<string, string>): RunSpec => specFromConfig(cfgOf({ app: 'shop', ...inputs }));

  it('haproxy: the socket and state file recorded on a remote engine are not used; the input is named, given it is used', () => {
    const spec = recordedWith({ router: 'haproxy', 'haproxy-socket': '/tmp/evil.sock', 'haproxy-state-file': '/etc/passwd', 'haproxy-backend': 'b1' });
    // On the runner's own engine the record is the runner's own: used as before.
    expect(recordedRouter(cfgOf({ app: 'shop', command: 'rollback' }), spec, 'runner')).toMatchObject({ router: { socket: '/tmp/evil.sock', stateFile: '/etc/passwd' }, give: [] });
    const bare = recordedRouter(cfgOf({ app: 'shop', command: 'rollback' }), spec, 'remote');
    expect(bare.give).toEqual([{ input: 'haproxy-socket', why: 'remote' }, { input: 'haproxy-state-file', why: 'remote' }]);
    expect(JSON.stringify(bare.router)).not.toMatch(/evil|passwd/);
    const mine = recordedRouter(cfgOf({ app: 'shop', command: 'rollback', 'haproxy-socket': '/run/h.sock', 'haproxy-state-file': '/tmp/state' }), spec, 'remote');
    // The names inside the balancer may come from the record; the runner's paths are the workflow's.
    expect(mine).toEqual({ router: { kind: 'haproxy', socket: '/run/h.sock', stateFile: '/tmp/state', backend: 'b1', server: 'live' }, give: [] });
  });

  it('nginx: the routes, upstream and pid files recorded on a remote engine are the workflow\'s; an unset one recorded unset needs nothing', () => {
    const njs = recordedWith({ router: 'nginx', 'nginx-routes-file': '/tmp/routes.json' });
    expect(recordedRouter(cfgOf({ app: 'shop' }), njs, 'remote').give).toEqual([{ input: 'nginx-routes-file', why: 'remote' }]);
    expect(recordedRouter(cfgOf({ app: 'shop', 'nginx-routes-file': '/tmp/mine.json' }), njs, 'remote')).toMatchObject({
      router: { routesFile: '/tmp/mine.json', upstreamFile: '' },
      give: [],
    });
    const reload = recordedWith({ router: 'nginx', 'nginx-upstream-file': '/tmp/u.conf', 'nginx-pid-file': '/run/nginx.pid' });
    expect(recordedRouter(cfgOf({ app: 'shop' }), reload, 'remote').give.map((g) => g.input)).toEqual(['nginx-upstream-file', 'nginx-pid-file']);
  });

  it('caddy: an admin URL recorded on a remote engine is used only when it is the workflow\'s (given, or the default)', () => {
    const other = recordedWith({ router: 'caddy', 'caddy-admin-url': 'http://10.9.9.9:2019' });
    expect(recordedRouter(cfgOf({ app: 'shop' }), other, 'remote')).toMatchObject({ give: [{ input: 'caddy-admin-url', why: 'remote' }] });
    expect(recordedRouter(cfgOf({ app: 'shop' }), other, 'runner')).toMatchObject({ router: { adminUrl: 'http://10.9.9.9:2019' }, give: [] });
    const byDefault = recordedWith({ router: 'caddy' });
    expect(recordedRouter(cfgOf({ app: 'shop' }), byDefault, 'remote')).toMatchObject({ router: { adminUrl: 'http://127.0.0.1:2019' }, give: [] });
  });

  it('a command recorded on a remote engine is refused as on the runner\'s own', () => {
    const spec = { ...recordedWith({}), router: { kind: 'command', command: 'touch /tmp/pwned' } } as RunSpec;
    expect(recordedRouter(cfgOf({ app: 'shop' }), spec, 'remote').give).toEqual([{ input: 'router-command', why: 'command' }]);
  });
});

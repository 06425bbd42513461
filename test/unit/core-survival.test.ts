/** The pure pieces behind issue 8: port choice, run specs, flip history, classification, nginx load times. */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { instanceCreateBody } from '../../src/platforms/docker/bodies.js';
import { readConfig } from '../../src/config/read.js';
import type { FlipRecord, Instance } from '../../src/core/model.js';
import { toInstance } from '../../src/platforms/docker/containers.js';
import { boundPorts, engineIsLocal, isPortConflict, listeningPorts } from '../../src/platforms/docker/ports.js';
import { parsePortRange, pickPort } from '../../src/core/ports.js';
import { defaultRollbackVersion, missingRecord, recordsToPrune, servedPools, specOf } from '../../src/core/history.js';
import { classify } from '../../src/core/plan.js';
import { allTo } from '../../src/routers/types.js';
import { parseStatStart, writtenAfterLoad } from '../../src/routers/nginx/processes.js';
import { parseServingBefore, parseUpstream, renderUpstream } from '../../src/routers/nginx/upstream.js';
import { applySpec, recordedRouter, specFromConfig } from '../../src/config/recorded.js';
import { missingSecretKeys, parseSpec } from '../../src/core/run-spec.js';
import { inst, one } from '../helpers/instances.js';

const cfgOf = (inputs: Record<string, string>): Config => readConfig((n) => inputs[n] ?? '');


function rec(live: Instance, replaced: Instance | undefined, at: string): FlipRecord & { key: string } {
  return {
    key: `k-${at}`,
    app: 'shop',
    environment: 'production',
    at,
    live: { pool: live.pool, version: live.version, digest: live.digest },
    replaced: replaced ? { pool: replaced.pool, version: replaced.version } : undefined,
    spec: live.spec,
    runUrl: '',
  };
}

describe('host ports', () => {
  it('parses ranges and single ports, and refuses the rest', () => {
    expect(parsePortRange('20000-29999')).toEqual({ from: 20000, to: 29999 });
    expect(parsePortRange('20500')).toEqual({ from: 20500, to: 20500 });
    for (const bad of ['', '0-10', '30000-20000', '1-70000', 'a-b', '80,81']) expect(parsePortRange(bad), bad).toBeUndefined();
  });

  it('picks a free port of the range, from a random start, and none when all are used', () => {
    const range = { from: 100, to: 104 };
    expect(pickPort(range, new Set(), () => 0)).toBe(100);
    expect(pickPort(range, new Set(), () => 0.99)).toBe(104);
    expect(pickPort(range, new Set([104, 100]), () => 0.99)).toBe(101);
    expect(pickPort(range, new Set([100, 101, 102, 103, 104]))).toBeUndefined();
  });

  it('reads LISTEN ports from /proc/net/tcp and explicit bindings from HostConfig', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:4E20 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1',
      '   1: 0100007F:4E21 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1',
    ].join('\n');
    expect(listeningPorts(tcp)).toEqual([20000]);
    expect(boundPorts({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '20001' }], '9/udp': null })).toEqual([20001]);
    expect(boundPorts(null)).toEqual([]);
  });

  it('publishes the chosen port explicitly (Docker binds the same one on every start)', () => {
    const body = instanceCreateBody({ image: 'sha256:x', labels: {}, env: {}, publishHost: '127.0.0.1', hostPort: 20001, containerPort: 8080, restart: 'no' });
    expect(body.HostConfig).toMatchObject({ PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '20001' }] } });
    expect(isPortConflict('Bind for 127.0.0.1:20001 failed: port is already allocated')).toBe(true);
    expect(isPortConflict('listen tcp4 127.0.0.1:20001: bind: address already in use')).toBe(true);
    expect(isPortConflict('no such image')).toBe(false);
  });

  it('knows when the engine is this machine', () => {
    expect(engineIsLocal({})).toBe(true);
    expect(engineIsLocal({ DOCKER_HOST: 'unix:///run/x.sock' })).toBe(true);
    expect(engineIsLocal({ DOCKER_HOST: 'ssh://root@10.77.0.2' })).toBe(false);
    expect(engineIsLocal({ DOCKER_CONTEXT: 'web1' })).toBe(false);
  });

  it('an instance keeps the address of its explicit binding while it is stopped (no NetworkSettings ports then)', () => {
    const i = toInstance(
      {
        Id: 'x',
        Name: '/shop-production-v1-abc',
        Created: '2026-11-22T10:00:00Z',
        RestartCount: 0,
        State: { Running: false, Restarting: true, ExitCode: 137 },
        Config: { Labels: {} },
        HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '20007' }] } },
        NetworkSettings: { Ports: {} },
      },
      'local',
    );
    expect(i.address).toEqual({ host: '127.0.0.1', port: 20007 });
    expect(i.restarting).toBe(true);
  });
});

describe('run specification', () => {
  const deployed = cfgOf({
    app: 'shop',
    port: '9090',
    'health-path': '/healthz',
    env: 'MODE=prod',
    'secret-env': 'TOKEN=s3cret-spec-value',
    checks: 'GET /healthz 200',
    keep: '3',
    router: 'haproxy',
    'haproxy-socket': '/run/h.sock',
    memory: '256m',
  });

  it('records settings, env values and secret KEYS, never secret values', () => {
    const spec = specFromConfig(deployed);
    const text = JSON.stringify(spec);
    expect(text).not.toContain('s3cret-spec-value');
    expect(spec).toMatchObject({ port: 9090, healthPath: '/healthz', env: { MODE: 'prod' }, secretEnvNames: ['TOKEN'], release: { keep: 3 }, memory: '256m', checks: ['GET /healthz 200'] });
    expect(spec.router).toMatchObject({ kind: 'haproxy', socket: '/run/h.sock', backend: 'shop-production' });
    expect(parseSpec(text)).toEqual(JSON.parse(text));
    expect(parseSpec('{"port":1}')).toBeUndefined();
    expect(parseSpec('not json')).toBeUndefined();
  });

  it('a rollback given only app and environment runs with the recorded spec; inputs given explicitly win', () => {
    const spec = specFromConfig(deployed);
    const bare = applySpec(cfgOf({ app: 'shop', command: 'rollback' }), spec);
    expect(bare.run).toMatchObject({ port: 9090, env: { MODE: 'prod' }, memory: '256m', secretEnv: {} });
    expect(bare.verify.healthPath).toBe('/healthz');
    expect(bare.verify.checks.map((c) => c.source)).toEqual(['GET /healthz 200']);
    expect(bare.release.keep).toBe(3);
    expect(recordedRouter(bare, spec, 'runner')).toMatchObject({ router: { kind: 'haproxy', socket: '/run/h.sock' }, give: [] });
    const explicitCfg = cfgOf({ app: 'shop', keep: '1', 'health-path': '/ready', router: 'command', 'router-command': 'true' });
    expect(recordedRouter(explicitCfg, spec, 'runner').router.kind).toBe('command');
    const explicit = applySpec(cfgOf({ app: 'shop', keep: '1', 'health-path': '/ready', router: 'command', 'router-command': 'true' }), spec);
    expect(explicit.release.keep).toBe(1);
    expect(explicit.verify.healthPath).toBe('/ready');
    expect(explicit.run.port).toBe(9090);
  });

  it('names the secret keys a cold start would miss', () => {
    const spec = specFromConfig(deployed);
    expect(missingSecretKeys(spec, {})).toEqual(['TOKEN']);
    expect(missingSecretKeys(spec, { TOKEN: 'x' })).toEqual([]);
  });
});

describe('flip history', () => {
  it('the default rollback target is the version the last flip replaced: v1→v2→v3→rollback(v1)→v4 goes back to v1', () => {
    const [v1, v2, v3, v4] = ['v1', 'v2', 'v3', 'v4'].map((v) => inst(v));
    const records = [
      rec(v4!, v1, '2026-11-22T10:05:00.000Z'),
      rec(v1!, v3, '2026-11-22T10:04:00.000Z'),
      rec(v3!, v2, '2026-11-22T10:03:00.000Z'),
      rec(v2!, v1, '2026-11-22T10:02:00.000Z'),
      rec(v1!, undefined, '2026-11-22T10:01:00.000Z'),
    ];
    expect(defaultRollbackVersion(records, one(v4!), [v3!, v2!, v1!].map(one))).toBe('v1');
    // After that rollback (v1 replaced v4), the next one undoes it.
    expect(defaultRollbackVersion([rec(v1!, v4, '2026-11-22T10:06:00.000Z'), ...records], one(v1!), [one(v4!)])).toBe('v4');
    // A re-run of a deploy (a new pool of the live version replaced the old one): the flip before counts.
    const again = inst('v4');
    expect(defaultRollbackVersion([rec(again, v4, '2026-11-22T10:07:00.000Z'), ...records], one(again), [one(v1!)])).toBe('v1');
  });

  it('a flip the killed run did not record is recorded as replacing what the newest record made live', () => {
    const [v1, v2] = [inst('v1'), inst('v2')];
    const records = [rec(v1, undefined, '2026-11-22T10:01:00.000Z')];
    const missing = missingRecord(records, one(v2), [one(v1)], 'run', new Date('2026-11-22T10:02:00Z'));
    expect(missing).toMatchObject({ live: { pool: v2.pool }, replaced: { pool: v1.pool, version: 'v1' } });
    expect(missingRecord([rec(v2, v1, '2026-11-22T10:02:00.000Z'), ...records], one(v2), [one(v1)], '', new Date())).toBeUndefined();
    expect(defaultRollbackVersion(records, one(v2), [one(v1)])).toBe('v1');
  });

  it('served pools are those flips made live or replaced; no records means unknown', () => {
    const [v1, v2] = [inst('v1'), inst('v2')];
    expect(servedPools([])).toBeUndefined();
    expect([...servedPools([rec(v2, v1, '2026-11-22T10:02:00.000Z')])!].sort()).toEqual([v1.pool, v2.pool].sort());
  });

  it('finds the spec of a version on its instances, else in the flip that made it live; prunes old records', () => {
    const spec = specFromConfig(cfgOf({ app: 'shop', port: '9090' }));
    const gone = inst('v1', { spec });
    const records = [rec(gone, undefined, '2026-11-22T10:01:00.000Z')];
    expect(specOf('v1', [], records)?.port).toBe(9090);
    expect(specOf('v1', [inst('v1', { spec: { ...spec, port: 7070 } })], records)?.port).toBe(7070);
    expect(specOf('v9', [], records)).toBeUndefined();
    const many = Array.from({ length: 23 }, (_, k) => ({ ...records[0]!, key: `k${k}` }));
    expect(recordsToPrune(many, new Set())).toEqual(['k20', 'k21', 'k22']);
  });
});

describe('classify with flip records', () => {
  it('a verified pool that never served (killed between verification and the flip) is debris, never warm', () => {
    const [v1, v2, v3] = [inst('v1'), inst('v2'), inst('v3')];
    const records: FlipRecord[] = [rec(v2, v1, '2026-11-22T10:02:00.000Z')];
    const o = classify([v1, v2, v3], allTo([v2.address!]), true, servedPools(records));
    expect(o.live).toEqual(one(v2));
    expect(o.warm).toEqual([one(v1)]);
    expect(o.debris).toEqual([v3]);
  });

  it('the live pool stays live while Docker restarts it (or while it is stopped); a warm one being restarted stays warm', () => {
    const live = inst('v1', { running: false, restarting: true });
    const warm = inst('v0', { running: false, restarting: true });
    const o = classify([live, warm], allTo([live.address!]), true);
    expect(o.live).toEqual(one(live));
    expect(o.warm).toEqual([one(warm)]);
    expect(o.debris).toEqual([]);
    const stopped = inst('v2', { running: false });
    expect(classify([stopped], allTo([stopped.address!]), true)).toMatchObject({ live: one(stopped), debris: [] });
  });

  it('a pool the balancer may switch to (pending) is never debris', () => {
    const [v1, v2] = [inst('v1'), inst('v2')];
    const o = classify([v1, v2], allTo([v1.address!]), true, servedPools([rec(v1, undefined, '2026-11-22T10:01:00.000Z')]), [v2.address!]);
    expect(o.pending).toEqual([one(v2)]);
    expect(o.debris).toEqual([]);
  });
});

describe('nginx: a file written but not loaded', () => {
  it('renders and reads back what nginx served when the file was written', () => {
    const text = renderUpstream('shop-production', [{ host: '127.0.0.1', port: 20002 }], 'v2', [
      { host: '127.0.0.1', port: 20001 },
      { host: '::1', port: 20003 },
    ]);
    expect(parseUpstream(text, 'shop-production')).toEqual([{ host: '127.0.0.1', port: 20002 }]);
    expect(parseServingBefore(text)).toEqual([
      { host: '127.0.0.1', port: 20001 },
      { host: '::1', port: 20003 },
    ]);
    expect(parseServingBefore(renderUpstream('a', [{ host: '::1', port: 1 }]))).toEqual([]);
  });

  it('a file modified after the newest worker started is not loaded; no workers known means we cannot tell', () => {
    expect(writtenAfterLoad(10_000, [5_000, 7_000])).toBe(true);
    expect(writtenAfterLoad(7_500, [5_000, 7_000])).toBe(false);
    expect(writtenAfterLoad(10_000, [])).toBe(false);
  });

  it('reads the start time from /proc/<pid>/stat, with spaces in the command name', () => {
    const fields = ['S', '1', ...Array.from({ length: 17 }, () => '0'), '123456', '0'];
    expect(parseStatStart(`42 (nginx: worker) ${fields.join(' ')}`)).toBe(123456);
  });
});

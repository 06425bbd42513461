import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { instanceCreateBody, labelFilters, memoryBytes, nanoCpus, restartPolicy } from '../../src/platforms/docker/bodies.js';
import { contextDirName, resolveEndpoint } from '../../src/drivers/docker/endpoint.js';
import { apiAtLeast, negotiateVersion } from '../../src/drivers/docker/engine.js';
import { checkHostKey } from '../../src/drivers/ssh/known-hosts.js';
import { fromSummary } from '../../src/platforms/docker/containers.js';
import { lockLabels, lockState, renewalLabels } from '../../src/platforms/docker/lock.js';

describe('container create body', () => {
  it('is what docker run sends for the same flags: pinned image, labels, env, port on the upstream host, limits', () => {
    expect(
      instanceCreateBody({
        image: 'sha256:abc',
        labels: { 'dev.immutable-deploy.app': 'shop' },
        env: { MODE: 'prod', TOKEN: 's3cret=x' },
        publishHost: '127.0.0.1',
        containerPort: 8080,
        memory: '256m',
        cpus: '0.5',
        restart: 'no',
      }),
    ).toEqual({
      Image: 'sha256:abc',
      Labels: { 'dev.immutable-deploy.app': 'shop' },
      Env: ['MODE=prod', 'TOKEN=s3cret=x'],
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: {
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        RestartPolicy: { Name: 'no' },
        NetworkMode: 'default',
        Memory: 256 * 1024 * 1024,
        NanoCpus: 500_000_000,
      },
    });
  });

  it('publishes on a chosen host port and joins a network', () => {
    const body = instanceCreateBody({
      image: 'i',
      labels: {},
      env: {},
      publishHost: '10.77.0.2',
      hostPort: 20001,
      containerPort: 80,
      network: 'backend',
      restart: 'unless-stopped',
    });
    expect(body.HostConfig).toEqual({
      PortBindings: { '80/tcp': [{ HostIp: '10.77.0.2', HostPort: '20001' }] },
      RestartPolicy: { Name: 'unless-stopped' },
      NetworkMode: 'backend',
    });
  });

  it.each([
    ['512m', 512 * 1024 ** 2],
    ['1g', 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['100k', 102400],
    ['2048', 2048],
    ['64mb', 64 * 1024 ** 2],
  ])('memory %s is %d bytes', (size, bytes) => expect(memoryBytes(size)).toBe(bytes));

  it('cpus and restart policies as the API takes them', () => {
    expect(nanoCpus('2')).toBe(2e9);
    expect(nanoCpus('0.25')).toBe(250_000_000);
    expect(restartPolicy('on-failure:3')).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(restartPolicy('always')).toEqual({ Name: 'always' });
  });

  it('filters by labels in one list', () => {
    expect(labelFilters({ a: '1', b: 'x=y' }, { reference: ['shop'] })).toEqual({ label: ['a=1', 'b=x=y'], reference: ['shop'] });
  });
});

describe('the container list', () => {
  const summary = (over: object) => ({
    Id: 'c1',
    Names: ['/shop-production-v1-abc'],
    Image: 'sha256:i',
    Labels: { 'dev.immutable-deploy.version': 'v1' },
    State: 'running',
    Status: 'Up 3 minutes',
    Ports: [{ IP: '127.0.0.1', PrivatePort: 8080, PublicPort: 49153, Type: 'tcp' }],
    ...over,
  });
  it('answers what list() needs without an inspect per container', () => {
    expect(fromSummary(summary({ Status: 'Up 3 minutes (healthy)' }), 'local')).toMatchObject({
      name: 'shop-production-v1-abc',
      version: 'v1',
      verified: true,
      running: true,
      restarting: false,
      health: 'healthy',
      target: 'local',
      address: { host: '127.0.0.1', port: 49153 },
    });
    expect(fromSummary(summary({ Status: 'Up 1 second (health: starting)' }), 'local').health).toBe('starting');
    expect(fromSummary(summary({ State: 'exited', Status: 'Exited (3) 2 seconds ago', Ports: [] }), 'local')).toMatchObject({
      running: false,
      exitCode: 3,
      address: undefined,
    });
    expect(fromSummary(summary({ State: 'restarting', Status: 'Restarting (1) 1 second ago', Ports: null }), 'local')).toMatchObject({
      running: true,
      restarting: true,
    });
    expect(fromSummary(summary({ Names: ['/x-candidate'] }), 'local').verified).toBe(false);
  });
});

describe('API version negotiation', () => {
  it.each([
    ['1.41', '1.41'],
    ['1.47', '1.47'],
    ['1.51', '1.47'],
    ['1.40', '1.40'],
    ['1.39', undefined],
    [undefined, undefined],
  ])('engine %s -> %s', (engine, agreed) => expect(negotiateVersion(engine)).toBe(agreed));
});

describe('which engine', () => {
  const files = (entries: Record<string, string>) => (p: string) => entries[p];
  const home = { HOME: '/home/u' };

  it('defaults to the local socket', () => {
    expect(resolveEndpoint(undefined, home, files({}))).toMatchObject({ kind: 'unix', socketPath: '/var/run/docker.sock' });
  });

  it.each([
    ['unix:///run/user/1000/docker.sock', { kind: 'unix', socketPath: '/run/user/1000/docker.sock' }],
    ['tcp://10.0.0.5:2375', { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: undefined }],
    ['tcp://10.0.0.5', { kind: 'tcp', port: 2375 }],
    ['10.0.0.5:2375', { kind: 'tcp', host: '10.0.0.5', port: 2375 }],
    ['ssh://deploy@web1', { kind: 'ssh', host: 'web1', user: 'deploy', port: undefined, socketPath: undefined }],
    ['ssh://root@10.77.0.2:2222/run/docker.sock', { kind: 'ssh', host: '10.77.0.2', port: 2222, socketPath: '/run/docker.sock' }],
  ])('DOCKER_HOST=%s', (host, expected) => {
    expect(resolveEndpoint(undefined, { ...home, DOCKER_HOST: host }, files({}))).toMatchObject(expected);
  });

  it('tcp:// with DOCKER_TLS_VERIFY takes the certificates from DOCKER_CERT_PATH and defaults to 2376', () => {
    expect(
      resolveEndpoint(undefined, { ...home, DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, files({})),
    ).toMatchObject({ kind: 'tcp', port: 2376, tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true } });
    expect(resolveEndpoint(undefined, { ...home, DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS: '1' }, files({}))).toMatchObject({
      tls: { ca: '/home/u/.docker/ca.pem', verify: false },
    });
  });

  it('reads a context (DOCKER_CONTEXT, or the current one in config.json) like the CLI, TLS files included', () => {
    const id = contextDirName('web');
    const store = files({
      [`/home/u/.docker/contexts/meta/${id}/meta.json`]: JSON.stringify({ Name: 'web', Endpoints: { docker: { Host: 'tcp://web1:2376' } } }),
      [`/home/u/.docker/contexts/tls/${id}/docker/ca.pem`]: 'x',
      [`/home/u/.docker/contexts/tls/${id}/docker/cert.pem`]: 'x',
      [`/home/u/.docker/contexts/tls/${id}/docker/key.pem`]: 'x',
      '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'web' }),
    });
    const web = { kind: 'tcp', host: 'web1', port: 2376, tls: { verify: true, ca: `/home/u/.docker/contexts/tls/${id}/docker/ca.pem` } };
    expect(resolveEndpoint(undefined, { ...home, DOCKER_CONTEXT: 'web' }, store)).toMatchObject({ ...web, cliEnv: { DOCKER_CONTEXT: 'web' } });
    expect(resolveEndpoint(undefined, home, store)).toMatchObject(web);
    // DOCKER_HOST wins over the current context, as for the CLI.
    expect(resolveEndpoint(undefined, { ...home, DOCKER_HOST: 'unix:///x.sock' }, store)).toMatchObject({ kind: 'unix', socketPath: '/x.sock' });
    // A fleet target names a URL or a context; the CLI is then pointed at the same engine.
    expect(resolveEndpoint('web', home, store)).toMatchObject(web);
    expect(resolveEndpoint('ssh://root@10.77.0.3', home, store)).toMatchObject({ kind: 'ssh', cliEnv: { DOCKER_HOST: 'ssh://root@10.77.0.3', DOCKER_CONTEXT: '' } });
  });

  it('says what is wrong with an endpoint it cannot use', () => {
    expect(() => resolveEndpoint(undefined, { ...home, DOCKER_CONTEXT: 'nope' }, files({}))).toThrow(/context "nope" does not exist/);
    expect(() => resolveEndpoint(undefined, { ...home, DOCKER_HOST: 'npipe:////./pipe/docker' }, files({}))).toThrow(/npipe is not supported/);
  });
});

describe('known_hosts', () => {
  const key = randomBytes(51).toString('base64');
  const other = randomBytes(51).toString('base64');
  const hashed = (name: string) => {
    const salt = randomBytes(20);
    return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  };
  it.each([
    ['a plain entry', `web1 ssh-ed25519 ${key}`, 'web1', 22, 'known'],
    ['one of a list', `web0,web1,10.0.0.1 ssh-ed25519 ${key}`, 'web1', 22, 'known'],
    ['a wildcard', `web* ssh-ed25519 ${key}`, 'web1', 22, 'known'],
    ['a negated wildcard', `web*,!web1 ssh-ed25519 ${key}`, 'web1', 22, 'unknown'],
    ['a hashed entry', `${hashed('10.77.0.2')} ssh-ed25519 ${key}`, '10.77.0.2', 22, 'known'],
    ['a port other than 22', `[10.77.0.2]:2222 ssh-ed25519 ${key}`, '10.77.0.2', 2222, 'known'],
    ['the same host on port 22 only', `10.77.0.2 ssh-ed25519 ${key}`, '10.77.0.2', 2222, 'unknown'],
    ['another key for the host', `web1 ssh-ed25519 ${other}`, 'web1', 22, 'changed'],
    ['a revoked key', `@revoked * ssh-ed25519 ${key}\nweb1 ssh-ed25519 ${key}`, 'web1', 22, 'revoked'],
    ['another host', `web2 ssh-ed25519 ${key}`, 'web1', 22, 'unknown'],
  ])('%s', (_what, file, host, port, verdict) => {
    expect(checkHostKey(['# comment\n', file], host, port, 'ssh-ed25519', key)).toBe(verdict);
  });
});

describe('the lock volume and its renewals', () => {
  const holder = { runUrl: 'run-1', host: 'r1', pid: 7, bootId: 'b', pidNamespace: 'pid:[1]', pidStart: '9', runId: 'x', acquiredAt: '', leaseSec: 60 };
  const lock = { Name: 'shop.prod.lock', Labels: lockLabels('shop.prod.lock', 'shop', 'prod', holder, 'tok1'), CreatedAt: '2026-12-01T10:00:00Z' };
  const renewal = (token: string, at: string) => ({ Name: `shop.prod.lock.renewal.${token}.1`, Labels: renewalLabels('shop.prod.lock', 'shop', 'prod', token), CreatedAt: at });

  it('is renewed at the newest renewal of its own token, a second late (creation times have whole seconds)', () => {
    const s = lockState('shop.prod.lock', [renewal('tok1', '2026-12-01T10:00:40Z'), lock, renewal('tok1', '2026-12-01T10:00:20Z')]);
    expect(s).toEqual({ token: 'tok1', holder, renewedAt: new Date('2026-12-01T10:00:41Z') });
  });

  it('ignores the renewals of an earlier holder; without renewals, its creation is the renewal', () => {
    expect(lockState('shop.prod.lock', [lock, renewal('tok0', '2026-12-01T10:05:00Z')])?.renewedAt).toEqual(new Date('2026-12-01T10:00:01Z'));
  });

  it('is not there when only renewals are (the lock was removed), or when another volume has a similar name', () => {
    expect(lockState('shop.prod.lock', [renewal('tok1', '2026-12-01T10:00:40Z')])).toBeUndefined();
    expect(lockState('shop.prod.lock', [{ ...lock, Name: 'shop.prod.lock.renewal.tok1.2' }])).toBeUndefined();
  });
});

describe('API versions', () => {
  it('compare by major, then minor, as numbers', () => {
    expect(apiAtLeast('1.42', '1.42')).toBe(true);
    expect(apiAtLeast('1.41', '1.42')).toBe(false);
    expect(apiAtLeast('1.100', '1.42')).toBe(true);
    expect(apiAtLeast('2.0', '1.42')).toBe(true);
  });
});

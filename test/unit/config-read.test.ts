import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/support/errors.js';
import { readConfig } from '../../src/config/read.js';

const read = (inputs: Record<string, string>) => readConfig((name) => inputs[name] ?? '');

describe('readConfig', () => {
  it('has sensible defaults', () => {
    const cfg = read({ app: 'shop' });
    expect(cfg).toMatchObject({
      command: 'deploy',
      app: 'shop',
      environment: 'production',
      image: 'shop',
      version: undefined,
      build: { context: '.', push: false, tagRules: [], buildArgs: {} },
      run: { port: 8080, upstreamHost: '127.0.0.1', restart: 'unless-stopped' },
      verify: { healthPath: '/', healthTimeoutSec: 60, acceptanceTimeoutSec: 300, checks: [], keepFailed: false },
      router: { kind: 'none' },
      release: { keep: 1, keepImages: 5, drainSeconds: 5, stopTimeoutSec: 10, lockTimeoutSec: 300 },
    });
  });

  it.each([
    [{ app: 'shop;touch /tmp/x' }, 'app'],
    [{ app: 'Shop' }, 'app'],
    [{ app: '' }, 'app'],
    [{ app: 'shop', command: 'destroy' }, 'command'],
    [{ app: 'shop', environment: 'prod uction' }, 'environment'],
    [{ app: 'shop', image: 'Ghcr.io/Acme/Shop:latest' }, 'image'],
    [{ app: 'shop', version: '-bad' }, 'version'],
    [{ app: 'shop', version: 'a b' }, 'version'],
    [{ app: 'shop', push: 'sometimes' }, 'push'],
    [{ app: 'shop', port: '0' }, 'port'],
    [{ app: 'shop', port: '80a' }, 'port'],
    [{ app: 'shop', 'health-timeout': '-1' }, 'health-timeout'],
    [{ app: 'shop', 'health-path': 'healthz' }, 'health-path'],
    [{ app: 'shop', env: 'NOEQUALS' }, 'env'],
    [{ app: 'shop', env: '1BAD=x' }, 'env'],
    [{ app: 'shop', 'build-args': 'A B=1' }, 'build-args'],
    [{ app: 'shop', restart: 'sometimes' }, 'restart'],
    [{ app: 'shop', memory: 'lots' }, 'memory'],
    [{ app: 'shop', cpus: '-1' }, 'cpus'],
    [{ app: 'shop', checks: 'GET /x' }, 'checks'],
    [{ app: 'shop', router: 'f5' }, 'router'],
    [{ app: 'shop', router: 'nginx' }, 'nginx-upstream-file'],
    [{ app: 'shop', router: 'haproxy' }, 'haproxy-socket'],
    [{ app: 'shop', router: 'command' }, 'router-command'],
    [{ app: 'shop', router: 'nginx', 'nginx-upstream-file': '/x', 'nginx-test-command': 'nginx "-t' }, 'nginx-test-command'],
    [{ app: 'shop', router: 'caddy', 'caddy-admin-url': 'localhost:2019' }, 'caddy-admin-url'],
    [{ app: 'shop', keep: '-1' }, 'keep'],
    [{ app: 'shop', 'build-secrets': 'token' }, 'build-secrets'],
    [{ app: 'shop', 'environment-url': 'shop.example.com' }, 'environment-url'],
    [{ app: 'shop', env: 'A=1', 'secret-env': 'A=2' }, 'env'],
    [{ app: 'shop', 'upstream-host': 'localhost' }, 'upstream-host'],
    [{ app: 'shop', 'upstream-host': 'lb.internal' }, 'upstream-host'],
    [{ app: 'shop', 'upstream-host': '127.0.0.1:8080' }, 'upstream-host'],
    [{ app: 'shop', 'upstream-host': '0.0.0.0' }, 'upstream-host'],
    [{ app: 'shop', 'upstream-host': '::' }, 'upstream-host'],
    [{ app: 'shop', 'upstream-host': '0:0::0' }, 'upstream-host'],
    [{ app: 'shop', tags: 'type=sha,format=medium' }, 'tags'],
    [{ app: 'shop', tags: 'type=match,pattern=x' }, 'tags'],
    [{ app: 'shop', network: 'host' }, 'network'],
    [{ app: 'shop', network: 'none' }, 'network'],
    [{ app: 'shop', network: 'container:db' }, 'network'],
    [{ app: 'shop', memory: '0' }, 'memory'],
    [{ app: 'shop', memory: '0m' }, 'memory'],
    [{ app: 'shop', memory: '5m' }, 'memory'],
    [{ app: 'shop', context: '--file=/etc/passwd' }, 'context'],
    [{ app: 'shop', context: '-' }, 'context'],
    [{ app: 'shop', labels: 'org.opencontainers.image.revision=0000000' }, 'labels'],
    [{ app: 'shop', labels: 'org.opencontainers.image.version=v9' }, 'labels'],
    [{ app: 'shop', labels: 'org.opencontainers.image.created=2020-01-01' }, 'labels'],
    [{ app: 'shop', labels: 'dev.immutable-deploy.app=other' }, 'labels'],
  ])('%j fails naming %s', (inputs, name) => {
    let err: unknown;
    try {
      read(inputs);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(name);
    expect((err as InputError).message).toContain(`Input "${name}"`);
  });

  it.each([
    [{ 'upstream-host': '10.0.0.5' }, '10.0.0.5'],
    [{ 'upstream-host': '::1' }, '::1'],
  ])('accepts an address to publish on: %j', (inputs, host) => {
    expect(read({ app: 'shop', ...inputs }).run.upstreamHost).toBe(host);
  });

  it('accepts any variable name for the instance (it never becomes the docker CLI environment)', () => {
    const cfg = read({ app: 'shop', env: 'DOCKER_HOST=tcp://x:2375\nHTTP_PROXY=http://p:3128', 'secret-env': 'PATH=/app/bin' });
    expect(cfg.run.env).toEqual({ DOCKER_HOST: 'tcp://x:2375', HTTP_PROXY: 'http://p:3128' });
    expect(cfg.run.secretEnv).toEqual({ PATH: '/app/bin' });
  });

  it('refuses an nginx-upstream-file that is a symlink or not a regular file; a regular or missing file is fine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sec-owned-'));
    const real = join(dir, 'upstream.conf');
    writeFileSync(real, 'upstream shop { server 127.0.0.1:1; }\n');
    symlinkSync(real, join(dir, 'link.conf'));
    const nginx = (file: string) => () => read({ app: 'shop', router: 'nginx', 'nginx-upstream-file': file });
    expect(nginx(join(dir, 'link.conf'))).toThrow(/Input "nginx-upstream-file".*symlink/);
    expect(nginx(dir)).toThrow(/Input "nginx-upstream-file".*not a regular file/);
    expect(nginx('/dev/null')).toThrow(/not a regular file/);
    expect(nginx(real)().router).toMatchObject({ kind: 'nginx', upstreamFile: real });
    expect(nginx(join(dir, 'new.conf'))().router).toMatchObject({ upstreamFile: join(dir, 'new.conf') });
  });

  it('accepts memory limits from 6m and labels the action does not own', () => {
    const cfg = read({ app: 'shop', memory: '6m', labels: 'org.opencontainers.image.title=Shop\nteam=web' });
    expect(cfg.run.memory).toBe('6m');
    expect(cfg.build.extraLabels).toEqual({ 'org.opencontainers.image.title': 'Shop', team: 'web' });
  });

  it('a malformed secret-env line fails naming the line, never printing the value, after it is masked', () => {
    const masked: string[] = [];
    const events: string[] = [];
    let err: unknown;
    try {
      readConfig(
        (n) => ({ app: 'shop', 'secret-env': 'TOKEN=abcdef123\nexport DATABASE_URL=postgres://app:pw@db/app' })[n] ?? '',
        { mask: (v) => (masked.push(v), events.push('mask')), warn: (m) => events.push(`warn ${m}`) },
      );
    } catch (e) {
      err = e;
      events.push('error');
    }
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).toContain('line 2');
    expect(message).toContain('secret-env');
    expect(message).not.toContain('postgres');
    expect(message).not.toContain('abcdef123');
    expect(masked).toEqual(['abcdef123', 'postgres://app:pw@db/app']);
    expect(events.at(-1)).toBe('error');
  });

  it('a secret-env line without "=" is masked whole and never printed', () => {
    const masked: string[] = [];
    expect(() =>
      readConfig((n) => ({ app: 'shop', 'secret-env': 'DATABASE_URL: postgres://u:pw@db' })[n] ?? '', {
        mask: (v) => masked.push(v),
        warn: () => undefined,
      }),
    ).toThrow(/^(?!.*postgres).*line 1/s);
    expect(masked).toEqual(['DATABASE_URL: postgres://u:pw@db']);
  });

  it('short or common secret values are parsed, not masked, and named by key in a warning', () => {
    const masked: string[] = [];
    const warnings: string[] = [];
    const cfg = readConfig(
      (n) => ({ app: 'shop', 'secret-env': 'FLAG=true\nSHARD=1\nTOKEN=long-enough', 'registry-password': 'pw' })[n] ?? '',
      { mask: (v) => masked.push(v), warn: (m) => warnings.push(m) },
    );
    expect(cfg.run.secretEnv).toEqual({ FLAG: 'true', SHARD: '1', TOKEN: 'long-enough' });
    expect(masked).toEqual(['long-enough']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('Input "registry-password": its value is too short');
    expect(warnings[1]).toContain('Input "secret-env": FLAG\'s value is too short or too common to mask');
    expect(warnings[2]).toContain("SHARD's value");
    for (const w of warnings) expect(w).not.toMatch(/=true|=1\b|\bpw\b/);
  });

  it('quotes the malformed check line', () => {
    expect(() => read({ app: 'shop', checks: 'GET / 200\nGET /x twohundred' })).toThrow(/GET \/x twohundred/);
  });

  it('parses typed values', () => {
    const cfg = read({
      app: 'shop',
      command: 'build',
      image: '127.0.0.1:5000/acme/shop',
      'build-args': 'A=1\n# comment\nB=x=y',
      env: 'MODE=prod',
      'secret-env': 'TOKEN=s3cret-value',
      push: 'true',
      tags: 'type=sha\ntype=raw,value=latest',
      checks: 'GET / 200 contains "hi there"\nGET /api 200 json .ok == true within 250ms',
      router: 'nginx',
      'nginx-upstream-file': '/etc/nginx/shop.conf',
      'nginx-test-command': 'sudo nginx -t -c "/etc/my nginx.conf"',
    });
    expect(cfg.build.buildArgs).toEqual({ A: '1', B: 'x=y' });
    expect(cfg.run.env).toEqual({ MODE: 'prod' });
    expect(cfg.run.secretEnv).toEqual({ TOKEN: 's3cret-value' });
    expect(cfg.build.push).toBe(true);
    expect(cfg.build.tagRules).toEqual(['type=sha', 'type=raw,value=latest']);
    expect(cfg.verify.checks[0]).toMatchObject({ method: 'GET', path: '/', status: 200, contains: 'hi there' });
    expect(cfg.verify.checks[1]).toMatchObject({ json: { path: ['ok'], op: '==', value: true }, maxMs: 250 });
    expect(cfg.router).toEqual({
      kind: 'nginx',
      upstreamFile: '/etc/nginx/shop.conf',
      upstreamName: 'shop-production',
      testCommand: ['sudo', 'nginx', '-t', '-c', '/etc/my nginx.conf'],
      reloadCommand: ['nginx', '-s', 'reload'],
    });
  });
});

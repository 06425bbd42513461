import { describe, expect, it } from 'vitest';
import { buildArgv, isLoopbackRegistry, manifestInspectArgv, runArgv } from '../../src/docker/argv.js';
import { envFileText } from '../../src/docker/env-file.js';

describe('docker argv builders', () => {
  it('builds with tags, labels, args and secrets as separate argv items', () => {
    expect(
      buildArgv({
        context: '.',
        dockerfile: 'deploy/Dockerfile',
        tags: ['shop:sha-1', 'shop:main'],
        labels: { a: 'x y;z' },
        buildArgs: { N: '$(rm -rf /)' },
        secrets: ['id=npm,env=NPM_TOKEN'],
        target: 'prod',
        iidFile: '/tmp/iid',
        buildx: true,
      }),
    ).toEqual([
      'docker', 'buildx', 'build', '--load', '--iidfile', '/tmp/iid', '--file', 'deploy/Dockerfile', '--target', 'prod',
      '--tag', 'shop:sha-1', '--tag', 'shop:main', '--label', 'a=x y;z', '--build-arg', 'N=$(rm -rf /)',
      '--secret', 'id=npm,env=NPM_TOKEN', '--', '.',
    ]);
  });

  it('uses the classic builder without buildx', () => {
    expect(buildArgv({ context: 'app', tags: ['s:1'], labels: {}, buildArgs: {}, secrets: [], iidFile: 'f', buildx: false })).toEqual(
      ['docker', 'build', '--iidfile', 'f', '--tag', 's:1', '--', 'app'],
    );
  });

  it('runs from a pinned image, passes env through a file only, lets docker pick the host port', () => {
    expect(
      runArgv({
        name: 'shop-production-abc',
        image: 'sha256:abc',
        labels: { 'dev.immutable-deploy.app': 'shop' },
        envFile: '/tmp/x/env',
        publishHost: '127.0.0.1',
        containerPort: 8080,
        memory: '256m',
        cpus: '0.5',
        restart: 'unless-stopped',
      }),
    ).toEqual([
      'docker', 'run', '--detach', '--name', 'shop-production-abc', '--label', 'dev.immutable-deploy.app=shop',
      '--env-file', '/tmp/x/env', '--publish', '127.0.0.1::8080', '--memory', '256m', '--cpus', '0.5',
      '--restart', 'unless-stopped', '--', 'sha256:abc',
    ]);
  });

  it.each([
    ['127.0.0.1:5000/shop:v1', true],
    ['localhost:5000/shop:v1', true],
    ['ghcr.io/acme/shop:v1', false],
    ['shop:v1', false],
  ])('%s is a loopback registry: %s', (ref, loopback) => {
    expect(isLoopbackRegistry(ref)).toBe(loopback);
    expect(manifestInspectArgv(ref).includes('--insecure')).toBe(loopback);
  });

  it('writes env files literally, one KEY=VALUE per line, and refuses a line break', () => {
    expect(envFileText({ A: 'x y', B: 'p=q "r" $(s)', HTTP_PROXY: 'http://proxy:3128' })).toBe(
      'A=x y\nB=p=q "r" $(s)\nHTTP_PROXY=http://proxy:3128\n',
    );
    expect(() => envFileText({ A: 'x\ny' })).toThrow(/A holds a line break/);
  });
});

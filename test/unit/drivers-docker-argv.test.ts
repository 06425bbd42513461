import { describe, expect, it } from 'vitest';
import { buildArgv, isLoopbackRegistry, manifestInspectArgv } from '../../src/drivers/docker/argv.js';

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

  it.each([
    ['127.0.0.1:5000/shop:v1', true],
    ['localhost:5000/shop:v1', true],
    ['ghcr.io/acme/shop:v1', false],
    ['shop:v1', false],
  ])('%s is a loopback registry: %s', (ref, loopback) => {
    expect(isLoopbackRegistry(ref)).toBe(loopback);
    expect(manifestInspectArgv(ref).includes('--insecure')).toBe(loopback);
  });
});

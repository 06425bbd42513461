/** The issue-13 inputs: policy, policy-mode, read-only, tmpfs, writable-paths; and the run argv they give. */
import { describe, expect, it } from 'vitest';
import { instanceCreateBody } from '../../src/platforms/docker/bodies.js';
import { InputError } from '../../src/support/errors.js';
import { readConfig } from '../../src/config/read.js';

const read = (inputs: Record<string, string>) => readConfig((name) => inputs[name] ?? '');

describe('immutability inputs', () => {
  it('defaults: no policy (warn), writable root, no tmpfs, no writable paths', () => {
    const cfg = read({ app: 'shop' });
    expect(cfg.policy).toEqual({ rules: [], mode: 'warn' });
    expect(cfg.run).toMatchObject({ readOnly: false, tmpfs: [] });
    expect(cfg.drift).toEqual({ writablePaths: [] });
  });

  it('read-only gets a tmpfs /tmp unless tmpfs names the paths', () => {
    expect(read({ app: 'shop', 'read-only': 'true' }).run).toMatchObject({ readOnly: true, tmpfs: ['/tmp'] });
    expect(read({ app: 'shop', 'read-only': 'true', tmpfs: '/run:size=16m,mode=1777\n/var/cache' }).run.tmpfs).toEqual([
      '/run:size=16m,mode=1777',
      '/var/cache',
    ]);
    expect(read({ app: 'shop', tmpfs: '/scratch' }).run).toMatchObject({ readOnly: false, tmpfs: ['/scratch'] });
  });

  it('reads policy rules and the mode', () => {
    const cfg = read({ app: 'shop', policy: 'non-root\n# size\nmax-size=120', 'policy-mode': 'enforce' });
    expect(cfg.policy.mode).toBe('enforce');
    expect(cfg.policy.rules.map((r) => r.source)).toEqual(['non-root', 'max-size=120']);
  });

  it.each([
    [{ 'read-only': 'maybe' }, 'read-only'],
    [{ tmpfs: 'tmp' }, 'tmpfs'],
    [{ tmpfs: '/tmp:size=1m;rm -rf /' }, 'tmpfs'],
    [{ 'writable-paths': 'var/cache' }, 'writable-paths'],
    [{ policy: 'non-root\nrootless' }, 'policy'],
    [{ 'policy-mode': 'strict' }, 'policy-mode'],
  ])('refuses %j, naming %s', (inputs, input) => {
    try {
      read({ app: 'shop', ...inputs });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).input).toBe(input);
    }
  });

  it('a read-only instance is created with a read-only root and one tmpfs per path', () => {
    const body = instanceCreateBody({
      image: 'sha256:abc',
      labels: {},
      env: {},
      publishHost: '127.0.0.1',
      containerPort: 8080,
      restart: 'no',
      readOnly: true,
      tmpfs: ['/tmp', '/run:size=16m'],
    });
    expect(body.HostConfig).toMatchObject({ ReadonlyRootfs: true, Tmpfs: { '/tmp': '', '/run': 'size=16m' } });
  });
});

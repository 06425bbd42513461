import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy, PolicySyntaxError, secretLookingEnv, type PolicyImage } from '../../src/policy/rules.js';

const good: PolicyImage = {
  user: '10001',
  env: ['PATH=/usr/bin', 'MODE=prod', 'DB_PASSWORD='],
  healthcheck: ['CMD', '/bin/busybox', 'wget', '-qO-', 'http://127.0.0.1:8080/'],
  labels: {
    'org.opencontainers.image.title': 'shop',
    'org.opencontainers.image.version': 'sha-1234567',
    'org.opencontainers.image.created': '2026-12-01T07:00:00Z',
    'org.opencontainers.image.revision': '1234567890abcdef',
  },
  sizeBytes: 2_400_000,
};
const ALL = parsePolicy(['non-root', 'no-secret-env', 'healthcheck', 'labels', 'max-size=3']);

describe('parsePolicy', () => {
  it('reads every rule', () => {
    expect(ALL.map((r) => r.kind)).toEqual(['non-root', 'no-secret-env', 'healthcheck', 'labels', 'max-size']);
    expect(ALL[4]).toMatchObject({ maxMB: 3 });
    expect(parsePolicy(['max-size = 1.5'])[0]).toMatchObject({ kind: 'max-size', maxMB: 1.5 });
  });
  it.each(['root', 'max-size', 'max-size=0', 'max-size=ten', 'non-root=yes', 'labels=a=b'])('refuses %j', (line) => {
    expect(() => parsePolicy([line])).toThrow(PolicySyntaxError);
  });
});

describe('evaluatePolicy', () => {
  it('passes an image that keeps every rule', () => {
    const results = evaluatePolicy(ALL, good, 'sha-1234567');
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results[0]!.detail).toBe('USER is 10001');
  });

  it.each([
    ['', 'no USER: the image runs as root'],
    ['root', 'USER is root'],
    ['0', 'USER is 0'],
    ['0:1000', 'USER is 0:1000'],
    ['root:staff', 'USER is root:staff'],
  ])('non-root fails for USER %j', (user, detail) => {
    const [r] = evaluatePolicy(parsePolicy(['non-root']), { ...good, user }, 'v');
    expect(r).toEqual({ rule: 'non-root', ok: false, detail });
  });

  it.each(['nobody', '1000:0', 'app:app'])('non-root passes for USER %j', (user) => {
    expect(evaluatePolicy(parsePolicy(['non-root']), { ...good, user }, 'v')[0]!.ok).toBe(true);
  });

  it('healthcheck fails without one and with HEALTHCHECK NONE', () => {
    const rules = parsePolicy(['healthcheck']);
    expect(evaluatePolicy(rules, { ...good, healthcheck: undefined }, 'v')[0]).toMatchObject({ ok: false, detail: 'no HEALTHCHECK declared' });
    expect(evaluatePolicy(rules, { ...good, healthcheck: ['NONE'] }, 'v')[0]!.ok).toBe(false);
    expect(evaluatePolicy(rules, { ...good, healthcheck: ['CMD-SHELL', 'curl -f localhost'] }, 'v')[0]!.detail).toBe('HEALTHCHECK curl -f localhost');
  });

  it('labels wants the promised OCI labels and the version being deployed', () => {
    const rules = parsePolicy(['labels']);
    const noRevision = Object.fromEntries(Object.entries(good.labels).filter(([k]) => k !== 'org.opencontainers.image.revision'));
    expect(evaluatePolicy(rules, { ...good, labels: noRevision }, 'sha-1234567')[0]).toMatchObject({
      ok: false,
      detail: 'missing or wrong: org.opencontainers.image.revision',
    });
    expect(evaluatePolicy(rules, good, 'sha-7654321')[0]!.detail).toContain('is sha-1234567, not sha-7654321');
  });

  it('max-size compares megabytes (10^6 bytes)', () => {
    expect(evaluatePolicy(parsePolicy(['max-size=2']), good, 'v')[0]).toEqual({ rule: 'max-size=2', ok: false, detail: '2.4 MB > 2 MB' });
    expect(evaluatePolicy(parsePolicy(['max-size=2.4']), good, 'v')[0]!.ok).toBe(true);
  });
});

describe('no-secret-env', () => {
  it.each([
    ['DB_PASSWORD=hunter2', 'DB_PASSWORD (a secret-looking name with a value)'],
    ['GITHUB_TOKEN=abc', 'GITHUB_TOKEN (a secret-looking name with a value)'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY (a secret-looking name with a value)'],
    ['STRIPE_API_KEY=x', 'STRIPE_API_KEY (a secret-looking name with a value)'],
    ['KEY_ID=AKIAIOSFODNN7EXAMPLE', 'KEY_ID (its value looks like an AWS access key id)'],
    ['DATABASE_URL=postgres://app:s3cr3t@db:5432/app', 'DATABASE_URL (its value looks like a URL with a password)'],
    ['CI_HELPER=ghp_' + 'a'.repeat(36), 'CI_HELPER (its value looks like a GitHub token)'],
  ])('flags %s by name, never printing the value', (entry, found) => {
    expect(secretLookingEnv(['PATH=/bin', entry])).toEqual([found]);
    const [r] = evaluatePolicy(parsePolicy(['no-secret-env']), { ...good, env: [entry] }, 'v');
    expect(r!.ok).toBe(false);
    expect(r!.detail).not.toContain(entry.slice(entry.indexOf('=') + 1));
  });

  it.each(['PASSWORD_FILE_PATH=/run/secrets/db', 'TOKEN_URL=https://auth.example.com/token', 'DB_PASSWORD=', 'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', 'DATABASE_URL=postgres://db:5432/app'])(
    'leaves %s alone',
    (entry) => {
      expect(secretLookingEnv([entry])).toEqual([]);
    },
  );
});

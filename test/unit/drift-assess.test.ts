import { describe, expect, it } from 'vitest';
import { assessDrift, countedChanges, describeDrift, healthcheckArgv, type DriftFacts, type FsChange } from '../../src/drift/assess.js';
import { execSession } from '../../src/platforms/docker/drift.js';

const KINDS: Record<string, 0 | 1 | 2> = { C: 0, A: 1, D: 2 };

/** `docker container diff` lines (`A /path`) as the engine's change list (GET /containers/{id}/changes): easier to read here. */
function parseDiff(text: string): FsChange[] {
  return text
    .split('\n')
    .map((l) => /^([CAD]) (.+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ Kind: KINDS[m[1]!]!, Path: m[2]! }));
}

const ID = 'sha256:' + 'a'.repeat(64);
const clean: DriftFacts = { imageId: ID, repoDigests: [], changes: [], execs: [], healthcheck: undefined, mounts: [] };
const expected = { image: ID, digest: ID, writablePaths: [] as string[] };

describe('countedChanges', () => {
  it('names the leaf changes, not the parent directories docker diff marks as changed', () => {
    expect(countedChanges(parseDiff('C /www\nA /www/hacked\nC /etc\nD /etc/motd\n'), [])).toEqual(['A /www/hacked', 'D /etc/motd']);
  });
  it('keeps a changed file and a changed directory with nothing below it', () => {
    expect(countedChanges([{ Path: '/app/config.yml', Kind: 0 }, { Path: '/srv', Kind: 0 }], [])).toEqual(['C /app/config.yml', 'C /srv']);
  });
  it('ignores writable paths and everything below them, and the parents they make "changed"', () => {
    const changes = parseDiff('A /tmp\nA /tmp/a\nA /tmp/a/b\nC /var\nC /var/cache\nA /var/cache/app/x\nA /var/lib/evil');
    expect(countedChanges(changes, ['/tmp', '/var/cache/'])).toEqual(['A /var/lib/evil']);
    expect(countedChanges(changes, ['/tmp', '/var'])).toEqual([]);
  });
  it('does not take /tmpfoo for /tmp', () => {
    expect(countedChanges(parseDiff('A /tmpfoo'), ['/tmp'])).toEqual(['A /tmpfoo']);
  });
});

describe('assessDrift', () => {
  it('an untouched instance has not drifted', () => {
    expect(assessDrift('shop-1', clean, expected)).toEqual({ instance: 'shop-1', drifted: false, changed: [], execSessions: [] });
  });

  it('a changed file, an open exec session and another image are drift, and each is named', () => {
    const d = assessDrift(
      'shop-1',
      {
        ...clean,
        imageId: 'sha256:' + 'b'.repeat(64),
        changes: parseDiff('C /www\nA /www/hacked'),
        execs: [{ id: '0123456789abcdef', running: true, argv: ['/bin/sh'] }],
      },
      expected,
    );
    expect(d.drifted).toBe(true);
    expect(d.changed).toEqual(['A /www/hacked']);
    expect(d.execSessions).toEqual(['0123456789ab /bin/sh']);
    expect(d.image).toContain('not the deployed sha256:aaaa');
    expect(describeDrift(d)).toMatch(/^shop-1: its image changed .*; its filesystem changed: A \/www\/hacked; docker exec session\(s\) open: 0123456789ab \/bin\/sh$/);
  });

  it("the engine's own health probe is no exec session; finished sessions are not open", () => {
    const facts: DriftFacts = {
      ...clean,
      healthcheck: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/'],
      execs: [
        { id: 'p1', running: true, argv: '/bin/sh -c wget -qO- http://127.0.0.1:8080/'.split(' ') },
        { id: 'p2', running: false, argv: ['/bin/sh'] },
      ],
    };
    expect(assessDrift('x', facts, expected).drifted).toBe(false);
  });

  it('the mount points of tmpfs mounts and volumes are writable by design', () => {
    const facts = { ...clean, changes: parseDiff('A /tmp\nA /data\nA /data/x\nA /etc/evil'), mounts: ['/tmp', '/data'] };
    expect(assessDrift('x', facts, expected).changed).toEqual(['A /etc/evil']);
  });

  it('restarts a platform reports (a Kubernetes pod) are drift, named; none is none', () => {
    const d = assessDrift('pod-1', { ...clean, restarts: 3 }, expected);
    expect(d).toMatchObject({ drifted: true, restarts: 3 });
    expect(describeDrift(d)).toBe('pod-1: its process restarted 3 time(s) since it was verified');
    expect(assessDrift('pod-1', { ...clean, restarts: 0 }, expected)).toEqual({ instance: 'pod-1', drifted: false, changed: [], execSessions: [] });
  });

  it('a pushed version matches through the repo digest of the image it runs', () => {
    const facts = { ...clean, imageId: 'sha256:' + 'c'.repeat(64), repoDigests: ['reg:5000/shop@sha256:' + 'd'.repeat(64)] };
    expect(assessDrift('x', facts, { image: 'reg:5000/shop@sha256:' + 'd'.repeat(64), digest: 'sha256:' + 'd'.repeat(64), writablePaths: [] }).image).toBeUndefined();
  });
});

describe('healthcheckArgv', () => {
  it.each([
    [['CMD', '/bin/busybox', 'wget', '-q'], ['/bin/busybox', 'wget', '-q']],
    [['CMD-SHELL', 'curl -f localhost'], ['/bin/sh', '-c', 'curl -f localhost']],
    [['NONE'], undefined],
    [undefined, undefined],
  ])('%j -> %j', (test, argv) => expect(healthcheckArgv(test)).toEqual(argv));
});

describe('execSession', () => {
  it('takes the command as the engine started it', () => {
    expect(
      execSession({ ID: '0123456789abcdef', Running: true, ProcessConfig: { entrypoint: '/bin/busybox', arguments: ['sh', '-c', 'vi /www/index.html'] } }),
    ).toEqual({ id: '0123456789abcdef', running: true, argv: ['/bin/busybox', 'sh', '-c', 'vi /www/index.html'] });
    expect(execSession({ ID: 'x', Running: false, ProcessConfig: { entrypoint: '/bin/sh', arguments: null } }).argv).toEqual(['/bin/sh']);
  });
});

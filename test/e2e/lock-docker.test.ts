/**
 * The deploy lock on a real Docker engine (src/platforms/docker/lock.ts under the rules of
 * src/platforms/lock.ts): a labelled volume. Names that do not collide, a lease renewed on the engine's
 * clock, a waiting run woken by the engine's event (a release's prune, a removal by hand), a dead holder of
 * another machine taken over once its lease ran out, a holder that shares our host name but not our pids
 * left alone, and a run that lost its lock unable to remove the lock of the run that took over.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeEngines, engineFor } from '../../src/drivers/docker/engine.js';
import { DockerLeaseStore, lockLabels } from '../../src/platforms/docker/lock.js';
import { acquireLock, lockName, myIdentity, type Holder } from '../../src/platforms/lock.js';
import type { Log } from '../../src/support/log.js';
import { docker } from '../helpers/docker.js';

const APPS = ['api-lk', 'api'];

/** A log that keeps its lines; `says(text)` resolves once one contains `text`. */
const log = (): Log & { lines: string[]; says(text: string): Promise<void> } => {
  const lines: string[] = [];
  const waiting: { text: string; resolve: () => void }[] = [];
  const add = (m: string) => {
    lines.push(m);
    for (const w of waiting) if (m.includes(w.text)) w.resolve();
  };
  return {
    lines,
    info: add,
    warning: add,
    error: add,
    group: (_n, fn) => fn(),
    says: (text) => (lines.some((x) => x.includes(text)) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve }))),
  };
};

function store(app: string, environment: string): DockerLeaseStore {
  return new DockerLeaseStore(engineFor(), lockName(app, environment), app, environment);
}

/** The names of the volumes of a lock: the lock and its renewals. */
const volumesOf = (name: string) =>
  docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.lock-name=${name}`).split('\n').filter(Boolean).sort();

function cleanup(): void {
  for (const app of APPS) {
    const names = docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.app=${app}`);
    if (names) docker('volume', 'rm', '-f', ...names.split('\n'));
  }
}

/** A lock volume as another runner would have left it: `holder` in its labels, created now. */
function foreignLock(app: string, environment: string, holder: Holder): void {
  const name = lockName(app, environment);
  const labels = Object.entries(lockLabels(name, app, environment, holder, 'foreign-token')).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  docker('volume', 'create', ...labels, name);
}

describe('the deploy lock on a Docker engine', () => {
  beforeAll(cleanup);
  afterEach(cleanup);
  afterAll(closeEngines);

  it('shop-api/prod and shop/api-prod are two locks: both are held at once', async () => {
    const a = await acquireLock(store('api-lk', 'prod'), { runUrl: 'run-a', timeoutSec: 0, log: log() });
    const b = await acquireLock(store('api', 'lk-prod'), { runUrl: 'run-b', timeoutSec: 0, log: log() });
    expect(docker('volume', 'ls', '-q', '--filter', 'label=dev.immutable-deploy.role=lock').split('\n')).toEqual(
      expect.arrayContaining(['api-lk.prod.lock', 'api.lk-prod.lock']),
    );
    await Promise.all([a.release(), b.release()]);
  });

  it('renews its lease on the engine while held (a renewal volume of a later time; the one before goes); release removes all', async () => {
    const s = store('api-lk', 'renew');
    const held = await acquireLock(s, { runUrl: 'run-r', timeoutSec: 0, log: log(), renewSec: 1 });
    const first = (await s.read())!.renewedAt;
    // Renewals every second; volume times have whole seconds: wait for the next one to show.
    let later = first;
    for (let i = 0; i < 50 && later.getTime() <= first.getTime(); i++) {
      await new Promise((r) => setTimeout(r, 100));
      later = (await s.read())!.renewedAt;
    }
    expect(later.getTime()).toBeGreaterThan(first.getTime());
    expect((await s.read())!.holder).toMatchObject({ runUrl: 'run-r', pid: process.pid, bootId: myIdentity().bootId });
    // The lock and at most its newest renewal (and one being made): renewals do not pile up.
    expect(volumesOf('api-lk.renew.lock').length).toBeLessThanOrEqual(3);
    await held.release();
    expect(await s.read()).toBeUndefined();
    expect(volumesOf('api-lk.renew.lock')).toEqual([]);
  });

  it('a waiting run takes the lock when the engine says the holder removed it', async () => {
    const first = await acquireLock(store('api-lk', 'wait'), { runUrl: 'run-1', timeoutSec: 0, log: log() });
    const l = log();
    const second = acquireLock(store('api-lk', 'wait'), { runUrl: 'run-2', timeoutSec: 120, log: l, alive: () => true });
    // The second run has found the holder and waits (on the engine's events, not a poll).
    await l.says('Waiting for the deploy lock');
    expect(l.lines.join('\n')).toContain('Waiting for the deploy lock api-lk.wait.lock (on unix:///var/run/docker.sock), held by run-1');
    await first.release();
    const held = await second;
    expect((await store('api-lk', 'wait').read())!.holder?.runUrl).toBe('run-2');
    // Woken by the release, long before the holder's 60 s lease could have ended.
    expect(l.lines.join('\n')).not.toContain('Taking over');
    await held.release();
  });

  it('a waiting run takes the lock when someone removes it by hand (docker volume rm)', async () => {
    const me = myIdentity();
    foreignLock('api-lk', 'hand', { runUrl: 'run-stuck', ...me, bootId: 'another-machine', runId: 'h', acquiredAt: '', leaseSec: 600 });
    const l = log();
    const waiting = acquireLock(store('api-lk', 'hand'), { runUrl: 'run-after', timeoutSec: 120, log: l });
    await l.says('Waiting for the deploy lock');
    docker('volume', 'rm', 'api-lk.hand.lock');
    const held = await waiting;
    expect((await store('api-lk', 'hand').read())!.holder?.runUrl).toBe('run-after');
    await held.release();
  });

  it('a run that lost its lock (taken over) removes nothing of the new holder when it releases', async () => {
    const s = store('api-lk', 'lost');
    // A holder on another machine with a 1 s lease that is never renewed (renewals every 10 min).
    const me = myIdentity();
    const old = await acquireLock(s, { runUrl: 'run-old', timeoutSec: 0, log: log(), leaseSec: 1, renewSec: 600, identity: { ...me, bootId: 'another-machine' } });
    const l = log();
    const next = await acquireLock(store('api-lk', 'lost'), { runUrl: 'run-next', timeoutSec: 30, log: l });
    expect(l.lines.join('\n')).toMatch(/Taking over the deploy lock api-lk\.lost\.lock .* from run-old/);
    await old.release();
    expect((await s.read())!.holder?.runUrl).toBe('run-next');
    await next.release();
    expect(await s.read()).toBeUndefined();
  });

  it('takes over from a dead holder on another machine once its lease ran out', async () => {
    const me = myIdentity();
    foreignLock('api-lk', 'dead', { runUrl: 'run-dead', ...me, bootId: 'another-machine', runId: 'x', acquiredAt: '', leaseSec: 1 });
    const l = log();
    const held = await acquireLock(store('api-lk', 'dead'), { runUrl: 'run-new', timeoutSec: 30, log: l });
    expect(l.lines.join('\n')).toMatch(/Taking over the deploy lock api-lk\.dead\.lock .* from run-dead .*: its lease ended/);
    await held.release();
  });

  it('leaves alone a holder that has our host name but another pid namespace, though its pid is gone here', async () => {
    const me = myIdentity();
    // A pid no process has here (above the kernel's pid_max): on this machine that holder would be dead.
    foreignLock('api-lk', 'ns', { runUrl: 'run-ns', ...me, pid: 4_194_305, pidNamespace: 'pid:[1]', runId: 'y', acquiredAt: '', leaseSec: 60 });
    const failed = await acquireLock(store('api-lk', 'ns'), { runUrl: 'run-mine', timeoutSec: 1, log: log() }).then(
      () => 'taken',
      (e: Error) => e.message,
    );
    expect(failed).toContain('Another run holds the deploy lock api-lk.ns.lock');
    expect(failed).toContain('run-ns');
    expect(failed).toContain('remove the lock by hand (docker volume rm api-lk.ns.lock)');
  });

  it('takes over at once from a dead holder on this machine, in this pid namespace', async () => {
    const me = myIdentity();
    foreignLock('api-lk', 'here', { runUrl: 'run-gone', ...me, pid: 4_194_305, runId: 'z', acquiredAt: '', leaseSec: 600 });
    const l = log();
    const held = await acquireLock(store('api-lk', 'here'), { runUrl: 'run-next', timeoutSec: 0, log: l });
    expect(l.lines.join('\n')).toMatch(/from run-gone .*: its process is gone/);
    await held.release();
  });

  it.each([
    ['a volume made by hand (docker volume create <app>.<env>.lock)', [] as string[], /it is not a deploy lock of this action/],
    [
      'a lock whose holder label is broken',
      ['dev.immutable-deploy.role=lock', 'dev.immutable-deploy.lock-name=api-lk.odd.lock', 'dev.immutable-deploy.lock-token=t', 'dev.immutable-deploy.lock={'],
      /it is a deploy lock whose holder label \(dev\.immutable-deploy\.lock\) cannot be read/,
    ],
  ])('%s ends the wait at once with an error naming it and what to do', async (_what, labels, why) => {
    docker('volume', 'create', ...labels.flatMap((l) => ['--label', l]), 'api-lk.odd.lock');
    try {
      const l = log();
      const failed = await acquireLock(store('api-lk', 'odd'), { runUrl: 'run-odd', timeoutSec: 600, log: l }).then(
        () => 'taken',
        (e: Error) => e.message,
      );
      expect(failed).toMatch(/^The volume api-lk\.odd\.lock on unix:\/\/\/var\/run\/docker\.sock is where the deploy lock of api-lk in odd lives, but /);
      expect(failed).toMatch(why);
      expect(failed).toContain('docker volume rm api-lk.odd.lock');
      expect(l.lines.join('\n')).not.toContain('Waiting for the deploy lock');
      // Not ours: left as it is.
      expect(docker('volume', 'ls', '-q').split('\n')).toContain('api-lk.odd.lock');
    } finally {
      docker('volume', 'rm', '-f', 'api-lk.odd.lock');
    }
  });
});

/**
 * Two runs never flip at the same time (the lock), and a run killed with SIGKILL at any point can be
 * re-run and converges: one live version, no candidates, no instances beyond `keep`.
 * Real Docker and a real HAProxy; the bundled dist/index.js driven as the runner drives it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSays, runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'converge';

describe('lock and convergence', () => {
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (
    extra: Record<string, string>,
    opts: { runId?: string; killWhen?: (log: string) => boolean; signal?: NodeJS.Signals; onLog?: (log: string) => void } = {},
  ) =>
    runAction(
      { ...inputs, ...extra },
      {
        cwd: repo,
        env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: opts.runId ?? '1' },
        killWhen: opts.killWhen,
        signal: opts.signal,
        onLog: opts.onLog,
      },
    );

  /** One live version behind the balancer, at most keep (1) warm, nothing else. */
  async function expectConverged(liveBody: string) {
    expect((await get(lb.url)).body).toBe(liveBody);
    const all = docker('ps', '-a', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Names}} {{.Status}}')
      .split('\n')
      .filter(Boolean);
    expect(all.filter((l) => l.includes('-candidate')), all.join('\n')).toEqual([]);
    expect(all.filter((l) => !l.includes(' Up ')), all.join('\n')).toEqual([]);
    expect(running(APP).length).toBeLessThanOrEqual(2);
    expectNoLock();
  }

  /** The lock is a volume (and its renewal volumes): none is left once the runs are done. */
  const LOCK = `${APP}.production.lock`;
  function expectNoLock() {
    expect(docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.lock-name=${LOCK}`)).toBe('');
    expect(docker('volume', 'ls', '-q').split('\n')).not.toContain(LOCK);
  }

  /** The next run takes the lock at once: it neither waits for it nor takes it over from a holder left behind. */
  async function expectNextRunFree() {
    const next = await action({ 'lock-timeout': '0' });
    expect(next.code, next.log).toBe(0);
    expect(next.log).not.toContain('Waiting for the deploy lock');
    expect(next.log).not.toContain('Taking over the deploy lock');
  }

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'drain-seconds': '1', 'stop-timeout': '1' };
    const first = await action({});
    expect(first.code, first.log).toBe(0);
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('a second run waits for the lock; a third with a short lock-timeout fails naming the holder', async () => {
    const sha = commitChange(repo, 'v2');
    // The first run holds the lock while its acceptance command waits for `go`, which the test
    // creates only once the second run waits and the third has given up: no timing involved.
    const go = join(mkdtempSync(join(tmpdir(), 'lock-')), 'go');
    const holding = logSays('::group::Acceptance command');
    const slow = action({ 'acceptance-command': `while [ ! -e ${go} ]; do sleep 0.1; done` }, { runId: '101', onLog: holding.onLog });
    await holding.seen;
    // The others deploy the version the first one built: no build of their own before they ask for the lock.
    const existing = { version: `sha-${sha.slice(0, 7)}` };
    const waitingSeen = logSays('Waiting for the deploy lock');
    const waiting = action({ ...existing, 'lock-timeout': '120' }, { runId: '102', onLog: waitingSeen.onLog });
    const c = await action({ ...existing, 'lock-timeout': '1' }, { runId: '103' });
    await waitingSeen.seen;
    writeFileSync(go, '');
    const [a, b] = await Promise.all([slow, waiting]);
    expect(a.code, a.log).toBe(0);
    expect(c.code).not.toBe(0);
    expect(c.log).toContain('Another run holds the deploy lock converge.production.lock');
    expect(c.log).toContain('https://github.com/acme/shop/actions/runs/101');
    expect(b.code, b.log).toBe(0);
    await expectConverged('v2\n');
    await expectNextRunFree();
  });

  it('a cancelled run (SIGINT) stops its acceptance command, removes its candidate and releases the lock at once', async () => {
    const live = (await get(lb.url)).body;
    commitChange(repo, 'v-cancelled');
    // A sleep of its own, so a parallel run elsewhere on the machine cannot be mistaken for it.
    const sleeper = `sleep 30.${process.pid}`;
    const cancelled = await action(
      { 'acceptance-command': sleeper },
      { runId: '201', killWhen: (log) => log.includes('::group::Acceptance command'), signal: 'SIGINT' },
    );
    expect(cancelled.code).toBe(130);
    expect(cancelled.log).toContain('Received SIGINT');
    // Nothing left behind: no candidate, no lock, no acceptance command, and the live version untouched.
    expect(docker('ps', '-aq', '--filter', `name=-candidate$`, '--filter', `label=dev.immutable-deploy.app=${APP}`)).toBe('');
    expectNoLock();
    expect(spawnSync('pgrep', ['-f', `^${sleeper}$`]).status).not.toBe(0);
    expect((await get(lb.url)).body).toBe(live);
    // The next run does not wait for anything.
    await expectNextRunFree();
  });

  it('a volume named like the lock that is no lock: the deploy fails within lock-timeout, naming it and what to do', async () => {
    const live = (await get(lb.url)).body;
    expectNoLock();
    docker('volume', 'create', LOCK);
    try {
      commitChange(repo, 'v-foreign');
      const r = await action({ 'lock-timeout': '600' });
      expect(r.code).not.toBe(0);
      expect(r.log).toContain(`The volume ${LOCK} on unix:///var/run/docker.sock is where the deploy lock of ${APP} in production lives, but it is not a deploy lock of this action`);
      expect(r.log).toContain(`docker volume rm ${LOCK}`);
      expect(r.log).not.toContain('Waiting for the deploy lock');
      expect((await get(lb.url)).body).toBe(live);
      // Left as it was: it is not ours to remove.
      expect(docker('volume', 'ls', '-q').split('\n')).toContain(LOCK);
    } finally {
      docker('volume', 'rm', LOCK);
    }
    await expectNextRunFree();
  });

  it.each([
    ['while the new instance is verified', 'Acceptance command'],
    ['right after the flip', 'now sends traffic to'],
    ['while the old instance drains', 'Draining'],
  ])('a run killed %s converges when re-run', async (_when, marker) => {
    commitChange(repo, `v-${marker}`);
    const killed = await action(
      { 'acceptance-command': 'sleep 1', 'drain-seconds': '3', keep: '0' },
      { killWhen: (log) => log.includes(marker) },
    );
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.log).toContain(marker);
    const again = await action({ keep: '1' });
    expect(again.code, again.log).toBe(0);
    await expectConverged(`v-${marker}\n`);
  });
});

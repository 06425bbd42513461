/**
 * The lock and the ssh connections of a fleet, through the bundle, on real test hosts (test/helpers/hosts.ts:
 * a network namespace each with its own dockerd and sshd) behind a real HAProxy:
 * - a holder whose renewals fail (the sshd of the host that keeps the lock stopped mid-run, long enough for
 *   the lease to end) shifts nothing after its lease; a second run then deploys cleanly;
 * - an ssh connection dropped mid-run (sshd and its sessions killed, sshd started again) is opened again;
 * - no child (`docker save`, `docker load`, `ssh -G`, the build) sees an INPUT_ secret or a runtime token.
 * Short leases only through the test hook IMMUTABLE_DEPLOY_TEST_LEASE (src/platforms/lock.ts).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSays, runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';
import { startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'fleetlock';
const SECRET = 'in-put-s3cret-7d1e';
const RUNTIME_TOKEN = 'runtime-t0ken-5a9c';

describe('the lock and ssh connections of a fleet', () => {
  let th: TestHosts;
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  let dumps: string;
  let path: string;
  const action = (extra: Record<string, string> = {}, opts: { env?: Record<string, string>; onLog?: (log: string) => void } = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, env: { ...th.env, PATH: path, ...opts.env }, timeoutMs: 180_000, onLog: opts.onLog });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  /** The newest log of the run being watched, for the message when an awaited line never comes. */
  let watched = '';
  const seen = async (p: Promise<void>, what: string) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`never saw ${what}; the log so far:\n${watched}`)), 90_000);
    });
    try {
      await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  /**
   * An acceptance command that says it runs (a file of its own in `dir`) and then waits for `dir/go`: the run
   * stays there until the test says so. `accepting(dir)` resolves once both hosts' instances are there.
   */
  const holdAt = (dir: string) => `mktemp -p ${dir} started.XXXX >/dev/null; while [ ! -e ${dir}/go ]; do sleep 0.1; done`;
  const holdDir = () => mkdtempSync(join(tmpdir(), 'fleetlock-'));
  const accepting = async (dir: string) => {
    const deadline = Date.now() + 90_000;
    while (readdirSync(dir).filter((f) => f.startsWith('started.')).length < th.hosts.length) {
      if (Date.now() > deadline) throw new Error(`the acceptance commands did not start; the log so far:\n${watched}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const lockHost = () => th.hosts[0]!;
  const lockVolumes = () => lockHost().docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.lock-name=${APP}.production.lock`);

  beforeAll(async () => {
    cleanupApp(APP);
    th = await startHosts({ prefix: 'fleet', subnets: [11, 12] });
    lb = await startHaproxy({ backend: `${APP}-production`, slots: 4 });
    repo = appRepo({ kind: 'web', text: 'v1' });
    // `docker` and `ssh` first on PATH: each writes the environment it was started with, then runs the real one.
    const bin = mkdtempSync(join(tmpdir(), 'fleetlock-bin-'));
    dumps = join(bin, 'dumps');
    mkdirSync(dumps);
    const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    const hostsSsh = join(th.env.PATH!.split(':')[0]!, 'ssh');
    for (const [name, real] of [['docker', realDocker], ['ssh', hostsSsh]] as const) {
      writeFileSync(join(bin, name), `#!/bin/sh\nenv > "${dumps}/${name}-$$-$1.env"\nexec ${real} "$@"\n`);
      chmodSync(join(bin, name), 0o755);
    }
    path = `${bin}:${th.env.PATH}`;
    inputs = {
      app: APP,
      hosts: th.input(),
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      keep: '1',
      'drain-seconds': '1',
      'stop-timeout': '1',
      checks: 'GET / 200',
      'secret-env': `APP_SECRET=${SECRET}`,
    };
  }, 180_000);
  afterAll(async () => {
    await lb?.stop();
    await th?.stop();
    cleanupApp(APP);
  });

  it('no child process gets an INPUT_ variable, a secret input or a runtime token (docker save | docker load, the build)', async () => {
    const r = await action({}, { env: { ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN } });
    expectOk(r);
    expect((await get(lb.url)).body).toBe('v1\n');
    for (const h of th.hosts) expect(r.log).toContain(`reached ${h.endpoint} by docker save | docker load`);
    const files = readdirSync(dumps);
    // Every kind of child was seen: the images went by save | load. The ssh settings are read from the ssh
    // config files in the action's own process (src/drivers/ssh/config.ts): no `ssh -G` child.
    expect(files.some((f) => /^docker-\d+-save\.env$/.test(f)), files.join(' ')).toBe(true);
    expect(files.some((f) => /^docker-\d+-load\.env$/.test(f)), files.join(' ')).toBe(true);
    expect(files.some((f) => /^ssh-\d+--G\.env$/.test(f)), files.join(' ')).toBe(false);
    for (const f of files) {
      const env = readFileSync(join(dumps, f), 'utf8');
      expect(env, f).toContain('PATH=');
      expect(env, f).not.toMatch(/^INPUT_/m);
      expect(env, f).not.toContain(SECRET);
      expect(env, f).not.toContain(RUNTIME_TOKEN);
    }
  });

  it('a holder whose renewals fail (the lock host\'s sshd stopped) shifts nothing after its lease; a second run then deploys cleanly', async () => {
    const v1 = (await get(lb.url)).body;
    commitChange(repo, 'v2');
    const dir = holdDir();
    const leaseOver = logSays('Its lease has ended: this run changes nothing more.');
    const run = action(
      { 'acceptance-command': holdAt(dir) },
      {
        // A 6 s lease renewed every 2 s (the holder stops 1 s before it ends).
        env: { IMMUTABLE_DEPLOY_TEST_LEASE: '6,2' },
        onLog: (log) => {
          watched = log;
          leaseOver.onLog(log);
        },
      },
    );
    await accepting(dir);
    await lockHost().stopSshd();
    try {
      // The renewals fail until the holder's own view of the lease has ended; then acceptance passes.
      await seen(leaseOver.seen, 'the end of the lease');
      writeFileSync(join(dir, 'go'), '');
      const r = await run;
      expect(r.code).not.toBe(0);
      expect(r.log).toMatch(/Could not renew the deploy lock fleetlock\.production\.lock \(on ssh:\/\/root@10\.77\.11\.2\)/);
      expect(r.log).toMatch(/The deploy lock fleetlock\.production\.lock .* was last renewed \d+s ago and its lease is 6s: another run may hold it now, so this run stops here/);
      expect(r.log).not.toContain('Flip HAProxy');
      // Nothing shifted: HAProxy serves v1 as before.
      for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe(v1);
    } finally {
      await lockHost().startSshd();
    }
    // The lock the first run could not release (its host was unreachable) is still there; its holder is gone.
    expect(lockVolumes()).not.toBe('');
    const again = await action({ 'lock-timeout': '60' });
    expectOk(again);
    expect(again.log).toMatch(/Taking over the deploy lock fleetlock\.production\.lock .* from pid \d+ on /);
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v2\n');
    // Converged: the first run's unverified instances were removed; v2 live and v1 warm on each host, nothing else.
    for (const h of th.hosts) {
      const names = h.docker('ps', '-a', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Names}} {{.Status}}').split('\n');
      expect(names.length, names.join('\n')).toBe(2);
      for (const n of names) expect(n).toMatch(/ Up /);
    }
    expect(lockVolumes()).toBe('');
  }, 240_000);

  it('an ssh connection dropped mid-run (sshd and its sessions killed, sshd started again) is opened again; the run deploys', async () => {
    commitChange(repo, 'v3');
    const dir = holdDir();
    const run = action({ 'acceptance-command': holdAt(dir) }, { onLog: (log) => (watched = log) });
    await accepting(dir);
    for (const h of th.hosts) await h.stopSshd();
    for (const h of th.hosts) await h.startSshd();
    writeFileSync(join(dir, 'go'), '');
    const r = await run;
    expectOk(r);
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v3\n');
    expect(lockVolumes()).toBe('');
  }, 240_000);
});

/**
 * Every call reaches the engine DOCKER_HOST or DOCKER_CONTEXT names, the way the docker CLI would:
 * tcp:// (the local engine behind a TCP forwarder, socat, on 127.0.0.1), a context in DOCKER_CONFIG,
 * and ssh:// (a real OpenSSH server on 127.0.0.1 in front of the local engine), where the whole run
 * uses one ssh connection and channels forwarded by sshd to the engine's socket (no process on the host),
 * `docker system dial-stdio` only when the host does not forward; the ssh client configuration is read
 * from the files, `ssh -G` only for what the reader cannot judge (a Match block).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHostKey } from '../../src/drivers/ssh/known-hosts.js';
import { NODE24, runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, get } from '../helpers/docker.js';
import { freePort } from '../helpers/registry.js';
import { startSshd, type Sshd } from '../helpers/sshd.js';

const APP = 'dockerhost';
const SSH_APP = 'apissh';

/** Waits until something accepts connections on 127.0.0.1:port. */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/_ping`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}


describe('DOCKER_HOST', () => {
  let forwarder: ChildProcess;
  let port: number;
  let repo: string;

  beforeAll(async () => {
    cleanupApp(APP);
    port = await freePort();
    forwarder = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, 'UNIX-CONNECT:/var/run/docker.sock'], { stdio: 'ignore' });
    await listening(port);
    repo = appRepo({ kind: 'web', text: 'via tcp' });
  });
  afterAll(() => {
    forwarder?.kill();
    cleanupApp(APP);
  });

  it('builds, starts and verifies through the engine DOCKER_HOST names', async () => {
    const r = await runAction({ app: APP, checks: 'GET / 200 contains "via tcp"' }, { cwd: repo, env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` } });
    expect(r.code, r.log).toBe(0);
    expect((await get(r.outputs.url!)).body).toBe('via tcp\n');
  });

  it('uses the context DOCKER_CONTEXT names (in DOCKER_CONFIG), as the CLI does', async () => {
    const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
    const env = { DOCKER_CONFIG: config };
    execFileSync('docker', ['context', 'create', 'api-ctx', '--docker', `host=tcp://127.0.0.1:${port}`], { env: { ...process.env, ...env } });
    const r = await runAction({ app: APP, command: 'status' }, { cwd: repo, env: { ...env, DOCKER_CONTEXT: 'api-ctx' } });
    expect(r.code, r.log).toBe(0);
    expect(JSON.parse(r.outputs.versions!).map((v: { state: string }) => v.state)).toContain('live');
    const missing = await runAction({ app: APP, command: 'status' }, { cwd: repo, env: { ...env, DOCKER_CONTEXT: 'api-none' } });
    expect(missing.code).not.toBe(0);
    expect(missing.log).toContain('The Docker context "api-none" does not exist');
  });

  it('says which engine it could not reach', async () => {
    const dead = await freePort();
    const r = await runAction({ app: APP, command: 'status' }, { cwd: repo, env: { DOCKER_HOST: `tcp://127.0.0.1:${dead}` } });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`tcp://127.0.0.1:${dead}`);
  });
});

describe('DOCKER_HOST=ssh://', () => {
  let sshd: Sshd;
  let repo: string;
  let version: string;

  beforeAll(async () => {
    cleanupApp(SSH_APP);
    sshd = await startSshd();
    repo = appRepo({ kind: 'web', text: 'via ssh' });
    // Built on the local engine, which is the one behind the ssh server: the runs below build nothing.
    const built = await runAction({ app: SSH_APP, command: 'build' }, { cwd: repo });
    expect(built.code, built.log).toBe(0);
    version = built.outputs.version!;
  });
  afterAll(async () => {
    await sshd?.stop();
    cleanupApp(SSH_APP);
  });

  it('deploys through one ssh connection for the whole run (on Node 24, the runtime action.yml names)', async () => {
    const r = await runAction(
      { app: SSH_APP, version, checks: 'GET / 200 contains "via ssh"' },
      { cwd: repo, env: { DOCKER_HOST: sshd.url, ...sshd.env, RUNNER_DEBUG: '1' }, node: NODE24 },
    );
    expect(r.code, r.log).toBe(0);
    expect((await get(r.outputs.url!)).body).toBe('via ssh\n');
    // The debug trace says how the connection was opened: the algorithms agreed (key exchange, host key,
    // cipher: all done by Node's native crypto) and each phase in the order it ended, up to the first channel.
    const reached =
      /reached through ssh, forward \/var\/run\/docker\.sock; (\S+), (\S+), (\S+?)(?: \+ \S+)?; ssh2 asked for at \d+ ms, loaded at \d+ ms; connection start \d+ ms, (.*) = [\d.]+ ms/.exec(
        r.log,
      );
    expect(reached, r.log).not.toBeNull();
    expect(reached![1]).toMatch(/^curve25519-sha256/);
    expect(reached![2]).toBe('ssh-ed25519');
    expect(reached![3]).toMatch(/^aes(128|256)-gcm@openssh\.com$/);
    // The settings were read and the TCP connection opened before ssh2 had loaded (src/drivers/ssh/dial.ts): the
    // ssh steps come after, in the protocol's order.
    const phases = reached![4]!.split(', ').map((p) => p.replace(/ \+[\d.]+$/, ''));
    expect(phases[0]).toBe('settings');
    expect(phases.slice(1, 4).sort()).toEqual(['keys', 'ssh2 loaded', 'tcp']);
    expect(phases.indexOf('keys')).toBeGreaterThan(phases.indexOf('ssh2 loaded'));
    expect(phases.slice(4)).toEqual(['host key', 'kex', 'auth', 'channel']);
    // Lock, list, create, start, inspect, rename, images: all of it on one connection, each call on a
    // channel that sshd forwards to the engine's socket: no process on the host.
    expect(sshd.ssh2Connections()).toBe(1);
    expect(sshd.log()).toContain('server_request_direct_streamlocal: originator  port 0, target /var/run/docker.sock');
    expect(sshd.log()).not.toContain('req exec');
  });

  it('falls back to `docker system dial-stdio` on a host whose sshd does not forward to sockets', async () => {
    const closed = await startSshd({ streamLocal: false });
    try {
      const r = await runAction({ app: SSH_APP, command: 'status' }, { cwd: repo, env: { DOCKER_HOST: closed.url, ...closed.env, RUNNER_DEBUG: '1' } });
      expect(r.code, r.log).toBe(0);
      expect(r.log).toContain('reached through ssh, dial-stdio (no forward to /var/run/docker.sock');
      expect(closed.log()).toContain('req exec');
      expect(closed.ssh2Connections()).toBe(1);
    } finally {
      await closed.stop();
    }
  });

  it('refuses a host whose key is not in known_hosts, saying how to add it', async () => {
    sshd.forget();
    const r = await runAction({ app: SSH_APP, command: 'status' }, { cwd: repo, env: { DOCKER_HOST: sshd.url, ...sshd.env } });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('is not in known_hosts');
    expect(r.log).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1`);
  });

  it('with StrictHostKeyChecking accept-new, saves a new host key as OpenSSH does; the next run checks against it', async () => {
    sshd.forget();
    // The ssh settings come from the user's ~/.ssh/config, read without ssh: a HOME of the test's own.
    const home = mkdtempSync(join(tmpdir(), 'accept-new-'));
    const knownHosts = join(home, 'known_hosts');
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'config'), `Host 127.0.0.1\n  StrictHostKeyChecking accept-new\n  UserKnownHostsFile ${knownHosts}\n`);
    // An `ssh` first on PATH that notes every call: the config needs none.
    const bin = mkdtempSync(join(tmpdir(), 'ssh-bin-'));
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\necho "$@" >> ${join(bin, 'calls')}\nexec /usr/bin/ssh "$@"\n`);
    chmodSync(join(bin, 'ssh'), 0o755);
    const env = { DOCKER_HOST: sshd.url, ...sshd.env, HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const first = await runAction({ app: SSH_APP, command: 'status' }, { cwd: repo, env });
    expect(first.code, first.log).toBe(0);
    expect(existsSync(join(bin, 'calls'))).toBe(false);
    // The key the server really has (asked on 127.0.0.1) is the one saved, for [127.0.0.1]:port.
    const served = execFileSync('ssh-keyscan', ['-t', 'ed25519', '-p', String(sshd.port), '127.0.0.1'], { encoding: 'utf8' }).trim().split(/\s+/).pop()!;
    const saved = readFileSync(knownHosts, 'utf8').trim().split('\n');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.split(' ').slice(1)).toEqual(['ssh-ed25519', served]);
    expect(checkHostKey(saved, '127.0.0.1', sshd.port, 'ssh-ed25519', served)).toBe('known');
    expect(statSync(knownHosts).mode & 0o777).toBe(0o600);
    // Now a key that differs from the saved one is refused: accept-new accepts a host once, not any key every time.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, 'other')]);
    const other = readFileSync(join(home, 'other.pub'), 'utf8').split(' ')[1]!;
    writeFileSync(knownHosts, `${saved[0]!.split(' ')[0]} ssh-ed25519 ${other}\n`);
    const second = await runAction({ app: SSH_APP, command: 'status' }, { cwd: repo, env });
    expect(second.code).not.toBe(0);
    expect(second.log).toContain('does not match known_hosts (changed): refusing to connect');
  });

  it('asks `ssh -G` for a configuration with a Match block, and uses what it says', async () => {
    sshd.forget();
    const home = mkdtempSync(join(tmpdir(), 'match-'));
    const knownHosts = join(home, 'known_hosts');
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(join(home, '.ssh', 'config'), `Match host 127.0.0.1\n  StrictHostKeyChecking accept-new\n  UserKnownHostsFile ${knownHosts}\n`);
    // OpenSSH reads the account's home, not $HOME: the wrapper points it at the test's config and notes the call.
    const bin = mkdtempSync(join(tmpdir(), 'ssh-bin-'));
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\necho "$@" >> ${join(bin, 'calls')}\nexec /usr/bin/ssh -F ${join(home, '.ssh', 'config')} "$@"\n`);
    chmodSync(join(bin, 'ssh'), 0o755);
    const r = await runAction(
      { app: SSH_APP, command: 'status' },
      { cwd: repo, env: { DOCKER_HOST: sshd.url, ...sshd.env, HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}` } },
    );
    expect(r.code, r.log).toBe(0);
    expect(readFileSync(join(bin, 'calls'), 'utf8')).toContain('-G');
    // accept-new came from ssh -G: the key was saved where the Match block said.
    expect(readFileSync(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519 `);
  });
});

describe('DOCKER_HOST=ssh://host/path/to/docker.sock', () => {
  let sshd: Sshd;
  let closed: Sshd;

  beforeAll(async () => {
    [sshd, closed] = await Promise.all([startSshd(), startSshd({ streamLocal: false })]);
  });
  afterAll(() => Promise.all([sshd?.stop(), closed?.stop()]));

  it('talks to exactly that socket, forwarded by the ssh server (no docker process on the host)', async () => {
    const repo = appRepo({ kind: 'web' });
    const r = await runAction(
      { app: SSH_APP, command: 'status' },
      { cwd: repo, env: { DOCKER_HOST: `${sshd.url}/var/run/docker.sock`, ...sshd.env } },
    );
    expect(r.code, r.log).toBe(0);
    expect(sshd.log()).toContain('server_request_direct_streamlocal: originator  port 0, target /var/run/docker.sock');
    expect(sshd.log()).not.toContain('req exec');
    expect(sshd.ssh2Connections()).toBe(1);
  });

  it('says so when the server does not forward to sockets', async () => {
    const repo = appRepo({ kind: 'web' });
    const r = await runAction(
      { app: SSH_APP, command: 'status' },
      { cwd: repo, env: { DOCKER_HOST: `${closed.url}/var/run/docker.sock`, ...closed.env } },
    );
    expect(r.code).not.toBe(0);
    // It ends on its own (the ssh connection it opened is closed), not at the helper's kill.
    expect(r.signal).toBeNull();
    expect(r.log).toContain('the ssh server did not forward to /var/run/docker.sock');
    expect(r.log).toContain('AllowStreamLocalForwarding yes');
  });
});

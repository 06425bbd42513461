/**
 * Drift (issue 13): command status reports, and fails on, live or warm instances that changed since they
 * started; read-only instances cannot change. Real Docker (docker exec into the live instance), real HAProxy,
 * driven through the bundled dist/index.js as the runner drives it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'immdrift';
type Versions = {
  version: string;
  state: string;
  instances?: { name: string; drift?: { instance: string; drifted: boolean; changed: string[]; execSessions: string[] } }[];
}[];

describe('drift in command: status', () => {
  let repo: string;
  let haproxy: HaproxyServer;
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>) => runAction({ ...inputs, ...more }, { cwd: repo });
  const liveName = () => running(APP, 'production').find((i) => i.version === liveVersion)!.name;
  let liveVersion = '';
  let warmVersion = '';

  beforeAll(async () => {
    cleanupApp(APP);
    haproxy = await startHaproxy({ backend: `${APP}-production` });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': haproxy.socket, 'health-timeout': '20', 'drain-seconds': '0' };
    repo = appRepo({ kind: 'web', text: 'one' });
    const first = await act({ command: 'deploy' });
    expect(first.code, first.log).toBe(0);
    warmVersion = first.outputs.version!;
    commitChange(repo, 'two');
    const second = await act({ command: 'deploy' });
    expect(second.code, second.log).toBe(0);
    liveVersion = second.outputs.version!;
  });
  afterAll(async () => {
    await haproxy?.stop();
    cleanupApp(APP);
  });

  it('reports no drift for untouched instances', async () => {
    const r = await act({ command: 'status' });
    expect(r.code, r.log).toBe(0);
    const versions = JSON.parse(r.outputs.versions!) as Versions;
    expect(versions.find((v) => v.state === 'live')!.instances!.map((i) => i.drift)).toEqual([
      expect.objectContaining({ drifted: false, changed: [], execSessions: [] }),
    ]);
    expect(versions.find((v) => v.state === 'warm')!.instances!.map((i) => i.drift)).toEqual([expect.objectContaining({ drifted: false })]);
    expect(r.summary).toContain('Drift: none in 2 instance(s)');
  });

  it('fails when someone wrote a file in the live instance with docker exec, naming the instance and the file', async () => {
    const name = liveName();
    docker('exec', name, '/bin/busybox', 'sh', '-c', 'echo patched > /www/hotfix.html');
    const r = await act({ command: 'status' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('1 instance(s) drifted from what was deployed');
    expect(r.log).toContain(`${name}: its filesystem changed: A /www/hotfix.html`);
    const versions = JSON.parse(r.outputs.versions!) as Versions;
    expect(versions.find((v) => v.version === liveVersion)!.instances!.map((i) => i.drift)).toEqual([
      expect.objectContaining({ instance: name, drifted: true, changed: ['A /www/hotfix.html'] }),
    ]);
    expect(versions.find((v) => v.version === warmVersion)!.instances![0]!.drift!.drifted).toBe(false);
    expect(r.summary).toContain('1 of 2 instance(s) DRIFTED');
    expect(r.summary).toContain(`| ${name} | as deployed | CHANGED: \`A /www/hotfix.html\` | none |`);
    // Status changed nothing: the drifted instance still serves.
    expect((await get(haproxy.url)).body).toContain('two');
  });

  it('does not count a path declared in writable-paths', async () => {
    const r = await act({ command: 'status', 'writable-paths': '/www/hotfix.html' });
    expect(r.code, r.log).toBe(0);
    expect(r.summary).toContain('Writable paths (not counted): `/www/hotfix.html`');
  });

  it('fails while a docker exec session is open in a warm instance, naming its command', async () => {
    const warm = running(APP, 'production').find((i) => i.version === warmVersion)!.name;
    const session = spawn('docker', ['exec', '-i', warm, '/bin/busybox', 'sh']);
    try {
      // The session is open once the shell answers.
      session.stdin.write('echo ready\n');
      await new Promise<void>((resolve) => session.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve()));
      const r = await act({ command: 'status', 'writable-paths': '/www' });
      expect(r.code).not.toBe(0);
      expect(r.log).toMatch(new RegExp(`${warm}: docker exec session\\(s\\) open: [0-9a-f]{12} /bin/busybox sh`));
      expect(r.log).not.toContain(`${liveName()}:`);
    } finally {
      session.stdin.end('exit\n');
      await new Promise((r) => session.on('close', r));
    }
    const after = await act({ command: 'status', 'writable-paths': '/www' });
    expect(after.code, after.log).toBe(0);
  });
});

describe('read-only instances', () => {
  const ro = `${APP}ro`;
  let repo: string;
  beforeAll(() => {
    cleanupApp(ro);
    repo = appRepo({ kind: 'web', text: 'read only' });
  });
  afterAll(() => cleanupApp(ro));

  it('start with a read-only root and a tmpfs /tmp: a write fails, /tmp works, status finds no drift', async () => {
    const r = await runAction({ app: ro, command: 'deploy', 'read-only': 'true', 'health-timeout': '20' }, { cwd: repo });
    expect(r.code, r.log).toBe(0);
    expect((await get(r.outputs.url!)).body).toContain('read only');
    const [inst] = running(ro);
    const c = JSON.parse(docker('container', 'inspect', inst!.name))[0];
    expect(c.HostConfig.ReadonlyRootfs).toBe(true);
    expect(Object.keys(c.HostConfig.Tmpfs)).toEqual(['/tmp']);
    const write = spawnSync('docker', ['exec', inst!.name, '/bin/busybox', 'sh', '-c', 'echo x > /www/hotfix.html'], { encoding: 'utf8' });
    expect(write.status).not.toBe(0);
    expect(write.stderr).toContain('Read-only file system');
    docker('exec', inst!.name, '/bin/busybox', 'sh', '-c', 'echo scratch > /tmp/work');
    const s = await runAction({ app: ro, command: 'status' }, { cwd: repo });
    expect(s.code, s.log).toBe(0);
    expect(s.summary).toContain('Drift: none in 1 instance(s)');
  });

  it('tmpfs takes the listed paths, with mount options', async () => {
    const r = await runAction(
      { app: ro, environment: 'tmpfs', command: 'deploy', 'read-only': 'true', tmpfs: '/run:size=1m\n/var/cache', 'health-timeout': '20' },
      { cwd: repo },
    );
    expect(r.code, r.log).toBe(0);
    const [inst] = running(ro, 'tmpfs');
    const c = JSON.parse(docker('container', 'inspect', inst!.name))[0];
    expect(c.HostConfig.Tmpfs).toEqual({ '/run': 'size=1m', '/var/cache': '' });
  });

  it('a cold rollback starts the version read-only again, with its tmpfs, from its recorded run spec', async () => {
    const lb = await startHaproxy({ backend: `${ro}-cold` });
    try {
      const base = { app: ro, environment: 'cold', router: 'haproxy', 'haproxy-socket': lb.socket, keep: '0', 'drain-seconds': '0', 'stop-timeout': '1', 'health-timeout': '20' };
      const v1 = await runAction({ ...base, 'read-only': 'true', tmpfs: '/run:size=1m' }, { cwd: repo });
      expect(v1.code, v1.log).toBe(0);
      // v2 is not read-only, and with keep 0 v1 is retired: the rollback has to start v1 afresh.
      commitChange(repo, 'writable');
      const v2 = await runAction(base, { cwd: repo });
      expect(v2.code, v2.log).toBe(0);
      expect(running(ro, 'cold').map((i) => i.version)).toEqual([v2.outputs.version]);
      const back = await runAction({ app: ro, environment: 'cold', command: 'rollback', version: v1.outputs.version! }, { cwd: repo });
      expect(back.code, back.log).toBe(0);
      expect(back.log).toContain('is not running: starting a fresh instance');
      expect((await get(lb.url)).body).toContain('read only');
      const inst = running(ro, 'cold').find((i) => i.version === v1.outputs.version)!;
      const c = JSON.parse(docker('container', 'inspect', inst.name))[0];
      expect(c.HostConfig.ReadonlyRootfs).toBe(true);
      expect(c.HostConfig.Tmpfs).toEqual({ '/run': 'size=1m' });
    } finally {
      await lb.stop();
    }
  });
});

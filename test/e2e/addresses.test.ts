/**
 * Issue 8 §1: an instance keeps the address the balancer points at for its whole life, and `status`
 * tells the truth. Real Docker and a real HAProxy, through the bundled dist/index.js; traffic (wrk
 * included) only to 127.0.0.1. The host-reboot and dockerd-restart cases run against a private engine
 * in test/e2e/engine-restart.test.ts (never the machine's shared dockerd).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeCommand } from '../../src/drivers/haproxy/runtime-api.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { waitFor } from '../helpers/wait.js';
import { freePort, get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'prodaddr';
const FOREIGN = 'prodaddrx';

const liveName = () => running(APP, 'production')[0]!.name;
const portOf = (name: string) => docker('port', name, '8080/tcp').split('\n')[0]!;
const restartCount = (name: string) => Number(docker('inspect', '-f', '{{.RestartCount}}', name));

/** A bounded wrk run against the balancer; resolves with its report. */
function wrk(url: string, seconds: number): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn('wrk', ['-t1', '-c4', `-d${seconds}s`, '--timeout', '2s', url]);
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('close', () => resolve(out));
  });
}

describe('an instance keeps its address; status tells the truth', () => {
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string> = {}) => runAction({ ...inputs, ...extra }, { cwd: repo });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  const balancerServes = (body: string) => async () => {
    try {
      const r = await get(lb.url, 1000);
      return r.status === 200 && r.body === body ? true : undefined;
    } catch {
      return undefined;
    }
  };

  beforeAll(async () => {
    cleanupApp(APP);
    cleanupApp(FOREIGN);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'drain-seconds': '0', 'stop-timeout': '1' };
    expectOk(await action());
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
    cleanupApp(FOREIGN);
  });

  it('publishes the instance on a port of port-range, explicitly, avoiding a port a process on the host holds', async () => {
    const name = liveName();
    const binding = JSON.parse(docker('inspect', '-f', '{{json .HostConfig.PortBindings}}', name)) as Record<string, { HostPort: string }[]>;
    const port = Number(binding['8080/tcp']![0]!.HostPort);
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(port).toBeLessThanOrEqual(29999);

    // A range of two ports, the first held by a listener on this machine: the instance takes the second.
    let held: Server | undefined;
    let first = 0;
    for (let tries = 0; !held && tries < 20; tries++) {
      first = 40000 + Math.floor(Math.random() * 5000);
      held = await new Promise<Server | undefined>((resolve) => {
        const s = createServer();
        s.once('error', () => resolve(undefined));
        s.listen(first, '127.0.0.1', () => resolve(s));
      });
    }
    try {
      commitChange(repo, 'v2');
      const r = await action({ 'port-range': `${first}-${first + 1}` });
      expectOk(r);
      expect(r.outputs.url).toBe(`http://127.0.0.1:${first + 1}`);
      expect((await get(lb.url)).body).toBe('v2\n');
    } finally {
      await new Promise((r) => held!.close(r));
    }
  });

  it('after the live process is killed under wrk load, the balancer serves again once Docker restarted it, with no action run', async () => {
    const name = liveName();
    const port = portOf(name);
    const before = restartCount(name);
    const load = wrk(lb.url, 6);
    const pid = Number(docker('inspect', '-f', '{{.State.Pid}}', name));
    process.kill(pid, 'SIGKILL');
    await waitFor('Docker to restart the instance', () => (restartCount(name) > before ? true : undefined));
    await waitFor('the balancer to serve v2 again', balancerServes('v2\n'));
    expect(portOf(name)).toBe(port);
    const report = await load;
    console.log('wrk while the live process was killed and restarted:\n' + report);
    expect(report).toMatch(/requests in/);
    const status = await action({ command: 'status' });
    expectOk(status);
    expect(status.outputs['live-version']).toBe(running(APP, 'production')[0]!.version);
  });

  it('docker restart keeps the address: the balancer serves again', async () => {
    const name = liveName();
    const port = portOf(name);
    docker('restart', '--time', '1', name);
    expect(portOf(name)).toBe(port);
    await waitFor('the balancer to serve v2 again', balancerServes('v2\n'));
    expectOk(await action({ command: 'status' }));
  });

  it('status fails when the live instance is stopped, says so and what to run; starting it serves again', async () => {
    const name = liveName();
    docker('stop', '--time', '1', name);
    const r = await action({ command: 'status' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`The live instance ${name}`);
    expect(r.log).toContain('is stopped');
    expect(r.log).toContain('command: rollback');
    expect(r.summary).toContain('Not serving as it should');
    docker('start', name);
    await waitFor('the balancer to serve v2 again', balancerServes('v2\n'));
    expectOk(await action({ command: 'status' }));
  });

  it('status fails when the balancer points at a dead port', async () => {
    const name = liveName();
    const live = portOf(name).split(':').pop()!;
    const dead = await freePort();
    await runtimeCommand({ path: lb.socket }, `set server ${APP}-production/live addr 127.0.0.1 port ${dead}`);
    try {
      const r = await action({ command: 'status' });
      expect(r.code).not.toBe(0);
      expect(r.log).toContain(`points at 127.0.0.1:${dead}, where no instance of ${APP} in production is published (a dead port)`);
    } finally {
      await runtimeCommand({ path: lb.socket }, `set server ${APP}-production/live addr 127.0.0.1 port ${live}`);
    }
    expectOk(await action({ command: 'status' }));
  });

  it('status fails when the balancer serves another app; a deploy refuses to take that slot and changes nothing', async () => {
    const other = await runAction({ app: FOREIGN, router: 'none' }, { cwd: appRepo({ kind: 'web', text: 'foreign' }) });
    expectOk(other);
    const foreignPort = other.outputs.url!.split(':').pop()!;
    const live = portOf(liveName()).split(':').pop()!;
    await runtimeCommand({ path: lb.socket }, `set server ${APP}-production/live addr 127.0.0.1 port ${foreignPort}`);
    try {
      const r = await action({ command: 'status' });
      expect(r.code).not.toBe(0);
      expect(r.log).toContain(`serves ${FOREIGN} in production`);
      const before = running(APP, 'production');
      commitChange(repo, 'v3');
      const d = await action();
      expect(d.code).not.toBe(0);
      expect(d.log).toContain(`serves ${FOREIGN} in production`);
      expect(d.log).toContain('Nothing was changed');
      expect(d.log).not.toContain('::group::Start a fresh instance');
      expect(running(APP, 'production')).toEqual(before);
      expect((await get(lb.url)).body).toBe('foreign\n');
    } finally {
      await runtimeCommand({ path: lb.socket }, `set server ${APP}-production/live addr 127.0.0.1 port ${live}`);
    }
  });
});

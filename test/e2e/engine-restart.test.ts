/**
 * Issue 8 §1, the restart cases that need an engine of their own: an instance keeps the address the
 * balancer points at across a dockerd restart and a host "reboot". Never on the machine's shared dockerd:
 * the engine is a private one in a network namespace (test/helpers/hosts.ts: prod1, 10.79.1.2, its own
 * data and exec roots), reached as DOCKER_HOST=unix://<its socket>; instances are published on the
 * namespace's address and a real HAProxy on 127.0.0.1 points there. Through the bundled dist/index.js.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo } from '../helpers/docker.js';
import { startHosts, type TestHost, type TestHosts } from '../helpers/hosts.js';
import { waitFor } from '../helpers/wait.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'prodeng';
const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);

/** Every process whose command line names `dir` (the engine's dockerd, containerd and shims), and the containers' own. */
function engineProcesses(host: TestHost): number[] {
  const pids: number[] = [];
  for (const n of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(host.dir)) pids.push(Number(n));
    } catch {
      // gone
    }
  }
  const running = host.docker('ps', '-q');
  if (running) for (const id of running.split('\n')) pids.push(Number(host.docker('inspect', '-f', '{{.State.Pid}}', id)));
  return pids.filter((p) => p > 0);
}

describe('an instance keeps its address across a dockerd restart and a host reboot (private engine)', () => {
  let hosts: TestHosts;
  let host: TestHost;
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  let env: Record<string, string>;
  const action = (extra: Record<string, string> = {}) => runAction({ ...inputs, ...extra }, { cwd: repo, env });
  const serves = (body: string) => async () => {
    try {
      const r = await get(lb.url, 1000);
      return r.status === 200 && r.body === body ? true : undefined;
    } catch {
      return undefined;
    }
  };
  const liveAddress = () => {
    const name = host.docker('ps', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--format', '{{.Names}}').split('\n')[0]!;
    return host.docker('port', name, '8080/tcp');
  };

  beforeAll(async () => {
    hosts = await startHosts({ prefix: 'prod', subnets: [1], base: '10.79' });
    host = hosts.hosts[0]!;
    env = { DOCKER_HOST: `unix://${host.socket}` };
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'upstream-host': host.address, 'drain-seconds': '0', 'stop-timeout': '1' };
    expectOk(await action());
    expect((await get(lb.url)).body).toBe('v1\n');
  }, 240_000);
  afterAll(async () => {
    await lb?.stop();
    await hosts?.stop();
  });

  it('a dockerd restart: the instance comes back on the same address and the balancer serves again, no action run', async () => {
    const before = liveAddress();
    expect(before).toMatch(new RegExp(`^${host.address.replace(/\./g, '\\.')}:2\\d{4}$`));
    await host.stopEngine();
    await host.startEngine();
    await waitFor('the balancer to serve v1 again', serves('v1\n'));
    expect(liveAddress()).toBe(before);
    expectOk(await action({ command: 'status' }));
  }, 180_000);

  it('a host reboot (every engine process killed with SIGKILL, its runtime directory gone): same address, serving again', async () => {
    const before = liveAddress();
    for (const pid of engineProcesses(host)) spawnSync('kill', ['-9', String(pid)]);
    // What a reboot leaves of /var/run: nothing (mounts first, then the directory).
    const exec = join(host.dir, 'exec');
    const mounts = spawnSync('findmnt', ['-rn', '-o', 'TARGET'], { encoding: 'utf8' }).stdout.split('\n').filter((m) => m.startsWith(`${exec}/`));
    for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
    rmSync(exec, { recursive: true, force: true });
    rmSync(join(host.dir, 'docker.pid'), { force: true });
    await host.startEngine();
    await waitFor('the balancer to serve v1 again', serves('v1\n'));
    expect(liveAddress()).toBe(before);
    expectOk(await action({ command: 'status' }));
  }, 180_000);
});

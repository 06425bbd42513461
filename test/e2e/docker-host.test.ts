/**
 * Every docker call honours DOCKER_HOST (so a remote engine, e.g. ssh://, works the same as the local one).
 * Here the "remote" engine is the local one behind a TCP forwarder (socat) on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, get } from '../helpers/docker.js';
import { freePort } from '../helpers/registry.js';

const APP = 'dockerhost';

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe('DOCKER_HOST', () => {
  let forwarder: ChildProcess;
  let port: number;
  let repo: string;

  beforeAll(async () => {
    cleanupApp(APP);
    port = await freePort();
    forwarder = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, 'UNIX-CONNECT:/var/run/docker.sock'], { stdio: 'ignore' });
    // Ready when socat accepts connections.
    for (const deadline = Date.now() + 10_000; !(await accepts(port)); ) {
      if (Date.now() > deadline) throw new Error(`socat did not listen on 127.0.0.1:${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
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

  it('says which engine it could not reach', async () => {
    const dead = await freePort();
    const r = await runAction({ app: APP, command: 'status' }, { cwd: repo, env: { DOCKER_HOST: `tcp://127.0.0.1:${dead}` } });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain(`tcp://127.0.0.1:${dead}`);
  });
});

/**
 * Every Engine API call has a timeout (src/drivers/docker/engine.ts). A small HTTP proxy in front of the
 * machine's dockerd passes everything on except one kind of request, which it takes and never answers (a
 * hung engine): the run fails naming that call, having released the lock, and the next run takes the lock
 * at once. The default call timeout is shortened through the test hook IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, docker, running } from '../helpers/docker.js';

const APP = 'enghang';

/** A proxy to /var/run/docker.sock on a unix socket of its own; requests `hang` matches are never answered. */
function engineProxy(socket: string, hang: (method: string, path: string) => boolean): Promise<{ server: Server; hung: string[]; held: ServerResponse[] }> {
  const hung: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (hang(req.method ?? '', path)) {
      hung.push(`${req.method} ${path}`);
      held.push(res);
      req.resume();
      return;
    }
    const up = request({ socketPath: '/var/run/docker.sock', method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(socket, () => resolve({ server, hung, held })));
}

describe('a hung Engine API call', () => {
  let repo: string;
  let proxy: Awaited<ReturnType<typeof engineProxy>>;
  let socket: string;

  beforeAll(async () => {
    cleanupApp(APP);
    repo = appRepo({ kind: 'web', text: 'v1' });
    socket = join(mkdtempSync(join(tmpdir(), 'enghang-')), 'docker.sock');
    // Starting a container never gets an answer; everything else passes.
    proxy = await engineProxy(socket, (method, path) => method === 'POST' && /\/containers\/[^/]+\/start$/.test(path));
  });
  afterAll(async () => {
    for (const r of proxy?.held ?? []) r.destroy();
    await new Promise((r) => proxy?.server.close(r));
    cleanupApp(APP);
  });

  it('fails the run naming the call, after releasing the lock; the next run takes the lock at once', async () => {
    const r = await runAction(
      { app: APP, 'lock-timeout': '0' },
      { cwd: repo, env: { DOCKER_HOST: `unix://${socket}`, IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC: '5' }, timeoutMs: 120_000 },
    );
    expect(r.code).not.toBe(0);
    expect(proxy.hung.length).toBeGreaterThan(0);
    expect(r.log).toMatch(new RegExp(`The Docker engine at unix://${socket.replace(/[./]/g, '\\$&')} did not answer POST /containers/[0-9a-f]+/start within 5s: the run stops here`));
    // The lock (a volume and its renewals) is gone, and so is the instance that never started.
    expect(docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.lock-name=${APP}.production.lock`)).toBe('');
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`)).toBe('');
    // Straight to the engine, the next run neither waits for the lock nor takes it over.
    const next = await runAction({ app: APP, 'lock-timeout': '0' }, { cwd: repo, timeoutMs: 120_000 });
    expect(next.code, next.log).toBe(0);
    expect(next.log).not.toContain('Waiting for the deploy lock');
    expect(next.log).not.toContain('Taking over the deploy lock');
    expect(running(APP)).toHaveLength(1);
  });
});

/**
 * The release model through a real nginx: deploys and rollbacks with 0 failed requests for clients that
 * open a connection per request, and a failing config test that leaves nginx serving the live version.
 * Keep-alive clients are measured and printed, not asserted: an nginx reload closes idle keep-alive
 * connections (see docs/routers.md and docs/benchmarks.md).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, running } from '../helpers/docker.js';
import { get, runLoad, startNginx, type LoadResult, type NginxServer } from '../helpers/servers.js';

const APP = 'relngx';

describe('release through nginx', () => {
  let lb: NginxServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string>) => runAction({ ...inputs, ...extra }, { cwd: repo });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startNginx({ upstreamName: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      router: 'nginx',
      'nginx-upstream-file': lb.upstreamFile,
      'nginx-test-command': lb.testCommand.join(' '),
      'nginx-reload-command': lb.reloadCommand.join(' '),
      'nginx-pid-file': lb.pidFile,
      'drain-seconds': '1',
      'stop-timeout': '1',
    };
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('deploys and rolls back with 0 failed requests for connection-per-request clients', async () => {
    const v1 = await action({});
    expect(v1.code, v1.log).toBe(0);
    let done = false;
    const loads: Promise<LoadResult>[] = [false, true].map((keepAlive) =>
      runLoad(lb.url, { keepAlive, concurrency: 4, maxRequests: 200_000, maxMs: 100_000, stop: () => done, expectBodies: ['v1\n', 'v2\n'] }),
    );
    try {
      commitChange(repo, 'v2');
      const v2 = await action({});
      expect(v2.code, v2.log).toBe(0);
      expect((await get(lb.url)).body).toBe('v2\n');
      for (let i = 0; i < 2; i++) {
        const back = await action({ command: 'rollback' });
        expect(back.code, back.log).toBe(0);
        expect((await get(lb.url)).body).toBe(i === 0 ? 'v1\n' : 'v2\n');
      }
    } finally {
      done = true;
    }
    const [perRequest, keepAlive] = await Promise.all(loads);
    console.log('nginx release under load', { perRequest, keepAlive });
    expect(perRequest!.requests).toBeGreaterThan(100);
    expect(perRequest!.failed, JSON.stringify(perRequest!.reasons)).toBe(0);
  });

  it('a failing config test leaves nginx serving the live version and removes the new instance', async () => {
    const fileBefore = readFileSync(lb.upstreamFile, 'utf8');
    const before = running(APP);
    commitChange(repo, 'v3');
    const r = await action({ 'nginx-test-command': 'bash -c "echo nginx: configuration file test failed >&2; exit 1"' });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('configuration file test failed');
    // Read back after the failed flip: nginx still serves the live version, so the new instance goes.
    expect(r.log).toMatch(/Read back, nginx upstream .* still serves .*; the new instance \S+ was removed/);
    expect(readFileSync(lb.upstreamFile, 'utf8')).toBe(fileBefore);
    expect((await get(lb.url)).body).toBe('v2\n');
    expect(running(APP)).toEqual(before);
  });
});

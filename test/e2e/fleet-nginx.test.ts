/**
 * A fleet of 2 test hosts x 2 replicas behind a real nginx (the upstream file gets one server line per
 * instance; reload mode), through the bundle, under wrk with a connection per request (an nginx reload
 * closes idle keep-alive connections: see docs/routers.md): v1, then v2 with 0 failed requests and all four
 * v2 instances in the upstream, then a rollback to the warm v1 pool. Traffic only to 127.0.0.1 and the hosts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpstream } from '../../src/routers/nginx/upstream.js';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';
import { startNginx, type NginxServer } from '../helpers/servers.js';
import { startWrk } from '../helpers/wrk.js';

const APP = 'fleetngx';

describe('a fleet of 2 hosts x 2 replicas behind nginx', () => {
  let th: TestHosts;
  let lb: NginxServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string> = {}) => runAction({ ...inputs, ...extra }, { cwd: repo, env: th.env, timeoutMs: 180_000 });
  const expectOk = (r: ActionRun) => expect(r.code, r.log).toBe(0);
  const upstream = () => parseUpstream(readFileSync(lb.upstreamFile, 'utf8'), `${APP}-production`).map((a) => `http://${a.host}:${a.port}`);

  beforeAll(async () => {
    cleanupApp(APP);
    th = await startHosts({ prefix: 'fleet', subnets: [5, 6] });
    lb = await startNginx({ upstreamName: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1' });
    inputs = {
      app: APP,
      hosts: th.input(),
      replicas: '2',
      router: 'nginx',
      'nginx-upstream-file': lb.upstreamFile,
      'nginx-test-command': lb.testCommand.join(' '),
      'nginx-reload-command': lb.reloadCommand.join(' '),
      'nginx-pid-file': lb.pidFile,
      'drain-seconds': '1',
      'stop-timeout': '1',
    };
  }, 180_000);
  afterAll(async () => {
    await lb?.stop();
    await th?.stop();
    cleanupApp(APP);
  });

  it('deploys v1 and v2 (0 failed requests, four server lines, all v2), then rolls back to the warm v1 pool', async () => {
    const v1 = await action();
    expectOk(v1);
    const v1Urls = upstream();
    expect(v1Urls).toHaveLength(4);

    commitChange(repo, 'v2');
    const wrk = startWrk(lb.url, { perRequest: true, connections: 4, maxSec: 170 });
    const v2 = await action();
    const load = await wrk.stop();
    expectOk(v2);
    expect(load.requests).toBeGreaterThan(100);
    expect(load.failed, load.output).toBe(0);
    const v2Urls = upstream();
    expect(v2Urls).toHaveLength(4);
    expect(new Set(v2Urls.map((u) => new URL(u).hostname))).toEqual(new Set(th.hosts.map((h) => h.address)));
    for (const u of v2Urls) expect((await get(u)).body).toBe('v2\n');
    for (const u of v1Urls) expect((await get(u)).body).toBe('v1\n'); // warm on both hosts

    const back = await action({ command: 'rollback' });
    expectOk(back);
    expect(upstream().sort()).toEqual([...v1Urls].sort());
    for (let n = 0; n < 8; n++) expect((await get(lb.url)).body).toBe('v1\n');
  });
});

/**
 * Human gates and judging on evidence (issue 20, sections 3 and 5), through the bundled dist/index.js, a real
 * HAProxy (judged by its own counters), real docker and a fake GitHub API for the Deployments: `pause` in
 * canary-steps ends the run with the canary at its share and the release state recorded; command: promote
 * and command: abort (separate runs) go on or back from that record; past its pause-timeout, status fails and
 * the next deploy aborts it first; analysis-mode dry-run reports a breach without aborting; load-command runs
 * for each judged step (it is also the traffic every step is judged on here).
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, running } from '../helpers/docker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = `gate${process.pid % 10_000}`;
/** The log as printed by workflow commands (::error:: escapes % and newlines). */
const decode = (log: string) => log.replace(/%0A/g, '\n').replace(/%25/g, '%');

describe('human gates, dry-run and load-command (issue 20)', () => {
  let lb: HaproxyServer;
  let gh: FakeGitHub;
  let repo: string;
  let marks: string;
  let inputs: Record<string, string>;
  let hook: http.Server;
  /** What the notify-webhook receiver got (JSON bodies). */
  const events: { event?: string; version?: string; detail?: string }[] = [];
  const v: Record<string, string> = {};
  const env = () => ({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: gh.url, GITHUB_RUN_ID: '77' });
  const run = (extra: Record<string, string>): Promise<ActionRun> => runAction({ ...inputs, ...extra }, { cwd: repo, env: env() });
  /** What `n` requests through the balancer get, by body. */
  const through = async (n: number): Promise<Record<string, number>> => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const r = await get(`${lb.url}/`);
      const key = r.status === 200 ? r.body.trim() : String(r.status);
      seen[key] = (seen[key] ?? 0) + 1;
    }
    return seen;
  };
  const deploymentOf = (version: string) => gh.deployments.filter((x) => (x.payload as { version?: string }).version === version).at(-1)!;

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production`, server: 'gate', slots: 2 });
    gh = await startFakeGitHub({ owner: 'acme', repo: 'shop' });
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        events.push(JSON.parse(body) as (typeof events)[number]);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    const dir = mkdtempSync(join(tmpdir(), 'gate-load-'));
    marks = join(dir, 'marks');
    writeFileSync(marks, '');
    const load = join(dir, 'load.sh');
    // Four clients, bounded in count (4 x 500 requests) and time (each at most 2 s): through the balancer, as users come.
    writeFileSync(
      load,
      [
        '#!/bin/bash',
        `echo "start $STEP $SHARE $VERSION" >> ${marks}`,
        `trap 'echo "stop $STEP" >> ${marks}; exit 0' TERM`,
        'for j in 1 2 3 4; do (for i in $(seq 1 500); do curl -s -o /dev/null --max-time 2 "$ENVIRONMENT_URL/"; done) & done',
        'wait',
        '',
      ].join('\n'),
    );
    chmodSync(load, 0o755);
    inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-server': 'gate',
      'health-path': '/health.html',
      strategy: 'canary',
      // Short windows; on a busy machine the load script's requests come slowly, so few are asked for (the
      // window waits up to 3 x its length for them).
      'step-seconds': '2',
      'min-requests': '5',
      'max-error-rate': '5',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      'load-command': load,
      'environment-url': lb.url,
      'github-token': gh.token,
      'notify-webhook': `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
    };
    const r = await run({});
    expect(r.code, r.log).toBe(0);
    v.v1 = r.outputs.version!;
    expect(await through(5)).toEqual({ v1: 5 });
  });
  afterAll(async () => {
    await lb?.stop();
    await gh?.close();
    await new Promise((r) => hook?.close(r));
    cleanupApp(APP);
  });

  it('pauses after its step (success, paused outputs, Deployment in progress, how to go on); status shows it; another version is refused; promote goes on', async () => {
    commitChange(repo, 'v2');
    writeFileSync(marks, '');
    const paused = await run({ 'canary-steps': '20, pause, 50' });
    expect(paused.code, paused.log).toBe(0);
    v.v2 = paused.outputs.version!;
    expect(paused.outputs).toMatchObject({ paused: 'true', 'paused-step': '1/3', 'paused-share': '20' });
    expect(Date.parse(paused.outputs['paused-until']!) - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(paused.summary).toContain(`gh workflow run canary-gate.yml --repo acme/shop -f app=${APP} -f environment=production -f command=promote`);
    expect(paused.summary).toContain(`gh workflow run canary-gate.yml --repo acme/shop -f app=${APP} -f environment=production -f command=abort`);
    expect(paused.summary).toMatch(/### Paused: \S+ has 20% of the traffic \(step 1\/3\), 23h 59m left/);
    expect(paused.summary).toMatch(/```mermaid\nxychart-beta/);
    expect(paused.log).not.toContain('step 2/3');
    // Both versions serve through the balancer, the canary at its share.
    const split = await through(60);
    expect(split.v1! + split.v2!).toBe(60);
    expect(split.v2).toBeGreaterThan(0);
    expect(split.v2).toBeLessThan(30);
    const dep = deploymentOf(v.v2);
    expect(gh.latestState(dep.id)).toBe('in_progress');
    // notify-webhook: the run told people it paused (and not that it succeeded), with how to go on.
    const told = events.filter((e) => e.version === v.v2).map((e) => e.event);
    expect(told).toContain('paused');
    expect(told).not.toContain('succeeded');
    expect(events.find((e) => e.event === 'paused')!.detail).toContain('command=promote');

    const st = await run({ command: 'status' });
    expect(st.code, st.log).toBe(0);
    expect(st.summary).toMatch(/### Paused: \S+ has 20% of the traffic \(step 1\/3\), 23h \d+m left/);
    expect(st.outputs).toMatchObject({ paused: 'true', 'paused-share': '20' });

    const other = await run({ version: v.v1!, 'canary-steps': '20' });
    expect(other.code).not.toBe(0);
    expect(decode(other.log)).toMatch(/A canary of \S+ in production is paused at step 1\/3 at 20% .*a deploy of \S+ is refused while it waits\. Nothing was changed\./);
    expect(running(APP).map((i) => i.version).sort()).toEqual([v.v1, v.v2].sort());

    const promoted = await run({ command: 'promote' });
    expect(promoted.code, promoted.log).toBe(0);
    expect(promoted.log).toMatch(/step 2\/3: .* now routes/);
    expect(promoted.log).toMatch(/step 3\/3: .* now routes/);
    expect(promoted.log).not.toMatch(/step 1\/3: .* now routes/);
    expect(promoted.outputs).toMatchObject({ paused: 'false', 'live-version': v.v2, 'previous-version': v.v1 });
    expect(await through(20)).toEqual({ v2: 20 });
    // The Deployment the paused run left in progress is the one that succeeds.
    expect(gh.latestState(dep.id)).toBe('success');
    expect(deploymentOf(v.v2).id).toBe(dep.id);
    // load-command: started for each judged step and stopped after it, in both runs.
    expect(readFileSync(marks, 'utf8').trim().split('\n')).toEqual([`start step 1/3 20 ${v.v2}`, 'stop step 1/3', `start step 2/3 50 ${v.v2}`, 'stop step 2/3']);
  });

  it('abort, in a separate run, gives the stable version all traffic back and removes the canary', async () => {
    commitChange(repo, 'v3');
    const paused = await run({ 'canary-steps': '25, pause' });
    expect(paused.code, paused.log).toBe(0);
    v.v3 = paused.outputs.version!;
    expect(paused.outputs).toMatchObject({ paused: 'true', 'paused-step': '1/2' });
    expect(running(APP).map((i) => i.version)).toContain(v.v3);

    const aborted = await run({ command: 'abort' });
    expect(aborted.code, aborted.log).toBe(0);
    expect(aborted.summary).toContain('### Paused canary aborted');
    expect(aborted.summary).toMatch(/traffic is back on \S+ \(100%\); \S+, never promoted, was removed/);
    expect(await through(20)).toEqual({ v2: 20 });
    expect(running(APP).map((i) => i.version)).not.toContain(v.v3);
    expect(gh.latestState(deploymentOf(v.v3).id)).toBe('failure');

    const again = await run({ command: 'abort' });
    expect(again.code).not.toBe(0);
    expect(again.log).toContain(`No canary of ${APP} in production is paused: there is nothing to abort.`);
  });

  it('past its pause-timeout: status fails, and the next deploy aborts it first and says so', async () => {
    commitChange(repo, 'v4');
    const paused = await run({ 'canary-steps': '25, pause', 'pause-timeout': '2s' });
    expect(paused.code, paused.log).toBe(0);
    v.v4 = paused.outputs.version!;
    const until = Date.parse(paused.outputs['paused-until']!);
    // status: exit 0 while it waits, non-zero once it ran out (polled until then: the 2 s of the pause are the
    // event; a count of polls would end before it when status is fast).
    let st: ActionRun;
    do st = await run({ command: 'status' });
    while (st.code === 0 && Date.now() < until + 1000);
    expect(st.code, `status still exits 0 a second after the pause ran out (${new Date(until).toISOString()})`).not.toBe(0);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(decode(st.log)).toMatch(/paused at step 1\/2 at 25% ran out of its pause-timeout at .* The next deploy, promote, rollback or recycle aborts it first/);
    expect(running(APP).map((i) => i.version)).toContain(v.v4);

    const next = await run({ version: v.v2!, strategy: 'blue-green' });
    expect(next.code, next.log).toBe(0);
    expect(decode(next.log)).toMatch(/The canary of \S+ paused at step 1\/2 at 25% by .* ran out of its pause-timeout at .*: it is aborted first: traffic is back on/);
    expect(next.summary).toContain('### Paused canary aborted (pause-timeout)');
    expect(running(APP).map((i) => i.version)).not.toContain(v.v4);
    expect(await through(20)).toEqual({ v2: 20 });
    expect(gh.latestState(deploymentOf(v.v4).id)).toBe('failure');
  });

  it('analysis-mode dry-run judges a bad version, reports the breach (table and chart) and does not abort', async () => {
    commitChange(repo, 'v5');
    const r = await run({ 'canary-steps': '20', 'analysis-mode': 'dry-run', env: 'BAD_PERCENT=60' });
    expect(r.code, r.log).toBe(0);
    expect(decode(r.log)).toMatch(/step 1\/2: error-rate [\d.]+% > max-error-rate 5% .*analysis-mode dry-run: reported, not aborted/);
    expect(r.summary).toMatch(/\| step 1\/2 \| 20% \| \d+ \| \d+ \| \d+ \| [\d.]+% \| [^|]+ \| \*\*fail\*\* \(dry-run: not aborted\): error-rate/);
    expect(r.summary).toMatch(/x-axis \["1\/2 \(20%\) ✗ error-rate \(dry-run\)"\]/);
    expect(r.outputs['live-version']).toBe(r.outputs.version);
    const seen = await through(30);
    expect(Object.keys(seen).sort()).toEqual(['500', 'v5']);
  });
});

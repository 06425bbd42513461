/**
 * The release's state is written before it changes (issue 18 §2, issue 19 "a metrics source that fails
 * mid-step"), through the bundled dist/index.js, real Docker, HAProxy (slots) and Prometheus:
 * - a run killed (SIGKILL) while its canary has its share: status reports the interrupted canary and fails;
 *   the next deploy gives the stable version all traffic back before anything else, removes the never-judged
 *   canary, goes live with the stable version as previous-version, and keeps it warm;
 * - a run killed during the bake (all traffic on a version not judged yet): the same, back to the stable version;
 * - Prometheus stopped in the middle of a step: no verdict is no pass: traffic back on the stable version,
 *   the run fails naming the source and its error;
 * - keep: 1, v1 and v2, 21 recycles of v2 (more than the flip records kept): v1 is still warm and a
 *   rollback is one flip to it.
 * Apps are FROM-scratch busybox images (test/helpers/flaky.ts, docker.ts). Test prefix `rst`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, running } from '../helpers/docker.js';
import { startPrometheus, type PrometheusServer } from '../helpers/prometheus.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';
import { between, logMarks, record, recordTraffic, share, type Answer, type Traffic } from '../helpers/traffic.js';
import { waitFor } from '../helpers/wait.js';

/** The log as printed by workflow commands (::error:: escapes % and newlines). */
const decode = (log: string) => log.replace(/%0A/g, '\n').replace(/%25/g, '%');
const versionOf = (sha: string) => `sha-${sha.slice(0, 7)}`;
const is = (text: string) => (a: Answer) => a.what === `${text}\n`;

/** Stop `traffic` once 200 more requests were answered after now: what the balancer serves after a run. */
async function answersAfter(traffic: Traffic): Promise<{ all: Answer[]; after: Answer[] }> {
  const after = performance.now();
  await waitFor('200 answers after the run', () => (between(traffic.answers, after).length >= 200 ? true : undefined), 30_000, 20);
  const all = await traffic.stop();
  return { all, after: between(all, after) };
}

/** The canary's traffic answering `n` requests after the log matched `step`. */
function canaryAnswered(traffic: Traffic, marks: { at: Record<string, number> }, text: string, n: number): Promise<true> {
  return waitFor(
    `the canary answering ${n} requests`,
    () => (marks.at.step !== undefined && between(traffic.answers, marks.at.step).filter(is(text)).length >= n ? true : undefined),
    90_000,
    20,
  );
}

describe('a run killed (SIGKILL) while its canary has its share', () => {
  const APP = 'rstkill';
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  let v1: string;
  const action = (extra: Record<string, string>, opts: Partial<Parameters<typeof runAction>[1]> = {}) =>
    runAction({ ...inputs, ...extra }, { cwd: repo, ...opts });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production`, server: 'can', slots: 2 });
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-server': 'can',
      'health-path': '/health.html',
      strategy: 'canary',
      'canary-steps': '20',
      'min-requests': '20',
      'max-error-rate': '1',
      keep: '1',
      'drain-seconds': '1',
      'stop-timeout': '1',
    };
    const r = await action({});
    expect(r.code, r.log).toBe(0);
    v1 = r.outputs.version!;
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('status fails naming the interrupted canary; the next deploy converges first: stable back at 100%, the canary gone, stable warm', async () => {
    const v2 = versionOf(commitChange(repo, 'v2'));
    const marks = logMarks({ step: /step 1\/2: .* now routes/ });
    const traffic = recordTraffic(lb.url);
    const killed = await action({ 'step-seconds': '300' }, { onLog: marks.onLog, killOn: canaryAnswered(traffic, marks, 'v2', 20) });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.log).toMatch(/step 1\/2: judging/);
    expect(killed.log).not.toContain('Traffic is back on');
    // As the killed run left it: the canary still has its share (nothing shifted it back).
    const killedAt = performance.now();
    await waitFor('200 answers after the kill', () => (between(traffic.answers, killedAt).length >= 200 ? true : undefined), 30_000, 20);
    const afterKill = between(traffic.answers, killedAt);
    expect(afterKill.some(is('v2'))).toBe(true);
    expect(share(afterKill, is('v2'))).toBeLessThan(40);

    // status tells the truth: an interrupted canary, its version and share, and fails.
    const status = await action({ command: 'status' });
    expect(status.code, status.log).not.toBe(0);
    const said = new RegExp(`An interrupted canary: ${v2} has ([\\d.]+)% of the traffic \\(step 1/2; the stable version is ${v1}\\)`).exec(decode(status.log));
    expect(said, status.log).not.toBeNull();
    expect(Math.abs(Number(said![1]) - 20)).toBeLessThan(5);
    expect(status.outputs['live-version']).toBe(v1);

    // The next deploy of a healthy version: converges first, then goes live from the stable version.
    const v3 = versionOf(commitChange(repo, 'v3'));
    const next = await action({ strategy: 'blue-green' }, { onLog: marks.onLog });
    const { all, after } = await answersAfter(traffic);
    const log = decode(next.log);
    expect(next.code, next.log).toBe(0);
    expect(log).toMatch(new RegExp(`was interrupted during step 1/2 of ${v2} \\(it had [\\d.]+% of the traffic\\): traffic is back on ${v1} \\(100%\\); ${v2}, never judged, was removed`));
    expect(next.summary).toContain('Interrupted release converged');
    expect(next.outputs['live-version']).toBe(v3);
    expect(next.outputs['previous-version']).toBe(v1);
    expect(running(APP).map((i) => i.version).sort()).toEqual([v1, v3].sort());
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', `label=dev.immutable-deploy.version=${v2}`)).toBe('');
    // Through the balancer: nothing failed, and after the deploy only v3 answers.
    expect(all.filter((a) => a.status !== 200)).toEqual([]);
    expect(after.length).toBeGreaterThan(100);
    expect(after.every(is('v3'))).toBe(true);
    record('killed-canary', { answersAfterKill: afterKill.length, canaryShareAfterKill: share(afterKill, is('v2')) });

    // v1 stayed warm: the rollback is one flip to it.
    const warm = running(APP).find((i) => i.version === v1)!.name;
    const back = await action({ command: 'rollback' });
    expect(back.code, back.log).toBe(0);
    expect(back.log).toContain('one flip, no build, no pull');
    expect(back.outputs['live-version']).toBe(v1);
    expect(running(APP).find((i) => i.version === v1)!.name).toBe(warm);
    expect((await get(lb.url)).body).toBe('v1\n');
  }, 300_000);

  it('killed during the bake (100% on a version not judged yet): status fails; the next deploy gives the stable version all traffic back first', async () => {
    // The first test ended with a rollback to v1: the stable version.
    expect((await get(lb.url)).body).toBe('v1\n');
    const v4 = versionOf(commitChange(repo, 'v4'));
    const traffic = recordTraffic(lb.url);
    const marks = logMarks({ step: /bake: judging/ });
    const killed = await action({ strategy: 'blue-green', 'bake-seconds': '300' }, { onLog: marks.onLog, killOn: canaryAnswered(traffic, marks, 'v4', 20) });
    expect(killed.signal, killed.log).toBe('SIGKILL');
    expect(killed.log).toMatch(/bake: judging/);
    const status = await action({ command: 'status' });
    expect(status.code, status.log).not.toBe(0);
    expect(decode(status.log)).toMatch(new RegExp(`An interrupted bake: ${v4} has 100% of the traffic \\(switch; the stable version is ${v1}\\).*The next deploy, rollback or recycle gives ${v1} all traffic back first and removes ${v4} \\(never judged\\)`));

    const v5 = versionOf(commitChange(repo, 'v5'));
    const next = await action({ strategy: 'blue-green' });
    const { after } = await answersAfter(traffic);
    expect(next.code, next.log).toBe(0);
    expect(decode(next.log)).toMatch(new RegExp(`was interrupted during switch of ${v4} \\(it had 100% of the traffic\\): traffic is back on ${v1} \\(100%\\); ${v4}, never judged, was removed`));
    expect(next.outputs['live-version']).toBe(v5);
    expect(next.outputs['previous-version']).toBe(v1);
    expect(running(APP).map((i) => i.version)).not.toContain(v4);
    expect(after.every(is('v5'))).toBe(true);
  }, 300_000);
});

describe('Prometheus stopped in the middle of a canary step', () => {
  const APP = 'rstprom';
  let lb: HaproxyServer;
  let prometheus: PrometheusServer;
  let repo: string;
  let inputs: Record<string, string>;
  const sel = 'proxy="{{backend}}",server=~"{{servers}}"';
  let stoppedHere = false;

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production`, server: 'can', slots: 2, exporter: true });
    prometheus = await startPrometheus([lb.exporter!]);
    await prometheus.targetsUp();
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-server': 'can',
      'health-path': '/health.html',
      strategy: 'canary',
      'canary-steps': '20',
      'step-seconds': '120',
      'min-requests': '20',
      'max-error-rate': '1',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      metrics: 'prometheus',
      'prometheus-url': prometheus.url,
      'prometheus-requests-query': `sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
      'prometheus-error-rate-query':
        `100 * sum(increase(haproxy_server_http_responses_total{${sel},code="5xx"}[{{window}}]))` +
        ` / sum(increase(haproxy_server_http_responses_total{${sel}}[{{window}}]))`,
    };
    const r = await runAction(inputs, { cwd: repo });
    expect(r.code, r.log).toBe(0);
  });
  afterAll(async () => {
    await Promise.all([lb?.stop(), stoppedHere ? undefined : prometheus?.stop()]);
    cleanupApp(APP);
  });

  it('a source error is no verdict: asked again, then all traffic back on the stable version, failing with the source and its error', async () => {
    const v2 = versionOf(commitChange(repo, 'v2'));
    const marks = logMarks({ step: /step 1\/2: judging/, back: /Traffic is back on/ });
    const traffic = recordTraffic(lb.url);
    let stopped: Promise<void> | undefined;
    stoppedHere = true;
    const canaryServed = canaryAnswered(traffic, marks, 'v2', 20);
    void canaryServed.then(() => (stopped = prometheus.stop()));
    const r = await runAction({ ...inputs }, { cwd: repo, onLog: marks.onLog });
    await stopped;
    const { all, after } = await answersAfter(traffic);
    const log = decode(r.log);

    expect(stopped, 'Prometheus was stopped during the step').toBeDefined();
    expect(r.code, r.log).not.toBe(0);
    expect(log).toMatch(/asking again \(1\/3\)/);
    expect(log).toContain(`${v2} could not be judged in its canary step 1/2 at 20%: the metrics source (Prometheus at ${prometheus.url}) failed 4 times in a row: Could not reach Prometheus at ${prometheus.url}`);
    expect(log).toContain('No verdict is no pass. Traffic is back on');
    // Through the balancer: the canary had its share, then none; nothing failed on the way.
    expect(between(all, marks.at.step!, marks.at.back).some(is('v2'))).toBe(true);
    expect(all.filter((a) => a.status !== 200)).toEqual([]);
    expect(between(all, marks.at.back!).every(is('v1'))).toBe(true);
    expect(after.length).toBeGreaterThan(100);
    expect(after.every(is('v1'))).toBe(true);
    expect(running(APP).map((i) => i.version)).not.toContain(v2);
  }, 300_000);
});

describe('keep: 1, v1 and v2, then 21 recycles of v2', () => {
  const APP = 'rstrecy';
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>) => runAction({ ...inputs, ...more }, { cwd: repo });

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
    repo = appRepo({ kind: 'web', text: 'one' });
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('v1 is still warm after more recycles than flip records are kept, and a rollback is one flip to it', async () => {
    const a = await act({});
    expect(a.code, a.log).toBe(0);
    const v1 = a.outputs.version!;
    commitChange(repo, 'two');
    const b = await act({});
    expect(b.code, b.log).toBe(0);
    const v2 = b.outputs.version!;
    const warm = running(APP).find((i) => i.version === v1)!.name;
    // Three flip records kept instead of 20 (a test hook), so four recycles outlive the window.
    const env = { IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT: '3' };
    for (let n = 0; n < 4; n++) {
      const r = await runAction({ app: APP, command: 'recycle' }, { cwd: repo, env });
      expect(r.code, `recycle ${n + 1}: ${r.log}`).toBe(0);
      expect(r.outputs['live-version']).toBe(v2);
    }
    const flipRecords = docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', 'label=dev.immutable-deploy.role=flip');
    expect(flipRecords.split('\n').filter((x) => x.includes('-flip-')).length).toBe(3);
    expect(running(APP).map((i) => i.name)).toContain(warm);

    const back = await runAction({ app: APP, command: 'rollback' }, { cwd: repo, env });
    expect(back.code, back.log).toBe(0);
    expect(back.log).toContain(`Rolling back to the warm instance ${warm} of ${v1}: one flip, no build, no pull.`);
    expect(back.outputs['live-version']).toBe(v1);
    expect((await get(lb.url)).body).toBe('one\n');
  }, 600_000);
});

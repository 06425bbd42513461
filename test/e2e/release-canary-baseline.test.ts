/**
 * baseline: true through a real HAProxy judged by its own per-server counters (metrics: balancer), under
 * recorded load, through the bundled dist/index.js. Every version of the app answers 500 to 3% of its
 * requests (BAD_PERCENT, test/helpers/flaky.ts): a canary at 3% passes against its baseline (a fresh pool of
 * the stable version, same share, same window) where the absolute max-error-rate 1 aborts it; a canary at 15%
 * against a 3% baseline aborts at its first step. The baseline pool is gone after every run. Prefix `cgbl`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, running } from '../helpers/docker.js';
import { get, startHaproxy, type HaproxyServer } from '../helpers/servers.js';
import { between, logMarks, record, recordTraffic, share } from '../helpers/traffic.js';

const APP = 'cgbl';
const decode = (log: string) => log.replace(/%0A/g, '\n').replace(/%25/g, '%');
const versionOf = (sha: string) => `sha-${sha.slice(0, 7)}`;

describe('canary against a baseline (baseline: true)', () => {
  let lb: HaproxyServer;
  let repo: string;
  let inputs: Record<string, string>;
  const action = (extra: Record<string, string>, opts: Partial<Parameters<typeof runAction>[1]> = {}) => runAction({ ...inputs, ...extra }, { cwd: repo, ...opts });
  /** Instances of the app, by version: the baseline pool would be a second instance of the stable version. */
  const byVersion = () => running(APP).reduce<Record<string, number>>((m, i) => ({ ...m, [i.version]: (m[i.version] ?? 0) + 1 }), {});

  beforeAll(async () => {
    cleanupApp(APP);
    // Three slots: the stable pool, the baseline and the canary at once.
    lb = await startHaproxy({ backend: `${APP}-production`, server: 'bl', slots: 3 });
    repo = appRepo({ kind: 'flaky', text: 'v1' });
    inputs = {
      app: APP,
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      'haproxy-server': 'bl',
      'health-path': '/health.html',
      env: 'BAD_PERCENT=3',
      strategy: 'canary',
      'canary-steps': '30',
      'step-seconds': '3',
      'min-requests': '150',
      baseline: 'true',
      // 2 points: a 3% canary against a 3% baseline then fails by chance about once in a thousand runs (1 point: ~1%).
      'max-error-rate-increase': '2',
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
    };
    const r = await action({});
    expect(r.code, r.log).toBe(0);
    expect((await get(lb.url)).body).toMatch(/^(v1|bad)\n$/);
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('a canary at 3% passes against a 3% baseline, where absolute max-error-rate 1 aborts it; the baseline goes after both runs', async () => {
    const v1 = running(APP)[0]!.version;
    const v2 = versionOf(commitChange(repo, 'v2'));
    // Absolute thresholds still apply when given: the canary's own 3% is above 1%.
    let traffic = recordTraffic(lb.url);
    const strict = await action({ 'max-error-rate': '1' });
    await traffic.stop();
    expect(strict.code, strict.log).not.toBe(0);
    expect(decode(strict.log)).toMatch(/failed its canary step 1\/2 at 30% after \d+s: error-rate [\d.]+% > max-error-rate 1%/);
    expect(byVersion()).toEqual({ [v1]: 1 });

    traffic = recordTraffic(lb.url);
    const r = await action({ version: v2 });
    const answers = await traffic.stop();
    expect(r.code, r.log).toBe(0);
    expect(r.log).toContain(`baseline: starting a fresh pool of ${v1}`);
    expect(decode(r.log)).toMatch(new RegExp(`step 1/2: 30% of traffic to ${v2} and 30% to its baseline \\(${v1}\\)`));
    expect(r.log).toContain(`The baseline pool of ${v1} was removed.`);
    // The summary shows the canary's and the baseline's numbers of the same window; both err about 3%.
    const row = /\| step 1\/2 \| 30% \| \d+ \| (\d+) \| \d+ \| ([\d.]+)% \| [^|]+ \| (\d+) \| ([\d.]+)% \| [^|]+ \| pass \|/.exec(r.summary);
    expect(row, r.summary).not.toBeNull();
    const [canaryRequests, canaryRate, baseRequests, baseRate] = row!.slice(1).map(Number);
    record('baseline-pass', { canaryRequests, canaryRate, baseRequests, baseRate });
    expect(canaryRequests).toBeGreaterThanOrEqual(150);
    expect(baseRequests).toBeGreaterThanOrEqual(150);
    expect(answers.filter((a) => a.status === 0)).toEqual([]);
    expect(share(answers, (a) => a.status === 500)).toBeGreaterThan(0);
    // v2 is live, v1 warm, and no third instance: the baseline pool is gone.
    expect(byVersion()).toEqual({ [v1]: 1, [v2]: 1 });
  });

  it('a canary at 15% against a 3% baseline aborts at its first step; traffic back on the stable version, the baseline gone', async () => {
    const before = byVersion();
    const v3 = versionOf(commitChange(repo, 'v3'));
    const marks = logMarks({ step: /step 1\/2: .* now routes/, back: /Traffic is back on/ });
    const traffic = recordTraffic(lb.url);
    const r = await action({ env: 'BAD_PERCENT=15' }, { onLog: marks.onLog });
    const all = await traffic.stop();
    const log = decode(r.log);
    expect(r.code, r.log).not.toBe(0);
    expect(log).toContain(`${v3} failed its canary step 1/2 at 30%`);
    const m = /failed its canary step 1\/2 at 30% after (\d+)s: error rate ([\d.]+)% vs ([\d.]+)% on the baseline \(\+[\d.]+ points, z [\d.]+ > 1\.64\) > max-error-rate-increase 2 points at confidence 0\.95/.exec(log);
    expect(m, log).not.toBeNull();
    expect(log).not.toMatch(/step 2\/2/);
    expect(r.summary).toMatch(/\*\*fail\*\*: error rate [\d.]+% vs [\d.]+% on the baseline/);
    // The canary's bad answers during its step, until the shift back.
    const exposed = between(all, marks.at.step!, marks.at.back);
    const canary = (a: (typeof all)[number]) => a.what === 'v3\n';
    record('baseline-abort', { seconds: Number(m![1]), canaryRate: Number(m![2]), baselineRate: Number(m![3]), answers: exposed.length, errorShare: share(exposed, (a) => a.status === 500) });
    expect(Number(m![2])).toBeGreaterThan(Number(m![3]));
    expect(exposed.some(canary)).toBe(true);
    expect(between(all, marks.at.back!).filter((a) => a.what === 'v3\n')).toEqual([]);
    // Only what was there before: the canary and the baseline pool are gone.
    expect(byVersion()).toEqual(before);
  });
});

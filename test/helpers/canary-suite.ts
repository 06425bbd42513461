/**
 * The canary scenarios of issue 11, for any balancer and metrics source, under recorded load
 * (keep-alive and per-request clients), through the bundled dist/index.js: a v2 that answers 500 to part of its requests is aborted at its first step; a healthy v2 goes through
 * every step with the measured share within 5 points of each step's; a v3 that turns bad once it has
 * 100% is rolled back during the bake. Apps are FROM-scratch busybox CGI images (test/helpers/flaky.ts).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from './action.js';
import { appRepo, cleanupApp, commitChange, running } from './docker.js';
import { get } from './servers.js';
import { between, logMarks, record, recordTraffic, share, type Answer } from './traffic.js';

const isV = (text: string) => (a: Answer) => a.what === `${text}\n`;
/** The log as printed by workflow commands (::error:: escapes % and newlines). */
const decode = (log: string) => log.replace(/%0A/g, '\n').replace(/%25/g, '%');
const v2ish = (a: Answer) => a.what === 'v2\n' || a.what === 'bad\n';

export interface Bed {
  /** The balancer's URL on 127.0.0.1. */
  url: string;
  /** Router and metrics inputs. */
  inputs: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The three scenarios of issue 11 for one balancer and one metrics source. `app` names the app (test
 * prefix `can`); `start` starts the balancer (and the metrics bed) and says which inputs route through it.
 */
export function canarySuite(title: string, app: string, start: () => Promise<Bed>, o: { stepSeconds: number; bakeSeconds: number }): void {
  describe(title, () => {
    const APP = app;
    let bed: Bed;
    let repo: string;
    let inputs: Record<string, string>;
    const lb = {
      get url() {
        return bed.url;
      },
    };

    beforeAll(async () => {
      cleanupApp(APP);
      bed = await start();
      repo = appRepo({ kind: 'flaky', text: 'v1' });
      inputs = {
        app: APP,
        ...bed.inputs,
        'health-path': '/health.html',
        strategy: 'canary',
        'step-seconds': String(o.stepSeconds),
        'min-requests': '20',
        'max-error-rate': '1',
        keep: '1',
        'drain-seconds': '0',
        'stop-timeout': '1',
      };
      const r = await runAction(inputs, { cwd: repo });
      expect(r.code, r.log).toBe(0);
      expect(r.log).toContain('no canary steps');
      expect((await get(lb.url)).body).toBe('v1\n');
    });
    afterAll(async () => {
      await bed?.stop();
      cleanupApp(APP);
    });

    it('aborts a v2 that answers 500 to part of its requests at its first step; v1 serves 100% afterwards', async () => {
      commitChange(repo, 'v2');
      const marks = logMarks({ step1: /step 1\/3: .* now routes/, back: /Traffic is back on/ });
      const traffic = recordTraffic(lb.url);
      const r = await runAction({ ...inputs, 'canary-steps': '20, 50', env: 'BAD_PERCENT=40' }, { cwd: repo, onLog: marks.onLog });
      const after = performance.now();
      // Traffic after the abort: recorded until 200 more answers came, all must be v1.
      while (between(traffic.answers, after).length < 200) await new Promise((res) => setTimeout(res, 20));
      const answers = await traffic.stop();

      const log = decode(r.log);
      expect(r.code, r.log).not.toBe(0);
      expect(log).toMatch(/failed its canary step 1\/3 at 20% after \d+s: error-rate [\d.]+% > max-error-rate 1%/);
      expect(r.log).toContain('Traffic is back on');
      expect(r.summary).toMatch(/\| step 1\/3 \| 20% \| \d+ \| \d+ \| \d+ \| [\d.]+% \| [^|]+ \| \*\*fail\*\*: error-rate/);
      expect(marks.at.step1).toBeDefined();
      expect(marks.at.back).toBeGreaterThan(marks.at.step1!);
      // Only v2 answers 500, and nothing failed on the network.
      expect(answers.filter((a) => a.status === 0)).toEqual([]);
      const exposed = between(answers, marks.at.step1!, marks.at.back);
      expect(exposed.filter(v2ish).length).toBeGreaterThan(0);
      expect(share(exposed, v2ish)).toBeLessThan(20 + 5);
      expect(share(answers, v2ish)).toBeLessThan(20 + 5);
      const afterwards = between(answers, marks.at.back!);
      const firstBad = answers.find((a) => a.what === 'bad\n')!;
      record('abort', {
        bed: title,
        stepSeconds: o.stepSeconds,
        exposed: answers.filter(v2ish).length,
        bad: answers.filter((a) => a.what === 'bad\n').length,
        total: answers.length,
        exposedShare: share(exposed, v2ish),
        firstBadToBackMs: marks.at.back! - firstBad.start,
        stepToBackMs: marks.at.back! - marks.at.step1!,
      });
      expect(afterwards.length).toBeGreaterThan(100);
      expect(afterwards.every(isV('v1'))).toBe(true);
      expect(running(APP).map((i) => i.version)).toHaveLength(1);
    });

    it('takes a healthy v2 through every step, each share within 5 points, 0 failed requests', async () => {
      const marks = logMarks({ s1: /step 1\/3: .* now routes/, s2: /step 2\/3: .* now routes/, s3: /step 3\/3: .* now routes/ });
      const traffic = recordTraffic(lb.url);
      const r = await runAction({ ...inputs, 'canary-steps': '10, 50' }, { cwd: repo, onLog: marks.onLog });
      const answers = await traffic.stop();

      expect(r.code, r.log).toBe(0);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      const step1 = between(answers, marks.at.s1!, marks.at.s2);
      const step2 = between(answers, marks.at.s2!, marks.at.s3);
      record('steps', {
        bed: title,
        failed: answers.filter((a) => a.status !== 200).length,
        total: answers.length,
        shares: [
          { configured: 10, measured: share(step1, isV('v2')), requests: step1.length },
          { configured: 50, measured: share(step2, isV('v2')), requests: step2.length },
        ],
      });
      expect(Math.abs(share(step1, isV('v2')) - 10)).toBeLessThan(5);
      expect(Math.abs(share(step2, isV('v2')) - 50)).toBeLessThan(5);
      expect(between(answers, marks.at.s3!).every(isV('v2'))).toBe(true);
      expect(r.summary).toMatch(/\| step 1\/3 \| 10% \|.*\| pass \|/);
      expect(r.summary).toMatch(/\| step 2\/3 \| 50% \|.*\| pass \|/);
      expect((await get(lb.url)).body).toBe('v2\n');
    });

    it('rolls a v3 that turns bad after it has 100% back to v2 during the bake', async () => {
      const sha = commitChange(repo, 'v3');
      const v3 = `sha-${sha.slice(0, 7)}`;
      let turned: Promise<void> | undefined;
      const marks = logMarks({ bake: /bake: judging/, back: /Traffic is back on/ });
      const traffic = recordTraffic(lb.url);
      const r = await runAction(
        { ...inputs, strategy: 'blue-green', 'bake-seconds': String(o.bakeSeconds) },
        {
          cwd: repo,
          onLog: (log) => {
            marks.onLog(log);
            if (marks.at.bake !== undefined && !turned) {
              const name = running(APP).find((i) => i.version === v3)!.name;
              turned = new Promise((res) => spawn('docker', ['exec', name, '/bin/busybox', 'touch', '/data/bad']).on('close', () => res()));
            }
          },
        },
      );
      await turned;
      const after = performance.now();
      while (between(traffic.answers, after).length < 200) await new Promise((res) => setTimeout(res, 20));
      const answers = await traffic.stop();

      const log = decode(r.log);
      expect(r.code, r.log).not.toBe(0);
      expect(log).toMatch(/failed its bake at 100% after \d+s: error-rate [\d.]+% > max-error-rate 1%/);
      expect(answers.filter((a) => a.status === 0)).toEqual([]);
      expect(between(answers, marks.at.bake!, marks.at.back).some((a) => a.what === 'bad\n')).toBe(true);
      const afterwards = between(answers, marks.at.back!);
      const firstBad = answers.find((a) => a.what === 'bad\n')!;
      record('bake', { bed: title, bad: answers.filter((a) => a.what === 'bad\n').length, firstBadToBackMs: marks.at.back! - firstBad.start });
      expect(afterwards.length).toBeGreaterThan(100);
      expect(afterwards.every(isV('v2'))).toBe(true);
      expect(running(APP).map((i) => i.version)).not.toContain(v3);
      expect(r.summary).toMatch(/\| bake \| 100% \|.*\*\*fail\*\*: error-rate/);
    });
  });
}

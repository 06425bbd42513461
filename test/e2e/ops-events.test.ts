/**
 * Release events (issue 21) through the bundled dist/index.js, real Docker and HAProxy, and a webhook receiver on
 * 127.0.0.1: the events with their fields, hooks on the runner with their environment, a failing post-deploy-command
 * that fails the job while the release stays, receivers that fail or hang only warn, a canary abort announced at
 * the decision, and freeze windows that refuse a deploy before the build unless overridden (rollback never frozen).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange } from '../helpers/docker.js';
import { get, startHaproxy, tempDir, type HaproxyServer } from '../helpers/servers.js';

const APP = 'opsevents';
const RUN = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '4242', IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS: '300' };
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
type Body = Record<string, string | null>;
const HOOK = `env | grep -E '^(EVENT|APP|ENVIRONMENT|VERSION|PREVIOUS_VERSION|REASON|RUN_URL)=' | sort >`;
const envFile = (path: string) => Object.fromEntries(readFileSync(path, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('release events: webhooks, hooks, freezes', () => {
  let repo: string;
  let dir: string;
  let lb: HaproxyServer;
  let receiver: http.Server;
  let base = '';
  const got: Body[] = [];
  let inputs: Record<string, string>;
  const act = (more: Record<string, string>, onLog?: (log: string) => void) => runAction({ ...inputs, ...more }, { cwd: repo, env: RUN, ...(onLog ? { onLog } : {}) });
  const events = (from: number) => got.slice(from).map((b) => `${b.event} ${b.version ?? ''}`.trim());
  let v1 = '';
  let v2 = '';

  beforeAll(async () => {
    cleanupApp(APP);
    dir = await tempDir('ops-events');
    receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers
        if (req.url === '/fail') return void res.writeHead(500).end('down');
        got.push(JSON.parse(data) as Body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    lb = await startHaproxy({ backend: `${APP}-production`, slots: 2 });
    inputs = { app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'health-timeout': '20', 'drain-seconds': '0', 'stop-timeout': '1', 'notify-webhook': `${base}/ok` };
    repo = appRepo({ kind: 'web', text: 'v1' });
    const a = await act({});
    expect(a.code, a.log).toBe(0);
    v1 = a.outputs.version!;
  });
  afterAll(async () => {
    await lb?.stop();
    receiver?.closeAllConnections();
    receiver?.close();
    cleanupApp(APP);
  });

  it('a deploy sends started and succeeded with every field; post-deploy-command gets its environment; failing and hanging receivers only warn', async () => {
    commitChange(repo, 'v2');
    const from = got.length;
    const r = await act({ 'notify-webhook': `${base}/ok\n${base}/fail\n${base}/hang`, 'post-deploy-command': `${HOOK} ${join(dir, 'post.env')}` });
    expect(r.code, r.log).toBe(0);
    v2 = r.outputs.version!;
    expect(events(from)).toEqual([`started ${v2}`, `succeeded ${v2}`]);
    const rollback = `gh workflow run manual-rollback.yml -f environment=production -f version=${v1}`;
    expect(got.at(-1)).toEqual({
      text: expect.stringContaining(`${APP} (production): deployed ${v2} (live before: ${v1})`),
      event: 'succeeded',
      app: APP,
      environment: 'production',
      version: v2,
      previous_version: v1,
      reason: '',
      run_url: RUN_URL,
      rollback_command: rollback,
      detail: null,
    });
    expect(got.at(-1)!.text).toContain(`Roll back: ${rollback}`);
    expect(r.log).toMatch(/::warning title=Notification not sent::Could not send the "succeeded" notification to notify-webhook line 2 \(127\.0\.0\.1:\d+\): answered 500: down \(3 attempts\)/);
    expect(r.log).toMatch(/Could not send the "succeeded" notification to notify-webhook line 3 \(127\.0\.0\.1:\d+\): no answer in time \(3 attempts\)/);
    // The URLs are secrets: masked, never printed.
    expect(r.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(`${base}/fail`);
    expect(envFile(join(dir, 'post.env'))).toEqual({ EVENT: 'succeeded', APP, ENVIRONMENT: 'production', VERSION: v2, PREVIOUS_VERSION: v1, REASON: '', RUN_URL });
  });

  it('a canary abort is announced at the decision; on-failure-command runs once traffic is back on the stable pool', async () => {
    commitChange(repo, 'v3');
    const from = got.length;
    let ended = false;
    let abortedWhileRunning: Promise<boolean> | undefined;
    const r = await act(
      {
        strategy: 'canary',
        'canary-steps': '50',
        'step-seconds': '1',
        metrics: 'command',
        'analysis-command': 'echo error-rate=50; exit 1',
        // The drain after the shift back: the abort must have gone out before it ends.
        'drain-seconds': '3',
        'on-failure-command': `${HOOK} ${join(dir, 'failure.env')}; curl -s ${lb.url}/ > ${join(dir, 'failure.body')}`,
      },
      (log) => {
        if (abortedWhileRunning || !log.includes('Draining')) return;
        abortedWhileRunning = (async () => {
          while (!ended && !got.slice(from).some((b) => b.event === 'aborted')) await new Promise((res) => setTimeout(res, 20));
          return !ended;
        })();
      },
    ).finally(() => (ended = true));
    expect(r.code).not.toBe(0);
    expect(await abortedWhileRunning).toBe(true);
    const v3 = got.at(-1)!.version;
    expect(events(from)).toEqual([`started ${v3}`, `step ${v3}`, `aborted ${v3}`]);
    expect(got.at(-2)!.detail).toBe(`step 1/2: 50% of traffic to ${v3}`);
    expect(got.at(-1)).toMatchObject({ previous_version: v2, reason: expect.stringContaining('step 1/2: ') });
    const failure = envFile(join(dir, 'failure.env'));
    expect(failure).toMatchObject({ EVENT: 'aborted', VERSION: v3!, PREVIOUS_VERSION: v2 });
    expect(failure.REASON).toContain(`${v3} failed its canary step 1/2`);
    // The hook ran once traffic was back on the stable pool.
    expect(readFileSync(join(dir, 'failure.body'), 'utf8')).toBe('v2\n');
  });

  it('a failing post-deploy-command fails the job, and the release stays', async () => {
    commitChange(repo, 'v4');
    const from = got.length;
    const r = await act({ 'post-deploy-command': 'echo hook broke >&2; exit 3', 'on-failure-command': `touch ${join(dir, 'must-not-exist')}` });
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('post-deploy-command failed with exit code 3');
    expect(r.log).toContain('hook broke');
    expect(r.log).toMatch(/The release stays: \S+ is live/);
    expect((await get(lb.url)).body).toBe('v4\n');
    expect(events(from).map((e) => e.split(' ')[0])).toEqual(['started', 'succeeded']);
    expect(() => readFileSync(join(dir, 'must-not-exist'))).toThrow();
  });

  it('a freeze refuses a deploy before anything is built, naming the window and its end; an override passes with its reason; a rollback is never frozen', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
    const window = `${iso(now - 3_600_000)}/${iso(now + 7_200_000)}`;
    commitChange(repo, 'v5');
    let from = got.length;
    const frozen = await act({ freeze: `Sat 00:00 - Sat 00:01 UTC\n${window}`, 'on-failure-command': `${HOOK} ${join(dir, 'frozen.env')}` });
    expect(frozen.code).not.toBe(0);
    expect(frozen.log).toContain(`is frozen: the freeze window "${window}" holds until ${window.split('/')[1]}. Nothing was built or changed.`);
    expect(frozen.log).not.toContain('::group::Build');
    expect(events(from).map((e) => e.split(' ')[0])).toEqual(['failed']);
    expect(envFile(join(dir, 'frozen.env')).REASON).toContain('is frozen');
    expect((await get(lb.url)).body).toBe('v4\n');

    from = got.length;
    const overridden = await act({ freeze: window, 'freeze-override': 'hotfix for INC-42' });
    expect(overridden.code, overridden.log).toBe(0);
    expect((await get(lb.url)).body).toBe('v5\n');
    expect(overridden.summary).toContain('Reason (freeze-override): hotfix for INC-42');
    expect(got.slice(from).map((b) => b.reason)).toEqual(['freeze override: hotfix for INC-42', 'freeze override: hotfix for INC-42']);

    from = got.length;
    const back = await act({ command: 'rollback', freeze: window, 'on-rollback-command': `${HOOK} ${join(dir, 'rollback.env')}` });
    expect(back.code, back.log).toBe(0);
    expect((await get(lb.url)).body).toBe('v4\n');
    expect(got.slice(from).map((b) => b.event)).toEqual(['rolled back']);
    expect(envFile(join(dir, 'rollback.env'))).toMatchObject({ EVENT: 'rolled back', PREVIOUS_VERSION: got.at(-1)!.previous_version! });
    expect(got.at(-1)!.rollback_command).toBe(`gh workflow run manual-rollback.yml -f environment=production -f version=${got.at(-1)!.previous_version}`);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, eventText, hookEnv, releaseEvent } from '../../src/notify/events.js';
import { createNotifier, hookFor } from '../../src/notify/index.js';
import { deliver, urlName } from '../../src/notify/webhook.js';
import { recordingLog } from '../helpers/router-deps.js';
import type { Config } from '../../src/config/types.js';

const facts = { app: 'shop', environment: 'production', version: 'v2', previousVersion: 'v1', reason: '', runUrl: 'https://github.com/o/r/actions/runs/7' };

describe('release events', () => {
  it('a body Slack and Teams show (text) with every structured field', () => {
    const e = releaseEvent('succeeded', facts);
    const body = eventBody(e);
    expect(body).toEqual({
      text: expect.stringContaining('shop (production): deployed v2 (live before: v1)'),
      event: 'succeeded',
      app: 'shop',
      environment: 'production',
      version: 'v2',
      previous_version: 'v1',
      reason: '',
      run_url: facts.runUrl,
      rollback_command: 'gh workflow run manual-rollback.yml -f environment=production -f version=v1',
      detail: null,
    });
    expect(body.text).toContain('Roll back: gh workflow run manual-rollback.yml -f environment=production -f version=v1');
    expect(body.text).toContain(`Run: ${facts.runUrl}`);
  });

  it('before a flip the rollback command undoes the last flip (no version); the reason is in the text', () => {
    const e = releaseEvent('aborted', { ...facts, reason: 'step 1/2: error rate 50% > 1%' });
    expect(e.rollbackCommand).toBe('gh workflow run manual-rollback.yml -f environment=production');
    expect(eventText(e)).toContain('Reason: step 1/2: error rate 50% > 1%');
    expect(eventText(releaseEvent('rolled back', facts))).toContain('rolled back to v2 from v1');
  });

  it('hooks get EVENT, APP, ENVIRONMENT, VERSION, PREVIOUS_VERSION, REASON, RUN_URL', () => {
    expect(hookEnv(releaseEvent('failed', { ...facts, previousVersion: undefined, reason: 'boom' }))).toEqual({
      EVENT: 'failed',
      APP: 'shop',
      ENVIRONMENT: 'production',
      VERSION: 'v2',
      PREVIOUS_VERSION: '',
      REASON: 'boom',
      RUN_URL: facts.runUrl,
    });
    const cfg = { ops: { hooks: { postDeploy: 'a', onFailure: 'b', onRollback: undefined } } } as unknown as Config;
    expect(hookFor(cfg, 'succeeded')).toEqual({ input: 'post-deploy-command', command: 'a' });
    expect(hookFor(cfg, 'aborted')).toEqual({ input: 'on-failure-command', command: 'b' });
    expect(hookFor(cfg, 'rolled back')).toBeUndefined();
    expect(hookFor(cfg, 'step')).toBeUndefined();
  });

  it('names a URL by its line and host, never its path', () => {
    expect(urlName('https://hooks.slack.com/services/T0/B0/secret', 1, 2)).toBe('notify-webhook line 2 (hooks.slack.com)');
  });
});

describe('webhook delivery (a local receiver)', () => {
  let server: http.Server;
  let base = '';
  const seen: { path: string; body: unknown }[] = [];
  let failFirst = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body: JSON.parse(data) });
        if (req.url === '/flaky' && failFirst-- > 0) return void res.writeHead(503).end('busy');
        if (req.url === '/gone') return void res.writeHead(404).end('no such hook');
        if (req.url === '/hang') return; // never answers
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const noWait = () => Promise.resolve();

  it('retries a 5xx and delivers', async () => {
    failFirst = 2;
    expect(await deliver(`${base}/flaky`, { text: 'x' }, noWait)).toBeUndefined();
    expect(seen.filter((s) => s.path === '/flaky')).toHaveLength(3);
  });

  it('does not retry a 4xx, and says why', async () => {
    expect(await deliver(`${base}/gone`, { text: 'x' }, noWait)).toBe('answered 404: no such hook');
    expect(seen.filter((s) => s.path === '/gone')).toHaveLength(1);
  });

  it('a receiver that hangs times out on each attempt', async () => {
    const why = await deliver(`${base}/hang`, { text: 'x' }, noWait, { IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS: '200' });
    expect(why).toBe('no answer in time (3 attempts)');
  });

  it('the notifier sends in the background and warns (never throws) when a URL fails', async () => {
    const log = recordingLog();
    const cfg = {
      app: 'shop',
      environment: 'production',
      verify: { acceptanceTimeoutSec: 10 },
      ops: { webhooks: [`${base}/ok`, `${base}/gone`], hooks: {} },
    } as unknown as Config;
    const n = createNotifier(cfg, facts.runUrl, log);
    await n.emit('started', { version: 'v2', previousVersion: 'v1' });
    expect(n.emitted('started')).toBe(true);
    await n.flush();
    const got = seen.filter((s) => s.path === '/ok').map((s) => s.body as Record<string, string>);
    expect(got.at(-1)).toMatchObject({ event: 'started', version: 'v2', previous_version: 'v1', run_url: facts.runUrl });
    expect(log.lines.join('\n')).toContain('Could not send the "started" notification to notify-webhook line 2');
  });
});

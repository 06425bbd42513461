/**
 * The release model through the two routers not covered by the HAProxy and nginx release tests:
 * Caddy (admin API, real Caddy) and `command` (a user's script, here one that keeps the live target in
 * a file, the way a Traefik file provider would). Deploy v1, deploy v2, roll back, through dist/index.js.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, get } from '../helpers/docker.js';
import { startCaddy, type CaddyServer } from '../helpers/servers.js';

async function sequence(
  app: string,
  routerInputs: Record<string, string>,
  serving: () => Promise<string>,
  env: Record<string, string> = {},
) {
  const repo = appRepo({ kind: 'web', text: 'v1' });
  const inputs = { app, 'drain-seconds': '0', 'stop-timeout': '1', ...routerInputs };
  const v1 = await runAction(inputs, { cwd: repo, env });
  expect(v1.code, v1.log).toBe(0);
  expect(await serving()).toBe('v1\n');
  commitChange(repo, 'v2');
  const v2 = await runAction(inputs, { cwd: repo, env });
  expect(v2.code, v2.log).toBe(0);
  expect(v2.outputs['previous-version']).toBe(v1.outputs.version);
  expect(await serving()).toBe('v2\n');
  const back = await runAction({ ...inputs, command: 'rollback' }, { cwd: repo, env });
  expect(back.code, back.log).toBe(0);
  expect(back.log).toContain('one flip, no build, no pull');
  expect(back.outputs['live-version']).toBe(v1.outputs.version);
  expect(await serving()).toBe('v1\n');
  const status = await runAction({ ...inputs, command: 'status' }, { cwd: repo, env });
  expect(status.outputs['live-version']).toBe(v1.outputs.version);
}

describe('release through Caddy', () => {
  const APP = 'relcaddy';
  let caddy: CaddyServer;
  beforeAll(async () => {
    cleanupApp(APP);
    caddy = await startCaddy({ upstreamId: `${APP}-production` });
  });
  afterAll(async () => {
    await caddy?.stop();
    cleanupApp(APP);
  });

  it('deploys, deploys again and rolls back by the reverse_proxy handler @id', async () => {
    await sequence(APP, { router: 'caddy', 'caddy-admin-url': caddy.adminUrl }, async () => (await get(caddy.url)).body);
  });
});

describe('release through a router command', () => {
  const APP = 'relcmd';
  afterAll(() => cleanupApp(APP));

  it('deploys, deploys again and rolls back with the data in environment variables only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'router-')), 'live');
    // The user's script: on flip, record the target; on read, print it. The file path is data, in env.
    const command = [
      'if [ "$ROUTER_ACTION" = read ]; then cat "$LIVE_FILE" 2>/dev/null || true; exit 0; fi',
      'printf "%s:%s\\n" "$TARGET_HOST" "$TARGET_PORT" > "$LIVE_FILE.tmp" && mv "$LIVE_FILE.tmp" "$LIVE_FILE"',
    ].join('\n');
    await sequence(
      APP,
      { router: 'command', 'router-command': command },
      async () => (await get(`http://${readFileSync(file, 'utf8').trim()}/`)).body,
      { LIVE_FILE: file },
    );
  });
});

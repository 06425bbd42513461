/**
 * Pushing to a registry that requires a login: the password goes to `docker login` on stdin, is masked,
 * and never appears in the log, the outputs or the summary. Real docker-registry with htpasswd auth.
 */
import bcrypt from 'bcryptjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp } from '../helpers/docker.js';
import { startRegistry, type Registry } from '../helpers/registry.js';

const APP = 'authtest';
const PASSWORD = 'reg-pass-7b1f2c9d';

describe('registry login', () => {
  let registry: Registry;
  let repo: string;
  let image: string;
  // A docker config of the test's own, so the login does not touch the machine's.
  const dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-'));

  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: `ci:${bcrypt.hashSync(PASSWORD, 4)}` });
    image = `${registry.host}/acme/${APP}`;
    repo = appRepo({ kind: 'web', text: 'auth' });
  });
  afterAll(async () => {
    cleanupApp(APP, image);
    await registry.stop();
  });

  it('refuses to push without credentials, saying what failed', async () => {
    const r = await runAction({ command: 'build', app: APP, image, push: 'true' }, { cwd: repo, env: { DOCKER_CONFIG: dockerConfig } });
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
    expect(r.log).toContain('set registry-username and registry-password');
  });

  it('logs in with the password on stdin, pushes, and never shows the password', async () => {
    const r = await runAction(
      { command: 'build', app: APP, image, push: 'true', registry: registry.host, 'registry-username': 'ci', 'registry-password': PASSWORD },
      { cwd: repo, env: { DOCKER_CONFIG: dockerConfig } },
    );
    expect(r.code, r.log).toBe(0);
    expect(r.outputs.digest).toMatch(/^sha256:/);
    expect(r.log).toContain(`::add-mask::${PASSWORD}`);
    const visible = r.log.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    for (const text of [visible, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain(PASSWORD);
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toContain(registry.host);
  });
});

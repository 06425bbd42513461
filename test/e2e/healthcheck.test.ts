/**
 * Issue 19: a Docker HEALTHCHECK that fails while the app answers HTTP fails the deploy: the live version keeps
 * serving and the new instance goes. Both ways: a HEALTHCHECK that never passes, and one that turns unhealthy
 * while the instance is verified (after its first health pass, before the flip). Real Docker, through dist/index.js.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, get, running } from '../helpers/docker.js';
import { startHaproxy, type HaproxyServer } from '../helpers/servers.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfile } from '../helpers/docker.js';
import { execFileSync } from 'node:child_process';

const APP = 'hcheck';

describe('a failing Docker HEALTHCHECK fails the deploy, whatever HTTP says', () => {
  let lb: HaproxyServer;
  let repo: string;
  let v1: string;
  const inputs = () => ({ app: APP, router: 'haproxy', 'haproxy-socket': lb.socket, 'health-timeout': '8', 'drain-seconds': '0', 'stop-timeout': '1' });
  /** The repository's next commit builds an image with this HEALTHCHECK (and serves `text`). */
  const withHealthcheck = (healthcheck: true | 'fails' | 'sick-file', text: string) => {
    writeFileSync(join(repo, 'Dockerfile'), dockerfile({ kind: 'web', healthcheck }));
    execFileSync('git', ['-C', repo, 'add', 'Dockerfile']);
    return commitChange(repo, text);
  };

  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    repo = appRepo({ kind: 'web', text: 'v1', healthcheck: true });
    const r = await runAction(inputs(), { cwd: repo });
    expect(r.code, r.log).toBe(0);
    v1 = r.outputs.version!;
    expect((await get(lb.url)).body).toBe('v1\n');
  });
  afterAll(async () => {
    await lb?.stop();
    cleanupApp(APP);
  });

  it('a HEALTHCHECK that never passes (HTTP answers 200 all along): not flipped, v1 serves, the instance is removed', async () => {
    withHealthcheck('fails', 'v2');
    const r = await runAction(inputs(), { cwd: repo });
    expect(r.code, r.log).toBe(1);
    expect(r.log).toMatch(/answered 200, but Docker's HEALTHCHECK says (unhealthy|starting)/);
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(running(APP).map((i) => i.version)).toEqual([v1]);
  });

  it('a HEALTHCHECK that turns unhealthy while the instance is verified: not flipped, v1 serves, the instance is removed', async () => {
    withHealthcheck('sick-file', 'v3');
    // The acceptance command makes the new instance sick and waits until Docker says so; HTTP still answers 200.
    const sicken = [
      'c=$(docker ps -q --filter "label=dev.immutable-deploy.app=$APP" --filter "label=dev.immutable-deploy.version=$VERSION")',
      'docker exec "$c" /bin/busybox touch /www/sick',
      'for i in $(seq 100); do [ "$(docker inspect -f "{{.State.Health.Status}}" "$c")" = unhealthy ] && break; sleep 0.1; done',
      'curl -fsS "$TARGET_URL/" >/dev/null || wget -qO- "$TARGET_URL/" >/dev/null',
    ].join('\n');
    const r = await runAction({ ...inputs(), 'acceptance-command': sicken }, { cwd: repo });
    expect(r.code, r.log).toBe(1);
    expect(r.log).toMatch(/Docker's HEALTHCHECK says unhealthy/);
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(running(APP).map((i) => i.version)).toEqual([v1]);
    expect(docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${APP}`, '--filter', 'health=unhealthy')).toBe('');
  });
});

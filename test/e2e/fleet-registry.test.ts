/**
 * A fleet whose image goes through a registry (Debian's docker-registry on 127.0.0.1, forwarded into
 * each test host's namespace): the build is pushed once, every host pulls it by digest, and the image id
 * there is the one the runner built. Two test hosts behind HAProxy, through the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, docker, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { startHaproxy, type HaproxyServer } from '../helpers/servers.js';

const APP = 'fleetreg';

describe('a fleet pulling its image from a registry', () => {
  let th: TestHosts;
  let lb: HaproxyServer;
  let registry: Registry;
  let image: string;
  let repo: string;

  beforeAll(async () => {
    registry = await startRegistry();
    image = `${registry.host}/acme/${APP}`;
    cleanupApp(APP, image);
    th = await startHosts({ prefix: 'fleet', subnets: [7, 8] });
    await th.forward(Number(registry.host.split(':')[1]));
    lb = await startHaproxy({ backend: `${APP}-production`, slots: 2 });
    repo = appRepo({ kind: 'web', text: 'pulled' });
  }, 180_000);
  afterAll(async () => {
    await lb?.stop();
    await th?.stop();
    await registry?.stop();
    cleanupApp(APP, image);
  });

  it('pushes once; every host pulls the version by digest and runs exactly those bytes', async () => {
    const r = await runAction(
      { app: APP, image, push: 'true', hosts: th.input(), router: 'haproxy', 'haproxy-socket': lb.socket, checks: 'GET / 200' },
      { cwd: repo, env: th.env, timeoutMs: 180_000 },
    );
    expect(r.code, r.log).toBe(0);
    const digest = r.outputs.digest!;
    expect(digest).toMatch(/^sha256:/);
    const localId = (JSON.parse(docker('image', 'inspect', `${image}:${r.outputs.version}`)) as { Id: string }[])[0]!.Id;
    for (const h of th.hosts) {
      expect(r.log).toContain(`reached ${h.endpoint} from the registry (${digest})`);
      const there = (JSON.parse(h.docker('image', 'inspect', `${image}:${r.outputs.version}`)) as { Id: string; RepoDigests: string[] }[])[0]!;
      expect(there.Id).toBe(localId);
      expect(there.RepoDigests).toContain(`${image}@${digest}`);
    }
    expect((await get(lb.url)).body).toBe('pulled\n');
  });
});

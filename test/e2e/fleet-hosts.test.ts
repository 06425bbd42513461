/** The test hosts themselves (test/helpers/hosts.ts): each is its own machine, reachable over ssh://. */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRepo, docker, get } from '../helpers/docker.js';
import { startHosts, type TestHosts } from '../helpers/hosts.js';

let th: TestHosts;
const IMAGE = 'fleet-hosts-probe:1';

beforeAll(async () => {
  th = await startHosts({ prefix: 'fleet', subnets: [1, 2] });
  docker('build', '-q', '-t', IMAGE, appRepo({ kind: 'web', text: 'probe' }));
}, 120_000);
afterAll(async () => {
  await th?.stop();
  spawnSync('docker', ['rmi', IMAGE]);
});

const viaSsh = (endpoint: string, ...args: string[]) =>
  spawnSync('docker', args, { encoding: 'utf8', env: { ...process.env, ...th.env, DOCKER_HOST: endpoint } });

describe('test hosts', () => {
  it('each host is its own engine, reached over ssh://root@<address>', () => {
    for (const h of th.hosts) {
      const r = viaSsh(h.endpoint, 'info', '--format', '{{.DockerRootDir}}');
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(`${h.dir}/data`);
    }
  });

  it('an image loaded into a host serves on the host address, not on the machine', async () => {
    th.load(IMAGE);
    const h = th.hosts[0]!;
    const id = h.docker('run', '-d', '-p', `${h.address}::8080`, IMAGE);
    try {
      const port = h.docker('port', id, '8080/tcp').split(':').pop();
      expect((await get(`http://${h.address}:${port}/`)).body).toBe('probe\n');
      expect(execFileSync('docker', ['ps', '-q', '--filter', `id=${id}`], { encoding: 'utf8' }).trim()).toBe('');
    } finally {
      h.docker('rm', '-f', id);
    }
  });

  it('a stopped engine fails over ssh, and comes back', async () => {
    const h = th.hosts[1]!;
    await h.stopEngine();
    expect(viaSsh(h.endpoint, 'version').status).not.toBe(0);
    await h.startEngine();
    expect(viaSsh(h.endpoint, 'version', '--format', '{{.Server.Version}}').status).toBe(0);
  });
});

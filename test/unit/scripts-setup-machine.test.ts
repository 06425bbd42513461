/**
 * The demo installs only what it needs: scripts/setup-machine.sh's `demo` profile (what examples/demo/run.sh
 * asks for) has Docker, HAProxy and busybox, and none of the test beds' heavy packages (Go, etcd, Packer,
 * Ansible, debootstrap, Prometheus). test/e2e/demo.test.ts runs the demo itself.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const list = (...profile: string[]): string[] => {
  const r = spawnSync('bash', [join(root, 'scripts', 'setup-machine.sh'), '--list', ...profile], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
};

it('examples/demo/run.sh sets up the demo profile, and the fleet profile for its fleet mode only', () => {
  const script = readFileSync(join(root, 'examples', 'demo', 'run.sh'), 'utf8');
  expect(script.match(/^.*"\$root\/scripts\/setup-machine\.sh".*$/gm)).toEqual([
    'if [[ $mode == fleet ]]; then bash "$root/scripts/setup-machine.sh" fleet; else bash "$root/scripts/setup-machine.sh" demo; fi',
  ]);
});

it('the fleet profile is the demo and what its test hosts need (sshd, iproute2), without the test beds\' packages', () => {
  const fleet = list('fleet');
  expect(fleet).toEqual(expect.arrayContaining([...list('demo'), 'openssh-server', 'openssh-client', 'iproute2']));
  for (const heavy of ['golang-go', 'etcd-server', 'packer', 'ansible', 'debootstrap', 'prometheus', 'nginx', 'caddy', 'docker-registry'])
    expect(fleet, heavy).not.toContain(heavy);
  expect(list()).toEqual(expect.arrayContaining(fleet));
});

it('the demo profile is Docker, HAProxy and the example app\'s tools, without the test beds\' packages', () => {
  const demo = list('demo');
  expect(demo).toEqual(expect.arrayContaining(['docker.io', 'haproxy', 'busybox-static', 'git', 'wget']));
  for (const heavy of ['golang-go', 'etcd-server', 'packer', 'ansible', 'debootstrap', 'prometheus', 'nginx', 'caddy', 'docker-registry'])
    expect(demo, heavy).not.toContain(heavy);
});

it('the default profile (the tests) has everything the demo has, and the test beds', () => {
  const all = list();
  expect(all).toEqual(expect.arrayContaining(list('demo')));
  expect(all).toEqual(expect.arrayContaining(['golang-go', 'etcd-server', 'packer', 'ansible', 'prometheus', 'nginx', 'caddy']));
});

it('an unknown profile is refused', () => {
  const r = spawnSync('bash', [join(root, 'scripts', 'setup-machine.sh'), '--list', 'everything'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("unknown profile 'everything'");
});

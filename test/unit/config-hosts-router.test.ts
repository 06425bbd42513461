/** Hosts with their own balancer (router= on a hosts line) and waves: the syntax and the input rules (src/config/hosts.ts, read.ts). */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read.js';
import { hostLineProblem, parseHosts } from '../../src/config/hosts.js';

const read = (inputs: Record<string, string>) =>
  readConfig((n) => ({ app: 'shop', ...inputs })[n] ?? '', { mask: () => undefined, warn: () => undefined });

const two = 'ssh://root@10.0.0.5 router=/run/haproxy/admin.sock\nssh://deploy@web2 10.0.0.7 router=/run/haproxy/admin.sock';

describe('router= on a hosts line', () => {
  it('is a field beside the endpoint and the address, in any order after the endpoint', () => {
    expect(parseHosts(['ssh://root@10.0.0.5 router=/run/haproxy/admin.sock', 'ssh://deploy@web2 router=10.0.0.7:9999 10.0.0.7'])).toEqual([
      { endpoint: 'ssh://root@10.0.0.5', address: '10.0.0.5', router: '/run/haproxy/admin.sock' },
      { endpoint: 'ssh://deploy@web2', address: '10.0.0.7', router: '10.0.0.7:9999' },
    ]);
    expect(parseHosts(['ssh://root@10.0.0.5'])).toEqual([{ endpoint: 'ssh://root@10.0.0.5', address: '10.0.0.5' }]);
  });
  it.each([
    ['ssh://root@10.0.0.5 router=', /needs the socket/],
    ['ssh://root@10.0.0.5 router=admin.sock', /neither an absolute socket path .* nor host:port/],
    ['ssh://root@10.0.0.5 router=10.0.0.5:99999', /neither an absolute socket path/],
    ['tcp://10.0.0.5:2376 router=/run/haproxy/admin.sock', /has no ssh connection to reach it through/],
    ['ssh://root@10.0.0.5 socket=/run/x', /socket= is not a field of a hosts line/],
    ['ssh://root@10.0.0.5 router=/a router=/b', /given twice/],
    ['ssh://root@10.0.0.5 10.0.0.6 10.0.0.7', /at most one address/],
  ])('%s is refused: %s', (line, why) => {
    expect(hostLineProblem(line)).toMatch(why);
  });
  it('is on every line or on none', () => {
    expect(() => parseHosts(['ssh://root@10.0.0.5 router=/run/haproxy/admin.sock', 'ssh://root@10.0.0.6'])).toThrow(
      /router= is given on ssh:\/\/root@10\.0\.0\.5 but not on ssh:\/\/root@10\.0\.0\.6/,
    );
  });
  it('needs router: haproxy, and then no haproxy-socket (each line names its own) and no haproxy-state-file', () => {
    const cfg = read({ hosts: two, router: 'haproxy' });
    expect(cfg.run.hosts.map((h) => h.router)).toEqual(['/run/haproxy/admin.sock', '/run/haproxy/admin.sock']);
    expect(() => read({ hosts: two, router: 'nginx', 'nginx-upstream-file': '/etc/nginx/up.conf' })).toThrow(/haproxy with router= on the hosts lines/);
    expect(() => read({ hosts: two, router: 'haproxy', 'haproxy-socket': '/run/haproxy.sock' })).toThrow(/each host line names its own balancer/);
    expect(() => read({ hosts: two, router: 'haproxy', 'haproxy-state-file': '/var/lib/haproxy/state' })).toThrow(/the state file is a file on the runner/);
    // Without router= on the lines, haproxy-socket is required as before.
    expect(() => read({ hosts: 'ssh://root@10.0.0.5', router: 'haproxy' })).toThrow(/haproxy-socket/);
  });
  it('is recorded with the version (a rollback given only app and environment flips every host)', async () => {
    const { specFromConfig } = await import('../../src/config/recorded.js');
    expect(specFromConfig(read({ hosts: two, router: 'haproxy' })).hosts).toEqual([
      { endpoint: 'ssh://root@10.0.0.5', address: '10.0.0.5', router: '/run/haproxy/admin.sock' },
      { endpoint: 'ssh://deploy@web2', address: '10.0.0.7', router: '/run/haproxy/admin.sock' },
    ]);
  });
});

describe('waves', () => {
  it('are read with wave-bake-seconds; a bake is judged by the balancer counters by default', () => {
    const cfg = read({ hosts: two, router: 'haproxy', waves: '1, 100%', 'wave-bake-seconds': '2' });
    expect(cfg.delivery.waves).toEqual([{ hosts: 1 }, { percent: 100 }]);
    expect(cfg.delivery.waveBakeSeconds).toBe(2);
    expect(cfg.delivery.metrics).toEqual({ kind: 'balancer' });
    expect(read({ hosts: two, router: 'haproxy' }).delivery.waves).toEqual([]);
  });
  it.each([
    [{ hosts: 'ssh://root@10.0.0.5 router=/run/h.sock', router: 'haproxy', waves: '1' }, /fewer than 2/],
    [{ hosts: 'ssh://root@10.0.0.5\nssh://root@10.0.0.6', router: 'haproxy', 'haproxy-socket': '/run/h.sock', waves: '1' }, /unless every hosts line has its own balancer \(router=<socket>\)/],
    [{ hosts: two, router: 'haproxy', waves: '1', strategy: 'canary' }, /waves and canary-steps are not supported together/],
    [{ runtime: 'kubernetes', waves: '1' }, /runtime: kubernetes/],
    [{ hosts: two, router: 'haproxy', waves: '2, 1' }, /must rise/],
  ])('refuses %j: %s', (inputs, why) => {
    expect(() => read(inputs as Record<string, string>)).toThrow(why);
  });
});

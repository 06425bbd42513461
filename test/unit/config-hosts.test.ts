/** Fleets, the pure parts: the `hosts` input, targets, the router environment for a pool. */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/read.js';
import { endpointHost, hostLineProblem, parseHosts, targetsOf } from '../../src/platforms/docker/hosts.js';

const read = (inputs: Record<string, string>) =>
  readConfig((n) => ({ app: 'shop', ...inputs })[n] ?? '', { mask: () => undefined, warn: () => undefined });

describe('hosts', () => {
  it.each([
    ['ssh://root@10.0.0.5', '10.0.0.5'],
    ['ssh://deploy@10.0.0.5:2222', '10.0.0.5'],
    ['tcp://10.0.0.6:2376', '10.0.0.6'],
    ['ssh://root@[fd00::5]', 'fd00::5'],
    ['ssh://deploy@web1', 'web1'],
    ['unix:///var/run/docker.sock', undefined],
  ])('the host of %s is %s', (endpoint, host) => {
    expect(endpointHost(endpoint)).toBe(host);
  });

  it('takes the address from the endpoint when it is an IP, else from the line', () => {
    expect(parseHosts(['ssh://root@10.77.1.2', 'ssh://deploy@web2 10.0.0.7', 'unix:///run/docker.sock 127.0.0.1'])).toEqual([
      { endpoint: 'ssh://root@10.77.1.2', address: '10.77.1.2' },
      { endpoint: 'ssh://deploy@web2', address: '10.0.0.7' },
      { endpoint: 'unix:///run/docker.sock', address: '127.0.0.1' },
    ]);
  });

  it.each([
    ['ssh://deploy@web1', /does not name an IP address: add the address .* "ssh:\/\/deploy@web1 10\.0\.0\.5"/],
    ['unix:///var/run/docker.sock', /does not name an IP address/],
    ['web1', /not ssh:\/\/, tcp:\/\/ or unix:\/\//],
    ['ssh://root@10.0.0.5 web1', /not an IP address/],
    ['ssh://root@10.0.0.5 0.0.0.0', /names no host/],
    ['ssh://root@10.0.0.5 10.0.0.5 extra', /at most one address/],
  ])('refuses %j, saying why', (line, why) => {
    expect(hostLineProblem(line)).toMatch(why);
  });

  it('targets: the hosts, or the runner\'s own engine publishing on upstream-host', () => {
    expect(targetsOf([], '127.0.0.1')).toEqual([{ name: 'local', endpoint: undefined, address: '127.0.0.1' }]);
    expect(targetsOf([{ endpoint: 'ssh://root@10.77.1.2', address: '10.77.1.2' }], '127.0.0.1')).toEqual([
      { name: 'ssh://root@10.77.1.2', endpoint: 'ssh://root@10.77.1.2', address: '10.77.1.2' },
    ]);
  });

  it('reads hosts and replicas into the config; errors name the input and the line', () => {
    const cfg = read({ hosts: 'ssh://root@10.77.1.2\n# a comment\nssh://root@10.77.2.2\n', replicas: '2' });
    expect(cfg.run.hosts.map((h) => h.address)).toEqual(['10.77.1.2', '10.77.2.2']);
    expect(cfg.run.replicas).toBe(2);
    expect(read({}).run).toMatchObject({ hosts: [], replicas: 1 });
    expect(() => read({ hosts: 'ssh://root@10.77.1.2\nssh://deploy@web2' })).toThrow(/Input "hosts".*ssh:\/\/deploy@web2.*does not name an IP address/s);
    expect(() => read({ hosts: 'ssh://root@10.77.1.2\nssh://root@10.77.1.2' })).toThrow(/Input "hosts".*listed twice/s);
    expect(() => read({ replicas: '0' })).toThrow(/Input "replicas"/);
  });
});

/**
 * src/routers/hosts: one Router over one balancer per host. The hosts' balancers here are in-memory routers
 * (a Map of what each serves) standing in for each host's HAProxy: what is tested is the composition (which host
 * gets which addresses, which hosts are left alone, the restore after a failure), not a balancer protocol
 * (test/e2e/fleet-waves.test.ts drives real HAProxies on ssh hosts).
 */
import { describe, expect, it } from 'vitest';
import { HostsRouter, routingOn, sameRouting } from '../../src/routers/hosts/index.js';
import { allTo, type Router, type Routing } from '../../src/routers/types.js';
import { sumNumbers } from '../../src/analysis/balancer.js';

const a = (host: string, port: number) => ({ host, port });

function memoryRouter(name: string, log: string[], serving: Routing = [], fail = false): Router & { serving: Routing } {
  const r = {
    kind: 'haproxy',
    serving,
    describe: () => name,
    current: () => Promise.resolve(r.serving),
    shift(to: Routing) {
      log.push(`${name}: ${to.flatMap((g) => g.addresses.map((x) => `${x.host}:${x.port}`)).join(' ')}`);
      if (fail) return Promise.reject(new Error(`${name} refused`));
      r.serving = to;
      return Promise.resolve();
    },
  };
  return r;
}

describe('routingOn / sameRouting', () => {
  it("gives each host the groups' addresses on it, dropping groups with none there", () => {
    const to: Routing = [
      { addresses: [a('10.0.0.1', 1), a('10.0.0.2', 1)], weight: 90 },
      { addresses: [a('10.0.0.2', 2)], weight: 10 },
    ];
    expect(routingOn(to, '10.0.0.1')).toEqual([{ addresses: [a('10.0.0.1', 1)], weight: 90 }]);
    expect(routingOn(to, '10.0.0.2')).toHaveLength(2);
    expect(routingOn(to, '10.0.0.3')).toEqual([]);
  });
  it('compares by addresses and relative weights', () => {
    expect(sameRouting(allTo([a('h', 1), a('h', 2)]), [{ addresses: [a('h', 2), a('h', 1)], weight: 50 }])).toBe(true);
    expect(sameRouting(allTo([a('h', 1)]), allTo([a('h', 2)]))).toBe(false);
    expect(sameRouting([], allTo([a('h', 1)]))).toBe(false);
  });
});

describe('HostsRouter', () => {
  it("shifts each host's balancer to its own instances, and leaves a host that already serves them untouched", async () => {
    const log: string[] = [];
    const one = memoryRouter('one', log, allTo([a('10.0.0.1', 5)]));
    const two = memoryRouter('two', log, allTo([a('10.0.0.2', 5)]));
    const r = new HostsRouter([
      { name: 'ssh://one', address: '10.0.0.1', router: one },
      { name: 'ssh://two', address: '10.0.0.2', router: two },
    ]);
    await r.shift(allTo([a('10.0.0.1', 5), a('10.0.0.2', 6)]));
    expect(log).toEqual(['two: 10.0.0.2:6']);
    // The outer balancer spreads over the hosts: each host's routing is half of the whole.
    expect(await r.current()).toEqual([
      { addresses: [a('10.0.0.1', 5)], weight: 50 },
      { addresses: [a('10.0.0.2', 6)], weight: 50, version: undefined },
    ]);
  });
  it('forHosts is the router of some hosts: the others are never asked', async () => {
    const log: string[] = [];
    const r = new HostsRouter([
      { name: 'ssh://one', address: '10.0.0.1', router: memoryRouter('one', log) },
      { name: 'ssh://two', address: '10.0.0.2', router: memoryRouter('two', log) },
    ]);
    const wave = r.forHosts(['ssh://two']);
    expect(wave.hosts).toEqual(['ssh://two']);
    await wave.shift(allTo([a('10.0.0.1', 7), a('10.0.0.2', 7)]));
    expect(log).toEqual(['two: 10.0.0.2:7']);
    expect(() => r.forHosts(['ssh://three'])).toThrow(/ssh:\/\/three has no balancer of its own/);
  });
  it('refuses a routing without an address on some host, changing nothing', async () => {
    const log: string[] = [];
    const r = new HostsRouter([
      { name: 'ssh://one', address: '10.0.0.1', router: memoryRouter('one', log) },
      { name: 'ssh://two', address: '10.0.0.2', router: memoryRouter('two', log) },
    ]);
    await expect(r.shift(allTo([a('10.0.0.1', 7)]))).rejects.toThrow(/no address on ssh:\/\/two \(10\.0\.0\.2\).*Nothing was changed/);
    expect(log).toEqual([]);
  });
  it('a host that fails: the hosts the shift changed are put back, the error names the host', async () => {
    const log: string[] = [];
    const one = memoryRouter('one', log, allTo([a('10.0.0.1', 5)]));
    const r = new HostsRouter([
      { name: 'ssh://one', address: '10.0.0.1', router: one },
      { name: 'ssh://two', address: '10.0.0.2', router: memoryRouter('two', log, allTo([a('10.0.0.2', 5)]), true) },
    ]);
    await expect(r.shift(allTo([a('10.0.0.1', 6), a('10.0.0.2', 6)]))).rejects.toThrow(/On ssh:\/\/two: two refused\nThe hosts this shift had changed \(ssh:\/\/one\) were put back/);
    expect(log).toEqual(['one: 10.0.0.1:6', 'two: 10.0.0.2:6', 'one: 10.0.0.1:5']);
    expect(one.serving).toEqual([{ addresses: [a('10.0.0.1', 5)], weight: 100, version: undefined }]);
  });
  it('changes every host at once: each balancer is asked before any has answered', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const asked: Promise<void>[] = [];
    const held = (name: string) => {
      const r = memoryRouter(name, log);
      const shift = r.shift.bind(r);
      let said!: () => void;
      asked.push(new Promise<void>((res) => (said = res)));
      r.shift = async (to) => {
        await shift(to);
        said();
        await gate;
      };
      return r;
    };
    const r = new HostsRouter(['1', '2', '3'].map((n) => ({ name: `ssh://h${n}`, address: `10.0.0.${n}`, router: held(`h${n}`) })));
    const done = r.shift(allTo([a('10.0.0.1', 8), a('10.0.0.2', 8), a('10.0.0.3', 8)]));
    // One host at a time would never ask the second while the first has not answered: this would time out.
    await Promise.all(asked);
    expect(log).toEqual(['h1: 10.0.0.1:8', 'h2: 10.0.0.2:8', 'h3: 10.0.0.3:8']);
    release();
    await done;
  });
  it('two hosts that fail: both named, the one that changed put back', async () => {
    const log: string[] = [];
    const two = memoryRouter('two', log, allTo([a('10.0.0.2', 5)]));
    const r = new HostsRouter([
      { name: 'ssh://one', address: '10.0.0.1', router: memoryRouter('one', log, allTo([a('10.0.0.1', 5)]), true) },
      { name: 'ssh://two', address: '10.0.0.2', router: two },
      { name: 'ssh://three', address: '10.0.0.3', router: memoryRouter('three', log, allTo([a('10.0.0.3', 5)]), true) },
    ]);
    await expect(r.shift(allTo([a('10.0.0.1', 6), a('10.0.0.2', 6), a('10.0.0.3', 6)]))).rejects.toThrow(
      'On ssh://one: one refused\nOn ssh://three: three refused\nThe hosts this shift had changed (ssh://two) were put back.',
    );
    expect(two.serving).toEqual([{ addresses: [a('10.0.0.2', 5)], weight: 100, version: undefined }]);
  });
});

describe('sumNumbers (metrics: balancer over one HAProxy per host)', () => {
  it('adds the counts and weights the response time by requests', () => {
    expect(sumNumbers([{ requests: 10, errors: 1, responseMs: 10 }, { requests: 30, errors: 0, responseMs: 30 }, { requests: 0, errors: 0 }])).toEqual({
      requests: 40,
      errors: 1,
      responseMs: 25,
    });
  });
});

/** src/release/capability.ts checkWaves: waves and hosts with their own balancer, refused before anything starts. */
import { describe, expect, it } from 'vitest';
import { checkWaves } from '../../src/release/capability.js';
import type { DeliveryConfig } from '../../src/config/types.js';
import type { Router } from '../../src/routers/types.js';

const delivery = (over: Partial<DeliveryConfig>) => ({ delivery: { strategy: 'blue-green', waves: [{ hosts: 1 }, { percent: 100 }], ...over } as DeliveryConfig });
const fleet = (n: number, routes?: unknown) => ({ kind: routes ? 'kubernetes' : 'docker', targets: Array.from({ length: n }, (_, i) => ({ name: `ssh://h${i + 1}` })), routes });
const perHost = (hosts: string[]): Router => ({
  kind: 'haproxy',
  hosts,
  forHosts: () => perHost(hosts),
  describe: () => 'the balancers of the hosts',
  current: () => Promise.resolve([]),
  shift: () => Promise.resolve(),
});
const shared: Router = { kind: 'haproxy', describe: () => 'HAProxy server "app/live"', current: () => Promise.resolve([]), shift: () => Promise.resolve() };

describe('checkWaves', () => {
  it('lets waves over hosts that each have their balancer through, and anything without waves on one shared balancer', () => {
    expect(() => checkWaves(delivery({}), fleet(2), perHost(['ssh://h1', 'ssh://h2']))).not.toThrow();
    expect(() => checkWaves(delivery({ waves: [] }), fleet(2), shared)).not.toThrow();
    expect(() => checkWaves(delivery({ waves: [] }), fleet(2), perHost(['ssh://h1', 'ssh://h2']))).not.toThrow();
  });
  it('refuses waves with one balancer for the whole fleet, saying to add router= to the hosts lines', () => {
    expect(() => checkWaves(delivery({}), fleet(2), shared)).toThrow(/waves: 1, 100% flips each wave's hosts' own balancers, and HAProxy server "app\/live" is one balancer.*Nothing was started.*router=<socket> to every hosts line/s);
    expect(() => checkWaves(delivery({}), fleet(2), undefined)).toThrow(/router "none"/);
  });
  it('refuses waves on a platform without hosts (Kubernetes) or with one host', () => {
    expect(() => checkWaves(delivery({}), fleet(1, {}), undefined)).toThrow(/the kubernetes platform has no hosts/);
    expect(() => checkWaves(delivery({}), fleet(1), perHost(['ssh://h1']))).toThrow(/this run has 1 host/);
  });
  it('refuses a balancer per host on a platform that routes itself', () => {
    expect(() => checkWaves(delivery({ waves: [] }), fleet(1, {}), perHost(['ssh://h1']))).toThrow(/routes by itself/);
  });
  it('refuses waves with canary steps: not supported together, said so', () => {
    expect(() => checkWaves(delivery({ strategy: 'canary' }), fleet(2), perHost(['ssh://h1', 'ssh://h2']))).toThrow(/waves and canary-steps together are not supported/);
  });
  it('refuses a host without a balancer of its own', () => {
    expect(() => checkWaves(delivery({}), fleet(3), perHost(['ssh://h1', 'ssh://h2']))).toThrow(/ssh:\/\/h3 has no balancer of its own/);
  });
});

/**
 * Hosts with their own balancer (hosts lines with router=, issue 21 §6): one Router over one balancer per host,
 * for fleets (Kamal's model) where each host runs its proxy behind a cloud or DNS balancer. The outer balancer
 * spreads requests over the hosts, so a pool's share is the mean of its shares on the hosts' balancers.
 * `shift()` gives each host's balancer the addresses of `to` that are on that host (a host whose balancer
 * already serves them is left untouched: one flip per host that changes, all hosts at once); a host that fails
 * is restored and so are the hosts this shift changed. `forHosts()` is the router of some of the hosts only: the
 * release's waves (src/release/waves.ts) flip one group of hosts at a time through it.
 */
import type { Address, BalancerCounters, Divergence, Router, RoutedGroup, Routing } from '../types.js';
import { formatRouting, sameAddress } from '../types.js';

/** One host of the fleet and its own balancer. */
export interface HostBalancer {
  /** The target's name (its endpoint, as in `hosts`). */
  name: string;
  /** Where its instances are published (their addresses' host). */
  address: string;
  router: Router;
  counters?: BalancerCounters | undefined;
}

/** The part of `to` on one host: the groups' addresses there, weights as given (the host's balancer normalizes). Pure. */
export function routingOn(to: Routing, address: string): Routing {
  return to
    .map((g): RoutedGroup => ({ ...g, addresses: g.addresses.filter((a) => a.host === address) }))
    .filter((g) => g.weight > 0 && g.addresses.length > 0);
}

/** Whether a balancer serving `now` already serves exactly `to` (same addresses, same relative weights). Pure. */
export function sameRouting(now: Routing, to: Routing): boolean {
  const norm = (r: Routing) => {
    const live = r.filter((g) => g.weight > 0 && g.addresses.length > 0);
    const total = live.reduce((n, g) => n + g.weight, 0);
    return live.flatMap((g) => g.addresses.map((a) => ({ a, w: g.weight / total / g.addresses.length })));
  };
  const x = norm(now);
  const y = norm(to);
  return x.length === y.length && y.every((b) => x.some((a) => sameAddress(a.a, b.a) && Math.abs(a.w - b.w) < 1e-6));
}

export class HostsRouter implements Router {
  readonly kind: string;
  readonly hosts: readonly string[];
  readonly counters: readonly BalancerCounters[];

  constructor(private readonly each: readonly HostBalancer[]) {
    if (each.length === 0) throw new Error('A router of hosts needs at least one host.');
    this.kind = each[0]!.router.kind;
    this.hosts = each.map((h) => h.name);
    this.counters = each.flatMap((h) => (h.counters ? [h.counters] : []));
  }

  describe(): string {
    const one = this.each[0]!.router.describe();
    return this.each.length === 1 ? one : `the balancers of ${this.each.length} hosts (${this.each.map((h) => h.name).join(', ')}), each its own ${this.kind}`;
  }

  forHosts(names: readonly string[]): HostsRouter {
    const unknown = names.filter((n) => !this.each.some((h) => h.name === n));
    if (unknown.length) throw new Error(`${unknown.join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no balancer of its own (router= on its hosts line).`);
    return new HostsRouter(this.each.filter((h) => names.includes(h.name)));
  }

  /** Each host's routing, its weights scaled so that every host gets an equal part of 100. */
  async current(): Promise<Routing> {
    const all = await Promise.all(this.each.map((h) => h.router.current()));
    const part = 100 / this.each.length;
    return all.flatMap((r) => {
      const live = r.filter((g) => g.weight > 0);
      const total = live.reduce((n, g) => n + g.weight, 0);
      return live.map((g) => ({ ...g, weight: (g.weight / total) * part }));
    });
  }

  async checkCapacity(size: number): Promise<void> {
    // `size` counts the whole fleet's instances; each host's balancer serves its own share of them.
    const per = Math.ceil(size / this.each.length);
    await Promise.all(this.each.map((h) => h.router.checkCapacity?.(per) ?? Promise.resolve()));
  }

  async serverNames(addresses: Address[]): Promise<{ backend: string; servers: string[] }> {
    const named = await Promise.all(
      this.each.map((h) => h.router.serverNames?.(addresses.filter((a) => a.host === h.address)) ?? Promise.resolve(undefined)),
    );
    const backend = named.find((n) => n)?.backend ?? '';
    return { backend, servers: [...new Set(named.flatMap((n) => n?.servers ?? []))] };
  }

  async divergence(): Promise<Divergence[]> {
    const all = await Promise.all(this.each.map((h) => h.router.divergence?.() ?? Promise.resolve([])));
    return all.flat();
  }

  async shift(to: Routing): Promise<void> {
    const plan = this.each.map((h) => ({ h, sub: routingOn(to, h.address) }));
    const empty = plan.filter((p) => p.sub.length === 0);
    if (empty.length)
      throw new Error(
        `${formatRouting(to)} has no address on ${empty.map((p) => `${p.h.name} (${p.h.address})`).join(', ')}: each host's balancer serves that host's own instances, ` +
          'so every host must have one. Nothing was changed.',
      );
    const before = await Promise.all(plan.map((p) => p.h.router.current()));
    const changing = plan.flatMap((p, n) => (sameRouting(before[n]!, p.sub) ? [] : [{ ...p, was: before[n]!.filter((g) => g.weight > 0) }]));
    // Every host at once: a flip of N hosts takes one balancer change's time, not N (a rollback waits for the slowest).
    const results = await Promise.allSettled(changing.map((p) => p.h.router.shift(p.sub)));
    const failed = changing.flatMap((p, i) => (results[i]!.status === 'rejected' ? [{ p, err: (results[i] as PromiseRejectedResult).reason as unknown }] : []));
    if (failed.length === 0) return;
    // A host that failed restored itself; the hosts this shift changed go back to what they served.
    const changed = changing.filter((_, i) => results[i]!.status === 'fulfilled');
    const notBack: string[] = [];
    await Promise.all(changed.filter((p) => p.was.length > 0).map((p) => p.h.router.shift(p.was).catch(() => void notBack.push(p.h.name))));
    const why = failed.map(({ p, err }) => `On ${p.h.name}: ${err instanceof Error ? err.message : String(err)}`).join('\n');
    throw new Error(
      why +
        (changed.length
          ? `\nThe hosts this shift had changed (${changed.map((p) => p.h.name).join(', ')}) were put back${notBack.length ? `, except ${notBack.join(', ')}` : ''}.`
          : ''),
      { cause: failed[0]!.err },
    );
  }
}

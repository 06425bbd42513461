/**
 * The one interface every router implements. A router owns one thing: where the balancer sends traffic.
 * It knows addresses and weights, not versions: the release maps addresses to instances (and so to
 * pools and versions) with src/core/plan.ts. See src/core/model.ts for the core model.
 */
import type { Runner } from '../support/exec.js';
import type { Log } from '../support/log.js';
import { formatAddress, type Address } from '../core/model.js';

export { formatAddress, sameAddress, type Address } from '../core/model.js';

/**
 * One group of addresses the balancer serves and the share of new requests it gets. Weights are
 * relative (0..100 by convention, the groups of one Routing add up to 100); a group at weight 0 is not
 * served. Blue-green routes one group at weight 100.
 */
export interface RoutedGroup {
  addresses: Address[];
  weight: number;
  /** The version the group belongs to, when the caller knows it (for logs and the balancer's own notes). */
  version?: string | undefined;
}

/** What the balancer serves: [] when it points at nothing. */
export type Routing = RoutedGroup[];

export interface Router {
  readonly kind: string;
  /** Human description for logs: e.g. `nginx upstream "shop" in /etc/nginx/shop.conf`. */
  describe(): string;
  /**
   * false: the balancer cannot split traffic between two groups by weight (a Kubernetes Service selector
   * picks one pool), so canary steps are refused before anything starts (src/release/capability.ts).
   * Unset: it can (routers whose limits are refused with the inputs that choose them: src/config/read.ts).
   */
  readonly weighted?: boolean;
  /**
   * What the balancer serves now, read from the balancer itself (or the file it loads). [] when it
   * points at nothing yet. This is how the live pool is known. A router that cannot tell groups apart
   * reports every served address in one group at weight 100.
   */
  current(): Promise<Routing>;
  /**
   * Make the balancer serve `to`. Validates before applying; when applying fails, restores the previous
   * state and throws. Returns only once new requests go only where `to` says (state read back, or the
   * reload has taken effect). Routers without weights accept one group with weight > 0.
   */
  shift(to: Routing): Promise<void>;
  /**
   * Throws, saying what to change in the balancer, when it cannot serve a group of `size` addresses
   * (e.g. HAProxy has too few server slots). Called before anything starts.
   */
  checkCapacity?(size: number): Promise<void>;
  /**
   * The balancer's own names for the servers that hold `addresses` (HAProxy: backend and server
   * names), for metrics read from the balancer or labelled by it. Routers without names omit it.
   */
  serverNames?(addresses: Address[]): Promise<{ backend: string; servers: string[] }>;
  /**
   * Where what the balancer would serve after a reload or restart differs from what it serves now (nginx:
   * an upstream file written but not loaded; HAProxy: a stale server state file). Optional.
   */
  divergence?(): Promise<Divergence[]>;
  /** Bring that state back in line with what is served (called under the lock, before a release). Optional. */
  repair?(): Promise<void>;
}

export interface Divergence {
  /** The addresses the balancer would go to ([]: nowhere). Instances there are never removed while this lasts. */
  addresses: Address[];
  /** What is wrong, naming the file and the addresses. */
  problem: string;
}

export interface RouterDeps {
  run: Runner;
  log: Log;
}

/** Blue-green: everything to `addresses`. */
export function allTo(addresses: Address[], version?: string): Routing {
  return [{ addresses, weight: 100, version }];
}

/** Every address that receives traffic (weight > 0), in order. */
export function served(r: Routing): Address[] {
  return r.filter((g) => g.weight > 0).flatMap((g) => g.addresses);
}

export function formatRouting(r: Routing): string {
  const groups = r.filter((g) => g.weight > 0);
  if (groups.length === 0) return 'nothing';
  const list = (g: RoutedGroup) => g.addresses.map(formatAddress).join(', ');
  return groups.length === 1 ? list(groups[0]!) : groups.map((g) => `${g.weight}% to ${list(g)}`).join('; ');
}

/**
 * The one group a router without weights can serve. Throws when `to` asks for a split (the message
 * names the router), or when it has no address.
 */
export function singleGroup(kind: string, to: Routing): RoutedGroup {
  const groups = to.filter((g) => g.weight > 0);
  if (groups.length !== 1)
    throw new Error(
      groups.length === 0
        ? `The ${kind} router was asked to serve nothing: a shift needs at least one address at a weight above 0.`
        : `The ${kind} router cannot split traffic by weight (asked for ${formatRouting(to)}): it serves one group of addresses.`,
    );
  if (groups[0]!.addresses.length === 0) throw new Error(`The ${kind} router was asked to serve a group with no addresses.`);
  return groups[0]!;
}

/** What a balancer serves, in the core model's terms: groups of addresses and their weights. Pure. */
import { formatAddress, type Address } from './model.js';

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

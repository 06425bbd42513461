/**
 * The one interface every router implements. A router owns one thing: where the balancer sends traffic.
 * It knows addresses and weights, not versions: the release maps addresses to instances (and so to
 * pools and versions) with src/core/plan.ts. See src/core/model.ts for the core model.
 */
import type { Runner } from '../support/exec.js';
import type { Log } from '../support/log.js';
import type { Address } from '../core/model.js';
import type { Routing } from '../core/routing.js';
import type { Maintenance, MaintenanceView } from '../core/maintenance.js';

export type { Maintenance, MaintenanceAllow, MaintenanceView } from '../core/maintenance.js';
import type { Sticky } from '../core/sticky.js';

export { formatAddress, sameAddress, type Address } from '../core/model.js';
export { allTo, formatRouting, served, singleGroup, type RoutedGroup, type Routing } from '../core/routing.js';
export { describeSticky, formatSticky, type Sticky } from '../core/sticky.js';

/** Testers first (preview-header): requests that carry `header` (any value) go to `addresses`. */
export interface PreviewRoute {
  header: string;
  /** Where requests with the header go; []: the route is empty (they go where every other request goes). */
  addresses: Address[];
  version?: string | undefined;
}

/** A preview route as the balancer has it (readPreview): the header only where the balancer keeps it (nginx's routes file). */
export interface PreviewView {
  header?: string | undefined;
  /** Where requests with the header go now; []: the route is empty. */
  addresses: Address[];
  version?: string | undefined;
}

export interface Router {
  readonly kind: string;
  /** Human description for logs: e.g. `nginx upstream "shop" in /etc/nginx/shop.conf`. */
  describe(): string;
  /**
   * false: the balancer cannot split traffic between two groups by weight (a Kubernetes Service selector
   * picks one pool; Caddy 2.6 has no weighted policy; nginx in reload mode writes plain upstreams), so canary
   * steps are refused before anything starts (src/release/capability.ts). Unset: it can.
   */
  readonly weighted?: boolean;
  /** With weighted: false, why not and what to use instead, for the refusal. */
  readonly unweightedBecause?: string;
  /**
   * How many groups of addresses it can weight at once (the Kubernetes replica ratio: 2, the stable and the
   * new pool). Unset: any number (HAProxy slots, the nginx njs routes file, the command router's ROUTES).
   * baseline: true needs 3 (stable, baseline, canary): refused before anything starts otherwise.
   */
  readonly maxGroups?: number;
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
   * For a balancer whose weights cannot give every split exactly (HAProxy: whole server weights): the share in
   * percent each group of `size` addresses really gets for these weights (same order). Throws, saying what to
   * change, when a share cannot be given within 0.5 points. Omitted: shares are given as they are.
   */
  realShares?(groups: readonly { size: number; weight: number }[]): number[];
  /** What gives those shares, for the summary ("weights" unless said: the Kubernetes Service says "replicas"). */
  readonly sharesBy?: string;
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
  /**
   * Maintenance mode (command: maintenance): `m` on (everyone but the allowed gets 503, Retry-After and the page;
   * the allowed reach what the balancer serves), undefined off. Switching never fails a request of an allowed
   * client. Unset: the balancer cannot, and command: maintenance refuses before anything starts
   * (src/release/capability.ts).
   */
  maintenance?(m: Maintenance | undefined): Promise<void>;
  /**
   * Throws, saying what to add to the balancer's configuration, when maintenance cannot be switched there (HAProxy:
   * the map and ACL files are not loaded). Called before anything starts. Optional.
   */
  checkMaintenance?(): Promise<void>;
  /** Whether the balancer serves maintenance now; undefined when it cannot tell (the command router). */
  readMaintenance?(): Promise<MaintenanceView | undefined>;
  /**
   * Testers first (preview-header): requests that carry `route.header` go to `route.addresses`, every other
   * request as before (the shares of shift()); `addresses: []` empties the route. Returns once new requests are
   * routed so. A router without it cannot: preview-header is refused before anything starts (src/release/capability.ts).
   */
  preview?(route: PreviewRoute): Promise<void>;
  /**
   * Throws, saying what to add to the balancer, when its preview route cannot send requests with `header` to
   * `size` addresses (HAProxy: too few slots in <backend>-preview). Changes nothing; called before anything starts.
   */
  checkPreview?(header: string, size: number): Promise<void>;
  /**
   * The preview route as the balancer has it now, or undefined when it has none (not configured) or cannot say. The
   * next run empties a route a killed run left filled (src/release/converge.ts). Optional: without it (the command
   * router) only the next run with preview-header empties the route.
   */
  readPreview?(): Promise<PreviewView | undefined>;
  /**
   * Sticky users: keep each client on one version by `how` in every split from now on (nginx njs: a stable hash
   * of the value, written with each shift; HAProxy: the backend must balance by a hash of it). Throws, saying
   * what to change, when the balancer cannot. Called before anything starts. A router without it cannot:
   * `sticky` with canary steps is refused.
   */
  stick?(how: Sticky): Promise<void>;
  /**
   * A router made of one balancer per host (hosts lines with router=, src/routers/hosts): the names of its hosts
   * (the targets' names), in order. Unset: one balancer for the whole fleet.
   */
  readonly hosts?: readonly string[];
  /** The router of some of those hosts only (a wave, src/release/waves.ts): the same balancers, the others untouched. */
  forHosts?(names: readonly string[]): Router;
  /** The runtime APIs of its balancers whose own counters judge a pool (metrics: balancer): one per host. */
  readonly counters?: readonly BalancerCounters[];
}

/** Where a balancer's own counters are read (HAProxy's runtime API: a socket, the stream to it, the host). */
export interface BalancerCounters {
  socket: string;
  connect?: (() => Promise<import('node:stream').Duplex>) | undefined;
  on?: string | undefined;
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


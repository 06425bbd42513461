/** The one interface every router implements. A router owns one thing: where the balancer sends traffic. */
import type { Runner } from '../exec.js';
import type { Log } from '../log.js';

/** An address the balancer can send traffic to (always a published host port of an instance). */
export interface Target {
  host: string;
  port: number;
}

export interface FlipInfo {
  version: string;
  /** e.g. http://127.0.0.1:49153 */
  url: string;
}

export interface Router {
  readonly kind: string;
  /** Human description for logs: e.g. `nginx upstream "shop" in /etc/nginx/shop.conf`. */
  describe(): string;
  /**
   * Where the balancer sends traffic now, read from the balancer itself (or the file it loads).
   * undefined when it points at nothing yet. This is how the live version is known.
   */
  current(): Promise<Target | undefined>;
  /**
   * Point the balancer at `target`. Validates before applying; when applying fails, restores the
   * previous state and throws. Returns only once new requests go to `target` (state read back, or
   * the reload has taken effect).
   */
  flip(target: Target, info: FlipInfo): Promise<void>;
}

export interface RouterDeps {
  run: Runner;
  log: Log;
}

export function formatTarget(t: Target): string {
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

export function sameTarget(a: Target | undefined, b: Target | undefined): boolean {
  return !!a && !!b && a.host === b.host && a.port === b.port;
}

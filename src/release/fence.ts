/**
 * The lock fences (docs/architecture.md, "The lock"): while a run holds the deploy lock, every shift of the
 * router, every removal (instances, records, image tags) and every record write first asks the held lock
 * whether it is still ours (HeldLock.check: not taken over, renewed within its lease). When it is not, the
 * action is not taken and a LockLostError says why: a run that may have lost its lock changes nothing more.
 *
 * The release gets the fenced platform and router from `holding` (src/release/steps.ts), so no call site
 * can forget the check; a few places also check by hand before they begin a longer piece of work.
 */
import type { HeldLock } from '../platforms/lock.js';
import type { Platform } from '../platforms/types.js';
import type { Router } from '../routers/types.js';

/** The Platform methods that change something (each checked first). */
const PLATFORM_CHANGES = ['launch', 'launchPool', 'runOnce', 'removeOneOffs', 'markVerified', 'retire', 'remove', 'writeRecord', 'writeRecords', 'removeRecords', 'removeVersions'] as const;
/** The Router methods that change what the balancer serves or would serve. */
const ROUTER_CHANGES = ['shift', 'repair', 'preview', 'maintenance'] as const;

const FENCED = Symbol('fenced');

function fence<T extends object>(target: T, methods: readonly string[], held: HeldLock): T {
  if ((target as Record<symbol, unknown>)[FENCED]) return target;
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key === FENCED) return true;
      const value: unknown = Reflect.get(t, key, receiver);
      if (typeof key !== 'string' || !methods.includes(key) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        held.check();
        return (value as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** `platform`, each of its changes checked against `held` first (its own router, if it routes, too). */
export function fencePlatform(platform: Platform, held: HeldLock): Platform {
  const fenced = fence(platform, PLATFORM_CHANGES, held);
  if (!platform.routes) return fenced;
  const routes = fenceRouter(platform.routes, held);
  return new Proxy(fenced, { get: (t, key, receiver): unknown => (key === 'routes' ? routes : Reflect.get(t, key, receiver)) });
}

/** `router`, each shift, repair and preview change checked against `held` first. */
export function fenceRouter(router: Router, held: HeldLock): Router {
  return fence(router, ROUTER_CHANGES, held);
}

/** Pure: true for a fenced object (tests). */
export function isFenced(x: object): boolean {
  return (x as Record<symbol, unknown>)[FENCED] === true;
}

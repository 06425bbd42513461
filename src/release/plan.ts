/** Pure decisions of the release model: what is live, what stays warm, what goes. */
import { sameTarget, type Target } from '../routers/types.js';
import type { Instance } from '../runtime/types.js';

export type VersionState = 'live' | 'warm' | 'image-only';

export interface Observed {
  live: Instance | undefined;
  /** Verified, running, not live: newest first. */
  warm: Instance[];
  /** Left behind by a killed or failed run: unverified candidates and stopped instances. */
  debris: Instance[];
}

const newestFirst = (a: Instance, b: Instance) => b.deployedAt.localeCompare(a.deployedAt);

/**
 * The live instance is the one the router points at. Without a router (router: none), it is the
 * newest verified running instance.
 */
export function classify(instances: Instance[], routed: Target | undefined, hasRouter: boolean): Observed {
  const usable = instances.filter((i) => i.verified && i.running).sort(newestFirst);
  const debris = instances.filter((i) => !i.verified || !i.running);
  const live = hasRouter ? usable.find((i) => sameTarget(i.target, routed)) : usable[0];
  return { live, warm: usable.filter((i) => i !== live), debris };
}

export interface RetentionPlan {
  warm: Instance[];
  /** Instances that just stopped receiving traffic: stop them after draining. */
  drain: Instance[];
  /** Instances that serve no traffic: remove now. */
  remove: Instance[];
}

/**
 * After `live` took over from `previous`: keep `keep` previous versions warm (the one that was just
 * live first, then the newest), one instance per version; everything else goes.
 */
export function planRetention(
  instances: Instance[],
  live: Instance,
  previous: Instance | undefined,
  keep: number,
): RetentionPlan {
  const candidates = instances
    .filter((i) => i.id !== live.id && i.verified && i.running)
    .sort((a, b) => (a.id === previous?.id ? -1 : b.id === previous?.id ? 1 : newestFirst(a, b)));
  const warm: Instance[] = [];
  const drain: Instance[] = [];
  const remove = instances.filter((i) => i.id !== live.id && (!i.verified || !i.running));
  const versions = new Set([live.version]);
  for (const i of candidates) {
    if (!versions.has(i.version) && warm.length < keep) {
      warm.push(i);
      versions.add(i.version);
    } else if (i.id === previous?.id) drain.push(i);
    else remove.push(i);
  }
  return { warm, drain, remove };
}

export interface LocalImage {
  /** `repo:tag` */
  ref: string;
  version: string;
  created: string;
  /** Manifest digest when pulled or pushed, else the image id. */
  digest: string;
  revision: string;
}

/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
export function planImagePrune(images: LocalImage[], protect: Set<string>, keepImages: number): LocalImage[] {
  const sorted = [...images].sort((a, b) => b.created.localeCompare(a.created));
  return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}

/**
 * Which server slot serves which address at which weight, for a shift of HAProxy's pool slots. Pure.
 * Slots that already hold an address of the new routing keep it (no connection of theirs is touched);
 * the other addresses go to idle slots (in maintenance) first, and only then over slots that serve
 * addresses leaving the routing (the one-slot blue-green case). Weights are HAProxy server weights
 * (1..256), the same for every server of a group, chosen so that each group gets its share within 0.5
 * points (./weights.ts; a split no weights can give throws). A single group needs no weights (all its slots share the traffic equally), so `set weight` is only
 * sent when groups are split, or when the group's slots were left unequal by an earlier split: then
 * a backend with a static balance algorithm keeps working for blue-green.
 */
import type { Address } from '../../core/model.js';
import { sameAddress } from '../../core/model.js';
import { inMaintenance, type ServerState } from './state.js';
import { unreachable, weightsWithin } from './weights.js';

export interface SlotGroup {
  addresses: Address[];
  weight: number;
}

export interface SlotPlan {
  /** Slots that serve, with their address and the weight to set (undefined: leave the weight as it is). */
  serve: { slot: ServerState; address: Address; weight: number | undefined }[];
  /** Slots that serve nothing afterwards (put in maintenance). */
  idle: ServerState[];
  /** The share in percent each serving group really gets at these weights (same order as the groups given). */
  shares: number[];
}

/** undefined when there are fewer slots than addresses; throws when no weights give the groups' shares within 0.5 points. */
export function planSlots(slots: readonly ServerState[], groups: readonly SlotGroup[], backend = slots[0]?.backend ?? ''): SlotPlan | undefined {
  const serving = groups.filter((g) => g.weight > 0);
  const wanted = serving.flatMap((g) => g.addresses.map((address) => ({ address, group: g })));
  if (wanted.length > slots.length) return undefined;
  const split = serving.map((g) => ({ size: g.addresses.length, share: g.weight }));
  const weighting = weightsWithin(split);
  if (!weighting) throw new Error(unreachable(split, backend));
  const holds = (s: ServerState, a: Address) => sameAddress({ host: s.addr, port: s.port }, a);
  const taken = new Set<ServerState>();
  const placed = new Map<(typeof wanted)[number], ServerState>();
  // 1. Keep addresses where they are (a serving slot first, then one in maintenance).
  for (const w of wanted) {
    const s =
      slots.find((x) => !taken.has(x) && !inMaintenance(x) && holds(x, w.address)) ?? slots.find((x) => !taken.has(x) && holds(x, w.address));
    if (s) {
      taken.add(s);
      placed.set(w, s);
    }
  }
  // 2. The rest: idle slots first, then slots whose address leaves the routing.
  const free = slots.filter((x) => !taken.has(x)).sort((a, b) => Number(inMaintenance(b)) - Number(inMaintenance(a)));
  for (const w of wanted) {
    if (placed.has(w)) continue;
    const s = free.shift()!;
    taken.add(s);
    placed.set(w, s);
  }
  const several = serving.length > 1;
  const serve = wanted.map((w) => ({ slot: placed.get(w)!, address: w.address, weight: weighting.weights[serving.indexOf(w.group)]! }));
  const unequal = new Set(serve.map((x) => x.slot.weight)).size > 1;
  return {
    serve: serve.map((x) => ({ ...x, weight: several || unequal ? x.weight : undefined })),
    idle: slots.filter((x) => !taken.has(x)),
    shares: weighting.shares,
  };
}

/**
 * What the slots serve, as routing groups: one group at 100 when every serving slot has the same
 * weight (nothing to tell apart), else one group per slot with its share of the weights in percent.
 */
export function slotRouting(serving: readonly { address: Address; weight: number }[]): { addresses: Address[]; weight: number }[] {
  if (serving.length === 0) return [];
  if (new Set(serving.map((s) => s.weight)).size <= 1) return [{ addresses: serving.map((s) => s.address), weight: 100 }];
  const total = serving.reduce((n, s) => n + s.weight, 0);
  return serving.filter((s) => s.weight > 0).map((s) => ({ addresses: [s.address], weight: Math.round((1000 * s.weight) / total) / 10 }));
}

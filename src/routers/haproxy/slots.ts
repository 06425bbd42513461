/**
 * Which server slot serves which address at which weight, for a shift of HAProxy's pool slots. Pure.
 * Slots that already hold an address of the new routing keep it (no connection of theirs is touched);
 * the other addresses go to idle slots (in maintenance) first, and only then over slots that serve
 * addresses leaving the routing (the one-slot blue-green case). Weights are HAProxy server weights
 * (0..256): a group's weight split over its servers, times 2 (a 10/90 split is exactly 20 vs 180).
 * A single group needs no weights (all its slots share the traffic equally), so `set weight` is only
 * sent when groups are split, or when the group's slots were left unequal by an earlier split: then
 * a backend with a static balance algorithm keeps working for blue-green.
 */
import type { Address } from '../../core/model.js';
import { sameAddress } from '../../core/model.js';
import { inMaintenance, type ServerState } from './state.js';

export interface SlotGroup {
  addresses: Address[];
  weight: number;
}

export interface SlotPlan {
  /** Slots that serve, with their address and the weight to set (undefined: leave the weight as it is). */
  serve: { slot: ServerState; address: Address; weight: number | undefined }[];
  /** Slots that serve nothing afterwards (put in maintenance). */
  idle: ServerState[];
}

export const MAX_WEIGHT = 256;

export function slotWeight(groupWeight: number, size: number): number {
  return Math.min(MAX_WEIGHT, Math.max(1, Math.round((2 * groupWeight) / size)));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** undefined when there are fewer slots than addresses. */
export function planSlots(slots: readonly ServerState[], groups: readonly SlotGroup[]): SlotPlan | undefined {
  const wanted = groups.filter((g) => g.weight > 0).flatMap((g) => g.addresses.map((address) => ({ address, group: g })));
  if (wanted.length > slots.length) return undefined;
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
  const split = groups.filter((g) => g.weight > 0).length > 1;
  const raw = wanted.map((w) => slotWeight(w.group.weight, w.group.addresses.length));
  const common = raw.reduce(gcd);
  const serve = wanted.map((w, i) => ({ slot: placed.get(w)!, address: w.address, weight: raw[i]! / common }));
  const unequal = new Set(serve.map((x) => x.slot.weight)).size > 1;
  return {
    serve: serve.map((x) => ({ ...x, weight: split || unequal ? x.weight : undefined })),
    idle: slots.filter((x) => !taken.has(x)),
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

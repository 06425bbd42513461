/**
 * Waves (issue 21 §6): a fleet whose hosts each run their own balancer is released host group by host group.
 * `waves: 1, 50%, 100%` says how many hosts have the new version once each wave is done: a whole number is a
 * count of hosts, a percentage a share of them (rounded up); 100% is always the last wave. Each wave holds the
 * hosts the one before did not. Pure.
 */

/** One item of `waves`: hosts released once the wave is done, as a count or a share. */
export type WaveMark = { hosts: number } | { percent: number };

/** `1, 50%, 100%` -> marks; throws (a message for people) on an item that is neither a count nor a percentage. */
export function parseWaves(text: string): WaveMark[] {
  const items = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const marks: WaveMark[] = [];
  for (const item of items) {
    const pct = /^(\d+)%$/.exec(item);
    const count = /^(\d+)$/.exec(item);
    if (pct) {
      const p = Number(pct[1]);
      if (p < 1 || p > 100) throw new Error(`${item}: a share of the hosts is a whole percentage from 1% to 100%`);
      marks.push({ percent: p });
    } else if (count) {
      const n = Number(count[1]);
      if (n < 1) throw new Error(`${item}: a wave releases at least 1 host`);
      marks.push({ hosts: n });
    } else throw new Error(`${item}: each wave is a number of hosts (2) or a share of them (50%)`);
  }
  // Written in order: a share and a count cannot be compared before the fleet is known, two of a kind can.
  for (let i = 1; i < marks.length; i++) {
    const a = marks[i - 1]!;
    const b = marks[i]!;
    if (('hosts' in a && 'hosts' in b && b.hosts <= a.hosts) || ('percent' in a && 'percent' in b && b.percent <= a.percent))
      throw new Error(`${items[i - 1]}, ${items[i]}: the waves must rise (each says how many hosts have the new version once it is done)`);
  }
  return marks;
}

/** Hosts released once a wave is done, over `n` hosts (at most n). */
function reached(mark: WaveMark, n: number): number {
  return Math.min(n, 'hosts' in mark ? mark.hosts : Math.ceil((mark.percent * n) / 100));
}

/**
 * The host groups of the waves over `hosts` (in the order given): each wave the hosts its mark adds; a mark
 * that adds none (2 hosts, `1, 50%`) makes no wave; whatever no mark reached is the last wave. Every host is
 * in exactly one group.
 */
export function planWaves<T>(marks: readonly WaveMark[], hosts: readonly T[]): T[][] {
  const groups: T[][] = [];
  let done = 0;
  for (const m of marks) {
    const upTo = Math.max(done, reached(m, hosts.length));
    if (upTo > done) groups.push(hosts.slice(done, upTo));
    done = upTo;
  }
  if (done < hosts.length) groups.push(hosts.slice(done));
  return groups;
}

/** For people: "wave 1/3 (web1)", the hosts named. */
export function describeWave(index: number, count: number, hosts: readonly string[]): string {
  return `wave ${index + 1}/${count} (${hosts.join(', ')})`;
}

/**
 * Maintenance mode (command: maintenance): everyone gets 503 with Retry-After and a page, except the allowed
 * clients (source addresses in CIDRs, or requests carrying a header), who reach the live pool. The allow list,
 * the default page and CIDR matching. Pure.
 */

/**
 * node:net's isIP, loaded when an address is checked: a static import would load net (and its streams) at the
 * action's start-up, since the input rules use this module (bench/startup.mjs).
 */
const isIP = (a: string): number => process.getBuiltinModule('node:net').isIP(a);

/** Retry-After of the 503 (seconds): a client that honours it comes back in two minutes. */
export const MAINTENANCE_RETRY_AFTER_SEC = 120;

export interface MaintenanceAllow {
  /** Source address ranges (`10.0.0.0/8`, `192.0.2.7/32`, `2001:db8::/32`): these clients reach the live pool. */
  cidrs: string[];
  /** Header names (lowercase): a request that carries one (any value) reaches the live pool. */
  headers: string[];
}

/** What a router serves while maintenance is on. */
export interface Maintenance {
  /** The HTML page of the 503. */
  page: string;
  allow: MaintenanceAllow;
  retryAfterSec: number;
}

/** What a balancer says of its maintenance mode: on (with the allowed clients it knows), or off. */
export interface MaintenanceView {
  on: boolean;
  /** The allowed source ranges as the balancer holds them (undefined: it cannot tell). */
  cidrs?: string[] | undefined;
}

/** The page when maintenance-page is not given: plain, no external resources. */
export function defaultMaintenancePage(app: string): string {
  const name = app.replace(/[^a-z0-9-]/g, '');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Down for maintenance</title></head>' +
    `<body><h1>Down for maintenance</h1><p>${name} is being worked on and will be back shortly. Please try again in a few minutes.</p></body></html>`
  );
}

/** Why one `maintenance-allow` item is not accepted, or undefined. */
export function allowItemProblem(item: string): string | undefined {
  const header = /^header:\s*(.*)$/i.exec(item);
  if (header) return /^[A-Za-z0-9-]+$/.test(header[1]!) ? undefined : `the header name ${JSON.stringify(header[1])} is not letters, digits and "-"`;
  const cidr = parseCidr(item);
  return cidr ? undefined : `${JSON.stringify(item)} is neither an address range (10.0.0.0/8, 192.0.2.7, 2001:db8::/32) nor header:<Name>`;
}

/** `maintenance-allow` items (already checked) -> ranges (normalised to address/prefix) and header names (lowercase). */
export function parseAllow(items: readonly string[]): MaintenanceAllow {
  const cidrs: string[] = [];
  const headers: string[] = [];
  for (const item of items) {
    const header = /^header:\s*(.*)$/i.exec(item);
    if (header) headers.push(header[1]!.toLowerCase());
    else {
      const c = parseCidr(item)!;
      cidrs.push(`${c.address}/${c.prefix}`);
    }
  }
  return { cidrs: [...new Set(cidrs)], headers: [...new Set(headers)] };
}

/** `a.b.c.d[/n]` or an IPv6 address `[/n]`; undefined when it is neither. */
export function parseCidr(text: string): { address: string; prefix: number } | undefined {
  const [address, bits, ...rest] = text.trim().split('/');
  if (!address || rest.length) return undefined;
  const family = isIP(address);
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? max : Number(bits);
  return prefix <= max ? { address, prefix } : undefined;
}

/** The 16 bytes of an address (IPv4 as ::ffff:a.b.c.d), or undefined. */
function bytesOf(address: string): number[] | undefined {
  const a = address.replace(/^\[|\]$/g, '');
  if (isIP(a) === 4) return [...Array<number>(10).fill(0), 255, 255, ...a.split('.').map(Number)];
  if (isIP(a) !== 6) return undefined;
  let text = a;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [p, q, r, s] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -v4[1]!.length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((w) => [w >> 8, w & 255]);
}

/** True when `address` (a client's) lies in one of `cidrs`. */
export function inRanges(address: string, cidrs: readonly string[]): boolean {
  const client = bytesOf(address);
  if (!client) return false;
  return cidrs.some((c) => {
    const range = parseCidr(c);
    const net = range && bytesOf(range.address);
    if (!range || !net) return false;
    const bits = isIP(range.address) === 4 ? range.prefix + 96 : range.prefix;
    for (let i = 0; i < bits; i++) {
      const byte = i >> 3;
      const mask = 128 >> (i & 7);
      if ((client[byte]! & mask) !== (net[byte]! & mask)) return false;
    }
    return true;
  });
}

/** For people: who reaches the live pool. */
export function describeAllow(allow: MaintenanceAllow): string {
  const parts = [...allow.cidrs, ...allow.headers.map((h) => `requests with header ${h}`)];
  return parts.length ? parts.join(', ') : 'nobody';
}

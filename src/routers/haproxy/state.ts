/** HAProxy runtime API text: command builders and `show servers state` parsing. Pure. */
import type { Address } from '../types.js';

export { parseSocketAddress, type SocketAddress } from '../../drivers/haproxy/runtime-api.js';

export function setAddrCommand(backend: string, server: string, t: Address): string {
  return `set server ${backend}/${server} addr ${t.host} port ${t.port}`;
}

export function setReadyCommand(backend: string, server: string): string {
  return `set server ${backend}/${server} state ready`;
}

export function setWeightCommand(backend: string, server: string, weight: number): string {
  return `set weight ${backend}/${server} ${weight}`;
}

export function setMaintCommand(backend: string, server: string): string {
  return `set server ${backend}/${server} state maint`;
}

export function showStateCommand(backend?: string): string {
  return backend ? `show servers state ${backend}` : 'show servers state';
}

/** An IP literal: HAProxy's `set server ... addr` takes addresses, not host names. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (/^[0-9A-Fa-f:.]+$/.test(host) && host.includes(':'));
}

export interface ServerState {
  backend: string;
  server: string;
  addr: string;
  port: number;
  /** 0 stopped, 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** Bit field: maintenance 0x01 forced, 0x02 inherited, 0x04 configured (`disabled`), 0x20 resolution; drain 0x08/0x10. */
  adminState: number;
  /** Result of the last health check: 0 unknown, 1 neutral, 2 failed, 3 passed, 4 passed conditionally. */
  checkResult: number;
  /** Health check flags: 0x02 configured, 0x04 enabled, 0x08 paused. */
  checkState: number;
  /** The server's current (user) weight, 0..256 (`set weight`). */
  weight: number;
}

const MAINT_MASK = 0x01 | 0x02 | 0x20 | 0x40;

export function inMaintenance(s: ServerState): boolean {
  return (s.adminState & MAINT_MASK) !== 0;
}

/**
 * Parse `show servers state` output (a version line, a `# be_id be_name ...` header, one line per server).
 * Columns are found by the header's names, so added columns in later HAProxy versions do not matter.
 */
export function parseServersState(text: string): ServerState[] {
  const lines = text.split('\n').map((l) => l.trim());
  const header = lines.find((l) => l.startsWith('# be_id'));
  if (!header) return [];
  const cols = header.slice(1).trim().split(/\s+/);
  const at = (name: string) => cols.indexOf(name);
  const out: ServerState[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#') || /^\d+$/.test(line)) continue;
    const f = line.split(/\s+/);
    const get = (name: string) => f[at(name)] ?? '';
    out.push({
      backend: get('be_name'),
      server: get('srv_name'),
      addr: get('srv_addr'),
      port: Number(get('srv_port')),
      opState: Number(get('srv_op_state')),
      adminState: Number(get('srv_admin_state')),
      checkResult: Number(get('srv_check_result')),
      checkState: Number(get('srv_check_state')),
      weight: Number(get('srv_uweight') || 1),
    });
  }
  return out;
}

/**
 * Ready for traffic: out of maintenance, operationally UP and, when HAProxy health-checks the server,
 * its last check passed (leaving maintenance, HAProxy reports UP before the first check has run).
 */
export function serving(s: ServerState): boolean {
  const checked = (s.checkState & 0x04) !== 0;
  return !inMaintenance(s) && s.opState === 2 && (!checked || s.checkResult === 3 || s.checkResult === 4);
}

/** Where the server sends traffic, or undefined when it is in maintenance or a placeholder without an address. */
export function liveTarget(s: ServerState): Address | undefined {
  if (inMaintenance(s)) return undefined;
  if (!s.addr || s.addr === '-' || s.addr === '0.0.0.0' || s.addr === '::' || !(s.port > 0)) return undefined;
  return { host: s.addr, port: s.port };
}

/**
 * The runtime API answers errors as text; a successful `set server` prints nothing or a "changed"/"no need"
 * note. Several `;`-separated commands answer one after the other: any other line is an error.
 */
export function runtimeError(reply: string): string | undefined {
  const errors = reply
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/changed from|no need to change/i.test(l));
  return errors.length ? errors.join('\n') : undefined;
}

/**
 * The servers of `backend` that hold the pool, in slot order: `<server>1` ... `<server>N` (as a
 * `server-template <server> 1-N` line makes them) when there are any, else the one server `<server>`.
 */
export function poolSlots(states: ServerState[], backend: string, server: string): ServerState[] {
  const mine = states.filter((s) => s.backend === backend);
  const numbered = mine
    .map((s) => ({ s, n: s.server.startsWith(server) ? /^\d+$/.exec(s.server.slice(server.length))?.[0] : undefined }))
    .filter((x): x is { s: ServerState; n: string } => x.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map((x) => x.s);
  if (numbered.length) return numbered;
  return mine.filter((s) => s.server === server);
}

/** The haproxy.cfg lines the router needs, for error messages and docs. */
export function configSnippet(backend: string, server: string): string {
  return [
    'global',
    '    stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners',
    `backend ${backend}`,
    `    server ${server} 127.0.0.1:1 disabled`,
  ].join('\n');
}

/** The haproxy.cfg lines for a pool of `size` slots. */
export function templateSnippet(backend: string, server: string, size: number): string {
  return [`backend ${backend}`, `    server-template ${server} 1-${size} 127.0.0.1:1 disabled`].join('\n');
}

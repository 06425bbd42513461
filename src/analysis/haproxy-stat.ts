/**
 * HAProxy `show stat` CSV: parsing and per-server deltas over a window. Pure.
 * Columns are found by the header's names (HAProxy adds columns between versions).
 * The counters used: req_tot (requests the server answered), hrsp_5xx (its 5xx answers), eresp (responses
 * the server broke off) and econ (connections to it that failed, after HAProxy's retries): HAProxy answers
 * those two with 502/503 itself and counts them in neither req_tot nor hrsp_5xx of the server (measured on
 * HAProxy 2.6), so they are added to both requests and errors. rtime is HAProxy's mean response time over
 * the server's last 1024 requests, in ms: a moving average, not a counter.
 */
import type { Numbers } from './types.js';

export interface ServerStat {
  backend: string;
  server: string;
  reqTot: number;
  hrsp5xx: number;
  eresp: number;
  econ: number;
  rtimeMs: number;
}

export function parseShowStat(csv: string): ServerStat[] {
  const lines = csv.split('\n');
  const header = lines.find((l) => l.startsWith('# pxname'));
  if (!header) throw new Error(`not \`show stat\` output (no "# pxname" header): ${csv.trim().slice(0, 200)}`);
  const cols = header.slice(2).split(',');
  const at = (name: string) => cols.indexOf(name);
  const idx = { px: at('pxname'), sv: at('svname'), req: at('req_tot'), h5: at('hrsp_5xx'), eresp: at('eresp'), econ: at('econ'), rtime: at('rtime') };
  const num = (f: string[], i: number) => (i < 0 ? 0 : Number(f[i] || 0) || 0);
  const out: ServerStat[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(',');
    const server = f[idx.sv] ?? '';
    if (server === 'FRONTEND' || server === 'BACKEND') continue;
    out.push({
      backend: f[idx.px] ?? '',
      server,
      reqTot: num(f, idx.req),
      hrsp5xx: num(f, idx.h5),
      eresp: num(f, idx.eresp),
      econ: num(f, idx.econ),
      rtimeMs: num(f, idx.rtime),
    });
  }
  return out;
}

/**
 * The new pool's numbers between two snapshots: counters summed over `servers` of `backend` as deltas
 * (a counter that went down, because HAProxy restarted, counts from zero), rtime as the request-weighted
 * mean of the servers' moving averages at the end.
 */
export function statDelta(before: readonly ServerStat[], after: readonly ServerStat[], backend: string, servers: readonly string[]): Numbers {
  const pick = (list: readonly ServerStat[], s: string) => list.find((x) => x.backend === backend && x.server === s);
  let requests = 0;
  let errors = 0;
  let weighted = 0;
  let answeredAll = 0;
  for (const s of servers) {
    const b = pick(before, s);
    const a = pick(after, s);
    if (!a) continue;
    const d = (k: 'reqTot' | 'hrsp5xx' | 'eresp' | 'econ') => (b && a[k] >= b[k] ? a[k] - b[k] : a[k]);
    const answered = d('reqTot');
    const broken = d('eresp') + d('econ');
    requests += answered + broken;
    errors += d('hrsp5xx') + broken;
    weighted += answered * a.rtimeMs;
    answeredAll += answered;
  }
  return { requests, errors, ...(answeredAll > 0 ? { responseMs: weighted / answeredAll } : {}) };
}

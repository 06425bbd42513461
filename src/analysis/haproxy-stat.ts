/**
 * HAProxy `show stat` CSV: parsing and per-server deltas over a window. Pure.
 * Columns are found by the header's names (HAProxy adds columns between versions).
 * The counters used: req_tot (requests the server answered), hrsp_5xx (its 5xx answers), eresp (responses
 * the server broke off) and econ (connections to it that failed, after HAProxy's retries): HAProxy answers
 * those two with 502/503 itself and counts them in neither req_tot nor hrsp_5xx of the server (measured on
 * HAProxy 2.6), so they are added to both requests and errors. rtime is HAProxy's mean response time over
 * the server's last 1024 requests, in ms: a moving average, not a counter, and a server slot keeps it when
 * the router points the slot at a new instance. So the window's own mean is worked out from the averages at
 * both ends (windowResponseMs), not read off the end: a slow canary in a slot that served a fast version
 * for thousands of requests would otherwise pass (measured: 116 ms shown for a version answering in 300 ms).
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

/** HAProxy's TIME_STATS_SAMPLES: up to this many requests, rtime is the plain mean of them all. */
export const TIME_SAMPLES = 1024;
/** After that, each request moves rtime by 1/this of the way to its own time (measured on HAProxy 2.6.12). */
export const DECAY_SAMPLES = 512;

/**
 * The mean response time of a server's requests between two `show stat` readings, from rtime at both ends.
 * How HAProxy 2.6.12 (Debian 12) moves rtime, measured against a backend answering in 303 ms (test/e2e and
 * docs/canary.md): while req_tot <= 1024 it is the plain mean of all the server's requests; beyond, every
 * request t does rtime += (t - rtime) / 512. With k1 requests of the window in the first regime and k2 in
 * the second (r = (1 - 1/512)^k2, W = min(req_tot, 1024)): rtime1 = (rtime0·W0 + m·k1) / W1 · r + m·(1 - r),
 * solved for the window's mean m. rtime is shown rounded up: its middle (rtime - 0.5) is taken. A fresh
 * slot gives rtime itself. Pure; undefined without requests in the window.
 */
export function windowResponseMs(before: ServerStat | undefined, after: ServerStat): number | undefined {
  const restarted = !before || after.reqTot < before.reqTot;
  const c0 = restarted ? 0 : before.reqTot;
  const k = after.reqTot - c0;
  if (k <= 0) return undefined;
  const shown = (s: ServerStat | undefined) => (s && s.rtimeMs > 0 ? s.rtimeMs - 0.5 : 0);
  const w0 = Math.min(c0, TIME_SAMPLES);
  const w1 = Math.min(after.reqTot, TIME_SAMPLES);
  const k1 = w1 - w0;
  const r = (1 - 1 / DECAY_SAMPLES) ** (k - k1);
  const a0 = restarted ? 0 : shown(before);
  return Math.max(0, (shown(after) - ((a0 * w0) / w1) * r) / ((k1 / w1) * r + 1 - r));
}

/**
 * The new pool's numbers between two snapshots: counters summed over `servers` of `backend` as deltas
 * (a counter that went down, because HAProxy restarted, counts from zero), the response time as the
 * request-weighted mean of the servers' means over the window (windowResponseMs).
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
    const mean = windowResponseMs(b, a);
    if (mean === undefined) continue;
    weighted += answered * mean;
    answeredAll += answered;
  }
  return { requests, errors, ...(answeredAll > 0 ? { responseMs: weighted / answeredAll } : {}) };
}

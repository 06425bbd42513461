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
 * for a thousand requests would otherwise pass (measured: 116 ms shown for a version answering in 300 ms).
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

/** HAProxy's TIME_STATS_SAMPLES: its time averages span about this many requests. */
export const TIME_SAMPLES = 1024;

/**
 * HAProxy keeps a sum S per server: every answered request does S += ms - S/1024 (swrate_add), and rtime
 * shows ceil(S / min(req_tot, 1024)) (swrate_avg). Over k requests with mean m, S goes from S0 to
 * S0·r + m·1024·(1 - r) with r = (1 - 1/1024)^k, so m = (S1 - S0·r) / (1024·(1 - r)), S taken at the middle
 * of what each rounded rtime allows. A fresh slot (S0 = 0) gives about rtime itself. That is HAProxy 2.6
 * (Debian 12, what the tests run). Later versions that keep a plain sum while a server has answered fewer
 * than 1024 requests (swrate_add_dynamic) make this high by S0/1024 for such a slot (its earlier mean times
 * its earlier requests / 1024). Pure; undefined without requests in the window.
 */
export function windowResponseMs(before: ServerStat | undefined, after: ServerStat): number | undefined {
  const restarted = !before || after.reqTot < before.reqTot;
  const k = restarted ? after.reqTot : after.reqTot - before.reqTot;
  if (k <= 0) return undefined;
  const sum = (s: ServerStat) => (s.rtimeMs > 0 ? (s.rtimeMs - 0.5) * Math.min(s.reqTot, TIME_SAMPLES) : 0);
  const r = (1 - 1 / TIME_SAMPLES) ** k;
  const s0 = restarted ? 0 : sum(before);
  return Math.max(0, (sum(after) - s0 * r) / (TIME_SAMPLES * (1 - r)));
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

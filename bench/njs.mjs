#!/usr/bin/env node
/**
 * Issue 22: what nginx's njs routing (share/nginx/immutable-deploy.js: each request reads the routes file
 * and picks a server) costs per request against a plain upstream block to the same backend. One busybox
 * httpd backend on 127.0.0.1; two nginx servers (one worker each), alike but for the routing; wrk -t1 -c8
 * (keep-alive) for DURATION seconds through each, alternating ROUNDS times. Figures: requests per second
 * and latency; the njs cost = 1 - njs rate / plain rate. Target: ≤ 5 %.
 *
 * usage: node bench/njs.mjs [--json out.json]      env: ROUNDS (default 4), DURATION (seconds, default 5)
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fmt, median, printMachine, table, writeJson, WRK_LUA, tempDir } from './lib.mjs';
import { join } from 'node:path';

const servers = await import('../test/helpers/servers.ts');
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const DURATION = Number(process.env.DURATION ?? 5);
const machine = printMachine();
const backend = await servers.startBackend('ok\n');
const plain = await servers.startNginx({ initial: backend.target, workerProcesses: 1 });
const njs = await servers.startNginx({ njs: true, workerProcesses: 1 });
writeFileSync(njs.routesFile, JSON.stringify({ pools: [{ version: 'v1', weight: 100, servers: [`127.0.0.1:${backend.port}`] }] }));
const script = join(tempDir('njs'), 'count.lua');
writeFileSync(script, WRK_LUA);
const wrk = (url) => {
  const r = spawnSync('wrk', ['-t', '1', '-c', '8', '-d', `${DURATION}s`, '--timeout', '5s', '-s', script, url], { encoding: 'utf8' });
  const j = JSON.parse(/WRKJSON (.*)/.exec(r.stdout)[1]);
  return { rps: j.requests / (j.duration_us / 1e6), p50ms: j.p50_us / 1000, p99ms: j.p99_us / 1000, failed: j.connect + j.read + j.write + j.timeout + j.non2xx, load: loadavg()[0] };
};
const results = { plain: [], njs: [] };
try {
  for (const [u, what] of [[plain.url, 'plain'], [njs.url, 'njs']]) if (wrk(u).failed > 0 && what) console.log(`warning: failures through ${what} in the warm-up`);
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? ['njs', 'plain'] : ['plain', 'njs'];
    for (const what of order) results[what].push(wrk(what === 'plain' ? plain.url : njs.url));
  }
} finally {
  await Promise.all([plain.stop(), njs.stop(), backend.stop()]);
}
const rate = (xs) => median(xs.map((x) => x.rps));
const cost = 1 - rate(results.njs) / rate(results.plain);
const pairs = results.plain.map((p, i) => 1 - results.njs[i].rps / p.rps);
console.log(`\nnginx: njs routing against a plain upstream, wrk -t1 -c8 ${DURATION}s x ${ROUNDS} rounds each`);
console.log(
  table(
    ['routing', 'requests/s (median)', 'p50 (ms)', 'p99 (ms)', 'failed', 'load average'],
    Object.entries(results).map(([k, xs]) => [k, fmt(rate(xs)), fmt(median(xs.map((x) => x.p50ms)), 2), fmt(median(xs.map((x) => x.p99ms)), 2), xs.reduce((a, x) => a + x.failed, 0), `${fmt(Math.min(...xs.map((x) => x.load)), 1)}–${fmt(Math.max(...xs.map((x) => x.load)), 1)}`]),
  ),
);
console.log(`njs cost per request: ${fmt(cost * 100, 1)} % of the plain rate (per round: ${pairs.map((p) => fmt(p * 100, 1)).join(', ')} %)`);
writeJson({ machine, rounds: ROUNDS, durationSec: DURATION, results, cost, perRound: pairs });

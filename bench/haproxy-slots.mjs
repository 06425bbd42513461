#!/usr/bin/env node
/**
 * Issue 22: HAProxy's runtime-API flip for pools of 1, 8 and 64 instances: `replicas` N on the local engine
 * (busybox httpd, ~1 MB each), HAProxy with N `server-template` slots; v1 and v2 deployed, then RUNS warm
 * rollbacks alternating. Figures: the action's own "flip took N ms" (the runtime API commands and the
 * read-back until every slot is UP), the whole run, peak RSS.
 *
 * usage: node bench/haproxy-slots.mjs [sizes...] [--json out.json]   (default sizes 1 8 64)   env: RUNS (default 5)
 */
import { loadavg } from 'node:os';
import { args, appRepo, cleanupApp, commitChange, fmt, median, mustSucceed, printMachine, runAction, table, writeJson } from './lib.mjs';

const servers = await import('../test/helpers/servers.ts');
const RUNS = Number(process.env.RUNS ?? 5);
const sizes = args().length ? args().map(Number) : [1, 8, 64];
const machine = printMachine();
const results = [];
for (const n of sizes) {
  const APP = `bench-hs${n}-${process.pid}`;
  cleanupApp(APP);
  const h = await servers.startHaproxy({ backend: APP, server: 'slot', slots: n * 2 });
  const repo = appRepo('v1');
  const inputs = { app: APP, router: 'haproxy', 'haproxy-socket': h.socket, 'haproxy-backend': APP, 'haproxy-server': 'slot', replicas: String(n), keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
  try {
    const v1 = mustSucceed(await runAction(inputs, { cwd: repo, timeoutMs: 600_000 }), `deploy v1 x${n}`).outputs.version;
    commitChange(repo, 'v2');
    const v2 = mustSucceed(await runAction(inputs, { cwd: repo, timeoutMs: 600_000 }), `deploy v2 x${n}`).outputs.version;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = mustSucceed(await runAction({ ...inputs, command: 'rollback', version: i % 2 ? v2 : v1 }, { cwd: repo, rss: true }), `rollback x${n}`);
      const flip = /flip took (\d+) ms/.exec(r.log);
      runs.push({ ms: r.ms, flipMs: flip ? Number(flip[1]) : NaN, rssKb: r.rssKb, load: loadavg()[0] });
    }
    results.push({ instances: n, runs });
  } finally {
    await h.stop();
    cleanupApp(APP);
  }
}
console.log(`\nHAProxy runtime-API flip by pool size (${RUNS} warm rollbacks each)`);
console.log(
  table(
    ['instances (slots)', 'flip (ms, median)', 'flip max', 'whole run (ms, median)', 'peak RSS (MB)', 'load average'],
    results.map((r) => [
      `${r.instances} (${r.instances * 2})`,
      fmt(median(r.runs.map((x) => x.flipMs))),
      fmt(Math.max(...r.runs.map((x) => x.flipMs))),
      fmt(median(r.runs.map((x) => x.ms))),
      fmt(median(r.runs.map((x) => x.rssKb / 1024)), 1),
      `${fmt(Math.min(...r.runs.map((x) => x.load)), 1)}–${fmt(Math.max(...r.runs.map((x) => x.load)), 1)}`,
    ]),
  ),
);
writeJson({ machine, runs: RUNS, results });

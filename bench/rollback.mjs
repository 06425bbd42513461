#!/usr/bin/env node
/**
 * Issue 22: the warm rollback, the whole `node dist/index.js` run as the runner drives it, on the local
 * engine through HAProxy on 127.0.0.1: a busybox app with v1 and v2 deployed (keep 1), then RUNS rollbacks
 * alternating v1 / v2 (each one flip to the warm version), idle and under `wrk -t2 -c16` through the
 * balancer. Every run has RUNNER_DEBUG=1, so its engine calls are counted (the action's own trace), and its
 * peak RSS is taken by GNU time. Prints the figures and the trace of the slowest run of each condition.
 * Targets: ≤ 150 ms idle (median), ≤ 500 ms p95 under wrk -t2 -c16.
 *
 * usage: node bench/rollback.mjs [--json out.json]      env: RUNS (per condition, default 11)
 */
import {
  appRepo,
  cleanupApp,
  commitChange,
  engineCalls,
  fmt,
  median,
  mustSucceed,
  p95,
  printMachine,
  runAction,
  startHaproxy,
  startWrk,
  table,
  traceOf,
  writeJson,
} from './lib.mjs';
import { loadavg } from 'node:os';

const RUNS = Number(process.env.RUNS ?? 11);
const APP = `bench-rb-${process.pid}`;
const machine = printMachine();

cleanupApp(APP);
const lb = await startHaproxy({ backend: APP });
const repo = appRepo('v1');
const inputs = { app: APP, ...lb.inputs, keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
const results = {};
try {
  const v1 = mustSucceed(await runAction(inputs, { cwd: repo }), 'deploy v1').outputs.version;
  commitChange(repo, 'v2');
  const v2 = mustSucceed(await runAction(inputs, { cwd: repo }), 'deploy v2').outputs.version;
  const versions = [v1, v2];
  let next = 0;
  for (const condition of ['idle', 'load']) {
    const wrk = condition === 'load' ? startWrk(lb.url, { threads: 2, connections: 16, maxSec: 300 }) : undefined;
    const runs = [];
    const load = [];
    try {
      // One unmeasured run first (the compile cache, the page cache).
      for (let i = 0; i <= RUNS; i++) {
        const version = versions[next];
        next = 1 - next;
        const r = mustSucceed(await runAction({ ...inputs, command: 'rollback', version }, { cwd: repo, env: { RUNNER_DEBUG: '1' }, rss: true }), `rollback to ${version}`);
        load.push(loadavg()[0]);
        if (i > 0) runs.push({ ms: r.ms, warm: r.log.includes('one flip'), calls: engineCalls(r), rssKb: r.rssKb, trace: traceOf(r) });
      }
    } finally {
      const w = await wrk?.stop();
      results[condition] = { runs, loadavg: load, wrk: w && { requests: w.requests, failed: w.failed } };
    }
  }
} finally {
  await lb.stop();
  cleanupApp(APP);
}

const rows = Object.entries(results).map(([condition, r]) => {
  const warm = r.runs.filter((x) => x.warm);
  const ms = warm.map((x) => x.ms);
  const calls = warm.map((x) => x.calls.length);
  return [
    condition === 'idle' ? 'idle' : 'wrk -t2 -c16',
    `${warm.length}/${r.runs.length}`,
    fmt(median(ms)),
    fmt(p95(ms)),
    fmt(Math.max(...ms)),
    `${Math.min(...calls)}–${Math.max(...calls)}`,
    fmt(median(warm.map((x) => x.rssKb / 1024)), 1),
    `${fmt(Math.min(...r.loadavg), 1)}–${fmt(Math.max(...r.loadavg), 1)}`,
    r.wrk ? `${r.wrk.requests} / ${r.wrk.failed}` : '',
  ];
});
console.log(`\nWarm rollback, whole run (ms), local engine, HAProxy; ${RUNS} runs per condition`);
console.log(table(['condition', 'warm runs', 'median', 'p95', 'max', 'engine calls', 'peak RSS (MB, median)', 'load average (1 min)', 'wrk requests / failed'], rows));
for (const [condition, r] of Object.entries(results)) {
  const slowest = [...r.runs].sort((a, b) => b.ms - a.ms)[0];
  if (!slowest) continue;
  console.log(`\nSlowest ${condition} run: ${fmt(slowest.ms)} ms`);
  console.log(table(['at (ms)', 'what'], slowest.trace.map((t) => [t.at, t.what])));
}
writeJson({ machine, runs: RUNS, results });

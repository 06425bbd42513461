#!/usr/bin/env node
/**
 * Issue 22: `command: status` on an engine with at least 200 images (tags of a tiny FROM-scratch image are
 * added when the engine has fewer; they are removed again at the end), a busybox app with v1 and v2
 * deployed through HAProxy (keep 1). RUNS status runs (RUNNER_DEBUG=1: its engine calls are counted; no
 * GET /images/json is expected), peak RSS by GNU time. Target: ≤ 150 ms idle.
 *
 * usage: node bench/status.mjs [--json out.json]     env: RUNS (default 11), IMAGES (default 200)
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { appRepo, cleanupApp, commitChange, engineCalls, fmt, median, mustSucceed, p95, printMachine, runAction, startHaproxy, table, traceOf, writeJson } from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 11);
const IMAGES = Number(process.env.IMAGES ?? 200);
const APP = `bench-st-${process.pid}`;
const machine = printMachine();
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();
const count = () => docker('images', '-q').split('\n').filter(Boolean).length;

cleanupApp(APP);
const lb = await startHaproxy({ backend: APP });
const repo = appRepo('v1');
const inputs = { app: APP, ...lb.inputs, keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
const extra = [];
let result;
try {
  mustSucceed(await runAction(inputs, { cwd: repo }), 'deploy v1');
  commitChange(repo, 'v2');
  const v2 = mustSucceed(await runAction(inputs, { cwd: repo }), 'deploy v2');
  // Top the engine up to IMAGES images with tags of the app's own image (each tag is one entry of GET /images/json).
  for (let n = count(); n < IMAGES; n++) {
    const ref = `${APP}-filler:${n}`;
    docker('tag', `${v2.outputs.image ?? APP}:${v2.outputs.version}`, ref);
    extra.push(ref);
  }
  const images = Number(docker('system', 'info', '--format', '{{.Images}}'));
  const runs = [];
  const load = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = mustSucceed(await runAction({ app: APP, command: 'status', ...lb.inputs }, { cwd: repo, env: { RUNNER_DEBUG: '1' }, rss: true }), 'status');
    load.push(loadavg()[0]);
    if (i > 0) runs.push({ ms: r.ms, calls: engineCalls(r), rssKb: r.rssKb, trace: traceOf(r) });
  }
  result = { images, listed: docker('images', '-q').split('\n').length, runs, loadavg: load };
} finally {
  for (const ref of extra) execFileSync('docker', ['rmi', ref], { stdio: 'ignore' });
  await lb.stop();
  cleanupApp(APP);
}
const ms = result.runs.map((r) => r.ms);
const calls = result.runs.map((r) => r.calls.length);
const imageLists = result.runs.reduce((a, r) => a + r.calls.filter((c) => c.call === 'GET /images/json').length, 0);
console.log(`\nstatus with ${result.images} images on the engine (docker info), ${RUNS} runs`);
console.log(
  table(
    ['median', 'p95', 'max', 'engine calls', 'GET /images/json in all runs', 'peak RSS (MB, median)', 'load average'],
    [[fmt(median(ms)), fmt(p95(ms)), fmt(Math.max(...ms)), `${Math.min(...calls)}–${Math.max(...calls)}`, imageLists, fmt(median(result.runs.map((r) => r.rssKb / 1024)), 1), `${fmt(Math.min(...result.loadavg), 1)}–${fmt(Math.max(...result.loadavg), 1)}`]],
  ),
);
const slowest = [...result.runs].sort((a, b) => b.ms - a.ms)[0];
console.log(`\nSlowest run: ${fmt(slowest.ms)} ms`);
console.log(table(['at (ms)', 'what'], slowest.trace.map((t) => [t.at, t.what])));
writeJson({ machine, runs: RUNS, ...result });

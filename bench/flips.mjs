#!/usr/bin/env node
/**
 * Flips under load, through `node dist/index.js` as the runner drives it.
 *
 * For each balancer (HAProxy, nginx with its default keepalive_timeout 75s, nginx with
 * keepalive_timeout 0, Caddy): start it on a free 127.0.0.1 port, deploy v1 and v2 of a tiny busybox
 * app (router inputs as in test/e2e), then for each client kind (wrk keep-alive; wrk with
 * `Connection: close`) run FLIPS rollback runs (v2 -> v1 -> v2 ...: each one flips to the warm previous
 * version) while wrk loads the balancer and a separate tight probe (node http, a fresh connection per
 * request) records which version answered when.
 *
 * Prints per balancer and client kind: wrk requests and failures (socket errors + non-2xx), flip
 * latency (from the `::group::Flip` line of the action to the first answer of the new version and to
 * the last answer of the old one), requests sent after the flip returned that still got the old
 * version (must be 0), and the wall time of the whole rollback run (median, p95).
 *
 * usage: node bench/flips.mjs [haproxy] [nginx] [nginx-ka0] [caddy] [caddy-close]    (default: all)
 * env:   FLIPS (default 20), IDLE_FLIPS (rollbacks without load first, default 10), WRK_THREADS (2), WRK_CONNECTIONS (8; see docs/benchmarks.md for why not 16), JSON_OUT (write raw results there)
 * All traffic goes to 127.0.0.1; wrk and the probe are bounded in time.
 */
import { rmSync, writeFileSync } from 'node:fs';
import {
  appRepo,
  cleanupApp,
  commitChange,
  fmt,
  get,
  median,
  mustSucceed,
  p95,
  printMachine,
  runAction,
  sleep,
  startCaddy,
  startHaproxy,
  startNginx,
  startProbe,
  startWrk,
  table,
  writeJson,
} from './lib.mjs';

const FLIPS = Number(process.env.FLIPS ?? 20);
const IDLE_FLIPS = Number(process.env.IDLE_FLIPS ?? 10);
const WRK_THREADS = Number(process.env.WRK_THREADS ?? 2);
const WRK_CONNECTIONS = Number(process.env.WRK_CONNECTIONS ?? 8);

const BALANCERS = {
  haproxy: { label: 'HAProxy', start: () => startHaproxy({ backend: 'bench-flip-haproxy' }), app: 'bench-flip-haproxy' },
  nginx: { label: 'nginx (keepalive_timeout 75s, default)', start: () => startNginx({ upstreamName: 'bench-flip-nginx' }), app: 'bench-flip-nginx' },
  'nginx-ka0': {
    label: 'nginx (keepalive_timeout 0)',
    start: () => startNginx({ upstreamName: 'bench-flip-nginx0', keepaliveTimeout: '0' }),
    app: 'bench-flip-nginx0',
  },
  caddy: { label: 'Caddy (defaults)', start: () => startCaddy({ upstreamId: 'bench-flip-caddy' }), app: 'bench-flip-caddy' },
  'caddy-close': {
    label: 'Caddy (headers handler sets Connection: close)',
    start: () => startCaddy({ upstreamId: 'bench-flip-caddyc', connectionClose: true }),
    app: 'bench-flip-caddyc',
  },
};

const selected = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BALANCERS);
for (const s of selected) if (!BALANCERS[s]) throw new Error(`unknown balancer ${s}; use ${Object.keys(BALANCERS).join(', ')}`);

function analyse(flips, samples, probeEnd) {
  const per = flips.map((f, i) => {
    // The window of flip i ends when the next rollback run is spawned (nothing can change before that;
    // the next run's own ::group::Flip line may reach us a few ms after its flip took effect).
    const until = flips[i + 1]?.runStart ?? probeEnd;
    const inWindow = samples.filter((s) => s.at >= f.flipStart && s.at < until && s.body !== undefined);
    const firstNew = inWindow.find((s) => s.body === f.newBody);
    const olds = inWindow.filter((s) => s.body === f.oldBody);
    const lastOld = olds[olds.length - 1];
    return {
      firstNewMs: firstNew ? firstNew.at - f.flipStart : NaN,
      lastOldMs: lastOld ? lastOld.at - f.flipStart : 0,
      flipReturnMs: f.flipEnd - f.flipStart,
      // A request sent after the flip returned must reach the new version (the flip's contract).
      stale: samples
        .filter((s) => s.sent > f.flipEnd && s.sent < until && s.body === f.oldBody)
        .map((s) => ({ sentAfterReturnMs: +(s.sent - f.flipEnd).toFixed(1), latencyMs: +(s.at - s.sent).toFixed(1) })),
      wallMs: f.wallMs,
      actionFlipMs: f.actionFlipMs,
    };
  });
  const col = (k) => per.map((p) => p[k]).filter(Number.isFinite);
  return {
    per,
    firstNewMedian: median(col('firstNewMs')),
    firstNewMax: Math.max(...col('firstNewMs')),
    lastOldMedian: median(col('lastOldMs')),
    lastOldMax: Math.max(...col('lastOldMs')),
    flipReturnMedian: median(col('flipReturnMs')),
    staleAfterReturn: per.reduce((a, p) => a + p.stale.length, 0),
    staleDetails: per.flatMap((p, i) => p.stale.map((s) => ({ flip: i + 1, ...s }))),
    wallMedian: median(col('wallMs')),
    wallP95: p95(col('wallMs')),
    wallMax: Math.max(...col('wallMs')),
    probeRequests: samples.length,
    probeErrors: samples.filter((s) => s.error).length,
    probeNon2xx: samples.filter((s) => s.status !== undefined && (s.status < 200 || s.status > 299)).length,
    probeErrorKinds: samples.filter((s) => s.error).reduce((a, s) => ((a[s.error] = (a[s.error] ?? 0) + 1), a), {}),
  };
}

async function benchBalancer(key) {
  const b = BALANCERS[key];
  cleanupApp(b.app);
  const lb = await b.start();
  const results = [];
  const repo = appRepo('v1');
  try {
    const inputs = { app: b.app, environment: 'bench', keep: '1', 'drain-seconds': '1', checks: 'GET / 200', ...lb.inputs };
    const d1 = mustSucceed(await runAction(inputs, { cwd: repo }), `${key}: deploy v1`);
    commitChange(repo, 'v2');
    const d2 = mustSucceed(await runAction(inputs, { cwd: repo }), `${key}: deploy v2`);
    const body = { [d1.outputs.version]: 'v1\n', [d2.outputs.version]: 'v2\n' };
    const check = await get(lb.url);
    if (check.body !== 'v2\n') throw new Error(`${key}: after deploying v2 the balancer answered ${JSON.stringify(check)}`);
    console.log(`${b.label}: deployed v1 (${d1.outputs.version}, ${Math.round(d1.ms)} ms) and v2 (${d2.outputs.version}, ${Math.round(d2.ms)} ms)`);

    // Rollback runs with no load at all: the action's own cost, split into phases by its output lines.
    const idle = [];
    for (let i = 0; i < IDLE_FLIPS; i++) {
      const r = mustSucceed(await runAction({ ...inputs, command: 'rollback' }, { cwd: repo }), `${key}: idle rollback ${i + 1}`);
      const fs = r.lines.find((l) => l.text.startsWith('::group::Flip'))?.t;
      const fe = r.lines.find((l) => / now sends traffic to .*\(flip took \d+ ms\)/.test(l.text))?.t;
      idle.push({ wallMs: r.ms, beforeFlipMs: fs - r.start, flipMs: fe - fs, afterFlipMs: r.end - fe });
    }
    const col = (k) => idle.map((x) => x[k]);
    const idleRow = {
      balancer: b.label,
      clients: 'none (idle)',
      idle: true,
      runs: idle.length,
      wallMedian: median(col('wallMs')),
      wallP95: p95(col('wallMs')),
      wallMax: Math.max(...col('wallMs')),
      beforeFlipMedian: median(col('beforeFlipMs')),
      flipMedian: median(col('flipMs')),
      afterFlipMedian: median(col('afterFlipMs')),
    };
    results.push(idleRow);
    console.log(
      `${b.label} / idle: rollback run ${fmt(idleRow.wallMedian)} ms median, p95 ${fmt(idleRow.wallP95)}, max ${fmt(idleRow.wallMax)} ` +
        `(start to flip ${fmt(idleRow.beforeFlipMedian)} ms, flip ${fmt(idleRow.flipMedian)} ms, flip to exit ${fmt(idleRow.afterFlipMedian)} ms; medians)`,
    );

    for (const close of [false, true]) {
      const kind = close ? 'Connection: close' : 'keep-alive';
      const wrk = startWrk(lb.url, { threads: WRK_THREADS, connections: WRK_CONNECTIONS, close, maxSec: 240 });
      const probe = startProbe(lb.url, { maxMs: 240_000 });
      await sleep(1000);
      const flips = [];
      for (let i = 0; i < FLIPS; i++) {
        const r = mustSucceed(await runAction({ ...inputs, command: 'rollback' }, { cwd: repo }), `${key}: rollback ${i + 1}`);
        const flipStart = r.lines.find((l) => l.text.startsWith('::group::Flip'))?.t;
        const flipEnd = r.lines.find((l) => / now sends traffic to .*\(flip took \d+ ms\)/.test(l.text));
        if (flipStart === undefined || !flipEnd) throw new Error(`${key}: rollback ${i + 1} printed no flip:\n${r.log}`);
        if (!r.log.includes('one flip, no build, no pull')) throw new Error(`${key}: rollback ${i + 1} was not a warm flip:\n${r.log}`);
        flips.push({
          flipStart,
          flipEnd: flipEnd.t,
          actionFlipMs: Number(/flip took (\d+) ms/.exec(flipEnd.text)[1]),
          newBody: body[r.outputs['live-version']],
          oldBody: body[r.outputs['previous-version']],
          wallMs: r.ms,
          runStart: r.start,
        });
        await sleep(200);
      }
      await sleep(1000);
      const w = await wrk.stop();
      const samples = await probe.stop();
      const a = analyse(flips, samples, samples[samples.length - 1]?.at ?? Infinity);
      const row = { balancer: b.label, setting: lb.setting, clients: kind, wrkArgv: wrk.argv, wrk: { ...w, raw: undefined }, runs: flips.length, ...a };
      results.push(row);
      console.log(
        `${b.label} / ${kind}: wrk ${w.requests} requests, ${w.failed} failed ` +
          `(connect ${w.connect}, read ${w.read}, write ${w.write}, timeout ${w.timeout}, non-2xx ${w.non2xx}); ` +
          `probe ${a.probeRequests} requests, ${a.probeErrors} errors ${JSON.stringify(a.probeErrorKinds)}, ${a.probeNon2xx} non-2xx; ` +
          `first new answer ${fmt(a.firstNewMedian)} ms median (max ${fmt(a.firstNewMax)}), last old answer ${fmt(a.lastOldMedian)} ms median (max ${fmt(a.lastOldMax)}), ` +
          `flip returned after ${fmt(a.flipReturnMedian)} ms median; old answers to requests sent after the flip returned: ${a.staleAfterReturn}; ` +
          `rollback run ${fmt(a.wallMedian)} ms median, p95 ${fmt(a.wallP95)}, max ${fmt(a.wallMax)}`,
      );
      if (a.staleDetails.length) console.log(`  old answers after the flip returned: ${JSON.stringify(a.staleDetails)}`);
    }
  } finally {
    await lb.stop();
    cleanupApp(b.app);
    rmSync(repo, { recursive: true, force: true });
  }
  return results;
}

const started = Date.now();
const m = printMachine();
console.log(`${FLIPS} flips per balancer and client kind; wrk -t${WRK_THREADS} -c${WRK_CONNECTIONS}\n`);
const all = [];
for (const key of selected) all.push(...(await benchBalancer(key)));

const loaded = all.filter((r) => !r.idle);
console.log('\n' + table(
  ['balancer', 'clients', 'wrk requests', 'failed', 'of which', 'first new answer (median / max)', 'last old answer (median / max)', 'old answers after flip returned'],
  loaded.map((r) => [
    r.balancer,
    r.clients,
    r.wrk.requests,
    r.wrk.failed,
    `connect ${r.wrk.connect}, read ${r.wrk.read}, write ${r.wrk.write}, timeout ${r.wrk.timeout}, non-2xx ${r.wrk.non2xx}`,
    `${fmt(r.firstNewMedian)} / ${fmt(r.firstNewMax)} ms`,
    `${fmt(r.lastOldMedian)} / ${fmt(r.lastOldMax)} ms`,
    r.staleAfterReturn,
  ]),
));
console.log('\n' + table(
  ['balancer', 'load', 'rollback runs', 'wall median', 'wall p95', 'wall max', 'flip step median', 'probe requests / failed'],
  all.map((r) => [
    r.balancer,
    r.clients,
    r.runs,
    `${fmt(r.wallMedian)} ms`,
    `${fmt(r.wallP95)} ms`,
    `${fmt(r.wallMax)} ms`,
    `${fmt(r.idle ? r.flipMedian : median(r.per.map((p) => p.actionFlipMs)))} ms`,
    r.idle ? '–' : `${r.probeRequests} / ${r.probeErrors + r.probeNon2xx}`,
  ]),
));
writeJson({ machine: m, flips: FLIPS, results: all });
console.log(`\ntotal ${Math.round((Date.now() - started) / 1000)} s`);

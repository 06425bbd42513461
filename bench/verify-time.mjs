#!/usr/bin/env node
/**
 * Verify time: how long the action takes from starting a container to calling it verified, against
 * how long the app itself takes to answer.
 *
 * - Action: RUNS deploys (router none, checks `GET / 200`, keep 0, drain-seconds 0) of a tiny busybox
 *   app through `node dist/index.js`. From its output: the `::group::Start a fresh instance` line (just
 *   before `docker run`), the `Started ...` line (docker run returned), "Healthy at ... after N ms"
 *   (counted from docker run returning) and the summary's "Verified <version> in N ms" (counted from
 *   just before docker run).
 * - By hand: RUNS times `docker run -d -p 127.0.0.1:PORT:8080` of the same image, then a tight GET loop
 *   (fresh connection every 5 ms, 250 ms timeout) to 127.0.0.1:PORT; time to the first 200 from the
 *   start of `docker run` and from its return. (Polling while `docker run` is still running was tried:
 *   a connection accepted by docker-proxy before the container's network is up hangs for ~1 s.)
 *
 * usage: node bench/verify-time.mjs      env: RUNS (default 10), JSON_OUT
 * All traffic goes to 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import {
  appRepo,
  cleanupApp,
  fmt,
  freePort,
  get,
  median,
  mustSucceed,
  now,
  p95,
  printMachine,
  runAction,
  sleep,
  table,
  writeJson,
} from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const APP = 'bench-verify';

const m = printMachine();
cleanupApp(APP);
const repo = appRepo('verify');
const inputs = { app: APP, environment: 'bench', router: 'none', keep: '0', 'drain-seconds': '0', checks: 'GET / 200' };

// ---------- through the action ----------
const action = [];
let image;
for (let i = 0; i < RUNS; i++) {
  const r = mustSucceed(await runAction(inputs, { cwd: repo }), `deploy ${i + 1}`);
  const at = (re) => r.lines.find((l) => re.test(l.text));
  const launch = at(/^::group::Start a fresh instance/);
  const started = at(/^Started \S+ from /);
  const healthy = at(/^Healthy at .* after (\d+) ms/);
  const verified = /Verified \S+ in (\d+) ms/.exec(r.summary);
  if (!launch || !started || !healthy || !verified) throw new Error(`deploy ${i + 1}: missing lines:\n${r.log}\n${r.summary}`);
  image = /^Started \S+ from (\S+)/.exec(started.text)[1];
  const probes = Number(/\((\d+) probes\)/.exec(healthy.text)?.[1]);
  action.push({
    dockerRunMs: started.t - launch.t,
    healthyAfterStartedMs: Number(/after (\d+) ms/.exec(healthy.text)[1]),
    probes,
    verifiedMs: Number(verified[1]),
    verifiedObservedMs: (r.lines.find((l) => l.text.startsWith('::group::Flip'))?.t ?? healthy.t) - launch.t,
    wallMs: r.ms,
    // keep 0: the previous instance is stopped (docker stop, 10 s grace) before the run ends.
    retireMs: (at(/^Retired: /)?.t ?? NaN) - (at(/^Draining /)?.t ?? NaN),
  });
  console.log(
    `deploy ${i + 1}: docker run ${fmt(action[i].dockerRunMs)} ms, healthy ${action[i].healthyAfterStartedMs} ms after it ` +
      `(${probes} probes), verified ${action[i].verifiedMs} ms after docker run began; whole run ${fmt(r.ms)} ms` +
      (Number.isFinite(action[i].retireMs) ? ` (of which retiring the previous instance ${fmt(action[i].retireMs)} ms)` : ''),
  );
}

// ---------- by hand: docker run + a GET loop ----------
const byHand = [];
for (let i = 0; i < RUNS; i++) {
  const port = await freePort();
  const name = `${APP}-byhand-${i}`;
  // Like `docker run -d ... && until curl -fs 127.0.0.1:PORT; do sleep 0.005; done`: poll once docker run returned
  // (the action also probes only after its docker run returned). A GET that hangs is cut after 250 ms.
  const t0 = now();
  const run = spawnSync('docker', ['run', '-d', '--rm', '--name', name, '--label', `dev.immutable-deploy.app=${APP}`, '-p', `127.0.0.1:${port}:8080`, image], {
    encoding: 'utf8',
  });
  const runReturned = now() - t0;
  if (run.status !== 0) throw new Error(`by hand ${i + 1}: docker run failed: ${run.stderr}`);
  let first;
  let attempts = 0;
  let hung = 0;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    attempts++;
    try {
      const a = await get(`http://127.0.0.1:${port}/`, 250);
      if (a.status === 200) {
        first = now() - t0;
        break;
      }
    } catch (e) {
      if (e.message === 'timeout') hung++;
    }
    await sleep(5);
  }
  if (first === undefined) throw new Error(`by hand ${i + 1}: no 200 within 30 s`);
  spawnSync('docker', ['rm', '-f', name]);
  byHand.push({ dockerRunMs: runReturned, first200Ms: first, afterRunMs: first - runReturned, attempts, hung });
  console.log(`by hand ${i + 1}: docker run returned after ${fmt(runReturned)} ms, first 200 after ${fmt(first)} ms (${attempts} GETs, ${hung} cut after 250 ms)`);
}
cleanupApp(APP);
rmSync(repo, { recursive: true, force: true });

const stat = (xs) => `${fmt(median(xs))} / ${fmt(p95(xs))} / ${fmt(Math.max(...xs))} ms`;
const a = (k) => action.map((x) => x[k]);
const h = (k) => byHand.map((x) => x[k]);
console.log(`\n${RUNS} runs each; median / p95 / max:\n`);
console.log(
  table(
    ['measure', 'median / p95 / max'],
    [
      ['action: `docker run` (launch) returned', stat(a('dockerRunMs'))],
      ['action: healthy, after docker run returned ("Healthy at ... after N ms")', stat(a('healthyAfterStartedMs'))],
      ['action: verified, from docker run start ("Verified ... in N ms")', stat(a('verifiedMs'))],
      ['action: health probes used', `${fmt(median(a('probes')))} / ${fmt(p95(a('probes')))} / ${fmt(Math.max(...a('probes')))}`],
      ['action: whole deploy run (cached build, no router)', stat(a('wallMs'))],
      ['action: retiring the previous instance (runs 2..N; `docker stop` of busybox as PID 1)', stat(a('retireMs').filter(Number.isFinite))],
      ['by hand: `docker run -d` returned', stat(h('dockerRunMs'))],
      ['by hand: first 200, after docker run returned', stat(h('afterRunMs'))],
      ['by hand: first 200, from docker run start', stat(h('first200Ms'))],
    ],
  ),
);
const overhead = median(a('verifiedMs')) - median(h('first200Ms'));
console.log(`\nverify overhead over the app's own start (medians): ${fmt(overhead)} ms (${fmt(median(a('verifiedMs')) / median(h('first200Ms')), 2)}x)`);
writeJson({ machine: m, action, byHand });

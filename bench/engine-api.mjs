#!/usr/bin/env node
/**
 * Issue 14: the docker CLI per call (before) against the Engine API over one connection (after).
 *
 * 1. Warm rollback, the whole `node dist/index.js` run as the runner drives it, through HAProxy on
 *    127.0.0.1: a tiny busybox app with v1 and v2 deployed (keep 1), then RUNS rollbacks alternating
 *    v1 / v2 (each a one-flip rollback to the warm version). Idle, then with both cores busy: wrk -t2
 *    -c16 through the balancer. The "before" bundle is dist/ of BEFORE_REF (git archive), the "after"
 *    bundle is this checkout's dist/; each side has its own app and HAProxy; blocks alternate
 *    (before, after, before, after) so drift in the machine's load falls on both.
 *    Target: under 1 s at the median and p95 under load; idle at most 150 ms.
 * 2. The trace of one loaded run of each: before, every docker CLI process (a wrapper on PATH records
 *    its start and end); after, every engine call (the action's own trace under RUNNER_DEBUG=1).
 * 3. Per call over ssh: a test host (test/helpers/hosts.ts: a network namespace at 10.77.61.2 with its
 *    own dockerd and sshd). `status` runs over ssh:// and over the host's unix socket (RUNNER_DEBUG=1),
 *    calls after the first compared; and `docker ps` over ssh:// (one ssh handshake per CLI call, as
 *    before) against `docker ps` over the socket. Target: under 50 ms per call after the first.
 *
 * usage: node bench/engine-api.mjs       env: RUNS (per block, default 10), BEFORE_REF (default 5fd8cab, the
 *                                             last CLI bundle; c0041f7: the Engine API's first round),
 *                                             SKIP_SSH=1, JSON_OUT
 * All traffic goes to 127.0.0.1 and to the test host's 10.77.61.2; wrk is bounded in time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appRepo,
  cleanupApp,
  commitChange,
  fmt,
  median,
  mustSucceed,
  p95,
  printMachine,
  ROOT,
  runAction,
  startHaproxy,
  startWrk,
  table,
  tempDir,
  writeJson,
} from './lib.mjs';

const RUNS = Number(process.env.RUNS ?? 10);
const BEFORE_REF = process.env.BEFORE_REF ?? '5fd8cab';
const REAL_DOCKER = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();

const machine = printMachine();

// ---------- the two bundles ----------
const beforeDir = tempDir('before');
execFileSync('sh', ['-c', `git -C "$1" archive "$2" dist | tar -x -C "$3"`, 'x', ROOT, BEFORE_REF, beforeDir]);
const sides = [
  { name: 'before', what: BEFORE_REF === '5fd8cab' ? `docker CLI per call (dist of ${BEFORE_REF})` : `dist of ${BEFORE_REF}`, dist: join(beforeDir, 'dist', 'index.js'), app: 'apibench-before' },
  { name: 'after', what: 'Engine API, one connection (this dist)', dist: join(ROOT, 'dist', 'index.js'), app: 'apibench-after' },
];

async function setUp(side) {
  cleanupApp(side.app);
  side.lb = await startHaproxy({ backend: side.app });
  side.repo = appRepo('v1');
  side.inputs = { app: side.app, ...side.lb.inputs, keep: '1', 'drain-seconds': '0', 'stop-timeout': '1' };
  const v1 = mustSucceed(await runAction(side.inputs, { cwd: side.repo, dist: side.dist }), `${side.name}: deploy v1`).outputs.version;
  commitChange(side.repo, 'v2');
  const v2 = mustSucceed(await runAction(side.inputs, { cwd: side.repo, dist: side.dist }), `${side.name}: deploy v2`).outputs.version;
  side.versions = [v1, v2];
  side.next = 0; // v1 first: v2 is live
  side.samples = { idle: [], load: [] };
}

async function rollback(side, extra = {}) {
  const version = side.versions[side.next];
  side.next = 1 - side.next;
  const r = mustSucceed(
    await runAction({ ...side.inputs, command: 'rollback', version }, { cwd: side.repo, dist: side.dist, ...extra }),
    `${side.name}: rollback to ${version}`,
  );
  // A warm instance that did not answer its probe in time (a starved machine) is replaced by a fresh one:
  // not a warm rollback, so it is counted apart and left out of the figures.
  r.warm = r.log.includes('one flip');
  if (!r.warm) side.cold = (side.cold ?? 0) + 1;
  return r;
}

async function block(side, condition) {
  const wrk = condition === 'load' ? startWrk(side.lb.url, { threads: 2, connections: 16, maxSec: 600 }) : undefined;
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await rollback(side);
      if (r.warm) side.samples[condition].push(r.ms);
    }
  } finally {
    const w = await wrk?.stop();
    if (w) side.wrk = [...(side.wrk ?? []), { requests: w.requests, failed: w.failed }];
  }
}

// ---------- traces ----------
/** A `docker` first on PATH that records each CLI process (start and end, epoch ms) before the real one. */
function cliRecorder() {
  const dir = tempDir('cli-trace');
  mkdirSync(join(dir, 'bin'));
  const log = join(dir, 'calls');
  writeFileSync(
    join(dir, 'bin', 'docker'),
    `#!/bin/sh\ns=$(date +%s%3N)\n${REAL_DOCKER} "$@"\nrc=$?\necho "$s $(date +%s%3N) $1 $2" >> ${log}\nexit $rc\n`,
  );
  chmodSync(join(dir, 'bin', 'docker'), 0o755);
  writeFileSync(log, '');
  return { env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` }, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

async function trace(side) {
  const wrk = startWrk(side.lb.url, { threads: 2, connections: 16, maxSec: 120 });
  const t0 = Date.now();
  let rows;
  let r;
  try {
    if (side.name === 'before') {
      const rec = cliRecorder();
      r = await rollback(side, { env: rec.env });
      rows = rec.calls().map((l) => {
        const [s, e, a, b] = l.split(' ');
        return [`docker ${a} ${b && !b.startsWith('-') ? b : ''}`.trim(), Number(s) - t0, Number(e) - Number(s)];
      });
    } else {
      r = await rollback(side, { env: { RUNNER_DEBUG: '1' } });
      rows = r.lines
        .map((l) => ({ t: l.t, m: /^::debug::engine \S+: (\S+ \S+) -> \d+ in ([\d.]+) ms(?: \(body ([\d.]+) ms\))?/.exec(l.text) }))
        .filter((x) => x.m)
        .map(({ t, m }) => {
          const ms = Number(m[3] ?? m[2]);
          return [m[1].replace(/\?.*$/, '').replace(/\/v1\.\d+/, ''), Math.round(t - r.start - ms), ms];
        });
    }
  } finally {
    await wrk.stop();
  }
  const flip = r.lines.find((l) => l.text.includes('::group::Flip'));
  const first = r.lines[0];
  return {
    total: r.ms,
    firstOutput: first ? first.t - r.start : NaN,
    flipAt: flip ? flip.t - r.start : NaN,
    calls: rows,
  };
}

// ---------- ssh ----------
async function sshBench() {
  const { startHosts } = await import('../test/helpers/hosts.ts');
  const hosts = await startHosts({ prefix: 'apib', subnets: [61], multiplex: false });
  const [h] = hosts.hosts;
  try {
    const repo = appRepo('ssh');
    const env = { ...hosts.env, RUNNER_DEBUG: '1' };
    const perCall = async (endpoint) => {
      const first = [];
      const later = [];
      for (let i = 0; i < RUNS; i++) {
        const r = mustSucceed(await runAction({ app: 'apibench-ssh', command: 'status' }, { cwd: repo, env: { ...env, DOCKER_HOST: endpoint } }), `status on ${endpoint}`);
        const calls = r.log.split('\n').flatMap((l) => {
          const m = /^::debug::engine \S+: (\S+ \S+) -> \d+ in ([\d.]+) ms(?: \(body ([\d.]+) ms\))?/.exec(l);
          return m ? [{ call: m[1], ms: Number(m[3] ?? m[2]) }] : [];
        });
        first.push(calls[0].ms);
        later.push(...calls.slice(1).filter((c) => c.call.includes('/containers/json')).map((c) => c.ms));
      }
      return { first, later };
    };
    const ssh = await perCall(h.endpoint);
    const unix = await perCall(`unix://${h.socket}`);
    const cli = (endpoint) => {
      const xs = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = spawnSync('docker', ['-H', endpoint, 'ps', '-q'], { env: { ...process.env, ...hosts.env } });
        if (r.status !== 0) throw new Error(`docker -H ${endpoint} ps failed: ${r.stderr}`);
        xs.push(performance.now() - t);
      }
      return xs;
    };
    return { ssh, unix, cliSsh: cli(h.endpoint), cliUnix: cli(`unix://${h.socket}`) };
  } finally {
    await hosts.stop();
  }
}

// ---------- run ----------
for (const s of sides) await setUp(s);
for (const condition of ['idle', 'load']) for (let rep = 0; rep < 2; rep++) for (const s of sides) await block(s, condition);
const traces = {};
for (const s of sides) traces[s.name] = await trace(s);
const ssh = process.env.SKIP_SSH ? undefined : await sshBench();
for (const s of sides) {
  await s.lb.stop();
  cleanupApp(s.app);
}

// ---------- report ----------
console.log(`\nWarm rollback, whole run (ms), ${2 * RUNS} runs per cell; load: wrk -t2 -c16 through HAProxy`);
console.log(
  table(
    ['bundle', 'idle median', 'idle p95', 'load median', 'load p95', 'wrk requests / failed', 'not warm (left out)'],
    sides.map((s) => [
      `${s.name}: ${s.what}`,
      fmt(median(s.samples.idle)),
      fmt(p95(s.samples.idle)),
      fmt(median(s.samples.load)),
      fmt(p95(s.samples.load)),
      (s.wrk ?? []).map((w) => `${w.requests} / ${w.failed}`).join(', '),
      s.cold ?? 0,
    ]),
  ),
);
for (const s of sides) {
  const t = traces[s.name];
  console.log(`\nTrace of one loaded rollback, ${s.name}: ${fmt(t.total)} ms in all; first output at ${fmt(t.firstOutput)} ms; flip group at ${fmt(t.flipAt)} ms`);
  console.log(table([s.name === 'before' ? 'docker CLI process' : 'engine call', 'starts at (ms)', 'takes (ms)'], t.calls.map(([c, at, ms]) => [c, fmt(at), fmt(ms, 1)])));
}
if (ssh) {
  console.log('\nPer call over ssh (test host 10.77.61.2, its own dockerd), ms, median (p95)');
  console.log(
    table(
      ['path', 'first call', 'GET /containers/json after the first'],
      [
        ['Engine API over ssh:// (one connection)', `${fmt(median(ssh.ssh.first))} (${fmt(p95(ssh.ssh.first))})`, `${fmt(median(ssh.ssh.later), 1)} (${fmt(p95(ssh.ssh.later), 1)})`],
        ['Engine API over the host\'s unix socket', `${fmt(median(ssh.unix.first))} (${fmt(p95(ssh.unix.first))})`, `${fmt(median(ssh.unix.later), 1)} (${fmt(p95(ssh.unix.later), 1)})`],
        ['docker ps over ssh:// (CLI: a handshake per call)', '', `${fmt(median(ssh.cliSsh))} (${fmt(p95(ssh.cliSsh))})`],
        ['docker ps over the unix socket (CLI)', '', `${fmt(median(ssh.cliUnix))} (${fmt(p95(ssh.cliUnix))})`],
      ],
    ),
  );
  console.log(`ssh overhead per call after the first: ${fmt(median(ssh.ssh.later) - median(ssh.unix.later), 1)} ms (Engine API); ${fmt(median(ssh.cliSsh) - median(ssh.cliUnix))} ms (CLI)`);
}
writeJson({ machine, sides: sides.map((s) => ({ name: s.name, samples: s.samples, wrk: s.wrk })), traces, ssh });

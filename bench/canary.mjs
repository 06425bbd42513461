#!/usr/bin/env node
/**
 * Progressive delivery, measured: runs the canary e2e tests (real HAProxy, nginx + njs, Prometheus,
 * Docker, through dist/index.js; scenarios in test/helpers/canary-suite.ts) RUNS times with
 * CANARY_MEASURE set, so each test appends what it saw, and tabulates:
 * - requests that reached the bad v2 before the abort (all of them, and the 500s among them), and its
 *   share of the requests sent while it was exposed (step 1 is 20%);
 * - time from the first bad answer (the request's start) to the action's "Traffic is back" line, and
 *   from the step's start to that line;
 * - measured share per step (10%, 50%) of a healthy v2, and failed requests;
 * - the bake: bad answers before the rollback, first bad answer to traffic back;
 * - failed requests over 20 weight changes (HAProxy runtime weights, nginx njs) under wrk with 8
 *   keep-alive connections and 4 connections that close after every request.
 * usage: node bench/canary.mjs [--json out.json]     env: RUNS (default 3)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJson } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'bench-canary-'));
const out = join(dir, 'measure.jsonl');
const files = ['test/e2e/release-canary.test.ts', 'test/e2e/release-canary-metrics.test.ts', 'test/e2e/routers-weights.test.ts'];

for (let i = 0; i < RUNS; i++) {
  const r = spawnSync('npx', ['vitest', 'run', ...files], { cwd: ROOT, env: { ...process.env, CANARY_MEASURE: out }, stdio: ['ignore', 'ignore', 'inherit'] });
  console.error(`run ${i + 1}/${RUNS}: vitest exit ${r.status}`);
}
const rows = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
rmSync(dir, { recursive: true, force: true });

const table = (head, body) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const list = (xs, d = 0) => xs.map((x) => (Number.isFinite(x) ? x.toFixed(d) : '–')).join(', ');
const byBed = (what) => {
  const m = new Map();
  for (const r of rows.filter((x) => x.what === what)) m.set(r.bed ?? r.router, [...(m.get(r.bed ?? r.router) ?? []), r]);
  return [...m.entries()];
};

console.log(`\nRuns: ${RUNS}. One number per run.\n`);
console.log('Abort at step 1 (20%, v2 answers 500 to 40% of its requests):\n');
console.log(
  table(
    ['bed', 'requests to v2 (500s among them)', 'v2 share while exposed %', 'first bad answer → traffic back (ms)', 'step start → traffic back (ms)'],
    byBed('abort').map(([bed, rs]) => [
      bed,
      rs.map((r) => `${r.exposed} (${r.bad})`).join(', '),
      list(rs.map((r) => r.exposedShare), 1),
      list(rs.map((r) => r.firstBadToBackMs)),
      list(rs.map((r) => r.stepToBackMs)),
    ]),
  ),
);
console.log('\nHealthy v2 through every step (measured share of v2 among the requests sent during the step):\n');
console.log(
  table(
    ['bed', 'step 10%: measured (requests)', 'step 50%: measured (requests)', 'failed / all requests'],
    byBed('steps').map(([bed, rs]) => [
      bed,
      rs.map((r) => `${r.shares[0].measured.toFixed(1)} (${r.shares[0].requests})`).join(', '),
      rs.map((r) => `${r.shares[1].measured.toFixed(1)} (${r.shares[1].requests})`).join(', '),
      rs.map((r) => `${r.failed}/${r.total}`).join(', '),
    ]),
  ),
);
console.log('\nBake (v3 turns bad after it has 100%):\n');
console.log(
  table(
    ['bed', 'bad answers before rollback', 'first bad answer → traffic back on v2 (ms)'],
    byBed('bake').map(([bed, rs]) => [bed, list(rs.map((r) => r.bad)), list(rs.map((r) => r.firstBadToBackMs))]),
  ),
);
console.log('\n20 weight changes under wrk (failed = socket errors + non-2xx):\n');
console.log(
  table(
    ['router', 'keep-alive: failed / requests', 'per-request: failed / requests'],
    byBed('weight-changes').map(([router, rs]) => [
      router,
      rs.map((r) => `${r.keepAlive.failed}/${r.keepAlive.requests}`).join(', '),
      rs.map((r) => `${r.perRequest.failed}/${r.perRequest.requests}`).join(', '),
    ]),
  ),
);
// --json FILE: every measurement the tests appended, as read.
writeJson({ runs: RUNS, measurements: rows });

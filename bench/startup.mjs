#!/usr/bin/env node
/**
 * Issue 22: start-up of the action against `node -e 0`, on the action's runtime (Node 24, the `node` dev
 * dependency), in paired runs: each pair runs `node -e 0` and `node dist/index.js` (no inputs: it loads the
 * bundle and fails on the missing `app`; no engine, no network) back to back, in alternating order, so the
 * machine's load falls on both alike. The figure is the median of the per-pair ratios (and the ratio of the
 * medians). Target: ≤ 1.5×. Also the modules the start loads (NODE_DEBUG=module_cjs is silent for ESM, so
 * from the bundle: its chunk files read at start, found with --trace-... not available: counted by strace-free
 * means, the `process.moduleLoadList` printed at exit).
 *
 * usage: node bench/startup.mjs [--json out.json]      env: PAIRS (default 40)
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { DIST, fmt, median, NODE, p95, printMachine, table, tempDir, writeJson } from './lib.mjs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const PAIRS = Number(process.env.PAIRS ?? 40);
const machine = printMachine();
const dir = tempDir('startup');
for (const f of ['output', 'summary', 'state']) writeFileSync(join(dir, f), '');
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_OUTPUT: join(dir, 'output'),
  GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  GITHUB_STATE: join(dir, 'state'),
  RUNNER_TEMP: dir,
};
const time = (argv) => {
  const t = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  return { ms, code: r.status, out: `${r.stdout}${r.stderr}` };
};
const floor = [NODE, '-e', '0'];
const action = [NODE, DIST];
// Warm-up: the page cache, Node's compile cache (the action keeps one in the user's cache directory).
for (let i = 0; i < 3; i++) {
  time(floor);
  const r = time(action);
  if (!/app/i.test(r.out)) throw new Error(`node dist/index.js without inputs did not fail on "app":\n${r.out}`);
}
const pairs = [];
const load = [];
for (let i = 0; i < PAIRS; i++) {
  const order = i % 2 ? [floor, action] : [action, floor];
  const [a, b] = order.map(time);
  const [f, x] = i % 2 ? [a, b] : [b, a];
  pairs.push({ floor: f.ms, action: x.ms, ratio: x.ms / f.ms });
  load.push(loadavg()[0]);
}
// What the start loads: Node's own built-ins (process.moduleLoadList at exit) against `node -e 0`'s.
const listed = (argv) => {
  const r = spawnSync(argv[0], ['--import', 'data:text/javascript,process.on("exit",()=>console.error("MODS "+JSON.stringify(process.moduleLoadList)))', ...argv.slice(1)], { env, encoding: 'utf8' });
  const m = /MODS (.*)/.exec(r.stderr);
  return m ? JSON.parse(m[1]) : [];
};
const base = new Set(listed(floor));
const extra = listed(action).filter((m) => !base.has(m) && m.startsWith('NativeModule '));
const ratios = pairs.map((p) => p.ratio);
const f = median(pairs.map((p) => p.floor));
const x = median(pairs.map((p) => p.action));
console.log(`\nStart-up, ${PAIRS} paired runs, Node ${machine.node}; load average ${fmt(Math.min(...load), 1)}–${fmt(Math.max(...load), 1)}`);
console.log(
  table(
    ['what', 'median (ms)', 'p95 (ms)'],
    [
      ['`node -e 0`', fmt(f, 1), fmt(p95(pairs.map((p) => p.floor)), 1)],
      ['`node dist/index.js` (no inputs)', fmt(x, 1), fmt(p95(pairs.map((p) => p.action)), 1)],
      ['ratio, median of pairs', fmt(median(ratios), 2), fmt(p95(ratios), 2)],
      ['ratio of medians', fmt(x / f, 2), ''],
    ],
  ),
);
console.log(`Node built-ins the start loads beyond node -e 0 (${extra.length}): ${extra.map((m) => m.replace('NativeModule ', '')).join(', ')}`);
writeJson({ machine, pairs, loadavg: load, medianRatio: median(ratios), ratioOfMedians: x / f, extraBuiltins: extra });

#!/usr/bin/env node
/**
 * Issue 22: the cost curve of a fleet over ssh: deploy and warm rollback of N hosts x 2 replicas for N in
 * 1 2 4 8 16 (argv), each host a test host (test/helpers/hosts.ts: a network namespace with its own dockerd
 * and sshd, 10.86.N.2), the action reaching them as ssh://root@10.86.N.2 (stream-local forwarding to each
 * host's engine socket), HAProxy on 127.0.0.1 with a slot per instance. The hosts are built once, for the
 * largest N, and reused for the smaller ones (each size its own app). Deploy: a new commit each run (build on
 * the runner, the image to every host in parallel, launch and verify on every host, one switch); rollback:
 * one flip to the warm pool. Peak RSS of every run (GNU time). Targets: rollback at 16 hosts ≤ 1.5x one host,
 * deploy ≤ 1.3x. Heavy: every host is a dockerd (~40 MB) and an sshd.
 *
 * usage: node bench/fleet-curve.mjs [sizes...] [--json out.json]   (default 1 2 4 8 16)   env: RUNS (default 2)
 * Traffic: 127.0.0.1 and the hosts' 10.86.N.2 only.
 */
import { loadavg } from 'node:os';
import { args, appRepo, cleanupApp, commitChange, fmt, median, mustSucceed, printMachine, runAction, table, writeJson } from './lib.mjs';

const servers = await import('../test/helpers/servers.ts');
const { startHosts } = await import('../test/helpers/hosts.ts');
const RUNS = Number(process.env.RUNS ?? 2);
const sizes = args().length ? args().map(Number) : [1, 2, 4, 8, 16];
const machine = printMachine();
const max = Math.max(...sizes);
const built = performance.now();
const th = await startHosts({ prefix: 'curve', subnets: Array.from({ length: max }, (_, i) => i + 1), base: '10.86', multiplex: false });
const buildSec = (performance.now() - built) / 1000;
// The action reads the helper's ~/.ssh/config (HOME); its docker CLI uses the helper's ssh (PATH).
Object.assign(process.env, th.env);
const flipMs = (r) => Number(/flip took (\d+) ms/.exec(r.log)?.[1] ?? NaN);
const results = [];
try {
  for (const n of sizes) {
    const app = `bench-curve${n}`;
    cleanupApp(app);
    const lb = await servers.startHaproxy({ backend: `${app}-production`, slots: n * 2 });
    const repo = appRepo(`${app} 0`);
    const inputs = {
      app,
      hosts: th.hosts.slice(0, n).map((h) => h.endpoint).join('\n'),
      replicas: '2',
      router: 'haproxy',
      'haproxy-socket': lb.socket,
      keep: '1',
      'drain-seconds': '0',
      'stop-timeout': '1',
      checks: 'GET / 200',
    };
    let k = 0;
    const deploy = async () => {
      commitChange(repo, `${app} ${++k}`);
      return mustSucceed(await runAction(inputs, { cwd: repo, timeoutMs: 900_000, rss: true }), `deploy x${n}`);
    };
    try {
      await deploy(); // the first deploy of an app: not counted (build cache)
      const deploys = [];
      const rollbacks = [];
      for (let i = 0; i < RUNS; i++) {
        const d = await deploy();
        deploys.push({ ms: d.ms, flipMs: flipMs(d), rssKb: d.rssKb, load: loadavg()[0] });
        const r = mustSucceed(await runAction({ ...inputs, command: 'rollback' }, { cwd: repo, timeoutMs: 300_000, rss: true }), `rollback x${n}`);
        rollbacks.push({ ms: r.ms, flipMs: flipMs(r), rssKb: r.rssKb, load: loadavg()[0], warm: r.log.includes('one flip') });
      }
      results.push({ hosts: n, deploys, rollbacks });
      console.log(`${n} hosts: deploy ${fmt(median(deploys.map((x) => x.ms)))} ms, rollback ${fmt(median(rollbacks.map((x) => x.ms)))} ms`);
    } finally {
      await lb.stop();
      cleanupApp(app);
      for (const h of th.hosts.slice(0, n)) h.dockerOk('rm', '-f', ...h.docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${app}`).split('\n').filter(Boolean));
    }
  }
} finally {
  await th.stop();
}
const one = results.find((r) => r.hosts === sizes[0]);
const m = (xs) => median(xs.map((x) => x.ms));
console.log(`\nFleet over ssh, N hosts x 2 replicas (${RUNS} runs each, median; the ${max} hosts took ${fmt(buildSec)} s to build)`);
console.log(
  table(
    ['hosts', 'deploy (ms)', 'vs first', 'rollback (ms)', 'vs first', 'switch (ms)', 'peak RSS deploy / rollback (MB)', 'load average'],
    results.map((r) => [
      r.hosts,
      fmt(m(r.deploys)),
      `${fmt(m(r.deploys) / m(one.deploys), 2)}x`,
      fmt(m(r.rollbacks)),
      `${fmt(m(r.rollbacks) / m(one.rollbacks), 2)}x`,
      fmt(median(r.rollbacks.map((x) => x.flipMs))),
      `${fmt(median(r.deploys.map((x) => x.rssKb / 1024)), 1)} / ${fmt(median(r.rollbacks.map((x) => x.rssKb / 1024)), 1)}`,
      `${fmt(Math.min(...r.rollbacks.map((x) => x.load)), 1)}–${fmt(Math.max(...r.rollbacks.map((x) => x.load)), 1)}`,
    ]),
  ),
);
writeJson({ machine, runs: RUNS, hostsBuildSec: buildSec, results });

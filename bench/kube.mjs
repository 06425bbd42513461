#!/usr/bin/env node
/**
 * runtime: kubernetes against the test bed (the control plane of scripts/k8s-testbed.sh and the node
 * agent that stands in for the kubelet, test/helpers/kube*.ts):
 *
 * - deploy wall time (`node dist/index.js`, build included) for 2, 10 and 50 replicas (REPLICAS), each
 *   time with the previous version live (keep 1);
 * - the flip: from the selector patch to the Service's endpoints holding only the new pods (the
 *   action's own "flip took N ms", which times exactly that);
 * - rollback wall time (one selector change to the warm version) and its flip, for each replica count;
 * - peak RSS of each run (GNU time).
 * Issue 22 target: rollback ≤ 300 ms idle.
 *
 * usage: node bench/kube.mjs [--json out.json]     env: RUNS (default 3), REPLICAS (default "2 10 50")
 * Traffic: 127.0.0.1 (API server) and the pods' addresses in 10.78.3.0/24 (network namespaces made here).
 */
import './ts-paths.mjs';
const { appRepo, cleanupApp, commitChange, fmt, median, mustSucceed, printMachine, runAction, table, writeJson } = await import('./lib.mjs');
const { startControlPlane } = await import('../test/helpers/kube.ts');
const { startNodeAgent } = await import('../test/helpers/kube-node.ts');

const RUNS = Number(process.env.RUNS ?? 3);
const REPLICAS = (process.env.REPLICAS ?? '2 10 50').split(/\s+/).filter(Boolean).map(Number);
const APP = 'kubebench';
const flipMs = (r) => Number(/flip took (\d+) ms/.exec(r.log)?.[1] ?? NaN);

const machine = printMachine();
cleanupApp(APP);
const cp = await startControlPlane();
const node = await startNodeAgent(cp, { name: 'kube-node-bench', subnet: 3 });
const results = { deploy: {}, flip: {}, rollback: {}, rollbackFlip: {}, rssKb: {} };
try {
  const repo = appRepo('b0');
  let n = 0;
  const inputs = (replicas) => ({
    app: APP,
    runtime: 'kubernetes',
    kubeconfig: cp.kubeconfig(cp.admin),
    replicas: String(replicas),
    keep: '1',
    'drain-seconds': '0',
    'stop-timeout': '1',
    'health-timeout': '120',
    checks: 'GET / 200',
  });
  for (const replicas of REPLICAS) {
    results.deploy[replicas] = [];
    results.flip[replicas] = [];
    results.rollback[replicas] = [];
    results.rollbackFlip[replicas] = [];
    results.rssKb[replicas] = [];
    // One deploy first so that every measured one replaces a live version.
    commitChange(repo, `b${++n}`);
    mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 300_000 }), 'warm-up deploy');
    for (let i = 0; i < RUNS; i++) {
      commitChange(repo, `b${++n}`);
      const r = mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 600_000, rss: true }), `deploy of ${replicas} replicas`);
      results.deploy[replicas].push(r.ms);
      results.flip[replicas].push(flipMs(r));
      const back = mustSucceed(await runAction({ ...inputs(replicas), command: 'rollback' }, { cwd: repo, rss: true }), 'rollback');
      results.rollback[replicas].push(back.ms);
      results.rollbackFlip[replicas].push(flipMs(back));
      results.rssKb[replicas].push(r.rssKb, back.rssKb);
    }
  }
} finally {
  await node.stop();
  await cp.stop();
  cleanupApp(APP);
}

const row = (what, xs) => [what, String(xs.length), fmt(median(xs)), fmt(Math.min(...xs)), fmt(Math.max(...xs))];
console.log(
  table(
    ['what (ms)', 'runs', 'median', 'min', 'max'],
    REPLICAS.flatMap((n) => [
      row(`deploy, ${n} replicas (wall, build included)`, results.deploy[n]),
      row('  flip: selector patch -> endpoints hold only the new pods', results.flip[n]),
      row(`rollback, ${n} replicas (wall)`, results.rollback[n]),
      row('  flip', results.rollbackFlip[n]),
      row('  peak RSS of the runs (MB)', results.rssKb[n].map((k) => k / 1024)),
    ]),
  ),
);
writeJson({ machine, runs: RUNS, replicas: REPLICAS, results });

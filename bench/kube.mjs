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
 * - peak RSS and CPU time (user + system) of each run (GNU time);
 * - the trace of the slowest rollback (RUNNER_DEBUG=1: every Kubernetes API call, method, path, status, ms).
 * Issue 22 target: rollback ≤ 300 ms idle.
 *
 * usage: node bench/kube.mjs [--json out.json]     env: RUNS (default 3), REPLICAS (default "2 10 50"),
 *   ROLLBACKS (rollbacks after each deploy, default 1: each one flips between the two warm versions),
 *   BEFORE=<other dist/index.js> (each rollback is made by this bundle and the other in turn, the order
 *   alternating, so both see the same load: a before/after comparison on shared cores),
 *   HEALTH_TIMEOUT (seconds, default 120: how long a deploy waits for its pods).
 * Traffic: 127.0.0.1 (API server) and the pods' addresses in 10.78.3.0/24 (network namespaces made here).
 */
import './ts-paths.mjs';
const { appRepo, cleanupApp, commitChange, DIST, fmt, median, mustSucceed, printMachine, runAction, table, traceOf, writeJson } = await import('./lib.mjs');
const { startControlPlane } = await import('../test/helpers/kube.ts');
const { startNodeAgent } = await import('../test/helpers/kube-node.ts');

const RUNS = Number(process.env.RUNS ?? 3);
const REPLICAS = (process.env.REPLICAS ?? '2 10 50').split(/\s+/).filter(Boolean).map(Number);
const ROLLBACKS = Number(process.env.ROLLBACKS ?? 1);
const BEFORE = process.env.BEFORE;
const HEALTH_TIMEOUT = process.env.HEALTH_TIMEOUT ?? '120';
/** The bundles each rollback is made with: this checkout's, and the one to compare with. */
const bundles = BEFORE ? [{ name: 'after', dist: DIST }, { name: 'before', dist: BEFORE }] : [{ name: 'this', dist: DIST }];
const APP = 'kubebench';
const flipMs = (r) => Number(/flip took (\d+) ms/.exec(r.log)?.[1] ?? NaN);

const machine = printMachine();
cleanupApp(APP);
const cp = await startControlPlane();
// 50 replicas with keep 1 need 150 pods at once (live, warm, new): more than a kubelet's default 110.
const node = await startNodeAgent(cp, { name: 'kube-node-bench', subnet: 3, maxPods: 250 });
const results = { deploy: {}, flip: {}, rollback: {}, rollbackFlip: {}, rssKb: {}, deployCpuMs: {}, rollbackCpuMs: {}, compare: {} };
/** The slowest rollback of this checkout's bundle, per replica count: { ms, trace }. */
const slowest = {};
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
    'health-timeout': HEALTH_TIMEOUT,
    checks: 'GET / 200',
  });
  for (const replicas of REPLICAS) {
    results.deploy[replicas] = [];
    results.flip[replicas] = [];
    results.rollback[replicas] = [];
    results.rollbackFlip[replicas] = [];
    results.rssKb[replicas] = [];
    results.deployCpuMs[replicas] = [];
    results.rollbackCpuMs[replicas] = [];
    results.compare[replicas] = Object.fromEntries(bundles.map((b) => [b.name, { ms: [], cpuMs: [], flip: [] }]));
    // One deploy first so that every measured one replaces a live version.
    commitChange(repo, `b${++n}`);
    mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 900_000 }), 'warm-up deploy');
    let k = 0;
    for (let i = 0; i < RUNS; i++) {
      commitChange(repo, `b${++n}`);
      const r = mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 900_000, rss: true }), `deploy of ${replicas} replicas`);
      results.deploy[replicas].push(r.ms);
      results.flip[replicas].push(flipMs(r));
      results.deployCpuMs[replicas].push(Math.round(r.cpuS * 1000));
      results.rssKb[replicas].push(r.rssKb);
      for (let j = 0; j < ROLLBACKS; j++) {
        // With two bundles: one rollback each, the order alternating (ABBA...), so neither always goes first.
        const order = k++ % 2 === 0 ? bundles : [...bundles].reverse();
        for (const b of order) {
          const back = mustSucceed(
            await runAction({ ...inputs(replicas), command: 'rollback' }, { cwd: repo, rss: true, dist: b.dist, env: { RUNNER_DEBUG: '1' } }),
            `rollback (${b.name})`,
          );
          const c = results.compare[replicas][b.name];
          c.ms.push(back.ms);
          c.cpuMs.push(Math.round(back.cpuS * 1000));
          c.flip.push(flipMs(back));
          if (b.dist !== DIST) continue;
          results.rollback[replicas].push(back.ms);
          results.rollbackFlip[replicas].push(flipMs(back));
          results.rollbackCpuMs[replicas].push(Math.round(back.cpuS * 1000));
          results.rssKb[replicas].push(back.rssKb);
          if (!(back.ms <= slowest[replicas]?.ms)) slowest[replicas] = { ms: back.ms, trace: traceOf(back) };
        }
      }
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
      row('  CPU time of the deploy run (user + sys)', results.deployCpuMs[n]),
      row(`rollback, ${n} replicas (wall)`, results.rollback[n]),
      row('  flip', results.rollbackFlip[n]),
      row('  CPU time of the rollback run (user + sys)', results.rollbackCpuMs[n]),
      row('  peak RSS of the runs (MB)', results.rssKb[n].map((k) => k / 1024)),
    ]),
  ),
);
if (BEFORE) {
  console.log(`\nRollbacks alternated between this checkout's bundle (after) and ${BEFORE} (before):`);
  console.log(
    table(
      ['what (ms)', 'runs', 'median', 'min', 'max'],
      REPLICAS.flatMap((n) =>
        bundles.flatMap((b) => {
          const c = results.compare[n][b.name];
          return [row(`rollback, ${n} replicas, ${b.name} (wall)`, c.ms), row('  CPU time (user + sys)', c.cpuMs), row('  flip', c.flip)];
        }),
      ),
    ),
  );
}
for (const n of REPLICAS) {
  if (!slowest[n]) continue;
  console.log(`\nSlowest rollback, ${n} replicas: ${fmt(slowest[n].ms)} ms`);
  console.log(table(['at (ms)', 'what'], slowest[n].trace.map((t) => [t.at, t.what])));
}
writeJson({ machine, runs: RUNS, rollbacksPerDeploy: ROLLBACKS, replicas: REPLICAS, before: BEFORE, results, slowest });

#!/usr/bin/env node
/**
 * runtime: kubernetes against the test bed (the control plane of scripts/k8s-testbed.sh and the node
 * agent that stands in for the kubelet, test/helpers/kube*.ts):
 *
 * - deploy wall time (`node dist/index.js`, build included) for 2 and for 10 replicas, each time with
 *   the previous version live (keep 1);
 * - the flip: from the selector patch to the Service's endpoints holding only the new pods (the
 *   action's own "flip took N ms", which times exactly that);
 * - rollback wall time (one selector change to the warm version) and its flip.
 *
 * usage: node bench/kube.mjs      env: RUNS (default 3), JSON_OUT
 * Traffic: 127.0.0.1 (API server) and the pods' addresses in 10.78.3.0/24 (network namespaces made here).
 */
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';

// The Kubernetes helpers import each other as ./x.js (TypeScript's convention): map that to ./x.ts.
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(s, c, next) {
  try { return await next(s, c); } catch (e) {
    if (e.code === 'ERR_MODULE_NOT_FOUND' && s.startsWith('.') && s.endsWith('.js')) return next(s.slice(0, -3) + '.ts', c);
    throw e;
  }
}`),
);
const { appRepo, cleanupApp, commitChange, fmt, median, mustSucceed, printMachine, runAction, table } = await import('./lib.mjs');
const { startControlPlane } = await import('../test/helpers/kube.ts');
const { startNodeAgent } = await import('../test/helpers/kube-node.ts');

const RUNS = Number(process.env.RUNS ?? 3);
const APP = 'kubebench';
const flipMs = (r) => Number(/flip took (\d+) ms/.exec(r.log)?.[1] ?? NaN);

printMachine();
cleanupApp(APP);
const cp = await startControlPlane();
const node = await startNodeAgent(cp, { name: 'kube-node-bench', subnet: 3 });
const results = { deploy: {}, flip: {}, rollback: [], rollbackFlip: [] };
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
  for (const replicas of [2, 10]) {
    results.deploy[replicas] = [];
    results.flip[replicas] = [];
    // One deploy first so that every measured one replaces a live version.
    commitChange(repo, `b${++n}`);
    mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 300_000 }), 'warm-up deploy');
    for (let i = 0; i < RUNS; i++) {
      commitChange(repo, `b${++n}`);
      const r = mustSucceed(await runAction(inputs(replicas), { cwd: repo, timeoutMs: 300_000 }), `deploy of ${replicas} replicas`);
      results.deploy[replicas].push(r.ms);
      results.flip[replicas].push(flipMs(r));
      if (replicas === 2) {
        const back = mustSucceed(await runAction({ ...inputs(replicas), command: 'rollback' }, { cwd: repo }), 'rollback');
        results.rollback.push(back.ms);
        results.rollbackFlip.push(flipMs(back));
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
    [
      row('deploy, 2 replicas (wall, build included)', results.deploy[2]),
      row('  flip: selector patch -> endpoints hold only the new pods', results.flip[2]),
      row('deploy, 10 replicas (wall, build included)', results.deploy[10]),
      row('  flip: selector patch -> endpoints hold only the new pods', results.flip[10]),
      row('rollback, 2 replicas (wall)', results.rollback),
      row('  flip', results.rollbackFlip),
    ],
  ),
);
if (process.env.JSON_OUT) writeFileSync(process.env.JSON_OUT, JSON.stringify(results, null, 2));

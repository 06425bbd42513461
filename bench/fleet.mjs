/**
 * Fleets on real test hosts (test/helpers/hosts.ts: network namespaces 10.77.21-23, each with its own
 * dockerd and sshd), behind HAProxy on 127.0.0.1, the bundled action driven as the runner drives it.
 *
 *   1. deploy time for 1, 2 and 3 hosts (1 replica each; a new commit every run: build on the runner,
 *      the image to every host by docker save | docker load, launch and verify in parallel, one switch);
 *   2. failed requests under wrk during pool switches of a 2 x 2 fleet (deploys and rollbacks);
 *   3. rollback wall time of a 2 x 2 fleet (the whole run, and the switch alone) and its CPU time (user + system,
 *      GNU time), over ssh:// and tcp://; then as many ssh rollbacks with RUNNER_DEBUG=1, whose trace says how
 *      long each phase of opening each host's ssh connection took (not counted in the times above).
 *
 * Usage: node bench/fleet.mjs [runs per point, default 3] [deploy] [switches] [rollback] (default: all three) [--json out.json].
 * Needs root. Prints markdown.
 */
import { args, cleanupApp, commitChange, appRepo, median, fmt, table, printMachine, runAction, mustSucceed, startWrk, sleep, writeJson } from './lib.mjs';

const { startHosts } = await import('../test/helpers/hosts.ts');
const servers = await import('../test/helpers/servers.ts');

const RUNS = Number(args()[0] ?? 3);
const asked = args().slice(1);
/** What --json FILE writes: each section's rows as printed, and the rollbacks' run times. */
const figures = { runs: RUNS };
const want = (section) => asked.length === 0 || asked.includes(section);
const th = await startHosts({ prefix: 'fleetb', subnets: [21, 22, 23], tcp: true });
// The action's docker CLI reaches the hosts over ssh with the helper's client config.
process.env.PATH = th.env.PATH;
// ... and the action reads the same client config from HOME (~/.ssh/config), without ssh -G.
process.env.HOME = th.env.HOME;

const stops = [() => th.stop()];
const flipMs = (r) => Number(/flip took (\d+) ms/.exec(r.log)?.[1] ?? NaN);
/** The slowest host's image transfer, from the action's own "reached <host> ... in N ms" lines. */
const transferS = (r) => Math.max(...[...r.log.matchAll(/reached \S+ by docker save \| docker load in (\d+) ms/g)].map((m) => Number(m[1]))) / 1000;
/** Seconds from the start of the run to the first log line matching `re`. */
const until = (r, re) => {
  const x = r.lines.find((l) => re.test(l.text));
  return x ? (x.t - r.start) / 1000 : NaN;
};
/** Seconds between the first log line matching `a` and the first matching `b`. */
const between = (r, a, b) => {
  const x = r.lines.find((l) => a.test(l.text));
  const y = r.lines.find((l) => b.test(l.text));
  return x && y ? (y.t - x.t) / 1000 : NaN;
};

async function fleet(app, hosts, { replicas = 1, kind = 'ssh' } = {}) {
  cleanupApp(app);
  for (const h of th.hosts) h.dockerOk('rm', '-f', ...h.docker('ps', '-aq', '--filter', `label=dev.immutable-deploy.app=${app}`).split('\n').filter(Boolean));
  const lb = await servers.startHaproxy({ backend: `${app}-production`, slots: hosts.length * replicas });
  stops.push(() => lb.stop(), () => cleanupApp(app));
  const repo = appRepo(`${app} 0`);
  const inputs = {
    app,
    hosts: hosts.map((h) => (kind === 'ssh' ? h.endpoint : h.tcpEndpoint)).join('\n'),
    replicas: String(replicas),
    router: 'haproxy',
    'haproxy-socket': lb.socket,
    keep: '1',
    'drain-seconds': '0',
    'stop-timeout': '1',
    checks: 'GET / 200',
  };
  let n = 0;
  const deploy = async (extra = {}) => {
    commitChange(repo, `${app} ${++n}`);
    return mustSucceed(await runAction({ ...inputs, ...extra }, { cwd: repo, timeoutMs: 300_000 }), `deploy ${app}`);
  };
  const rollback = async (extra = {}, options = {}) =>
    mustSucceed(await runAction({ ...inputs, command: 'rollback', ...extra }, { cwd: repo, timeoutMs: 300_000, ...options }), `rollback ${app}`);
  return { lb, deploy, rollback };
}

printMachine();
if (want('deploy')) {
  console.log(`\n### Deploy time by number of hosts (${RUNS} deploys each, median; 1 replica per host, a new commit each run)\n`);
  const rows = [];
  const base = {};
  for (const count of [1, 2, 3]) {
    const f = await fleet(`fleetb-d${count}`, th.hosts.slice(0, count));
    await f.deploy(); // the first deploy of an app also warms the build cache: not counted
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await f.deploy());
    const total = median(runs.map((r) => r.ms / 1000));
    base[count] = total;
    rows.push([
      String(count),
      fmt(total, 1),
      fmt(median(runs.map((r) => between(r, /^::group::Build/, /^::endgroup::/))), 1),
      fmt(median(runs.map(transferS)), 1),
      fmt(median(runs.map((r) => between(r, /^::group::Start/, /^### |^::group::Flip/))), 1),
      fmt(median(runs.map(flipMs)), 0),
      count === 1 ? '1.00x' : `${fmt(total / base[1], 2)}x`,
    ]);
  }
  console.log(table(['hosts', 'deploy (s)', 'build (s)', 'image to hosts (s)', 'launch + verify (s)', 'switch (ms)', 'vs 1 host'], rows));
  figures.deploy = rows;
}

if (want('switches')) {
  console.log(`\n### Failed requests during pool switches (2 hosts x 2 replicas, wrk keep-alive, 8 connections)\n`);
  const f = await fleet('fleetb-s', th.hosts.slice(0, 2), { replicas: 2 });
  await f.deploy();
  await f.deploy();
  const wrk = startWrk(f.lb.url, { connections: 8, maxSec: 280 });
  await sleep(500);
  const switches = [];
  for (let i = 0; i < 2; i++) {
    switches.push(flipMs(await f.rollback()));
    switches.push(flipMs(await f.deploy()));
  }
  const w = await wrk.stop();
  figures.switches = { switches, requests: w.requests, failed: w.failed };
  console.log(
    table(
      ['switches', 'requests', 'failed (connect/read/write/timeout/non-2xx)', 'switch time (ms, median)'],
      [[String(switches.length), String(w.requests), `${w.failed} (${w.connect}/${w.read}/${w.write}/${w.timeout}/${w.non2xx})`, fmt(median(switches), 0)]],
    ),
  );
}

/**
 * The phases of opening each ssh connection, from the action's own trace (RUNNER_DEBUG=1, src/drivers/docker/ssh.ts):
 * `...; ssh2 asked for at A ms, loaded at B ms; connection start C ms, settings +x, keys +x, tcp +x, host key +x,
 * kex +x, auth +x, channel +x = T ms`, and the host's first engine answer (HEAD /_ping).
 */
const PHASES = /engine (ssh:\/\/\S+): reached through ssh, [^;]*; ([^;]*); ssh2 asked for at (\d+) ms, loaded at (\d+) ms; connection start (\d+) ms, (.*) = ([\d.]+) ms/;
function sshPhases(r) {
  return r.lines.flatMap((l) => {
    const m = PHASES.exec(l.text);
    if (!m) return [];
    const ping = r.lines.find((x) => x.text.includes(`engine ${m[1]}: HEAD /_ping`));
    const phases = Object.fromEntries(m[6].split(', ').map((p) => /^(.*) \+([\d.]+)$/.exec(p)).filter(Boolean).map((x) => [x[1], Number(x[2])]));
    return [{ host: m[1], algorithms: m[2], asked: Number(m[3]), loaded: Number(m[4]), start: Number(m[5]), phases, total: Number(m[7]), firstAnswer: ping ? ping.t - r.start : NaN }];
  });
}

if (want('rollback')) {
  console.log(`\n### Rollback of a 2 x 2 fleet to its warm pool (${RUNS * 2} rollbacks each, median)\n`);
  const out = [];
  const traced = [];
  for (const kind of ['ssh', 'tcp']) {
    const f = await fleet(`fleetb-r${kind}`, th.hosts.slice(0, 2), { replicas: 2, kind });
    await f.deploy();
    await f.deploy();
    const runs = [];
    // rss: GNU time also gives the run's CPU time (user + system), which other work on the machine changes less than the wall time.
    for (let i = 0; i < RUNS * 2; i++) runs.push(await f.rollback({}, { rss: true }));
    (figures.rollback ??= {})[kind] = runs.map((r) => r.ms);
    (figures.rollbackCpuMs ??= {})[kind] = runs.map((r) => Math.round(r.cpuS * 1000));
    out.push([
      kind === 'ssh' ? 'ssh://root@host' : 'tcp://host:2375',
      fmt(median(runs.map((r) => r.ms / 1000)), 2),
      fmt(median(runs.map((r) => r.cpuS * 1000)), 0),
      fmt(median(runs.map((r) => until(r, /Rolling back to the warm/))), 2),
      fmt(median(runs.map((r) => until(r, /now sends traffic to/))), 2),
      fmt(median(runs.map(flipMs)), 0),
    ]);
    // Then as many runs again with the action's debug trace, not counted above: how each ssh connection opened.
    if (kind === 'ssh') for (let i = 0; i < RUNS * 2; i++) traced.push(...sshPhases(await f.rollback({}, { env: { RUNNER_DEBUG: '1' } })));
  }
  console.log(table(['endpoints', 'rollback run (s)', 'CPU user+sys (ms)', 'read + lock done (s)', 'switched (s)', 'switch itself (ms)'], out));
  if (traced.length) {
    const names = [...new Set(traced.flatMap((t) => Object.keys(t.phases)))];
    const rows = [
      ['process start → ssh2 asked for', median(traced.map((t) => t.asked))],
      ['loading ssh2 (asked → loaded)', median(traced.map((t) => t.loaded - t.asked))],
      ['loaded → connection start', median(traced.map((t) => t.start - t.loaded))],
      ...names.map((n) => [`  ${n}`, median(traced.map((t) => t.phases[n]).filter((x) => x !== undefined))]),
      ['connection start → first channel (total)', median(traced.map((t) => t.total))],
      ['process start → first engine answer (HEAD /_ping)', median(traced.map((t) => t.firstAnswer))],
    ];
    console.log(`\n#### Opening each ssh connection (${traced.length} connections: ${RUNS * 2} more rollbacks with RUNNER_DEBUG=1, 2 hosts each; median ms)\n`);
    console.log(`algorithms agreed: ${[...new Set(traced.map((t) => t.algorithms))].join('; ')}\n`);
    console.log(table(['phase', 'ms'], rows.map(([n, v]) => [n, fmt(v, 1)])));
    figures.sshPhases = traced;
  }
}

for (const s of stops.reverse()) await s();
writeJson(figures);

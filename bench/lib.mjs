/**
 * Shared helpers for the benchmark scripts (no imports from src/): the balancers, apps and GET come
 * from the test helpers (test/helpers/*.ts, loaded with Node's type stripping, so the benches run on
 * Node 24: `npm run bench`, or `node bench/x.mjs`, which re-runs itself under node_modules' Node 24);
 * here are the bench-only parts: statistics, tables, a runner that drives `node dist/index.js` the way
 * the GitHub runner does while timestamping every output line as it arrives, wrk and a probe.
 * All traffic goes to 127.0.0.1. Every server is our child process and is stopped by stop().
 */
import './ts-paths.mjs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bundle the runs drive: this checkout's, or BENCH_DIST (another build's index.js, to compare two builds). */
export const DIST = process.env.BENCH_DIST || join(ROOT, 'dist', 'index.js');
/** The runner runs the action with node24 (action.yml); use the node24 from devDependencies when present. */
export const NODE = existsSync(join(ROOT, 'node_modules/node/bin/node')) ? join(ROOT, 'node_modules/node/bin/node') : process.execPath;

// The test helpers are TypeScript: Node strips their types from 23.6 on. On an older node, run again under
// the Node 24 from devDependencies (the action's own runtime).
if (Number(process.versions.node.split('.')[0]) < 24 && existsSync(NODE) && NODE !== process.execPath) {
  const r = spawnSync(NODE, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const servers = await import('../test/helpers/servers.ts');
const apps = await import('../test/helpers/docker.ts');
const runner = await import('../test/helpers/action.ts');
export const { freePort, get } = servers;
export const { cleanupApp } = apps;
const { parseOutputFile } = runner;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

// ---------- statistics ----------
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const p95 = (xs) => quantile(xs, 0.95);
export const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

/** A markdown table. */
export function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// ---------- machine ----------
function version(argv, re) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const m = re.exec(text);
  return m ? m[1] : '?';
}
export function machine() {
  const dist = readFileSync(DIST);
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    node: version([NODE, '--version'], /v(\S+)/),
    docker: version(['docker', 'version', '--format', '{{.Server.Version}}'], /(\S+)/),
    nginx: version(['nginx', '-v'], /nginx\/(\S+)/),
    haproxy: version(['haproxy', '-v'], /version (\S+)/),
    caddy: version(['caddy', 'version'], /v?(\S+)/),
    wrk: version(['wrk', '--version'], /wrk (\S+)/),
    hyperfine: version(['hyperfine', '--version'], /hyperfine (\S+)/),
    commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    distDirty: spawnSync('git', ['-C', ROOT, 'diff', '--quiet', '--', 'dist']).status !== 0,
    distBytes: dist.length,
  };
}
export function printMachine(m = machine()) {
  console.log(
    `machine: ${m.cpus} cores (${m.cpu}); node ${m.node} (action runtime); docker ${m.docker}; nginx ${m.nginx}; ` +
      `haproxy ${m.haproxy}; caddy ${m.caddy}; wrk ${m.wrk}; hyperfine ${m.hyperfine}; ` +
      `repo ${m.commit}${m.distDirty ? ' (dist/ has uncommitted changes)' : ''}${process.env.BENCH_DIST ? `; bundle ${DIST} (BENCH_DIST)` : ''}`,
  );
  return m;
}

// ---------- processes and ports ----------
export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), `bench-${prefix}-`));

/** One GET on a fresh connection: { status, body } or throws. */
// ---------- balancers: the test helpers' servers, with the action inputs that point at them ----------
export async function startNginx({ upstreamName = 'app', keepaliveTimeout = '75s' } = {}) {
  const n = await servers.startNginx({ upstreamName, keepaliveTimeout });
  return {
    kind: 'nginx',
    url: n.url,
    setting: `keepalive_timeout ${keepaliveTimeout}`,
    inputs: {
      router: 'nginx',
      'nginx-upstream-file': n.upstreamFile,
      'nginx-upstream-name': upstreamName,
      'nginx-test-command': n.testCommand.join(' '),
      'nginx-reload-command': n.reloadCommand.join(' '),
      'nginx-pid-file': n.pidFile,
    },
    stop: () => n.stop(),
  };
}

export async function startHaproxy({ backend = 'app', server = 'live' } = {}) {
  const h = await servers.startHaproxy({ backend, server });
  return {
    kind: 'haproxy',
    url: h.url,
    setting: 'defaults (mode http, no check)',
    inputs: { router: 'haproxy', 'haproxy-socket': h.socket, 'haproxy-backend': backend, 'haproxy-server': server, 'haproxy-state-file': h.stateFile },
    stop: () => h.stop(),
  };
}

/** connectionClose: a `headers` handler sets `Connection: close` on every response (Go then closes the connection). */
export async function startCaddy({ upstreamId = 'app', gracePeriod, connectionClose = false } = {}) {
  const c = await servers.startCaddy({ upstreamId, gracePeriod, connectionClose });
  return {
    kind: 'caddy',
    url: c.url,
    setting: [gracePeriod ? `grace_period ${gracePeriod}` : '', connectionClose ? 'response header Connection: close' : ''].filter(Boolean).join(', ') || 'defaults',
    inputs: { router: 'caddy', 'caddy-admin-url': c.adminUrl, 'caddy-upstream-id': upstreamId },
    stop: () => c.stop(),
  };
}

// ---------- apps: a FROM-scratch busybox httpd serving `text` at / (test/helpers/docker.ts) ----------
export const appRepo = (text) => apps.appRepo({ kind: 'web', text });
export const commitChange = (dir, text) => void apps.commitChange(dir, text);

// ---------- the action ----------
/**
 * Run `node dist/index.js` (or another bundle: `dist`) with INPUT_* variables, runner files and `env`. Returns exit code, the stdout/stderr
 * lines each with the performance.now() at which it arrived, outputs, summary, and start/end times.
 */
export function runAction(inputs, { cwd, timeoutMs = 120_000, onLine, dist = DIST, env: extraEnv = {}, rss = false } = {}) {
  const dir = tempDir('runner');
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  writeFileSync(join(dir, 'event.json'), '{}');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const env = { ...base, ...files, GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_EVENT_NAME: 'push', GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  Object.assign(env, extraEnv);
  const lines = [];
  const start = now();
  // rss: GNU time reports the run's peak resident set and its CPU time, user and system (its own fork and
  // exec add ~1 ms to the wall time).
  const child = rss ? spawn('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB %M %U %S', NODE, dist], { cwd, env }) : spawn(NODE, [dist], { cwd, env });
  const splitter = (stream) => {
    let buf = '';
    stream.on('data', (b) => {
      const t = now();
      buf += b.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = { t, text: buf.slice(0, i) };
        buf = buf.slice(i + 1);
        lines.push(line);
        onLine?.(line);
      }
    });
    stream.on('end', () => buf && lines.push({ t: now(), text: buf }));
  };
  splitter(child.stdout);
  splitter(child.stderr);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const end = now();
      clearTimeout(timer);
      const r = {
        code: code ?? 1,
        start,
        end,
        ms: end - start,
        lines,
        log: lines.map((l) => l.text).join('\n'),
        outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      };
      const rssLine = lines.find((l) => l.text.startsWith('BENCH_MAXRSS_KB '));
      if (rssLine) {
        const [, kb, user, sys] = rssLine.text.split(' ');
        r.rssKb = Number(kb);
        /** CPU seconds of the run's process (user + system), from GNU time. */
        r.cpuS = Number(user) + Number(sys);
        r.lines = lines.filter((l) => l !== rssLine);
        r.log = r.lines.map((l) => l.text).join('\n');
      }
      if (rss) {
        // GNU time's own line on a non-zero exit (the code is the action's).
        r.lines = r.lines.filter((l) => !l.text.startsWith('Command exited with non-zero status'));
        r.log = r.lines.map((l) => l.text).join('\n');
      }
      rmSync(dir, { recursive: true, force: true });
      resolve(r);
    });
  });
}

export function mustSucceed(r, what) {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.log}`);
  return r;
}

// ---------- load ----------
/** A wrk Lua script counting statuses and bodies per thread and printing one JSON line from done(). */
export const WRK_LUA = `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; non2xx = 0; bodies = {} end
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else non2xx = non2xx + 1 end
  local key = body:gsub("%s+$", "")
  bodies[key] = (bodies[key] or 0) + 1
end
function done(summary, latency, requests)
  local ok, non2xx, b = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok"); non2xx = non2xx + t:get("non2xx")
    for k, v in pairs(t:get("bodies")) do b[k] = (b[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(b) do table.insert(parts, string.format("%q:%d", k, v)) end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"ok":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status_gt399":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"bodies":{%s}}\\n',
    summary.requests, ok, non2xx, e.connect, e.read, e.write, e.timeout, e.status, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ",")))
end
`;

/**
 * Start wrk against url (bounded by maxSec); stop() sends SIGINT (wrk then prints its summary) and
 * resolves with the parsed counts.
 */
export function startWrk(url, { threads = 2, connections = 16, close = false, maxSec = 240, timeoutSec = 5 } = {}) {
  const dir = tempDir('wrk');
  const script = join(dir, 'count.lua');
  writeFileSync(script, WRK_LUA);
  const argv = ['-t', String(threads), '-c', String(connections), '-d', `${maxSec}s`, '--timeout', `${timeoutSec}s`, '-s', script];
  if (close) argv.push('-H', 'Connection: close');
  argv.push(url);
  const child = spawn('wrk', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const closed = new Promise((r) => child.on('close', r));
  return {
    argv: ['wrk', ...argv].join(' '),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await closed;
      rmSync(dir, { recursive: true, force: true });
      const m = /WRKJSON (.*)/.exec(out);
      if (!m) throw new Error(`wrk printed no summary:\n${out}`);
      const j = JSON.parse(m[1]);
      j.failed = j.connect + j.read + j.write + j.timeout + j.non2xx;
      j.raw = out;
      return j;
    },
  };
}

/**
 * A tight sequential probe on fresh connections (Connection: close) to url, recording
 * { sent, at, body | error } for every request until stop() is called (or maxMs / maxRequests).
 */
export function startProbe(url, { maxMs = 240_000, maxRequests = 2_000_000 } = {}) {
  const samples = [];
  let stopped = false;
  const end = Date.now() + maxMs;
  const one = () =>
    new Promise((resolve) => {
      const sent = now();
      const req = http.get(url, { agent: false, timeout: 2000, headers: { Connection: 'close' } }, (res) => {
        const chunks = [];
        res.on('data', (b) => chunks.push(b));
        res.on('end', () => {
          samples.push({ sent, at: now(), status: res.statusCode, body: Buffer.concat(chunks).toString() });
          resolve();
        });
        res.on('error', (e) => {
          samples.push({ sent, at: now(), error: e.code ?? e.message });
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e) => {
        samples.push({ sent, at: now(), error: e.code ?? e.message });
        resolve();
      });
    });
  const loop = (async () => {
    while (!stopped && Date.now() < end && samples.length < maxRequests) await one();
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

// ---------- engine calls, JSON, arguments ----------
const CALL = /^::debug::engine \S+: (\S+ \S+) -> (\d+) in ([\d.]+) ms(?: \(body ([\d.]+) ms\))?/;
/** The engine calls of a run made with RUNNER_DEBUG=1 (the action's own trace): { call, status, at, ms }, at from process start. */
export function engineCalls(r) {
  return r.lines.flatMap((l) => {
    const m = CALL.exec(l.text);
    if (!m) return [];
    const ms = Number(m[4] ?? m[3]);
    return [{ call: m[1].replace(/\?.*$/, '').replace(/\/v1\.\d+/, ''), status: Number(m[2]), at: Math.round(l.t - r.start - ms), ms }];
  });
}

const KUBE_CALL = /^::debug::kube \S+: (\S+ \S+) -> (\S+) in ([\d.]+) ms(?: \(body ([\d.]+) ms\))?/;
/** The Kubernetes API calls of a run made with RUNNER_DEBUG=1 (the action's own trace): { call, status, at, ms }, at from process start. */
export function kubeCalls(r) {
  return r.lines.flatMap((l) => {
    const m = KUBE_CALL.exec(l.text);
    if (!m) return [];
    const ms = Number(m[4] ?? m[3]);
    return [{ call: `kube ${m[1]}`, status: m[2], at: Math.round(l.t - r.start - ms), ms }];
  });
}

/** The trace of a run for a table: its engine and Kubernetes API calls and the action's own lines, by time from process start. */
export function traceOf(r) {
  const calls = [
    ...engineCalls(r).map((c) => ({ at: c.at, what: `${c.call} (${c.ms.toFixed(1)} ms)` })),
    ...kubeCalls(r).map((c) => ({ at: c.at, what: `${c.call} -> ${c.status} (${c.ms.toFixed(1)} ms)` })),
  ];
  const steps = r.lines
    .filter((l) => !l.text.startsWith('::debug::engine') && !l.text.startsWith('::debug::kube') && /^(::group::|::endgroup::|.*(flip took|now sends|Traffic is back|Rolling back|Locked|Released))/.test(l.text))
    .map((l) => ({ at: Math.round(l.t - r.start), what: l.text.slice(0, 120) }));
  return [...calls, ...steps].sort((a, b) => a.at - b.at).concat([{ at: Math.round(r.ms), what: 'exit' }]);
}

/** `--json FILE` (or JSON_OUT=FILE): where a script writes its figures. */
export function jsonPath(argv = process.argv) {
  const i = argv.indexOf('--json');
  return i >= 0 ? argv[i + 1] : process.env.JSON_OUT;
}
export function writeJson(data, argv = process.argv) {
  const path = jsonPath(argv);
  if (path) {
    writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
    console.log(`figures written to ${path}`);
  }
}
/** Positional arguments (not --json and its value). */
export function args(argv = process.argv) {
  const out = [];
  for (let i = 2; i < argv.length; i++) {
    if (argv[i] === '--json') i++;
    else out.push(argv[i]);
  }
  return out;
}

/**
 * Shared helpers for the benchmark scripts (plain Node, no imports from src/): real servers on
 * 127.0.0.1 ports in temp dirs, tiny FROM-scratch busybox apps in git repos, and a runner that drives
 * `node dist/index.js` the way the GitHub runner does, timestamping every output line as it arrives.
 * All traffic goes to 127.0.0.1. Every server is our child process and is stopped by stop().
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist', 'index.js');
/** The runner runs the action with node24 (action.yml); use the node24 from devDependencies when present. */
export const NODE = existsSync(join(ROOT, 'node_modules/node/bin/node')) ? join(ROOT, 'node_modules/node/bin/node') : process.execPath;
export const BUSYBOX = '/usr/bin/busybox';

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
      `repo ${m.commit}${m.distDirty ? ' (dist/ has uncommitted changes)' : ''}`,
  );
  return m;
}

// ---------- processes and ports ----------
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const tempDir = (prefix) => mkdtempSync(join(tmpdir(), `bench-${prefix}-`));

/** One GET on a fresh connection: { status, body } or throws. */
export function get(url, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** A foreground server in its own process group; stop() sends `signal`, then SIGKILL to that group (only). */
function startProcess(argv, { env, cwd, signal = 'SIGTERM' } = {}) {
  const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const keep = (b) => (out = (out + b.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const m = {
    child,
    exited: false,
    output: () => out,
    stop: async () => {
      if (m.exited) return;
      const done = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, signal);
      } catch {}
      const ok = await Promise.race([done.then(() => true), sleep(5000).then(() => false)]);
      if (!ok) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
        await done;
      }
    },
  };
  child.on('exit', () => (m.exited = true));
  child.on('error', (e) => {
    out += `\n${e.message}`;
    m.exited = true;
  });
  return m;
}

async function waitHttp(url, proc, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${what} exited early:\n${proc.output()}`);
    try {
      await get(url, 1000);
      return;
    } catch (e) {
      last = e.message;
    }
    await sleep(50);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs}ms (${last}):\n${proc.output()}`);
}

// ---------- balancers (same configs as test/helpers/servers.ts) ----------
export async function startNginx({ upstreamName = 'app', keepaliveTimeout = '75s', workers = 2 } = {}) {
  const dir = tempDir('nginx');
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const upstreamFile = join(dir, 'upstream.conf');
  const pidFile = join(dir, 'nginx.pid');
  mkdirSync(join(dir, 'temp'));
  writeFileSync(upstreamFile, `upstream ${upstreamName} {\n    server 127.0.0.1:1 down;\n}\n`);
  writeFileSync(
    conf,
    [
      `worker_processes ${workers};`,
      `pid ${pidFile};`,
      `error_log ${join(dir, 'error.log')} notice;`,
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'events { worker_connections 1024; }',
      'http {',
      '    access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${join(dir, 'temp', t)};`),
      `    keepalive_timeout ${keepaliveTimeout};`,
      `    include ${upstreamFile};`,
      '    server {',
      `        listen 127.0.0.1:${port};`,
      `        location / { proxy_pass http://${upstreamName}; }`,
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  const base = ['nginx', '-p', dir, '-c', conf];
  const proc = startProcess([...base, '-g', 'daemon off;']);
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(url, proc, 'nginx');
  return {
    kind: 'nginx',
    url,
    setting: `keepalive_timeout ${keepaliveTimeout}`,
    inputs: {
      router: 'nginx',
      'nginx-upstream-file': upstreamFile,
      'nginx-upstream-name': upstreamName,
      'nginx-test-command': [...base, '-t'].join(' '),
      'nginx-reload-command': [...base, '-s', 'reload'].join(' '),
      'nginx-pid-file': pidFile,
    },
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startHaproxy({ backend = 'app', server = 'live' } = {}) {
  const dir = tempDir('haproxy');
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const stateFile = join(dir, 'server-state');
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      `    stats socket ${socket} mode 600 level admin expose-fd listeners`,
      `    server-state-file ${stateFile}`,
      `    pidfile ${join(dir, 'haproxy.pid')}`,
      'defaults',
      '    mode http',
      '    timeout connect 2s',
      '    timeout client 30s',
      '    timeout server 30s',
      '    load-server-state-from-file global',
      'frontend web',
      `    bind 127.0.0.1:${port}`,
      `    default_backend ${backend}`,
      `backend ${backend}`,
      `    server ${server} 127.0.0.1:1 disabled`,
      '',
    ].join('\n'),
  );
  const proc = startProcess(['haproxy', '-db', '-f', cfg], { signal: 'SIGUSR1' });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(url, proc, 'haproxy');
  return {
    kind: 'haproxy',
    url,
    setting: 'defaults (mode http, no check)',
    inputs: { router: 'haproxy', 'haproxy-socket': socket, 'haproxy-backend': backend, 'haproxy-server': server, 'haproxy-state-file': stateFile },
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** connectionClose: a `headers` handler sets `Connection: close` on every response (Go then closes the connection). */
export async function startCaddy({ upstreamId = 'app', gracePeriod, connectionClose = false } = {}) {
  const dir = tempDir('caddy');
  const port = await freePort();
  const adminPort = await freePort();
  const cfgPath = join(dir, 'caddy.json');
  const config = {
    admin: { listen: `127.0.0.1:${adminPort}`, config: { persist: false } },
    storage: { module: 'file_system', root: join(dir, 'storage') },
    logging: { logs: { default: { level: 'WARN' } } },
    apps: {
      http: {
        ...(gracePeriod ? { grace_period: gracePeriod } : {}),
        servers: {
          web: {
            listen: [`127.0.0.1:${port}`],
            automatic_https: { disable: true },
            routes: [
              {
                handle: [
                  ...(connectionClose ? [{ handler: 'headers', response: { set: { Connection: ['close'] } } }] : []),
                  { handler: 'reverse_proxy', '@id': upstreamId, upstreams: [] },
                ],
              },
            ],
          },
        },
      },
    },
  };
  writeFileSync(cfgPath, JSON.stringify(config, null, 2));
  const env = { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const proc = startProcess(['caddy', 'run', '--config', cfgPath], { env, cwd: dir });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(`http://127.0.0.1:${adminPort}/config/`, proc, 'caddy admin');
  await waitHttp(url, proc, 'caddy');
  return {
    kind: 'caddy',
    url,
    setting: [gracePeriod ? `grace_period ${gracePeriod}` : '', connectionClose ? 'response header Connection: close' : ''].filter(Boolean).join(', ') || 'defaults',
    inputs: { router: 'caddy', 'caddy-admin-url': `http://127.0.0.1:${adminPort}`, 'caddy-upstream-id': upstreamId },
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------- apps ----------
const git = (dir, ...a) => execFileSync('git', ['-C', dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...a], { encoding: 'utf8' }).trim();

/** A git repo with a FROM-scratch busybox httpd app serving `text` at / on 8080 (as test/helpers/docker.ts). */
export function appRepo(text) {
  const dir = tempDir('app');
  writeFileSync(
    join(dir, 'Dockerfile'),
    ['FROM scratch', 'COPY busybox /bin/busybox', 'COPY index.html /www/', 'ENTRYPOINT ["/bin/busybox","httpd","-f","-p","8080","-h","/www"]', ''].join('\n'),
  );
  copyFileSync(BUSYBOX, join(dir, 'busybox'));
  writeFileSync(join(dir, 'index.html'), `${text}\n`);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', `bench app ${text}`);
  return dir;
}

export function commitChange(dir, text) {
  writeFileSync(join(dir, 'index.html'), `${text}\n`);
  git(dir, 'commit', '-qam', text);
}

/** Remove every container and image of one of OUR bench apps (by its label and name prefix). */
export function cleanupApp(app) {
  const ps = (...f) => spawnSync('docker', ['ps', '-aq', ...f], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const ids = [...new Set([...ps('--filter', `label=dev.immutable-deploy.app=${app}`), ...ps('--filter', `name=^${app}-`)])];
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids]);
  const images = spawnSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', app], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  if (images.length) spawnSync('docker', ['image', 'rm', '-f', ...images]);
}

// ---------- the action ----------
function parseOutputFile(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^([^=<]+)<<(.+)$/.exec(line);
    if (h) {
      const value = [];
      while (++i < lines.length && lines[i] !== h[2]) value.push(lines[i]);
      out[h[1]] = value.join('\n');
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/**
 * Run `node dist/index.js` with INPUT_* variables and runner files. Returns exit code, the stdout/stderr
 * lines each with the performance.now() at which it arrived, outputs, summary, and start/end times.
 */
export function runAction(inputs, { cwd, timeoutMs = 120_000, onLine } = {}) {
  const dir = tempDir('runner');
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  writeFileSync(join(dir, 'event.json'), '{}');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const env = { ...base, ...files, GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_EVENT_NAME: 'push', GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const lines = [];
  const start = now();
  const child = spawn(NODE, [DIST], { cwd, env });
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

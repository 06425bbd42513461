/**
 * Real servers for tests and benchmarks, all on 127.0.0.1 ports picked here: a static backend
 * (busybox httpd), nginx, HAProxy and Caddy. Each runs in the foreground as our child process, with
 * its config, pid, logs and state in a fresh temp dir, and is stopped with stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maintenanceFiles, maintenanceLine } from '../../src/routers/haproxy/maintenance.js';
import { MAINTENANCE_RETRY_AFTER_SEC } from '../../src/core/maintenance.js';

export interface Target {
  host: string;
  port: number;
}

/** A router's Routing (src/routers/types.ts), written out here: benches load this file without the sources. */
export type Routing = { addresses: Target[]; weight: number; version?: string | undefined }[];

/** Blue-green: every request to `addresses` (as allTo in src/routers/types.ts). */
export function allTo(addresses: Target[], version?: string): Routing {
  return [{ addresses, weight: 100, version }];
}

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}-`));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET with a fresh connection. Resolves with status and body; rejects on network errors. */
export function get(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export async function waitHttp(url: string, proc: Managed, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${what} exited early (code ${proc.child.exitCode}):\n${proc.output()}`);
    try {
      await get(url, 1000);
      return;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(50);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs}ms (${last}):\n${proc.output()}`);
}

export interface Managed {
  child: ChildProcess;
  exited: boolean;
  output(): string;
  stop(): Promise<void>;
}

/** Start a foreground server in its own process group; stop() sends `signal`, then SIGKILL to the group. */
export function startProcess(argv: string[], opts: { env?: Record<string, string>; cwd?: string; signal?: NodeJS.Signals } = {}): Managed {
  const [cmd, ...args] = argv;
  const child = spawn(cmd as string, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const m: Managed = {
    child,
    exited: false,
    output: () => out,
    stop: async () => {
      if (m.exited) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-(child.pid as number), opts.signal ?? 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killed = await Promise.race([done.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          /* already gone */
        }
        await done;
      }
    },
  };
  child.on('exit', () => {
    m.exited = true;
  });
  child.on('error', (e) => {
    out += `\n${e.message}`;
    m.exited = true;
  });
  return m;
}

export interface Backend {
  port: number;
  target: Target;
  url: string;
  text: string;
  stop(): Promise<void>;
}

/** A static HTTP server (busybox httpd) answering `text` at /. */
export async function startBackend(text: string): Promise<Backend> {
  const dir = await tempDir('backend');
  await writeFile(join(dir, 'index.html'), text);
  const port = await freePort();
  const proc = startProcess(['busybox', 'httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir]);
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(url, proc, 'busybox httpd');
  return {
    port,
    target: { host: '127.0.0.1', port },
    url,
    text,
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface NginxServer {
  port: number;
  url: string;
  dir: string;
  conf: string;
  upstreamFile: string;
  /** njs mode: the routes file the njs script reads. */
  routesFile: string;
  upstreamName: string;
  pidFile: string;
  errorLog: string;
  testCommand: string[];
  reloadCommand: string[];
  output(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  upstreamName?: string;
  /** Initial upstream; default a `down` placeholder (nginx answers 502). */
  initial?: Target;
  /** Client keep-alive timeout (nginx default 75s; 0 disables client keep-alive). */
  keepaliveTimeout?: string;
  /** Extra directives inside http {} (e.g. `worker_shutdown_timeout` goes in main: use mainExtra). */
  httpExtra?: string;
  mainExtra?: string;
  workerProcesses?: number;
  /**
   * njs mode: load share/nginx/immutable-deploy.js, route by the routes file (`routesFile` of the result)
   * through `proxy_pass http://$<name>_upstream`, no upstream block. The file starts absent (nginx answers 502).
   */
  njs?: boolean;
  /** njs mode: also the maintenance variable and location of the shipped script (docs/routers.md). */
  maintenance?: boolean;
}

/** The njs script the action ships. */
export const NJS_SCRIPT = fileURLToPath(new URL('../../share/nginx/immutable-deploy.js', import.meta.url));

export async function startNginx(opts: NginxOptions = {}): Promise<NginxServer> {
  const dir = await tempDir('nginx');
  const name = opts.upstreamName ?? 'app';
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const upstreamFile = join(dir, 'upstream.conf');
  const routesFile = join(dir, 'routes.json');
  const pidFile = join(dir, 'nginx.pid');
  const errorLog = join(dir, 'error.log');
  await mkdir(join(dir, 'temp'));
  const server = opts.initial ? `server ${opts.initial.host}:${opts.initial.port};` : 'server 127.0.0.1:1 down;';
  await writeFile(upstreamFile, `upstream ${name} {\n    ${server}\n}\n`);
  const location = opts.njs
    ? opts.maintenance
      ? [
          `        location / { set $immutable_deploy_routes ${routesFile}; error_page 418 = @${name}_maintenance; if ($${name}_maintenance) { return 418; } proxy_pass http://$${name}_upstream; }`,
          `        location @${name}_maintenance { set $immutable_deploy_routes ${routesFile}; js_content immutable_deploy.page; }`,
        ].join('\n')
      : `        location / { set $immutable_deploy_routes ${routesFile}; proxy_pass http://$${name}_upstream; }`
    : `        location / { proxy_pass http://${name}; }`;
  await writeFile(
    conf,
    [
      ...(opts.njs ? ['load_module /usr/lib/nginx/modules/ngx_http_js_module.so;'] : []),
      `worker_processes ${opts.workerProcesses ?? 2};`,
      `pid ${pidFile};`,
      `error_log ${errorLog} notice;`,
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      opts.mainExtra ?? '',
      'events { worker_connections 1024; }',
      'http {',
      '    access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${join(dir, 'temp', t)};`),
      `    keepalive_timeout ${opts.keepaliveTimeout ?? '75s'};`,
      opts.httpExtra ?? '',
      ...(opts.njs
        ? [
            `    js_import immutable_deploy from ${NJS_SCRIPT};`,
            `    js_set $${name}_upstream immutable_deploy.upstream;`,
            ...(opts.maintenance ? [`    js_set $${name}_maintenance immutable_deploy.maintenance;`] : []),
          ]
        : [`    include ${upstreamFile};`]),
      '    server {',
      `        listen 127.0.0.1:${port};`,
      location,
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  const base = ['nginx', '-p', dir, '-c', conf];
  const proc = startProcess([...base, '-g', 'daemon off;'], { signal: 'SIGTERM' });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(url, proc, 'nginx');
  return {
    port,
    url,
    dir,
    conf,
    upstreamFile,
    routesFile,
    upstreamName: name,
    pidFile,
    errorLog,
    testCommand: [...base, '-t'],
    reloadCommand: [...base, '-s', 'reload'],
    output: () => proc.output(),
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface HaproxyServer {
  port: number;
  url: string;
  dir: string;
  socket: string;
  stateFile: string;
  backend: string;
  server: string;
  /** HAProxy's Prometheus exporter (with `exporter: true`), e.g. 127.0.0.1:40123 (scrape /metrics). */
  exporter: string | undefined;
  /** The URL of the frontend of `backend` (the first backend's is `url`). */
  urlOf(backend: string): string;
  output(): string;
  /** Stop and start again with the same config and ports (loads the server state file). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HaproxyOptions {
  backend?: string;
  server?: string;
  /** Extra words on the server line, e.g. `check inter 200ms`. */
  serverExtra?: string;
  /** Pool slots: `server-template <server> 1-N` instead of one server line. */
  slots?: number;
  /** A second frontend serving HAProxy's built-in Prometheus exporter (Debian's HAProxy has USE_PROMEX). */
  exporter?: boolean;
  /** More backends, each with a slot like the first one's and a frontend on a port of its own (see urlOf). */
  moreBackends?: string[];
  /** The maintenance map, ACL and line of docs/routers.md in the first backend, letting these headers through. */
  maintenance?: { headers: string[] };
  /**
   * Testers first: a backend `<backend>-preview` with slots like the first one's, and the documented frontend line
   * that sends requests carrying this header there while it has a server up (docs/canary.md).
   */
  previewHeader?: string;
  /** Lines for the first backend, e.g. `balance hash req.cook(user)` and `hash-type consistent` (sticky users). */
  backendExtra?: string[];
}

export async function startHaproxy(opts: HaproxyOptions = {}): Promise<HaproxyServer> {
  const dir = await tempDir('haproxy');
  const backend = opts.backend ?? 'app';
  const server = opts.server ?? 'live';
  const port = await freePort();
  const exporterPort = opts.exporter ? await freePort() : undefined;
  const ports: Record<string, number> = { [backend]: port };
  for (const b of opts.moreBackends ?? []) ports[b] = await freePort();
  const socket = join(dir, 'admin.sock');
  const stateFile = join(dir, 'server-state');
  const cfg = join(dir, 'haproxy.cfg');
  if (opts.maintenance) {
    const files = maintenanceFiles(backend, dir);
    await writeFile(files.map, '');
    await writeFile(files.acl, '');
  }
  await writeFile(
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
      ...(opts.previewHeader
        ? [`    use_backend ${backend}-preview if { req.hdr(${opts.previewHeader.toLowerCase()}) -m found } { nbsrv(${backend}-preview) gt 0 }`]
        : []),
      `    default_backend ${backend}`,
      ...(exporterPort
        ? ['frontend exporter', `    bind 127.0.0.1:${exporterPort}`, '    http-request use-service prometheus-exporter if { path /metrics }']
        : []),
      ...[...Object.keys(ports), ...(opts.previewHeader ? [`${backend}-preview`] : [])].flatMap((b, n) => [
        ...(n > 0 && ports[b] ? [`frontend web${n}`, `    bind 127.0.0.1:${ports[b]}`, `    default_backend ${b}`] : []),
        `backend ${b}`,
        ...(n === 0 && opts.maintenance ? [`    ${maintenanceLine(b, opts.maintenance.headers, MAINTENANCE_RETRY_AFTER_SEC, dir)}`] : []),
        ...(n === 0 ? (opts.backendExtra ?? []).map((l) => `    ${l}`) : []),
        opts.slots
          ? `    server-template ${server} 1-${opts.slots} 127.0.0.1:1 disabled ${opts.serverExtra ?? ''}`
          : `    server ${server} 127.0.0.1:1 disabled ${opts.serverExtra ?? ''}`,
      ]),
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}/`;
  let proc: Managed;
  const start = async () => {
    proc = startProcess(['haproxy', '-db', '-f', cfg], { signal: 'SIGUSR1' });
    await waitHttp(url, proc, 'haproxy');
  };
  await start();
  return {
    port,
    url,
    dir,
    socket,
    stateFile,
    backend,
    server,
    exporter: exporterPort ? `127.0.0.1:${exporterPort}` : undefined,
    urlOf: (b: string) => `http://127.0.0.1:${ports[b]}/`,
    output: () => proc.output(),
    restart: async () => {
      await proc.stop();
      await start();
    },
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface CaddyServer {
  port: number;
  url: string;
  adminUrl: string;
  upstreamId: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

export interface CaddyOptions {
  upstreamId?: string;
  initial?: Target;
  /** apps.http.grace_period, e.g. "10s". */
  gracePeriod?: string;
  /** Extra fields for the server object (e.g. idle_timeout). */
  serverExtra?: Record<string, unknown>;
  /** Put a `headers` handler before the proxy that sets `Connection: close` on every response. */
  connectionClose?: boolean;
  /** Testers first: a route before the live one matching this header, to a reverse_proxy `"@id": "<id>-preview"` (docs/canary.md). */
  previewHeader?: string;
}

export async function startCaddy(opts: CaddyOptions = {}): Promise<CaddyServer> {
  const dir = await tempDir('caddy');
  const id = opts.upstreamId ?? 'app';
  const port = await freePort();
  const adminPort = await freePort();
  const cfgPath = join(dir, 'caddy.json');
  const config = {
    admin: { listen: `127.0.0.1:${adminPort}`, config: { persist: false } },
    storage: { module: 'file_system', root: join(dir, 'storage') },
    logging: { logs: { default: { level: 'WARN' } } },
    apps: {
      http: {
        ...(opts.gracePeriod ? { grace_period: opts.gracePeriod } : {}),
        servers: {
          web: {
            listen: [`127.0.0.1:${port}`],
            automatic_https: { disable: true },
            ...opts.serverExtra,
            routes: [
              ...(opts.previewHeader
                ? [{ match: [{ header: { [opts.previewHeader]: ['*'] } }], handle: [{ handler: 'reverse_proxy', '@id': `${id}-preview`, upstreams: [] }], terminal: true }]
                : []),
              {
                handle: [
                  ...(opts.connectionClose ? [{ handler: 'headers', response: { set: { Connection: ['close'] } } }] : []),
                  {
                    handler: 'reverse_proxy',
                    '@id': id,
                    upstreams: opts.initial ? [{ dial: `${opts.initial.host}:${opts.initial.port}` }] : [],
                  },
                ],
              },
            ],
          },
        },
      },
    },
  };
  await writeFile(cfgPath, JSON.stringify(config, null, 2));
  const env = { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const proc = startProcess(['caddy', 'run', '--config', cfgPath], { env, cwd: dir });
  const url = `http://127.0.0.1:${port}/`;
  await waitHttp(`http://127.0.0.1:${adminPort}/config/`, proc, 'caddy admin');
  await waitHttp(url, proc, 'caddy');
  return {
    port,
    url,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    upstreamId: id,
    dir,
    output: () => proc.output(),
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadResult {
  requests: number;
  ok: number;
  failed: number;
  /** Failure reasons (error code or `status NNN` or `unexpected body`) with counts. */
  reasons: Record<string, number>;
  /** Response bodies with counts. */
  bodies: Record<string, number>;
}

export interface LoadOptions {
  keepAlive: boolean;
  concurrency?: number;
  /** Stop after this many requests in total. */
  maxRequests: number;
  /** Stop after this long. */
  maxMs: number;
  /** Stop early when this returns true (checked before each request). */
  stop?: () => boolean;
  /** Bodies that count as success; default any 200. */
  expectBodies?: string[];
  /** Called as each answer (of any kind) comes. */
  onAnswer?: () => void;
  /** Request headers (e.g. the header maintenance-allow lets through). */
  headers?: Record<string, string>;
  /** The client's source address (another loopback address, such as 127.0.0.2, for an address maintenance-allow lets through). */
  localAddress?: string;
}

/** A bounded load loop against one URL with a keep-alive agent or a connection per request. */
export async function runLoad(url: string, o: LoadOptions): Promise<LoadResult> {
  // Without keep-alive, maxSockets must stay Infinity: a finite limit makes node send `Connection: keep-alive`
  // and hand a just-freed socket to a queued request, i.e. reuse connections.
  const agent = o.keepAlive ? new http.Agent({ keepAlive: true, maxSockets: o.concurrency ?? 4 }) : new http.Agent({ keepAlive: false });
  const r: LoadResult = { requests: 0, ok: 0, failed: 0, reasons: {}, bodies: {} };
  const end = Date.now() + o.maxMs;
  const fail = (why: string) => {
    r.failed++;
    r.reasons[why] = (r.reasons[why] ?? 0) + 1;
  };
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.get(url, { agent, timeout: 5000, ...(o.headers ? { headers: o.headers } : {}), ...(o.localAddress ? { localAddress: o.localAddress } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => {
          o.onAnswer?.();
          const body = Buffer.concat(chunks).toString();
          r.bodies[body] = (r.bodies[body] ?? 0) + 1;
          if (res.statusCode !== 200) fail(`status ${res.statusCode}`);
          else if (o.expectBodies && !o.expectBodies.includes(body)) fail('unexpected body');
          else r.ok++;
          resolve();
        });
        res.on('error', (e: NodeJS.ErrnoException) => {
          fail(e.code ?? e.message);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => {
        fail(e.code ?? e.message);
        resolve();
      });
    });
  const worker = async () => {
    while (r.requests < o.maxRequests && Date.now() < end && !o.stop?.()) {
      r.requests++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  agent.destroy();
  return r;
}

/** What flipsUnderLoad needs of a router: the Router interface's flip. */
interface Flippable {
  shift(to: Routing): Promise<void>;
}

/** Answers each load loop must get after the last flip: the loops end on that event, never on a request count. */
const ANSWERS_AFTER_LAST_FLIP = 50;

/**
 * Flip `router` between two backends `flips` times while two load loops run through `url` (keep-alive
 * clients and a connection per request). Starts on `a`; returns the result of each loop. The loops have no
 * request cap: they run until each has had ANSWERS_AFTER_LAST_FLIP answers after the last flip, so every
 * flip happened under load (throws when a loop got none within 15 s).
 */
export async function flipsUnderLoad(
  router: Flippable,
  url: string,
  [a, b]: [Backend, Backend],
  { flips = 10, pauseMs = 150 }: { flips?: number; pauseMs?: number } = {},
): Promise<{ keepAlive: LoadResult; perRequest: LoadResult }> {
  await router.shift(allTo([a.target], a.text.trim()));
  let done = false;
  let lastFlipDone = false;
  const after = { keepAlive: 0, perRequest: 0 };
  const load = (keepAlive: boolean) =>
    runLoad(url, {
      keepAlive,
      concurrency: 4,
      maxRequests: Number.POSITIVE_INFINITY,
      maxMs: 60_000,
      stop: () => done,
      expectBodies: [a.text, b.text],
      onAnswer: () => {
        if (lastFlipDone) after[keepAlive ? 'keepAlive' : 'perRequest']++;
      },
    });
  const loads = Promise.all([load(true), load(false)]);
  try {
    for (let i = 0; i < flips; i++) {
      const next = i % 2 === 0 ? b : a;
      await router.shift(allTo([next.target], next.text.trim()));
      if (i < flips - 1) await new Promise((r) => setTimeout(r, pauseMs));
    }
    lastFlipDone = true;
    const until = Date.now() + 15_000;
    while (Math.min(after.keepAlive, after.perRequest) < ANSWERS_AFTER_LAST_FLIP) {
      if (Date.now() > until)
        throw new Error(`flipsUnderLoad: after the last flip the load loops got ${after.keepAlive} (keep-alive) and ${after.perRequest} (per request) answers in 15 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    done = true;
  }
  const [keepAlive, perRequest] = await loads;
  return { keepAlive, perRequest };
}

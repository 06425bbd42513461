/**
 * Issue 19, secrets and trust, through dist/index.js on the real engine:
 * - a caddy-admin-url with user:password (an admin API behind basic auth: a small proxy in front of real Caddy)
 *   is in no container label and no flip-record volume; a rollback must be given it again, and fails before
 *   anything changes (naming the input) when it is not;
 * - a flip record planted on the engine with another router command: status, rollback and recycle never run
 *   it (they fail naming router-command unless the workflow gives it; given, the workflow's command runs);
 * - on an engine reached over tcp:// (the local engine behind socat: a remote engine to the action), a planted
 *   record naming another HAProxy socket is not used: status and rollback fail naming haproxy-socket, nothing
 *   connects to the planted socket; given, the workflow's socket is used.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action.js';
import { appRepo, cleanupApp, commitChange, docker, get } from '../helpers/docker.js';
import { freePort, startCaddy, startHaproxy, type CaddyServer, type HaproxyServer } from '../helpers/servers.js';

/** Every label of every container and volume of the app, as one text. */
function everythingRecorded(app: string): string {
  const filter = ['--filter', `label=dev.immutable-deploy.app=${app}`];
  const containers = docker('ps', '-aq', ...filter).split('\n').filter(Boolean);
  const volumes = docker('volume', 'ls', '-q', ...filter).split('\n').filter(Boolean);
  expect(containers.length).toBeGreaterThan(0);
  expect(volumes.length).toBeGreaterThan(0);
  return [
    docker('inspect', '--format', '{{json .Config.Labels}}', ...containers),
    docker('volume', 'inspect', '--format', '{{json .Labels}}', ...volumes),
  ].join('\n');
}

/** An admin API behind basic auth: answers 401 without the credential, else forwards to Caddy's admin endpoint. */
async function basicAuthProxy(target: string, user: string, password: string): Promise<{ port: number; server: Server }> {
  const want = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const to = new URL(target);
  const server = createServer((req, res) => {
    if (req.headers.authorization !== want) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="caddy"' }).end('unauthorized\n');
      return;
    }
    const headers = { ...req.headers };
    delete headers.authorization;
    const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...headers, host: to.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, server };
}

describe('credentials are never recorded', () => {
  const APP = 'secrec';
  const PW = 'cadRec-Pw93kd';
  let caddy: CaddyServer;
  let proxy: { port: number; server: Server };
  beforeAll(async () => {
    cleanupApp(APP);
    caddy = await startCaddy({ upstreamId: `${APP}-production` });
    proxy = await basicAuthProxy(caddy.adminUrl, 'admin', PW);
  });
  afterAll(async () => {
    proxy?.server.close();
    await caddy?.stop();
    cleanupApp(APP);
  });

  it('caddy-admin-url with user:password: in no label or record; a rollback without it fails naming it, changing nothing', async () => {
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const adminUrl = `http://admin:${PW}@127.0.0.1:${proxy.port}`;
    const inputs = { app: APP, router: 'caddy', 'caddy-admin-url': adminUrl, 'drain-seconds': '0', 'stop-timeout': '1' };
    const v1 = await runAction(inputs, { cwd: repo });
    expect(v1.code, v1.log).toBe(0);
    commitChange(repo, 'v2');
    const v2 = await runAction(inputs, { cwd: repo });
    expect(v2.code, v2.log).toBe(0);
    expect((await get(caddy.url)).body).toBe('v2\n');

    const recorded = everythingRecorded(APP);
    expect(recorded).toContain(`http://127.0.0.1:${proxy.port}`);
    expect(recorded).toContain('caddy-admin-url');
    expect(recorded).not.toContain(PW);
    expect(recorded).not.toContain('admin:');
    for (const r of [v1, v2]) expect(r.summary).not.toContain(PW);

    // The manual rollback workflow gives app and environment only: the credential is not recorded, so it must be given.
    const bare = await runAction({ app: APP, command: 'rollback' }, { cwd: repo });
    expect(bare.code, bare.log).not.toBe(0);
    expect(bare.log).toContain('"caddy-admin-url"');
    expect(bare.log).toContain('carried a credential, which is never recorded');
    expect(bare.log).toContain('Nothing was changed');
    expect((await get(caddy.url)).body).toBe('v2\n');

    const back = await runAction({ app: APP, command: 'rollback', 'caddy-admin-url': adminUrl }, { cwd: repo });
    expect(back.code, back.log).toBe(0);
    expect(back.outputs['live-version']).toBe(v1.outputs.version);
    expect((await get(caddy.url)).body).toBe('v1\n');
    expect(everythingRecorded(APP)).not.toContain(PW);
  });
});

describe('a router command recorded on the engine never runs', () => {
  const APP = 'secplant';
  afterAll(() => cleanupApp(APP));

  it('a planted flip record with another router-command: status, rollback, recycle refuse it by name; the workflow\'s command runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plant-'));
    const live = join(dir, 'live');
    const pwned = join(dir, 'pwned');
    const command = [
      'if [ "$ROUTER_ACTION" = read ]; then cat "$LIVE_FILE" 2>/dev/null || true; exit 0; fi',
      'printf "%s:%s\\n" "$TARGET_HOST" "$TARGET_PORT" > "$LIVE_FILE.tmp" && mv "$LIVE_FILE.tmp" "$LIVE_FILE"',
    ].join('\n');
    const env = { LIVE_FILE: live };
    const serving = async () => (await get(`http://${readFileSync(live, 'utf8').trim()}/`)).body;
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const inputs = { app: APP, router: 'command', 'router-command': command, 'drain-seconds': '0', 'stop-timeout': '1' };
    const v1 = await runAction(inputs, { cwd: repo, env });
    expect(v1.code, v1.log).toBe(0);
    commitChange(repo, 'v2');
    const v2 = await runAction(inputs, { cwd: repo, env });
    expect(v2.code, v2.log).toBe(0);
    expect(await serving()).toBe('v2\n');

    // Whoever can create a volume on the engine plants a newer record whose router command writes a file.
    const label = 'dev.immutable-deploy.flip';
    const newest = newestRecord(APP);
    const planted = { ...newest, at: new Date(Date.now() + 60_000).toISOString(), spec: { ...newest.spec, router: { kind: 'command', command: `touch ${pwned}` } } };
    docker('volume', 'create', '--label', 'dev.immutable-deploy.role=flip', '--label', `dev.immutable-deploy.app=${APP}`,
      '--label', 'dev.immutable-deploy.environment=production', '--label', `${label}=${JSON.stringify(planted)}`, `${APP}-production-flip-planted`);

    for (const cmd of ['status', 'rollback', 'recycle']) {
      const r = await runAction({ app: APP, command: cmd }, { cwd: repo, env });
      expect(r.code, `${cmd}\n${r.log}`).not.toBe(0);
      expect(r.log).toContain('"router-command"');
      expect(r.log).toContain('a command recorded on an engine is never run');
      expect(existsSync(pwned), cmd).toBe(false);
      expect(await serving()).toBe('v2\n');
    }

    // Given by the workflow, the workflow's command is what runs.
    const back = await runAction({ app: APP, command: 'rollback', 'router-command': command }, { cwd: repo, env });
    expect(back.code, back.log).toBe(0);
    expect(back.outputs['live-version']).toBe(v1.outputs.version);
    expect(await serving()).toBe('v1\n');
    expect(existsSync(pwned)).toBe(false);
  });
});

/**
 * The newest record with a spec of the app (by `at`) as its label holds it; a label holds one record, or the
 * records written together as one unit (an array: src/platforms/batch.ts).
 */
function newestRecord(app: string): { at: string; spec: { router: Record<string, unknown> } } {
  const label = 'dev.immutable-deploy.flip';
  return docker('volume', 'ls', '-q', '--filter', `label=dev.immutable-deploy.app=${app}`).split('\n').filter(Boolean)
    .flatMap((v) => [JSON.parse(docker('volume', 'inspect', '--format', `{{index .Labels "${label}"}}`, v)) as unknown].flat())
    .filter((r): r is { at: string; spec: { router: Record<string, unknown> } } => typeof r === 'object' && r !== null && 'spec' in r)
    .sort((a, b) => (a.at < b.at ? 1 : -1))[0]!;
}

describe('a path on the runner recorded on a remote engine is never used', () => {
  const APP = 'rv-secremote';
  let lb: HaproxyServer;
  let forwarder: ChildProcess;
  let hosts: string;
  let decoyDir: string;
  let decoyConnections = 0;
  let decoy: ReturnType<typeof createNetServer>;
  beforeAll(async () => {
    cleanupApp(APP);
    lb = await startHaproxy({ backend: `${APP}-production` });
    // The runner's own engine behind a TCP forwarder: to the action an engine reached over tcp://, like a remote one.
    const port = await freePort();
    forwarder = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`, 'UNIX-CONNECT:/var/run/docker.sock'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${port}/_ping`).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 50));
    hosts = `tcp://127.0.0.1:${port}`;
    // The socket a forged record points the flip at: it counts who connects.
    decoyDir = mkdtempSync(join(tmpdir(), 'rv-decoy-'));
    decoy = createNetServer((c) => {
      decoyConnections++;
      c.destroy();
    });
    await new Promise<void>((r) => decoy.listen(join(decoyDir, 'admin.sock'), r));
  });
  afterAll(async () => {
    decoy?.close();
    forwarder?.kill();
    await lb?.stop();
    cleanupApp(APP);
  });

  it('a planted record with another haproxy-socket: status and rollback refuse it by name; the workflow\'s socket is used', async () => {
    const repo = appRepo({ kind: 'web', text: 'v1' });
    const inputs = { app: APP, hosts, router: 'haproxy', 'haproxy-socket': lb.socket, 'drain-seconds': '0', 'stop-timeout': '1' };
    const v1 = await runAction(inputs, { cwd: repo });
    expect(v1.code, v1.log).toBe(0);
    commitChange(repo, 'v2');
    const v2 = await runAction(inputs, { cwd: repo });
    expect(v2.code, v2.log).toBe(0);
    expect((await get(lb.url)).body).toBe('v2\n');

    // Whoever can create a volume on that engine plants a newer record naming another socket on the runner.
    const newest = newestRecord(APP);
    expect(newest.spec.router).toMatchObject({ kind: 'haproxy', socket: lb.socket });
    const planted = { ...newest, at: new Date(Date.now() + 60_000).toISOString(), spec: { ...newest.spec, router: { ...newest.spec.router, socket: join(decoyDir, 'admin.sock') } } };
    docker('volume', 'create', '--label', 'dev.immutable-deploy.role=flip', '--label', `dev.immutable-deploy.app=${APP}`,
      '--label', 'dev.immutable-deploy.environment=production', '--label', `dev.immutable-deploy.flip=${JSON.stringify(planted)}`, `${APP}-production-flip-planted`);

    for (const cmd of ['status', 'rollback']) {
      const r = await runAction({ app: APP, hosts, command: cmd }, { cwd: repo });
      expect(r.code, `${cmd}\n${r.log}`).not.toBe(0);
      expect(r.log).toContain('"haproxy-socket"');
      expect(r.log).toContain('read off a remote engine');
      expect(decoyConnections, cmd).toBe(0);
      expect((await get(lb.url)).body).toBe('v2\n');
    }

    // Given by the workflow, the workflow's socket is the one the flip goes to.
    const back = await runAction({ app: APP, hosts, command: 'rollback', 'haproxy-socket': lb.socket }, { cwd: repo });
    expect(back.code, back.log).toBe(0);
    expect(back.outputs['live-version']).toBe(v1.outputs.version);
    expect((await get(lb.url)).body).toBe('v1\n');
    expect(decoyConnections).toBe(0);
  });
});

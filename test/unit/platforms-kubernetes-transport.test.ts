/**
 * runtime: kubernetes — the hooks into the client's request pipeline (src/platforms/kubernetes/transport.ts):
 * the per-call trace and one connection for the run. The pure parts with fakes; then the real client
 * (@kubernetes/client-node through Cluster) against a small HTTPS server on 127.0.0.1 that answers like an
 * API server and counts its TLS connections.
 */
import { Observable, RequestContext, ResponseContext, type HttpLibrary } from '@kubernetes/client-node';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, KINDS } from '../../src/platforms/kubernetes/cluster.js';
import { oneConnection, serverName, traced, traceLine } from '../../src/platforms/kubernetes/transport.js';

describe('traceLine / serverName', () => {
  it('shows method, path and query, status and times, never the origin', () => {
    expect(traceLine('10.0.0.1:6443', 'GET', 'https://10.0.0.1:6443/api/v1/namespaces/web/pods?labelSelector=a%3Db', 200, 3.14, 4.5)).toBe(
      'kube 10.0.0.1:6443: GET /api/v1/namespaces/web/pods?labelSelector=a%3Db -> 200 in 3.1 ms (body 4.5 ms)',
    );
    expect(traceLine('h:1', 'PATCH', '/not/a/url', 'failed', 12)).toBe('kube h:1: PATCH /not/a/url -> failed in 12.0 ms');
  });

  it('names the API server by host and port', () => {
    expect(serverName('https://127.0.0.1:6443')).toBe('127.0.0.1:6443');
    expect(serverName('https://kube.example.com/prefix')).toBe('kube.example.com');
    expect(serverName('not a url')).toBe('not a url');
  });
});

const response = (status: number, text: string) =>
  new ResponseContext(status, { 'content-type': 'application/json' }, { text: () => Promise.resolve(text), binary: () => Promise.resolve(Buffer.from(text)), stream: () => null });

describe('traced', () => {
  it('writes one line per call once its body is read, with the time to the headers and to the body', async () => {
    let t = 100;
    const lines: string[] = [];
    const inner: HttpLibrary = {
      send: () => {
        t += 5; // the answer's headers 5 ms after the request
        return new Observable(Promise.resolve(response(200, '{"kind":"Pod"}')));
      },
    };
    const http = traced(inner, 'https://127.0.0.1:6443', (l) => lines.push(l), () => t);
    const req = new RequestContext('https://127.0.0.1:6443/api/v1/namespaces/web/pods/a', 'GET');
    req.setHeaderParam('Authorization', 'Bearer s3cret');
    const res = await http.send(req).toPromise();
    expect(lines).toEqual([]);
    t += 2; // the body read 2 ms later
    expect(await res.body.text()).toBe('{"kind":"Pod"}');
    await res.getBodyAsAny(); // a second read adds no line
    expect(res.httpStatusCode).toBe(200);
    expect(lines).toEqual(['kube 127.0.0.1:6443: GET /api/v1/namespaces/web/pods/a -> 200 in 5.0 ms (body 7.0 ms)']);
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('writes a line for a call that fails, and the failure goes on to the client', async () => {
    const lines: string[] = [];
    const inner: HttpLibrary = { send: () => new Observable<ResponseContext>(Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443'))) };
    const http = traced(inner, 'https://127.0.0.1:6443', (l) => lines.push(l), () => 0);
    await expect(http.send(new RequestContext('https://127.0.0.1:6443/api/v1', 'GET')).toPromise()).rejects.toThrow('ECONNREFUSED');
    expect(lines).toEqual(['kube 127.0.0.1:6443: GET /api/v1 -> failed in 0.0 ms: connect ECONNREFUSED 127.0.0.1:6443']);
  });
});

describe('oneConnection', () => {
  it("gives every call the first call's dispatcher; a call without one keeps none", async () => {
    const m = oneConnection();
    const first = { id: 1 } as unknown as NonNullable<ReturnType<RequestContext['getDispatcher']>>;
    const second = { id: 2 } as unknown as typeof first;
    const a = new RequestContext('https://h/api/v1', 'GET');
    a.setDispatcher(first);
    const b = new RequestContext('https://h/api/v1', 'GET');
    b.setDispatcher(second);
    const c = new RequestContext('https://h/api/v1', 'GET');
    expect((await m.pre(a).toPromise()).getDispatcher()).toBe(first);
    expect((await m.pre(b).toPromise()).getDispatcher()).toBe(first);
    expect((await m.pre(c).toPromise()).getDispatcher()).toBeUndefined();
  });
});

/** A TLS server answering like an API server: discovery of v1, GET of a ConfigMap; counts its TLS connections. */
describe('the client through Cluster, against an HTTPS server on 127.0.0.1', () => {
  let dir: string;
  let server: Server;
  let ca: string;
  let url: string;
  let tlsConnections = 0;
  const seen: { method: string; path: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-transport-'));
    const r = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { cwd: dir, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
      seen.push({ method: req.method!, path: req.url!, auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      const group = /^\/(?:api\/v1|apis\/([a-z0-9.]+\/v1))$/.exec(req.url ?? '');
      if (group) {
        const resources = group[1] ? [{ name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ['get'] }] : [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get'] }];
        return res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: group[1] ?? 'v1', resources }));
      }
      const m = /^\/api\/v1\/namespaces\/web\/configmaps\/([a-z0-9-]+)$/.exec(req.url ?? '');
      if (m?.[1] === 'missing') {
        res.statusCode = 404;
        return res.end(JSON.stringify({ kind: 'Status', code: 404, message: 'configmaps "missing" not found' }));
      }
      if (m) return res.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: m[1], namespace: 'web' }, data: { a: 'b' } }));
      res.statusCode = 404;
      res.end('{}');
    });
    server.on('secureConnection', () => tlsConnections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    url = `https://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubeconfig = (user: string) =>
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${url}", certificate-authority-data: ${Buffer.from(ca).toString('base64')}}}]`,
      `users: [{name: u, user: ${user}}]`,
      'contexts: [{name: x, context: {cluster: c, user: u, namespace: web}}]',
      'current-context: x',
    ].join('\n');

  it('traces every call (method, path, status, time) and reuses its TLS connection', async () => {
    const lines: string[] = [];
    const cluster = connect({ kubeconfig: kubeconfig('{token: s3cret-token}'), namespace: 'web' } as Parameters<typeof connect>[0], (l) => lines.push(l));
    tlsConnections = 0;
    seen.length = 0;
    for (const name of ['one', 'two', 'three']) expect((await cluster.read(KINDS.configMap, name))?.metadata?.name).toBe(name);
    expect(await cluster.read(KINDS.configMap, 'missing')).toBeUndefined();
    // The client asks which resources v1 has first (discovery), then the four reads.
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/v1',
      'GET /api/v1/namespaces/web/configmaps/one',
      'GET /api/v1/namespaces/web/configmaps/two',
      'GET /api/v1/namespaces/web/configmaps/three',
      'GET /api/v1/namespaces/web/configmaps/missing',
    ]);
    expect(seen.every((s) => s.auth === 'Bearer s3cret-token')).toBe(true);
    // Kept alive and reused (undici hands a connection back a moment after its answer is read, so a call made
    // right then may open a second one): at most two TLS handshakes for five calls, where the client alone makes five.
    expect(tlsConnections).toBeGreaterThanOrEqual(1);
    expect(tlsConnections).toBeLessThanOrEqual(2);
    const host = new URL(url).host;
    expect(lines.map((l) => l.replace(/ in [\d.]+ ms \(body [\d.]+ ms\)$/, ''))).toEqual([
      `kube ${host}: GET /api/v1 -> 200`,
      `kube ${host}: GET /api/v1/namespaces/web/configmaps/one -> 200`,
      `kube ${host}: GET /api/v1/namespaces/web/configmaps/two -> 200`,
      `kube ${host}: GET /api/v1/namespaces/web/configmaps/three -> 200`,
      `kube ${host}: GET /api/v1/namespaces/web/configmaps/missing -> 404`,
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');
  });

  it('warm() asks each API group once, in parallel, and the calls made meanwhile wait for it; the same kubeconfig and namespace give the same Cluster', async () => {
    const lines: string[] = [];
    const cfg = { kubeconfig: kubeconfig('{token: warm}'), namespace: 'web' } as Parameters<typeof connect>[0];
    const cluster = connect(cfg, (l) => lines.push(l));
    expect(connect(cfg, (l) => lines.push(l))).toBe(cluster);
    expect(connect({ ...cfg, namespace: 'other' }, (l) => lines.push(l))).not.toBe(cluster);
    seen.length = 0;
    cluster.warm();
    // Reads of a group whose discovery is under way: no second discovery.
    await Promise.all(['a', 'b', 'c'].map((n) => cluster.read(KINDS.configMap, n)));
    const paths = seen.map((s) => s.path);
    expect(paths.filter((p) => !p.includes('/namespaces/')).sort()).toEqual(['/api/v1', '/apis/apps/v1', '/apis/coordination.k8s.io/v1']);
    expect(paths.filter((p) => p.includes('/configmaps/')).sort()).toEqual(['a', 'b', 'c'].map((n) => `/api/v1/namespaces/web/configmaps/${n}`));
    // Discovery comes before the reads that need it.
    expect(paths.indexOf('/api/v1')).toBeLessThan(Math.min(...['a', 'b', 'c'].map((n) => paths.indexOf(`/api/v1/namespaces/web/configmaps/${n}`))));
    expect(lines).toHaveLength(6);
  });

  it('without a trace, connections are reused too; a user whose identity an exec plugin gives keeps a connection per call', async () => {
    const fixed = connect({ kubeconfig: kubeconfig('{token: t}'), namespace: 'web' } as Parameters<typeof connect>[0]);
    tlsConnections = 0;
    for (const name of ['a', 'b', 'c', 'd', 'e']) await fixed.read(KINDS.configMap, name);
    expect(tlsConnections).toBeLessThanOrEqual(2);

    // The exec plugin here is `echo` printing an ExecCredential with a token (what aws eks get-token and the like print).
    const cred = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'from-exec' } });
    const exec = connect(
      { kubeconfig: kubeconfig(`{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: echo, args: [${JSON.stringify(cred)}]}}`), namespace: 'web' } as Parameters<typeof connect>[0],
    );
    tlsConnections = 0;
    seen.length = 0;
    for (const name of ['a', 'b', 'c', 'd', 'e']) await exec.read(KINDS.configMap, name);
    expect(seen.filter((s) => s.path.includes('/configmaps/')).every((s) => s.auth === 'Bearer from-exec')).toBe(true);
    // Discovery and five reads: a new connection each, as the client makes them.
    expect(seen.length).toBe(6);
    expect(tlsConnections).toBe(6);
  });
});

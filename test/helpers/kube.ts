/**
 * A real Kubernetes control plane for the tests: Debian's etcd-server plus kube-apiserver,
 * kube-controller-manager and kube-scheduler built from Debian's source package by
 * scripts/k8s-testbed.sh (cached outside the repository). Everything listens on 127.0.0.1.
 *
 * v1.20 has no insecure port: a self-signed CA signs the serving certificate, and callers
 * authenticate with static bearer tokens (admin in system:masters; other users get only what an
 * RBAC binding gives them). No kubelet runs containers here: see test/helpers/kube-node.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import YAML from 'yaml';
import { freePort } from './servers.js';

const TESTBED = fileURLToPath(new URL('../../scripts/k8s-testbed.sh', import.meta.url));

export interface User {
  name: string;
  token: string;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  server: string;
  /** PEM of the CA that signed the API server's certificate. */
  ca: string;
  /** The serving certificate and key (127.0.0.1), also used by the node agent's kubelet endpoint. */
  certFile: string;
  keyFile: string;
  admin: User;
  /** Users with no rights of their own (bind them with RBAC). */
  users: Record<string, User>;
  /** A kubeconfig (YAML text) for a user. */
  kubeconfig(user: User, namespace?: string): string;
  /** A kubeconfig file for a user. */
  kubeconfigFile(user: User, namespace?: string): string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * The directory with the built binaries; builds them first on a cold machine (about 10 minutes).
 * scripts/test.sh runs scripts/k8s-testbed.sh once before the tests and passes its answer in
 * IMMUTABLE_DEPLOY_K8S_BIN: taken when it holds the three binaries, instead of asking the script again
 * (apt-cache and dpkg-query, 1-2 s) for every control plane.
 */
export function controlPlaneBinaries(): string {
  const given = process.env.IMMUTABLE_DEPLOY_K8S_BIN;
  if (given && ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].every((b) => existsSync(join(given, b)))) return given;
  const r = spawnSync('bash', [TESTBED], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`scripts/k8s-testbed.sh failed with exit code ${r.status}`);
  return r.stdout.trim().split('\n').pop()!;
}

function openssl(dir: string, ...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

function makeCerts(dir: string): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, 'req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3', '-subj', '/CN=immutable-deploy-test-ca');
  openssl(dir, 'req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n');
  openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '3', '-extfile', 'san.ext');
  openssl(dir, 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sa.key');
  openssl(dir, 'ec', '-in', 'sa.key', '-pubout', '-out', 'sa.pub');
}

export function kubeconfigText(server: string, ca: string, user: User, namespace = 'default'): string {
  const b64 = Buffer.from(ca).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64}`,
    'users:',
    `- name: ${user.name}`,
    '  user:',
    `    token: ${user.token}`,
    'contexts:',
    '- name: test',
    '  context:',
    '    cluster: test',
    `    user: ${user.name}`,
    `    namespace: ${namespace}`,
    'current-context: test',
    '',
  ].join('\n');
}

interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

function startProc(dir: string, name: string, cmd: string, args: string[]): Proc {
  const log = join(dir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return { name, child, log };
}

function tail(file: string, n = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

async function waitFor(what: string, procs: Proc[], ok: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = procs.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode}) before ${what}:\n${tail(dead.log)}`);
    if (await ok().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${procs.map((p) => `${p.name}:\n${tail(p.log, 10)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GET an API path as a user (the test's own TLS trust: the control plane's CA). */
export async function apiGet(cp: Pick<ControlPlane, 'server' | 'ca'>, user: User, path: string): Promise<{ status: number; body: string }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${cp.server}${path}`,
      { ca: cp.ca, headers: { authorization: `Bearer ${user.token}` }, timeout: 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function startControlPlane(userNames: string[] = ['deployer', 'narrow']): Promise<ControlPlane> {
  const bin = controlPlaneBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'kube-cp-'));
  makeCerts(dir);
  const token = () => randomBytes(16).toString('hex');
  const admin: User = { name: 'admin', token: token() };
  const users = Object.fromEntries(userNames.map((n) => [n, { name: n, token: token() }]));
  writeFileSync(
    join(dir, 'tokens.csv'),
    [`${admin.token},admin,admin,"system:masters"`, ...Object.values(users).map((u) => `${u.token},${u.name},${u.name}`)].join('\n') + '\n',
  );
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const server = `https://127.0.0.1:${apiPort}`;
  const ca = readFileSync(join(dir, 'ca.crt'), 'utf8');
  const adminConfig = join(dir, 'admin.kubeconfig');
  writeFileSync(adminConfig, kubeconfigText(server, ca, admin));

  const procs: Proc[] = [];
  const stop = async () => {
    for (const p of [...procs].reverse()) {
      if (p.child.exitCode === null) {
        const exited = new Promise((r) => p.child.once('exit', r));
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    procs.push(
      startProc(dir, 'etcd', 'etcd', [
        '--name=kube-test',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-cluster=kube-test=http://127.0.0.1:${etcdPeer}`,
        '--log-level=warn',
      ]),
    );
    procs.push(
      startProc(dir, 'kube-apiserver', join(bin, 'kube-apiserver'), [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${join(dir, 'server.crt')}`,
        `--tls-private-key-file=${join(dir, 'server.key')}`,
        `--client-ca-file=${join(dir, 'ca.crt')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        // Pods run without service-account tokens here (nothing in them calls the API).
        '--disable-admission-plugins=ServiceAccount',
        // Cluster IPs are only names here (no kube-proxy); they come from the tests' own range.
        '--service-cluster-ip-range=10.78.240.0/20',
        // The "kubernetes" Service would point at 127.0.0.1, which Endpoints refuse.
        '--endpoint-reconciler-type=none',
        // The node agent's kubelet endpoint (pod logs) is served with the same CA.
        `--kubelet-certificate-authority=${join(dir, 'ca.crt')}`,
        '--kubelet-preferred-address-types=InternalIP',
        '--v=1',
      ]),
    );
    const readyz = async () => (await apiGet({ server, ca }, admin, '/readyz')).status === 200;
    await waitFor('the API server is ready', procs, readyz, 60_000);
    procs.push(
      startProc(dir, 'kube-controller-manager', join(bin, 'kube-controller-manager'), [
        `--kubeconfig=${adminConfig}`,
        '--leader-elect=false',
        '--port=0',
        '--secure-port=0',
        `--service-account-private-key-file=${join(dir, 'sa.key')}`,
        `--root-ca-file=${join(dir, 'ca.crt')}`,
        '--controllers=*,-serviceaccount-token',
        '--v=1',
      ]),
      startProc(dir, 'kube-scheduler', join(bin, 'kube-scheduler'), [
        `--kubeconfig=${adminConfig}`,
        '--leader-elect=false',
        '--port=0',
        '--secure-port=0',
        '--v=1',
      ]),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const cp: ControlPlane = {
    server,
    ca,
    certFile: join(dir, 'server.crt'),
    keyFile: join(dir, 'server.key'),
    admin,
    users,
    dir,
    kubeconfig: (user, namespace) => kubeconfigText(server, ca, user, namespace),
    kubeconfigFile: (user, namespace) => {
      const f = join(dir, `${user.name}-${namespace ?? 'default'}.kubeconfig`);
      writeFileSync(f, kubeconfigText(server, ca, user, namespace));
      return f;
    },
    stop,
  };
  // The control loops are running once the controller-manager has made the default ServiceAccount.
  await waitFor('the controller-manager runs', procs, async () => (await apiGet(cp, admin, '/api/v1/namespaces/default/serviceaccounts/default')).status === 200, 60_000);
  return cp;
}

/** The Role documented in docs/kubernetes.md (its YAML block with `kind: Role`): the tests bind exactly it. */
export function documentedRole(): k8s.V1Role {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/kubernetes.md', import.meta.url)), 'utf8');
  const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => /^kind: Role$/m.test(b));
  if (!block) throw new Error('docs/kubernetes.md has no Role block');
  return YAML.parse(block) as k8s.V1Role;
}

export interface AdminClients {
  core: k8s.CoreV1Api;
  apps: k8s.AppsV1Api;
  rbac: k8s.RbacAuthorizationV1Api;
}

export function adminClients(cp: ControlPlane): AdminClients {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cp.kubeconfig(cp.admin));
  return { core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api), rbac: kc.makeApiClient(k8s.RbacAuthorizationV1Api) };
}

/** Create `role` (under `name`) in the namespace and bind it to the user. */
export async function bindRole(cp: ControlPlane, role: k8s.V1Role, name: string, user: User, namespace = 'default'): Promise<void> {
  const { rbac } = adminClients(cp);
  await rbac.createNamespacedRole({ namespace, body: { ...role, metadata: { name, namespace } } });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'User', name: user.name, apiGroup: 'rbac.authorization.k8s.io' }],
    },
  });
}

const VERSION_LABEL = 'dev.immutable-deploy/version';

/** What an e2e test reads back about one app in the cluster (as the test's admin, never the action's credentials). */
export function appView(cp: ControlPlane, admin: AdminClients, app: string, namespace = 'default') {
  const ns = namespace;
  return {
    /** The production Service's selector. */
    selector: async () => (await admin.core.readNamespacedService({ name: app, namespace: ns })).spec?.selector ?? {},
    /** The ready addresses of a Service's endpoints (default: the production Service). */
    endpointIps: async (name = app) => {
      const e = await admin.core.readNamespacedEndpoints({ name, namespace: ns });
      return (e.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
    },
    /** The app's pods (of one version), leaving out terminating ones. */
    pods: async (version?: string) =>
      (await admin.core.listNamespacedPod({ namespace: ns, labelSelector: `dev.immutable-deploy/app=${app}${version ? `,${VERSION_LABEL}=${version}` : ''}` })).items.filter(
        (p) => !p.metadata?.deletionTimestamp,
      ),
    deployments: async () => (await admin.apps.listNamespacedDeployment({ namespace: ns, labelSelector: `dev.immutable-deploy/app=${app}` })).items,
    /** The Leases in the namespace (the deploy lock is one). */
    leases: async () => (JSON.parse((await apiGet(cp, cp.admin, `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`)).body) as { items: unknown[] }).items,
    /** GET through the production Service, via the API server's service proxy. */
    serve: async () => (await apiGet(cp, cp.admin, `/api/v1/namespaces/${ns}/services/${app}:http/proxy/`)).body,
  };
}

export const podIps = (ps: k8s.V1Pod[]): string[] => ps.map((p) => p.status!.podIP!).sort();

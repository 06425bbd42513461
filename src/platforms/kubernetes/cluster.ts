/**
 * The one boundary to the Kubernetes API, on the official @kubernetes/client-node 2.x: its KubeConfig
 * (every auth method and TLS setting of a kubeconfig) and its generic KubernetesObjectApi. The typed
 * CoreV1Api/AppsV1Api classes are not used: they pull ~9 MB of generated code into the bundle; the
 * generic API and its transport (undici) need ~3.5 MB.
 *
 * Patches are JSON merge patches with the content type set explicitly (the client's default for a
 * JSON object is wrong for this: kubernetes-client/javascript#2160); a patch that must not race
 * carries the resourceVersion it was computed from, which the API server checks (409 if changed).
 * Every call turns API refusals into messages that say what was refused, where, and what to grant.
 */
import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type Configuration,
  type KubernetesObject,
  type V1APIResource,
} from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import type { KubernetesConfig } from '../../config/types.js';
import { DeployError, errorMessage } from '../../support/errors.js';
import { oneConnection, traced, type Trace } from './transport.js';

export interface Kind {
  apiVersion: string;
  kind: string;
  /** The resource's plural name, as RBAC rules and messages name it. */
  plural: string;
}

export const KINDS = {
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
  pod: { apiVersion: 'v1', kind: 'Pod', plural: 'pods' },
  service: { apiVersion: 'v1', kind: 'Service', plural: 'services' },
  endpoints: { apiVersion: 'v1', kind: 'Endpoints', plural: 'endpoints' },
  secret: { apiVersion: 'v1', kind: 'Secret', plural: 'secrets' },
  configMap: { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
  event: { apiVersion: 'v1', kind: 'Event', plural: 'events' },
  lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases' },
} satisfies Record<string, Kind>;

export class KubeApiError extends DeployError {
  constructor(
    message: string,
    readonly status: number,
    hint?: string,
  ) {
    super(message, hint);
  }
}

function statusMessage(body: unknown): string {
  try {
    const b = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string };
    return b?.message ?? String(body);
  } catch {
    return String(body);
  }
}

/**
 * The client's generic API as KubernetesObjectApi.makeApiClient makes it, with our hooks added to its own
 * Configuration (src/platforms/kubernetes/transport.ts: the trace, one connection for the run), and its
 * discovery (which resources an API group has: the client asks once per group before the first call to
 * it) asked once per group even when the first calls to a group go out together.
 */
class ObjectApi extends KubernetesObjectApi {
  private readonly discovery = new Map<string, Promise<unknown>>();

  static over(kc: KubeConfig, trace: Trace | undefined): ObjectApi {
    const api = kc.makeApiClient(ObjectApi);
    api.setDefaultNamespace(kc);
    const c = api.configuration;
    const user = kc.getCurrentUser();
    // An exec plugin or auth provider may hand out a new client certificate during the run: the client's own per-call Agent then.
    const fixedIdentity = !user?.exec && !user?.authProvider;
    api.configuration = {
      ...c,
      httpApi: trace ? traced(c.httpApi, kc.getCurrentCluster()?.server ?? '', trace) : c.httpApi,
      middleware: [...c.middleware, ...(fixedIdentity ? [oneConnection()] : [])],
    };
    return api;
  }

  protected override async resource(apiVersion: string, kind: string, options?: Configuration): Promise<V1APIResource | undefined> {
    if (!this.apiVersionResourceCache[apiVersion]) await this.discover(apiVersion, options).catch(() => undefined);
    return super.resource(apiVersion, kind, options);
  }

  /** The group's discovery, asked once (a failed one is asked again by the next call, which then fails as the client would). */
  private discover(apiVersion: string, options?: Configuration): Promise<unknown> {
    let asked = this.discovery.get(apiVersion);
    if (!asked) {
      // Fills the client's cache of the group's resources (no resource has an empty kind: only the list is wanted).
      asked = super.resource(apiVersion, '', options);
      this.discovery.set(apiVersion, asked);
      asked.catch(() => this.discovery.delete(apiVersion));
    }
    return asked;
  }

  /** Ask for the groups' discovery now (each opens a connection the first calls then reuse); failures show at those calls. */
  warm(apiVersions: readonly string[]): void {
    for (const v of apiVersions) this.discover(v).catch(() => undefined);
  }
}

export class Cluster {
  private readonly api: ObjectApi;

  constructor(
    private readonly kc: KubeConfig,
    readonly namespace: string,
    /** Each API call's line (debug logging): method, path, status, milliseconds. */
    trace?: Trace,
  ) {
    this.api = ObjectApi.over(kc, trace);
  }

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '';
  }

  /**
   * Start talking to the API server now: the discovery of every API group the platform uses, in parallel,
   * so that the connections are open (TLS done) and the groups known when the first calls go out, while
   * the rest of the release code loads. Nothing is read or changed; a failure shows at the first call.
   */
  warm(): void {
    this.api.warm([...new Set(Object.values(KINDS).map((k) => k.apiVersion))]);
  }

  get user(): string {
    return this.kc.getCurrentUser()?.name ?? 'the current user';
  }

  /** Add the kubeconfig's credentials and TLS trust to an https request. */
  applyTo(opts: RequestOptions): Promise<void> {
    return this.kc.applyToHTTPSOptions(opts);
  }

  private header(kind: Kind, name?: string): KubernetesObject {
    return { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { namespace: this.namespace, ...(name ? { name } : {}) } };
  }

  async read<T extends KubernetesObject>(kind: Kind, name: string): Promise<T | undefined> {
    return this.call(`get ${kind.plural} ${name}`, () => this.api.read(this.header(kind, name) as T & { metadata: { name: string } }), true);
  }

  async list<T extends KubernetesObject>(kind: Kind, sel: { labelSelector?: string; fieldSelector?: string } = {}): Promise<T[]> {
    const l = await this.call(`list ${kind.plural}`, () =>
      this.api.list<T>(kind.apiVersion, kind.kind, this.namespace, undefined, undefined, undefined, sel.fieldSelector, sel.labelSelector),
    );
    return l.items;
  }

  async create<T extends KubernetesObject>(kind: Kind, obj: T): Promise<T> {
    return this.call(`create ${kind.plural} ${obj.metadata?.name ?? ''}`, () => this.api.create(obj));
  }

  async replace<T extends KubernetesObject>(kind: Kind, obj: T): Promise<T> {
    return this.call(`update ${kind.plural} ${obj.metadata?.name ?? ''}`, () => this.api.replace(obj));
  }

  /** A JSON merge patch (RFC 7386). Include metadata.resourceVersion in `patch` to make it conditional. */
  async mergePatch<T extends KubernetesObject>(kind: Kind, name: string, patch: { metadata?: object; spec?: object }): Promise<T> {
    const h = this.header(kind, name);
    const body = { ...patch, apiVersion: h.apiVersion, kind: h.kind, metadata: { ...h.metadata, ...patch.metadata } } as T;
    return this.call(`patch ${kind.plural} ${name}`, () => this.api.patch(body, undefined, undefined, 'immutable-deploy', undefined, PatchStrategy.MergePatch));
  }

  /** Delete; a missing object is fine. */
  async remove(kind: Kind, name: string, body?: { preconditions?: { resourceVersion?: string; uid?: string } }): Promise<void> {
    await this.call(
      `delete ${kind.plural} ${name}`,
      () => this.api.delete(this.header(kind, name), undefined, undefined, undefined, undefined, 'Background', body),
      true,
    );
  }

  /** The last lines a pod's container wrote (GET .../pods/<name>/log: the client's Log class streams, this reads). */
  async podLog(name: string, container: string, tailLines: number, previous = false): Promise<string> {
    const base = new URL(this.server);
    const q = new URLSearchParams({ container, tailLines: String(tailLines), ...(previous ? { previous: 'true' } : {}) });
    const opts: RequestOptions = {
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      method: 'GET',
      path: `${base.pathname.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(name)}/log?${q}`,
      headers: {},
      timeout: 10_000,
    };
    await this.applyTo(opts);
    return new Promise((resolve, reject) => {
      const req = request(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode === 200) resolve(text);
          else reject(new KubeApiError(`Could not get pods/log ${name} (HTTP ${res.statusCode}): ${statusMessage(text)}`, res.statusCode ?? 0));
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer in 10s')));
      req.on('error', reject);
      req.end();
    });
  }

  /**
   * Run one API call. `what` reads as "<verb> <resource> <name>", e.g. `patch services shop`.
   * 404 resolves to undefined when `missingOk`.
   */
  async call<T>(what: string, fn: () => Promise<T>, missingOk: true): Promise<T | undefined>;
  async call<T>(what: string, fn: () => Promise<T>): Promise<T>;
  async call<T>(what: string, fn: () => Promise<T>, missingOk = false): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const where = `in namespace "${this.namespace}" of ${this.server}`;
      if (err instanceof ApiException) {
        const code = err.code;
        if (code === 404 && missingOk) return undefined;
        const msg = statusMessage(err.body);
        if (code === 401 || code === 403)
          throw new KubeApiError(
            `The Kubernetes API refused to ${what} ${where} (HTTP ${code}): ${msg}`,
            code,
            `The credentials given to the action (user ${this.user}) need the Role in docs/kubernetes.md, bound in namespace "${this.namespace}".`,
          );
        throw new KubeApiError(`Could not ${what} ${where} (HTTP ${code}): ${msg}`, code);
      }
      // The generic API first asks the server which resources it has (discovery); a refusal there reads like this.
      const m = errorMessage(err);
      if (/Unrecognized API version and kind|Forbidden|forbidden/.test(m))
        throw new KubeApiError(`The Kubernetes API refused to ${what} ${where}: ${m}`, 403);
      throw new DeployError(`Could not ${what} ${where}: ${m}`, 'Check that the cluster in the kubeconfig answers from this runner.');
    }
  }
}

/** The clusters of this run, by kubeconfig source and namespace: a platform made again for a recorded config (a rollback) shares the connection. */
const clusters = new Map<string, Cluster>();

/**
 * The cluster from the `kubeconfig` input's content, else KUBECONFIG / ~/.kube/config / in-cluster. `trace`:
 * each API call's line. The same kubeconfig and namespace give the same Cluster (its connections and
 * discovery) for the whole run.
 */
export function connect(cfg: KubernetesConfig, trace?: Trace): Cluster {
  const key = JSON.stringify([cfg.kubeconfig || `env:${process.env.KUBECONFIG ?? ''}`, cfg.namespace, !!trace]);
  const known = clusters.get(key);
  if (known) return known;
  const cluster = load(cfg, trace);
  clusters.set(key, cluster);
  return cluster;
}

function load(cfg: KubernetesConfig, trace?: Trace): Cluster {
  const kc = new KubeConfig();
  // Without a config the client would fall back to http://localhost:8080: say so instead.
  const home = process.env.HOME ?? '';
  if (!cfg.kubeconfig && !process.env.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST && !existsSync(join(home, '.kube', 'config')))
    throw new DeployError(
      'runtime: kubernetes, but no cluster is configured: no "kubeconfig" input, no KUBECONFIG variable, no ~/.kube/config.',
      'Give the "kubeconfig" input (its content, from a secret) or set KUBECONFIG on the runner.',
    );
  try {
    if (cfg.kubeconfig) kc.loadFromString(cfg.kubeconfig);
    else kc.loadFromDefault();
  } catch (err) {
    throw new DeployError(
      `Could not read the kubeconfig ${cfg.kubeconfig ? 'given in the "kubeconfig" input' : `from ${process.env.KUBECONFIG ? `KUBECONFIG (${process.env.KUBECONFIG})` : '~/.kube/config'}`}: ${errorMessage(err)}`,
    );
  }
  if (!kc.getCurrentCluster())
    throw new DeployError(
      'No Kubernetes cluster to talk to: the kubeconfig has no current context with a cluster.',
      'Give the "kubeconfig" input (its content, from a secret) or set KUBECONFIG on the runner.',
    );
  return new Cluster(kc, cfg.namespace, trace);
}

export const id = 107;
export const ids = [107];
export const modules = {

/***/ 8300:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bv: () => (/* binding */ unpackRecords),
/* harmony export */   hA: () => (/* binding */ keptRecords),
/* harmony export */   rX: () => (/* binding */ unitsToRemove),
/* harmony export */   ud: () => (/* binding */ packRecords)
/* harmony export */ });
const timed = (r) => typeof r === 'object' && r !== null && typeof r.at === 'string';
/**
 * Pure: the stored records of one unit (`value` as parsed: a record, or an array of them); anything else, or a
 * record `accept` refuses (default: one without its time), is none.
 */
function unpackRecords(unit, value, accept = timed) {
    const ok = (r) => accept(r);
    if (!Array.isArray(value))
        return ok(value) ? [{ ...value, key: unit }] : [];
    const n = value.length;
    return value.flatMap((r, i) => (ok(r) ? [{ ...r, key: `${unit}#${i}/${n}/${r.kind ?? 'flip'}` }] : []));
}
/** Pure: what a unit of these records holds (one record alone, or the array), to store as JSON. */
const packRecords = (records) => (records.length === 1 ? records[0] : records);
/** Pure: what to do for these keys: a unit of one record goes; a batch goes once all its records are among them (see above). */
function unitsToRemove(keys) {
    const remove = [];
    const parts = new Map();
    for (const k of keys) {
        const m = /^(.*)#(\d+)\/(\d+)\/([a-z]+)$/.exec(k);
        if (!m) {
            remove.push(k);
            continue;
        }
        const p = parts.get(m[1]) ?? { n: Number(m[3]), seen: new Set(), flip: false };
        p.seen.add(Number(m[2]));
        if (m[4] === 'flip')
            p.flip = true;
        parts.set(m[1], p);
    }
    const rewrite = [];
    for (const [unit, p] of parts) {
        if (p.seen.size >= p.n)
            remove.push(unit);
        else if (p.flip)
            rewrite.push({ unit, keep: Array.from({ length: p.n }, (_, i) => i).filter((i) => !p.seen.has(i)) });
    }
    return { remove: [...new Set(remove)], rewrite };
}
/** Pure: the records of a unit's stored value at `keep`. */
function keptRecords(value, keep) {
    return Array.isArray(value) ? keep.flatMap((i) => (value[i] !== undefined ? [value[i]] : [])) : [];
}


/***/ }),

/***/ 9107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubernetesPlatform: () => (/* binding */ KubernetesPlatform),
  clusterImage: () => (/* binding */ clusterImage),
  endpointsTimeoutMs: () => (/* binding */ endpointsTimeoutMs),
  kubeConfig: () => (/* binding */ kubeConfig),
  warmCluster: () => (/* binding */ warmCluster)
});

// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/object.js + 760 modules
var object = __webpack_require__(7262);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/patch.js
var dist_patch = __webpack_require__(2279);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/gen/apis/exception.js
var exception = __webpack_require__(2581);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/config.js + 22 modules
var config = __webpack_require__(8829);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/gen/http/http.js
var http = __webpack_require__(1561);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/gen/rxjsStub.js
var rxjsStub = __webpack_require__(5343);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/transport.ts
/**
 * Hooks into @kubernetes/client-node's own request pipeline (its Configuration: the HTTP library it sends
 * through, and its middleware), not a client of our own:
 *
 * - traced(): with debug logging, one line per API call (method, path and query, status, time to the
 *   answer's headers and to its body read), like the Docker engine's trace (src/drivers/docker/engine.ts).
 *   Never a body, never a header (the token rides in one).
 * - oneConnection(): the client makes a new undici Agent for every call from the kubeconfig's TLS
 *   settings, so every call opens a new TCP connection and TLS handshake. This middleware gives every
 *   call of the run the first call's Agent instead (keep-alive: one handshake, then the connection is
 *   reused; concurrent calls open more as the Agent needs them). Only for kubeconfigs whose TLS identity
 *   cannot change during the run (no exec plugin or auth provider, which may hand out a new client
 *   certificate): those keep the client's own per-call Agent.
 */


/** Pure: the trace line of one call. `url` is the request's full URL; only its path and query are shown. */
function traceLine(server, method, url, status, ms, bodyMs) {
    let where = url;
    try {
        const u = new URL(url);
        where = `${u.pathname}${u.search}`;
    }
    catch {
        // not a URL: as given
    }
    return `kube ${server}: ${method} ${where} -> ${status} in ${ms.toFixed(1)} ms${bodyMs === undefined ? '' : ` (body ${bodyMs.toFixed(1)} ms)`}`;
}
/** Pure: the name a trace gives the API server (host:port of its URL). */
function serverName(server) {
    try {
        return new URL(server).host || server;
    }
    catch {
        return server;
    }
}
/**
 * The client's HTTP library, each call traced: one line when the answer's body has been read (every answer
 * is read: the client parses it, or reads it for the error), or when the call fails.
 */
function traced(inner, server, trace, clock = () => performance.now()) {
    const name = serverName(server);
    return {
        send(req) {
            const started = clock();
            const method = String(req.getHttpMethod());
            const url = req.getUrl();
            const answer = inner
                .send(req)
                .toPromise()
                .then((res) => {
                const headersMs = clock() - started;
                let done = false;
                const once = (p) => p.finally(() => {
                    if (done)
                        return;
                    done = true;
                    trace(traceLine(name, method, url, res.httpStatusCode, headersMs, clock() - started));
                });
                const body = {
                    text: () => once(res.body.text()),
                    binary: () => once(res.body.binary()),
                    stream: () => res.body.stream(),
                };
                return new http/* ResponseContext */.du(res.httpStatusCode, res.headers, body);
            }, (err) => {
                trace(`${traceLine(name, method, url, 'failed', clock() - started)}: ${(0,errors/* errorMessage */.gJ)(err)}`);
                throw err;
            });
            return new rxjsStub/* Observable */.cP(answer);
        },
    };
}
/** Every call through the first call's dispatcher (its Agent and keep-alive connections); see above. */
function oneConnection() {
    let shared;
    return {
        pre(ctx) {
            const own = ctx.getDispatcher();
            // No dispatcher of its own (no TLS settings): the client's global one, shared already.
            if (own)
                ctx.setDispatcher((shared ??= own));
            return new rxjsStub/* Observable */.cP(Promise.resolve(ctx));
        },
        post: (res) => new rxjsStub/* Observable */.cP(Promise.resolve(res)),
    };
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/cluster.ts
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






const KINDS = {
    deployment: { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments' },
    pod: { apiVersion: 'v1', kind: 'Pod', plural: 'pods' },
    service: { apiVersion: 'v1', kind: 'Service', plural: 'services' },
    endpoints: { apiVersion: 'v1', kind: 'Endpoints', plural: 'endpoints' },
    secret: { apiVersion: 'v1', kind: 'Secret', plural: 'secrets' },
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps' },
    event: { apiVersion: 'v1', kind: 'Event', plural: 'events' },
    lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases' },
};
class KubeApiError extends errors/* DeployError */.sH {
    status;
    constructor(message, status, hint) {
        super(message, hint);
        this.status = status;
    }
}
function statusMessage(body) {
    try {
        const b = (typeof body === 'string' ? JSON.parse(body) : body);
        return b?.message ?? String(body);
    }
    catch {
        return String(body);
    }
}
/**
 * The client's generic API as KubernetesObjectApi.makeApiClient makes it, with our hooks added to its own
 * Configuration (src/platforms/kubernetes/transport.ts: the trace, one connection for the run), and its
 * discovery (which resources an API group has: the client asks once per group before the first call to
 * it) asked once per group even when the first calls to a group go out together.
 */
class ObjectApi extends object/* KubernetesObjectApi */.e {
    discovery = new Map();
    static over(kc, trace) {
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
    async resource(apiVersion, kind, options) {
        if (!this.apiVersionResourceCache[apiVersion])
            await this.discover(apiVersion, options).catch(() => undefined);
        return super.resource(apiVersion, kind, options);
    }
    /** The group's discovery, asked once (a failed one is asked again by the next call, which then fails as the client would). */
    discover(apiVersion, options) {
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
    warm(apiVersions) {
        for (const v of apiVersions)
            this.discover(v).catch(() => undefined);
    }
}
class Cluster {
    kc;
    namespace;
    api;
    constructor(kc, namespace, 
    /** Each API call's line (debug logging): method, path, status, milliseconds. */
    trace) {
        this.kc = kc;
        this.namespace = namespace;
        this.api = ObjectApi.over(kc, trace);
    }
    get server() {
        return this.kc.getCurrentCluster()?.server ?? '';
    }
    /**
     * Start talking to the API server now: the discovery of every API group the platform uses, in parallel,
     * so that the connections are open (TLS done) and the groups known when the first calls go out, while
     * the rest of the release code loads. Nothing is read or changed; a failure shows at the first call.
     */
    warm() {
        this.api.warm([...new Set(Object.values(KINDS).map((k) => k.apiVersion))]);
    }
    get user() {
        return this.kc.getCurrentUser()?.name ?? 'the current user';
    }
    /** Add the kubeconfig's credentials and TLS trust to an https request. */
    applyTo(opts) {
        return this.kc.applyToHTTPSOptions(opts);
    }
    header(kind, name) {
        return { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { namespace: this.namespace, ...(name ? { name } : {}) } };
    }
    async read(kind, name) {
        return this.call(`get ${kind.plural} ${name}`, () => this.api.read(this.header(kind, name)), true);
    }
    async list(kind, sel = {}) {
        const l = await this.call(`list ${kind.plural}`, () => this.api.list(kind.apiVersion, kind.kind, this.namespace, undefined, undefined, undefined, sel.fieldSelector, sel.labelSelector));
        return l.items;
    }
    async create(kind, obj) {
        return this.call(`create ${kind.plural} ${obj.metadata?.name ?? ''}`, () => this.api.create(obj));
    }
    async replace(kind, obj) {
        return this.call(`update ${kind.plural} ${obj.metadata?.name ?? ''}`, () => this.api.replace(obj));
    }
    /** A JSON merge patch (RFC 7386). Include metadata.resourceVersion in `patch` to make it conditional. */
    async mergePatch(kind, name, patch) {
        const h = this.header(kind, name);
        const body = { ...patch, apiVersion: h.apiVersion, kind: h.kind, metadata: { ...h.metadata, ...patch.metadata } };
        return this.call(`patch ${kind.plural} ${name}`, () => this.api.patch(body, undefined, undefined, 'immutable-deploy', undefined, dist_patch/* PatchStrategy */.Q.MergePatch));
    }
    /** Delete; a missing object is fine. */
    async remove(kind, name, body) {
        await this.call(`delete ${kind.plural} ${name}`, () => this.api.delete(this.header(kind, name), undefined, undefined, undefined, undefined, 'Background', body), true);
    }
    /** The last lines a pod's container wrote (GET .../pods/<name>/log: the client's Log class streams, this reads). */
    async podLog(name, container, tailLines, previous = false) {
        const base = new URL(this.server);
        const q = new URLSearchParams({ container, tailLines: String(tailLines), ...(previous ? { previous: 'true' } : {}) });
        const opts = {
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
            const req = (0,external_node_https_.request)(opts, (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString();
                    if (res.statusCode === 200)
                        resolve(text);
                    else
                        reject(new KubeApiError(`Could not get pods/log ${name} (HTTP ${res.statusCode}): ${statusMessage(text)}`, res.statusCode ?? 0));
                });
            });
            req.on('timeout', () => req.destroy(new Error('no answer in 10s')));
            req.on('error', reject);
            req.end();
        });
    }
    async call(what, fn, missingOk = false) {
        try {
            return await fn();
        }
        catch (err) {
            const where = `in namespace "${this.namespace}" of ${this.server}`;
            if (err instanceof exception/* ApiException */.U) {
                const code = err.code;
                if (code === 404 && missingOk)
                    return undefined;
                const msg = statusMessage(err.body);
                if (code === 401 || code === 403)
                    throw new KubeApiError(`The Kubernetes API refused to ${what} ${where} (HTTP ${code}): ${msg}`, code, `The credentials given to the action (user ${this.user}) need the Role in docs/kubernetes.md, bound in namespace "${this.namespace}".`);
                throw new KubeApiError(`Could not ${what} ${where} (HTTP ${code}): ${msg}`, code);
            }
            // The generic API first asks the server which resources it has (discovery); a refusal there reads like this.
            const m = (0,errors/* errorMessage */.gJ)(err);
            if (/Unrecognized API version and kind|Forbidden|forbidden/.test(m))
                throw new KubeApiError(`The Kubernetes API refused to ${what} ${where}: ${m}`, 403);
            throw new errors/* DeployError */.sH(`Could not ${what} ${where}: ${m}`, 'Check that the cluster in the kubeconfig answers from this runner.');
        }
    }
}
/** The clusters of this run, by kubeconfig source and namespace: a platform made again for a recorded config (a rollback) shares the connection. */
const clusters = new Map();
/**
 * The cluster from the `kubeconfig` input's content, else KUBECONFIG / ~/.kube/config / in-cluster. `trace`:
 * each API call's line. The same kubeconfig and namespace give the same Cluster (its connections and
 * discovery) for the whole run.
 */
function connect(cfg, trace) {
    const key = JSON.stringify([cfg.kubeconfig || `env:${process.env.KUBECONFIG ?? ''}`, cfg.namespace, !!trace]);
    const known = clusters.get(key);
    if (known)
        return known;
    const cluster = load(cfg, trace);
    clusters.set(key, cluster);
    return cluster;
}
function load(cfg, trace) {
    const kc = new config/* KubeConfig */.yp();
    // Without a config the client would fall back to http://localhost:8080: say so instead.
    const home = process.env.HOME ?? '';
    if (!cfg.kubeconfig && !process.env.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST && !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(home, '.kube', 'config')))
        throw new errors/* DeployError */.sH('runtime: kubernetes, but no cluster is configured: no "kubeconfig" input, no KUBECONFIG variable, no ~/.kube/config.', 'Give the "kubeconfig" input (its content, from a secret) or set KUBECONFIG on the runner.');
    try {
        if (cfg.kubeconfig)
            kc.loadFromString(cfg.kubeconfig);
        else
            kc.loadFromDefault();
    }
    catch (err) {
        throw new errors/* DeployError */.sH(`Could not read the kubeconfig ${cfg.kubeconfig ? 'given in the "kubeconfig" input' : `from ${process.env.KUBECONFIG ? `KUBECONFIG (${process.env.KUBECONFIG})` : '~/.kube/config'}`}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    if (!kc.getCurrentCluster())
        throw new errors/* DeployError */.sH('No Kubernetes cluster to talk to: the kubeconfig has no current context with a cluster.', 'Give the "kubeconfig" input (its content, from a secret) or set KUBECONFIG on the runner.');
    return new Cluster(kc, cfg.namespace, trace);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/labels.ts
var labels = __webpack_require__(6236);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/manifests.ts



/**
 * Label and annotation keys, from the one table of src/core/labels.ts as `dev.immutable-deploy/<name>`. The digest,
 * image, run URL, deploy time, verified mark and run spec are annotations (values a label cannot hold: ':' and
 * '/' in digests and URLs, over 63 characters); the pool is a label, since the Service selects a pool.
 */
const K = (0,labels/* labelsFor */.dS)(labels/* kubeLabel */._D);
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** A label value or a clear refusal naming what it was. */
function labelValue(what, v) {
    if (v.length > 63 || !LABEL_VALUE_RE.test(v))
        throw new errors/* DeployError */.sH(`The ${what} ${JSON.stringify(v)} cannot be a Kubernetes label value (up to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit).`, `Use a shorter ${what} with runtime: kubernetes.`);
    return v;
}
/** A DNS-1123 name from parts: lowercased, other characters as "-", shortened with a hash when over `max`. */
function dnsName(parts, max = 63) {
    const joined = parts
        .join('-')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, '');
    if (joined.length <= max)
        return joined;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(parts.join('\0')).digest('hex').slice(0, 8);
    return `${joined.slice(0, max - 9).replace(/-$/, '')}-${hash}`;
}
/** The names of one pool's objects (`pool` is `<version>-<random>`). */
function versionNames(app, environment, pool, service) {
    const deployment = dnsName([app, environment, pool]);
    return { deployment, secret: dnsName([deployment, 'env']), preview: dnsName([service, 'preview']) };
}
function leaseName(app, environment) {
    return dnsName([app, environment, 'lock']);
}
/** What the production Service selects for a version (and the Deployment's own selector). */
function versionSelector(app, environment, version) {
    return {
        [K.app]: labelValue('app', app),
        [K.environment]: labelValue('environment', environment),
        [K.version]: labelValue('version', version),
    };
}
/** What the production and preview Services select for one pool (and the pool's Deployment's own selector). */
function poolSelector(app, environment, version, pool) {
    return { ...versionSelector(app, environment, version), [K.pool]: labelValue('pool', pool) };
}
/** All versions of the app in the environment. */
function appSelector(app, environment) {
    return `${K.app}=${app},${K.environment}=${environment}`;
}
/** Docker-style memory (512m, 1g, 1048576) -> a Kubernetes quantity (512Mi, 1Gi, 1048576). */
function memoryQuantity(memory) {
    const m = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(memory);
    if (!m)
        throw new errors/* DeployError */.sH(`memory ${JSON.stringify(memory)} is not a size such as 512m or 1g.`);
    const unit = m[2].toLowerCase();
    return unit === '' || unit === 'b' ? m[1] : `${m[1]}${{ k: 'Ki', m: 'Mi', g: 'Gi' }[unit]}`;
}
/** Docker-style cpus (0.5, 2) -> a Kubernetes quantity in millicores (500m, 2000m). */
function cpuQuantity(cpus) {
    return `${Math.round(Number(cpus) * 1000)}m`;
}
function versionLabels(s) {
    return {
        ...poolSelector(s.app, s.environment, s.version, s.pool),
        ...(s.revision ? { [K.revision]: labelValue('revision', s.revision) } : {}),
    };
}
function versionAnnotations(s) {
    return { [K.digest]: s.digest, [K.image]: s.image, [K.runUrl]: s.runUrl, [K.deployedAt]: s.deployedAt };
}
function deploymentManifest(s) {
    const names = versionNames(s.app, s.environment, s.pool, s.service);
    const labels = versionLabels(s);
    const limits = {
        ...(s.memory ? { memory: memoryQuantity(s.memory) } : {}),
        ...(s.cpus ? { cpu: cpuQuantity(s.cpus) } : {}),
    };
    const runSpec = {
        port: s.port,
        healthPath: s.healthPath,
        env: s.env,
        secretEnvNames: s.secretEnvNames,
        memory: s.memory,
        cpus: s.cpus,
        replicas: s.replicas,
        readOnly: s.readOnly,
        tmpfs: s.tmpfs,
    };
    const scratch = s.tmpfs.map((t, i) => ({ name: `tmpfs-${i}`, path: t.split(':')[0] }));
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name: names.deployment,
            namespace: s.namespace,
            labels: { ...labels, [K.role]: 'instance' },
            annotations: { ...versionAnnotations(s), [K.spec]: s.runSpec ?? JSON.stringify(runSpec) },
        },
        spec: {
            replicas: s.replicas,
            selector: { matchLabels: poolSelector(s.app, s.environment, s.version, s.pool) },
            progressDeadlineSeconds: s.progressDeadlineSec,
            // A version's pods are never updated in place: a new version is a new Deployment.
            revisionHistoryLimit: 0,
            template: {
                metadata: { labels, annotations: versionAnnotations(s) },
                spec: {
                    automountServiceAccountToken: false,
                    enableServiceLinks: false,
                    terminationGracePeriodSeconds: s.stopTimeoutSec,
                    ...(scratch.length ? { volumes: scratch.map((v) => ({ name: v.name, emptyDir: { medium: 'Memory' } })) } : {}),
                    containers: [
                        {
                            name: 'app',
                            image: s.image,
                            imagePullPolicy: 'IfNotPresent',
                            ports: [{ name: 'http', containerPort: s.port }],
                            env: Object.entries(s.env).map(([name, value]) => ({ name, value })),
                            ...(s.secretEnvNames.length ? { envFrom: [{ secretRef: { name: names.secret } }] } : {}),
                            readinessProbe: {
                                httpGet: { path: s.healthPath, port: s.port },
                                periodSeconds: 1,
                                timeoutSeconds: 2,
                                successThreshold: 1,
                                failureThreshold: 3,
                            },
                            ...(Object.keys(limits).length ? { resources: { limits } } : {}),
                            ...(s.readOnly ? { securityContext: { readOnlyRootFilesystem: true } } : {}),
                            ...(scratch.length ? { volumeMounts: scratch.map((v) => ({ name: v.name, mountPath: v.path })) } : {}),
                        },
                    ],
                },
            },
        },
    };
}
/**
 * secret-env of a pool, in its own Secret (the Deployment names it; values never enter its spec). Owned by
 * its Deployment (`owner`: the Deployment's uid): the cluster's garbage collector removes it with the
 * Deployment, whatever stopped the run.
 */
function secretManifest(s, values, owner) {
    const names = versionNames(s.app, s.environment, s.pool, s.service);
    return {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
            name: names.secret,
            namespace: s.namespace,
            labels: { ...versionLabels(s), [K.role]: 'secret-env' },
            ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner.name, uid: owner.uid }] } : {}),
        },
        type: 'Opaque',
        stringData: values,
    };
}
/** A Service selecting one version: the preview Service (checks go there), or a new production Service. */
function serviceManifest(name, namespace, port, selector, role) {
    return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels: { [K.app]: selector[K.app], [K.environment]: selector[K.environment], [K.role]: role } },
        spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
    };
}
/**
 * The selector change as a JSON merge patch: exactly `to` (keys only in `from` are removed with null),
 * conditional on the Service's resourceVersion as read, so it applies only if nobody changed the
 * Service since (409 otherwise).
 */
function selectorPatch(from, to, resourceVersion) {
    const selector = { ...to };
    for (const key of Object.keys(from ?? {}))
        if (!(key in to))
            selector[key] = null;
    return { metadata: resourceVersion ? { resourceVersion } : {}, spec: { selector } };
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/rollout.ts
/** Container states that will not fix themselves: fail at once instead of waiting for the deadline. */
const FATAL_WAITING = new Set([
    'CrashLoopBackOff',
    'ErrImagePull',
    'ImagePullBackOff',
    'InvalidImageName',
    'ErrImageNeverPull',
    'CreateContainerConfigError',
    'CreateContainerError',
    'RunContainerError',
]);
/** The kubelet could not get the image onto the node (ImagePullBackOff is the retry wait after an ErrImagePull). */
const PULL_FAILED = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** What to do when the nodes cannot pull a version's image. */
function pullAdvice(image) {
    return (`The nodes could not pull image ${image}: check that it is in a registry the nodes can reach (push: true with an image such as ` +
        `registry.example.com/team/app), and if that registry is private that the nodes can log in to it (an imagePullSecret on the ` +
        `namespace's ServiceAccount, or the nodes' own registry credentials). The kubelet's own reason is in the pod's events.`);
}
/** The first pod problem that will not go away by waiting, or undefined. */
function podFailure(pods) {
    for (const pod of pods) {
        for (const c of pod.status?.containerStatuses ?? []) {
            const waiting = c.state?.waiting;
            if (waiting?.reason && FATAL_WAITING.has(waiting.reason)) {
                const image = c.image || pod.spec?.containers.find((s) => s.name === c.name)?.image;
                return `pod ${pod.metadata?.name}: container ${c.name} is ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${c.lastState?.terminated ? ` (last exit code ${c.lastState.terminated.exitCode})` : ''}${PULL_FAILED.has(waiting.reason) && image ? `\n${pullAdvice(image)}` : ''}`;
            }
            // Exited and restarted: a crash loop in the making (the app's process does not stay up).
            if (c.restartCount > 0 && c.lastState?.terminated)
                return `pod ${pod.metadata?.name}: container ${c.name} exited with code ${c.lastState.terminated.exitCode} and was restarted ${c.restartCount} time(s)`;
        }
        if (pod.status?.phase === 'Failed')
            return `pod ${pod.metadata?.name} failed: ${pod.status.reason ?? ''} ${pod.status.message ?? ''}`.trim();
    }
    return undefined;
}
/** `kubectl rollout status` for a Deployment, plus fast failure from its pods. */
function rolloutState(d, pods) {
    const failure = podFailure(pods);
    if (failure)
        return { state: 'failed', why: failure };
    const st = d.status ?? {};
    const progressing = st.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded')
        return { state: 'failed', why: `deployment ${d.metadata?.name} exceeded its progress deadline (${d.spec?.progressDeadlineSeconds}s): ${progressing.message ?? ''}`.trim() };
    const want = d.spec?.replicas ?? 1;
    if ((st.observedGeneration ?? 0) < (d.metadata?.generation ?? 0))
        return { state: 'waiting', why: 'waiting for the deployment spec update to be observed' };
    const updated = st.updatedReplicas ?? 0;
    if (updated < want)
        return { state: 'waiting', why: `${updated} of ${want} new replicas have been updated` };
    if ((st.replicas ?? 0) > updated)
        return { state: 'waiting', why: `${(st.replicas ?? 0) - updated} old replicas are pending termination` };
    const available = st.availableReplicas ?? 0;
    if (available < updated)
        return { state: 'waiting', why: `${available} of ${updated} updated replicas are available` };
    return { state: 'ready' };
}
/** The ready addresses of a Service's endpoints. */
function endpointIps(e) {
    return (e?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
}
/** The pod IPs of ready pods. */
function readyPodIps(pods) {
    return pods
        .filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && p.status.podIP)
        .map((p) => p.status.podIP)
        .sort();
}
/** True when the endpoints hold exactly the given pods' addresses (and at least one). */
function holdsOnly(e, ips) {
    const have = endpointIps(e);
    return have.length > 0 && have.length === ips.length && have.every((ip, i) => ip === [...ips].sort()[i]);
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/launch.ts






function selectorText(sel) {
    return Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
}
/**
 * The pool's Deployment, and its Secret when there is secret-env. With a Secret the Deployment is created
 * with no replicas first, the Secret then names it as its owner (the garbage collector removes it with the
 * Deployment, whatever stops the run), and only then are the pods asked for: a pod never starts before its
 * Secret exists, and no Secret outlives its Deployment.
 */
async function createPool(cluster, spec, secretEnv) {
    const withSecret = spec.secretEnvNames.length > 0;
    const created = await cluster.create(KINDS.deployment, deploymentManifest(withSecret ? { ...spec, replicas: 0 } : spec));
    if (!withSecret)
        return created;
    const name = created.metadata.name;
    const secret = secretManifest(spec, secretEnv, { name, uid: created.metadata.uid });
    try {
        await cluster.create(KINDS.secret, secret);
    }
    catch (err) {
        // A Secret of that name left by an earlier try (names are per pool, so only a repeated create): replace it.
        if (!(err instanceof KubeApiError && err.status === 409))
            throw err;
        await cluster.remove(KINDS.secret, secret.metadata.name);
        await cluster.create(KINDS.secret, secret);
    }
    return cluster.mergePatch(KINDS.deployment, name, { spec: { replicas: spec.replicas } });
}
/**
 * Retire a pool: scale its Deployment to 0 and wait up to `waitSec` until its pods are gone (each stops
 * within its grace period, stop-timeout: a retired pool is stopped when this returns, as a Docker instance
 * is, without waiting on the cluster's garbage collector), then delete the Deployment and its Secret (owned
 * by it; deleted here too, at once). Resolves to the pods still left at the deadline. `waitSec` 0: delete at once.
 */
async function deletePool(cluster, deployment, waitSec = 0) {
    let left = [];
    const d = waitSec > 0 ? await cluster.read(KINDS.deployment, deployment) : undefined;
    const sel = d?.spec?.selector?.matchLabels ?? {};
    if (d && Object.keys(sel).length > 0) {
        try {
            await cluster.mergePatch(KINDS.deployment, deployment, { spec: { replicas: 0 } });
        }
        catch (err) {
            if (!(err instanceof KubeApiError && err.status === 404))
                throw err;
        }
        const deadline = Date.now() + waitSec * 1000;
        for (;;) {
            left = (await cluster.list(KINDS.pod, { labelSelector: selectorText(sel) })).map((p) => p.metadata.name);
            if (left.length === 0 || Date.now() > deadline)
                break;
            await (0,promises_.setTimeout)(200);
        }
    }
    await cluster.remove(KINDS.deployment, deployment);
    await cluster.remove(KINDS.secret, dnsName([deployment, 'env']));
    return left;
}
/** Secrets of the app's pools whose Deployment is gone (a run killed between the two, or Secrets of older releases). Removed. */
async function removeOrphanSecrets(cluster, app, environment, log) {
    const sel = `${appSelector(app, environment)},${K.role}=secret-env`;
    const [secrets, deployments] = await Promise.all([
        cluster.list(KINDS.secret, { labelSelector: sel }),
        cluster.list(KINDS.deployment, { labelSelector: appSelector(app, environment) }),
    ]);
    const uids = new Set(deployments.map((d) => d.metadata?.uid));
    const names = new Set(deployments.map((d) => dnsName([d.metadata.name, 'env'])));
    const orphans = secrets.filter((s) => {
        const owners = s.metadata?.ownerReferences ?? [];
        return owners.length ? !owners.some((o) => uids.has(o.uid)) : !names.has(s.metadata.name);
    });
    if (orphans.length === 0)
        return;
    log.info(`Removing ${orphans.length} Secret(s) whose Deployment is gone: ${orphans.map((s) => s.metadata.name).join(', ')}`);
    for (const s of orphans)
        await cluster.remove(KINDS.secret, s.metadata.name);
}
async function deploymentPods(cluster, d) {
    const sel = d.spec?.selector?.matchLabels ?? {};
    if (Object.keys(sel).length === 0)
        return [];
    const pods = await cluster.list(KINDS.pod, { labelSelector: selectorText(sel) });
    return pods.filter((p) => !p.metadata?.deletionTimestamp);
}
/** Wait until the Deployment is rolled out (`kubectl rollout status`), or fail fast. Resolves to its pods. */
async function waitRolledOut(cluster, name, timeoutSec, log) {
    const deadline = Date.now() + timeoutSec * 1000;
    let said = '';
    let pods = [];
    for (;;) {
        const d = await cluster.read(KINDS.deployment, name);
        if (!d)
            throw new RolloutFailed(`deployment ${name} is gone (deleted by someone else?)`, pods);
        pods = await deploymentPods(cluster, d);
        const st = rolloutState(d, pods);
        if (st.state === 'ready')
            return { deployment: d, pods };
        if (st.state === 'failed')
            throw new RolloutFailed(st.why, pods);
        if (st.why !== said) {
            log.info(`Waiting for deployment ${name}: ${st.why}`);
            said = st.why;
        }
        if (Date.now() > deadline)
            throw new RolloutFailed(`deployment ${name} was not rolled out within ${timeoutSec}s (last: ${st.why})`, pods);
        await (0,promises_.setTimeout)(500);
    }
}
class RolloutFailed extends errors/* DeployError */.sH {
    why;
    pods;
    constructor(why, pods) {
        super(why);
        this.why = why;
        this.pods = pods;
    }
}
/** The pods' events and last log lines, for a failure message. */
async function podDiagnostics(cluster, lines, pods) {
    const parts = [];
    for (const pod of pods.slice(0, 3)) {
        const name = pod.metadata.name;
        const events = await cluster
            .list(KINDS.event, { fieldSelector: `involvedObject.name=${name}` })
            .then((items) => items
            .sort((a, b) => (0,core_text/* compareText */.n6)(String(a.lastTimestamp ?? a.eventTime ?? ''), String(b.lastTimestamp ?? b.eventTime ?? '')))
            .map((e) => `  ${e.type} ${e.reason}: ${e.message}`))
            .catch((err) => [`  (events not readable: ${err.message.split('\n')[0]})`]);
        const restarted = (pod.status?.containerStatuses ?? []).some((c) => c.restartCount > 0);
        const readLog = (previous) => cluster.podLog(name, 'app', lines, previous);
        let logText = lines > 0 ? await readLog(false).catch(() => '') : '';
        if (lines > 0 && !logText.trim() && restarted)
            logText = await readLog(true).catch(() => '');
        parts.push(`Pod ${name} events:\n${events.join('\n') || '  (none)'}${lines > 0 ? `\nLast log lines of ${name}:\n${logText.trimEnd() || '(no output)'}` : ''}`);
    }
    return parts.join('\n\n');
}
/** Set one annotation on a Deployment. */
async function annotate(cluster, deployment, key, value) {
    await cluster.mergePatch(KINDS.deployment, deployment, { metadata: { annotations: { [key]: value } } });
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/lease.ts




const HOLDER = K.holder;
const sleep = (ms, signal) => new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
});
/** A MicroTime: the API server wants 6 fractional digits, and the client sends this type as given. */
function microTime(d) {
    return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
function parseLeaseHolder(l) {
    try {
        return JSON.parse(l.metadata?.annotations?.[HOLDER] ?? '');
    }
    catch {
        return undefined;
    }
}
/**
 * Pure: why the Lease at the lock's name is not a deploy lock this action can judge (another tool's Lease,
 * or ours with a broken holder record), or undefined when it is one. Such a Lease is never waited for nor
 * taken over (it is not ours to delete): the run stops and says so.
 */
function leaseProblem(l) {
    const h = parseLeaseHolder(l);
    if (l.metadata?.labels?.[K.role] !== 'lock' || l.metadata?.annotations?.[HOLDER] === undefined)
        return `it is not a deploy lock of this action (no ${K.role}=lock label and ${HOLDER} annotation: another tool's Lease, or one made by hand)`;
    if (!h || typeof h.pid !== 'number' || typeof h.host !== 'string')
        return `it is a deploy lock whose holder annotation (${HOLDER}) cannot be read`;
    return undefined;
}
class KubeLeaseStore {
    cluster;
    name;
    labels;
    constructor(cluster, name, labels) {
        this.cluster = cluster;
        this.name = name;
        this.labels = labels;
    }
    get describe() {
        return `Lease ${this.name} in namespace ${this.cluster.namespace}`;
    }
    get removeHint() {
        return `kubectl -n ${this.cluster.namespace} delete lease ${this.name}`;
    }
    /** The runner's clock: the API server tells none (renewTime is written and judged by runners). */
    now() {
        return new Date();
    }
    async create(holder) {
        const now = microTime(new Date());
        const body = {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
                name: this.name,
                namespace: this.cluster.namespace,
                labels: { ...this.labels, [K.role]: 'lock' },
                annotations: { [HOLDER]: JSON.stringify(holder) },
            },
            spec: { holderIdentity: (0,lock/* describeHolder */.sG)(holder), leaseDurationSeconds: holder.leaseSec, acquireTime: now, renewTime: now },
        };
        try {
            return (await this.cluster.create(KINDS.lease, body)).metadata?.uid;
        }
        catch (err) {
            if (err instanceof KubeApiError && err.status === 409)
                return undefined;
            throw err;
        }
    }
    async read() {
        const l = await this.cluster.read(KINDS.lease, this.name);
        if (!l)
            return undefined;
        const problem = leaseProblem(l);
        if (problem)
            throw new errors/* DeployError */.sH(`The ${this.describe} is where the deploy lock lives, but ${problem}. No run can take or wait for the lock while it is there. Nothing was changed.`, `Look at it (kubectl -n ${this.cluster.namespace} get lease ${this.name} -o yaml). If nothing needs it, delete it (${this.removeHint}) and run again.`);
        const renewed = l.spec?.renewTime ?? l.spec?.acquireTime ?? l.metadata?.creationTimestamp;
        return { token: l.metadata.uid, holder: parseLeaseHolder(l), renewedAt: new Date(renewed ?? 0) };
    }
    async renew(token) {
        const l = await this.cluster.read(KINDS.lease, this.name);
        if (!l || l.metadata?.uid !== token)
            return false;
        try {
            // At the resourceVersion read: a Lease changed since is not ours to renew blindly.
            await this.cluster.replace(KINDS.lease, { ...l, spec: { ...l.spec, renewTime: microTime(new Date()) } });
            return true;
        }
        catch (err) {
            if (err instanceof KubeApiError && (err.status === 409 || err.status === 404))
                return (await this.read())?.token === token;
            throw err;
        }
    }
    async remove(token) {
        try {
            await this.cluster.remove(KINDS.lease, this.name, { preconditions: { uid: token } });
        }
        catch (err) {
            // 409: the precondition failed: the Lease is another run's now, and stays.
            if (!(err instanceof KubeApiError && err.status === 409))
                throw err;
        }
    }
    async waitGone(_since, until, signal) {
        // Polled once a second (a watch would need the watch verb in the Role for this one wait).
        const end = until.getTime();
        while (!signal.aborted && Date.now() < end) {
            if (!(await this.cluster.read(KINDS.lease, this.name)))
                return;
            await sleep(Math.min(1000, end - Date.now()), signal);
        }
    }
}

// EXTERNAL MODULE: ./src/core/run-spec.ts
var run_spec = __webpack_require__(4880);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/pods.ts


/** The instance id: `<deployment>/<pod uid>`; `<deployment>/` for a Deployment without pods. */
function deploymentOf(instanceId) {
    return instanceId.slice(0, instanceId.indexOf('/'));
}
const isPlaceholder = (i) => i.id.endsWith('/');
function base(d, target) {
    const a = d.metadata?.annotations ?? {};
    const l = d.metadata?.labels ?? {};
    return {
        app: l[K.app] ?? '',
        environment: l[K.environment] ?? '',
        version: l[K.version] ?? '',
        digest: a[K.digest] ?? '',
        image: a[K.image] ?? '',
        revision: l[K.revision] ?? '',
        deployedAt: a[K.deployedAt] ?? '',
        runUrl: a[K.runUrl] ?? '',
        // Deployments of older releases (one per version) have no pool label: the Deployment is the pool.
        pool: l[K.pool] ?? d.metadata.name,
        target,
        verified: a[K.verified] === 'true',
        health: undefined,
        spec: (0,run_spec/* parseSpec */.F9)(a[K.spec]),
    };
}
/** One pod of the Deployment `d` as an instance. Up: Pending or Running (a restarted container keeps the pod's address). */
function podInstance(pod, d, port, target) {
    const c = pod.status?.containerStatuses?.find((x) => x.name === 'app') ?? pod.status?.containerStatuses?.[0];
    const phase = pod.status?.phase;
    const running = phase === 'Running' && !!c?.state?.running;
    const ip = pod.status?.podIP;
    const own = (() => {
        try {
            return JSON.parse(d.metadata?.annotations?.[K.spec] ?? '{}').port;
        }
        catch {
            return undefined;
        }
    })();
    return {
        ...base(d, target),
        id: `${d.metadata.name}/${pod.metadata.uid}`,
        name: pod.metadata.name,
        running,
        restarting: !running && (phase === 'Pending' || phase === 'Running'),
        exitCode: c?.lastState?.terminated?.exitCode ?? c?.state?.terminated?.exitCode ?? 0,
        restartCount: c?.restartCount ?? 0,
        address: ip ? { host: ip, port: typeof own === 'number' ? own : port } : undefined,
    };
}
/** A Deployment without pods, as one instance that is not up (and has no address). */
function deploymentInstance(d, target) {
    return { ...base(d, target), id: `${d.metadata.name}/`, name: d.metadata.name, running: false, restarting: false, exitCode: 0, restartCount: 0, address: undefined };
}
const matches = (pod, sel) => Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.metadata?.labels?.[k] === v);
/** The pod is the Deployment's own: its labels match and its owner is one of the Deployment's ReplicaSets (`<deployment>-<hash>`). */
function ownedBy(pod, d) {
    const name = d.metadata?.name ?? '';
    const rs = (pod.metadata?.ownerReferences ?? []).find((o) => o.kind === 'ReplicaSet');
    return matches(pod, d.spec?.selector?.matchLabels ?? {}) && !!rs && rs.name.startsWith(`${name}-`) && !rs.name.slice(name.length + 1).includes('-');
}
/**
 * Every Deployment's pods (not terminating) as instances; a Deployment without any as one placeholder. A pod
 * with a pool's labels that its Deployment does not own (made by hand) is no instance: a Service that selects
 * it sends traffic to an address no pool owns, which status reports.
 */
function instancesOf(deployments, pods, port, target) {
    const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
    return deployments.flatMap((d) => {
        const mine = live.filter((p) => ownedBy(p, d));
        return mine.length ? mine.map((p) => podInstance(p, d, port, target)) : [deploymentInstance(d, target)];
    });
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/proxy.ts
/**
 * The preview address for checks and the acceptance command: a forwarder on 127.0.0.1 (like
 * `kubectl proxy`, but for one Service) to the API server's service proxy,
 * /api/v1/namespaces/<ns>/services/<service>/proxy/..., with the action's own credentials. The
 * acceptance command gets a plain http://127.0.0.1:<port> as TARGET_URL and never sees a token.
 * Hand-written on node:http/https: client-node has no service-proxy forwarder.
 */


/** The service proxy path; `port` is the Service port's name (the proxy matches endpoints by it). */
function serviceProxyPath(namespace, service, port) {
    return `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${encodeURIComponent(port)}/proxy`;
}
async function forwardToService(cluster, service, portName) {
    const base = new URL(cluster.server);
    const prefix = base.pathname.replace(/\/$/, '') + serviceProxyPath(cluster.namespace, service, portName);
    const server = (0,external_node_http_.createServer)((req, res) => {
        void (async () => {
            const headers = { ...req.headers };
            delete headers.host;
            delete headers.authorization;
            const opts = {
                protocol: base.protocol,
                hostname: base.hostname,
                port: base.port,
                method: req.method,
                path: prefix + (req.url ?? '/'),
                headers,
            };
            await cluster.applyTo(opts);
            const up = (0,external_node_https_.request)(opts, (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
            });
            up.on('error', (err) => {
                if (!res.headersSent)
                    res.writeHead(502, { 'content-type': 'text/plain' });
                res.end(`immutable-deploy: the API server's service proxy did not answer: ${err.message}\n`);
            });
            req.pipe(up);
        })().catch((err) => {
            if (!res.headersSent)
                res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`immutable-deploy: ${err.message}\n`);
        });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}

// EXTERNAL MODULE: ./src/support/ids.ts
var ids = __webpack_require__(9277);
// EXTERNAL MODULE: ./src/platforms/batch.ts
var batch = __webpack_require__(8300);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/records.ts





const DATA_KEY = 'record.json';
const WRITTEN = K.writtenAt;
/** Pure: the ConfigMap of one record, or of several written together (src/platforms/batch.ts). */
function recordManifest(record, namespace, now, random) {
    const first = Array.isArray(record) ? record[0] : record;
    return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
            name: dnsName([first.app, first.environment, 'flip', String(now.getTime()), random]),
            namespace,
            labels: { [K.app]: first.app, [K.environment]: first.environment, [K.role]: 'flip-record' },
            annotations: { [WRITTEN]: now.toISOString() },
        },
        data: { [DATA_KEY]: JSON.stringify(record) },
    };
}
/** Pure: the records in ConfigMaps, newest first (by the record's own time, else when it was written); others are skipped. */
function parseRecords(maps) {
    const out = [];
    for (const m of maps) {
        try {
            const written = m.metadata?.annotations?.[WRITTEN] ?? '';
            for (const r of (0,batch/* unpackRecords */.Bv)(m.metadata.name, JSON.parse(m.data?.[DATA_KEY] ?? ''), (r) => typeof r === 'object' && r !== null))
                out.push({ r, written });
        }
        catch {
            // Not a record this action wrote: ignore it.
        }
    }
    const at = (x) => (typeof x.r.at === 'string' ? x.r.at : x.written);
    return out.sort((a, b) => (0,core_text/* compareText */.n6)(at(b), at(a)) || (0,core_text/* compareText */.n6)(b.written, a.written) || (0,core_text/* compareText */.n6)(b.r.key, a.r.key)).map((x) => x.r);
}
class KubeRecords {
    cluster;
    constructor(cluster) {
        this.cluster = cluster;
    }
    async write(record) {
        await this.writeAll([record]);
    }
    /** Several records in one ConfigMap (one call); resolves to them as listed, with their keys. */
    async writeAll(records) {
        if (records.length === 0)
            return [];
        const manifest = recordManifest((0,batch/* packRecords */.ud)(records), this.cluster.namespace, new Date(), (0,ids/* randomHex */.n)(3));
        await this.cluster.create(KINDS.configMap, manifest);
        return (0,batch/* unpackRecords */.Bv)(manifest.metadata.name, (0,batch/* packRecords */.ud)(records));
    }
    async list(app, environment) {
        return parseRecords(await this.cluster.list(KINDS.configMap, { labelSelector: `${appSelector(app, environment)},${K.role}=flip-record` }));
    }
    async remove(keys) {
        const { remove, rewrite } = (0,batch/* unitsToRemove */.rX)(keys);
        // A flip leaving the history while its unit's served record stays: that record goes to a unit of its own first.
        for (const { unit, keep } of rewrite) {
            const m = await this.cluster.read(KINDS.configMap, unit);
            const kept = (0,batch/* keptRecords */.hA)(JSON.parse(m?.data?.[DATA_KEY] ?? 'null'), keep);
            if (kept.length > 0)
                await this.writeAll(kept);
            remove.push(unit);
        }
        await Promise.all(remove.map((k) => this.cluster.remove(KINDS.configMap, k).catch(() => undefined)));
    }
}

// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/split.ts
var core_split = __webpack_require__(8159);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/service.ts





/** The ready addresses of a Service's endpoints. */
async function readEndpointsIps(cluster, service) {
    return endpointIps(await cluster.read(KINDS.endpoints, service));
}
/**
 * Wait until the Service's endpoints are `reached`. A failed read is not an answer: it is retried until the
 * deadline. Resolves to what was seen last (and the last read error, if the last read failed).
 */
async function waitEndpoints(cluster, service, reached, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let seen;
    let error;
    for (let n = 0;; n++) {
        try {
            seen = await readEndpointsIps(cluster, service);
            error = undefined;
            if (reached(seen))
                return { ok: true, seen, error };
        }
        catch (err) {
            error = (0,errors/* errorMessage */.gJ)(err);
        }
        if (Date.now() > deadline)
            return { ok: false, seen, error };
        await (0,promises_.setTimeout)(error ? 200 : endpointsPollMs(n));
    }
}
/**
 * Pure: the pause before the endpoints are read again after `n` reads that were not there yet. The endpoints
 * controller usually follows a selector change within tens of milliseconds: read again soon (10, 20, 40 ms),
 * then every 50 ms.
 */
function endpointsPollMs(n) {
    return Math.min(50, 10 * 2 ** n);
}
const describeSelector = (sel) => !sel || Object.keys(sel).length === 0
    ? 'nothing (no selector)'
    : sel[K.pool]
        ? `pool ${sel[K.pool]} of ${sel[K.version] ?? '?'}`
        : sel[K.version]
            ? `version ${sel[K.version]}`
            : JSON.stringify(sel);
const same = (a, b) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
/**
 * Point `name` at `to.selector`: create the Service (role `role`) when it does not exist, else change only
 * its selector; wait until its endpoints are `to.reached`. On failure the selector it had is put back first.
 */
async function pointService(cluster, name, to, role, timeoutMs) {
    const existing = await cluster.read(KINDS.service, name);
    const before = existing?.spec?.selector;
    if (!existing)
        await cluster.create(KINDS.service, serviceManifest(name, cluster.namespace, to.port, to.selector, role));
    else if (!same(before, to.selector))
        await patchSelector(cluster, name, before, to.selector, existing.metadata?.resourceVersion);
    const wait = await waitEndpoints(cluster, name, (ips) => to.reached(ips), timeoutMs);
    if (wait.ok)
        return;
    const why = wait.error
        ? `reading its endpoints failed (last: ${wait.error})`
        : `its endpoints hold ${wait.seen?.join(', ') || 'nothing'}, expected ${to.expected}`;
    const now = existing && !same(before, to.selector) ? await putBack(cluster, name, to.selector, before, timeoutMs) : `It selects ${describeSelector(to.selector)}.`;
    throw new errors/* DeployError */.sH(`Service ${name} did not reach ${to.expected} within ${Math.round(timeoutMs / 1000)}s: ${why}. ${now}`, 'Check that the API server answers and the endpoints controller runs (kube-controller-manager), and that the pods stay ready.');
}
/**
 * Put the selector `from` back to `to` (what it was), retried (a failed call, a 409 from a change in
 * between) until it holds or the time is up. Returns, for the error, what the Service selects now as read
 * back (or that it could not be read).
 */
async function putBack(cluster, name, from, to, timeoutMs) {
    const deadline = Date.now() + Math.max(timeoutMs, 10_000);
    for (;;) {
        try {
            const svc = await cluster.read(KINDS.service, name);
            const sel = svc?.spec?.selector;
            if (same(sel, to))
                return `Its selector was put back: it selects ${describeSelector(to)} again.`;
            // Someone else changed it meanwhile (under our lock: by hand): theirs stays.
            if (!same(sel, from))
                return `Its selector was changed by someone else meanwhile: it selects ${describeSelector(sel)}.`;
            await patchSelector(cluster, name, from, to, svc?.metadata?.resourceVersion);
        }
        catch (err) {
            if (Date.now() > deadline)
                return `Putting its selector back failed too (${(0,errors/* errorMessage */.gJ)(err)}): it may still select ${describeSelector(from)}.`;
            await (0,promises_.setTimeout)(500);
        }
    }
}
async function patchSelector(cluster, name, from, to, resourceVersion) {
    try {
        return await cluster.mergePatch(KINDS.service, name, selectorPatch(from, to, resourceVersion));
    }
    catch (err) {
        // 409: someone changed the Service since we read it (under our lock: by hand).
        if (err instanceof KubeApiError && err.status === 409)
            throw new errors/* DeployError */.sH(`Service ${name} changed while this run was deciding (its selector was ${JSON.stringify(from)}): nothing was changed.`, 'Run again: it reads the Service afresh.');
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/router.ts









const live = (p) => !p.metadata?.deletionTimestamp;
const ready = (p) => live(p) && !!p.status?.podIP && !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const ipOf = (p) => p.status?.podIP ?? '';
class ServiceRouter {
    cluster;
    service;
    app;
    environment;
    port;
    timeoutMs;
    kind = 'kubernetes-service';
    /** Two pools at once, by replica ratio: no baseline beside them. */
    maxGroups = 2;
    sharesBy = 'replicas';
    constructor(cluster, service, app, environment, 
    /** The pods' port (the Service's targetPort). */
    port, 
    /** How long a shift may wait for the endpoints (and for pods a step adds to become ready). */
    timeoutMs) {
        this.cluster = cluster;
        this.service = service;
        this.app = app;
        this.environment = environment;
        this.port = port;
        this.timeoutMs = timeoutMs;
    }
    describe() {
        return `Service ${this.service} in namespace ${this.cluster.namespace}`;
    }
    async current() {
        const svc = await this.cluster.read(KINDS.service, this.service);
        const sel = svc?.spec?.selector;
        if (!sel || Object.keys(sel).length === 0)
            return [];
        const pods = (await this.cluster.list(KINDS.pod, { labelSelector: selectorText(sel) })).filter((p) => live(p) && p.status?.podIP);
        const address = (p) => ({ host: ipOf(p), port: this.port });
        const byHost = (a, b) => (a.host < b.host ? -1 : 1);
        if (!sel[K.serving]) {
            const addresses = pods.map(address).sort(byHost);
            return addresses.length ? [{ addresses, weight: 100, version: sel[K.version] }] : [];
        }
        // A canary step: the ready pods of each pool, each pool's weight its share of them (the endpoints hold ready pods only).
        const serving = pods.filter(ready);
        const pools = [...new Set(serving.map((p) => p.metadata?.labels?.[K.pool] ?? ''))];
        return pools.map((pool) => {
            const mine = serving.filter((p) => (p.metadata?.labels?.[K.pool] ?? '') === pool);
            return {
                addresses: mine.map(address).sort(byHost),
                weight: Math.round((1000 * mine.length) / serving.length) / 10,
                version: mine[0]?.metadata?.labels?.[K.version],
            };
        });
    }
    realShares(groups) {
        const split = groups.filter((g) => g.weight > 0);
        if (split.length <= 1)
            return split.map(() => 100);
        if (split.length > 2)
            throw new Error(`${this.describe()} splits traffic between two pools by their replicas, not between ${split.length}.`);
        const total = split[0].weight + split[1].weight;
        const r = (0,core_split/* replicaSplit */.V4)(split[0].size, split[1].size, (100 * split[1].weight) / total);
        return [100 - r.share, r.share];
    }
    async shift(to) {
        const groups = to.filter((g) => g.weight > 0);
        if (groups.length > 2)
            throw new Error(`${this.describe()} was asked to serve ${(0,routing/* formatRouting */.YN)(to)}: it splits traffic between two pools at most (their replica ratio).`);
        if (groups.length === 2)
            return this.split(groups[0], groups[1], to);
        const group = (0,routing/* singleGroup */._k)(this.kind, to);
        const [target] = await this.poolsOf([group], to);
        // The pool serves with its own replicas (a canary step may have scaled it down), all ready, before it gets all traffic.
        const scaled = (target.deployment.spec?.replicas ?? 0) < target.own;
        if (scaled)
            await this.scale(target, target.own);
        const ips = (scaled ? await this.pods(target) : target.listed).filter(ready).map(ipOf).sort();
        if (ips.length === 0)
            throw new errors/* DeployError */.sH(`${this.describe()} was asked to serve pool ${target.pool}, which has no ready pod: nothing was changed.`);
        const want = ips.join(',');
        await pointService(this.cluster, this.service, {
            selector: poolSelector(this.app, this.environment, target.version, target.pool),
            port: this.port,
            reached: (seen) => seen.join(',') === want,
            expected: `the ${ips.length} pod(s) of pool ${target.pool} (${ips.join(', ')})`,
        }, 'production', this.timeoutMs);
        // Deployments a canary step scaled (the stable pool grown for a small share) get their own replicas back.
        await this.restoreReplicas();
    }
    /** A canary step: `next` at its share of the ready pods, `stable` the rest, both selected through the serving label. */
    async split(stableGroup, nextGroup, to) {
        const [stable, next] = await this.poolsOf([stableGroup, nextGroup], to);
        const share = (100 * nextGroup.weight) / (stableGroup.weight + nextGroup.weight);
        const want = (0,core_split/* replicaSplit */.V4)(stable.own, next.own, share);
        const serving = { [K.serving]: labelValue('pool', next.pool) };
        const selector = { [K.app]: this.app, [K.environment]: this.environment, ...serving };
        const replicas = (p) => p.deployment.spec?.replicas ?? 0;
        // 1. Stable pods first (more stable pods only lower the new pool's share), labelled once ready.
        if (replicas(stable) < want.stable)
            await this.scale(stable, want.stable);
        await this.label(stable, next.pool);
        // 2. Fewer new pods (a later step never asks for fewer, but a re-run might): before anything adds to its share.
        if (replicas(next) > want.next)
            await this.scale(next, want.next);
        // 3. The Service onto the serving label: the stable pods now, and the new pods already labelled (at most `want.next`).
        const svc = await this.cluster.read(KINDS.service, this.service);
        const before = svc?.spec?.selector;
        if (!svc)
            throw new errors/* DeployError */.sH(`Service ${this.service} does not exist: a canary step needs the Service a first deploy creates.`);
        if (!router_same(before, selector))
            await patchSelector(this.cluster, this.service, before, selector, svc.metadata?.resourceVersion);
        try {
            // 4. Fewer stable pods (to the step's count, never below it): the new pool's share rises to at most the step's.
            if (replicas(stable) > want.stable)
                await this.scale(stable, want.stable);
            // 5. New pods last: added, ready, then labelled.
            if (replicas(next) < want.next)
                await this.scale(next, want.next);
            await this.label(next, next.pool);
            const chosen = [...(await this.pods(stable)), ...(await this.pods(next))].filter((p) => ready(p) && p.metadata?.labels?.[K.serving] === next.pool).map(ipOf).sort();
            const wait = await waitEndpoints(this.cluster, this.service, (seen) => seen.join(',') === chosen.join(','), this.timeoutMs);
            if (!wait.ok)
                throw new errors/* DeployError */.sH(`Service ${this.service} did not reach the ${chosen.length} ready pod(s) of ${stable.version} and ${next.version} (${chosen.join(', ')}) within ${Math.round(this.timeoutMs / 1000)}s: ` +
                    `${wait.error ? `reading its endpoints failed (last: ${wait.error})` : `its endpoints hold ${wait.seen?.join(', ') || 'nothing'}`}.`, 'Check that the endpoints controller runs (kube-controller-manager) and that the pods stay ready.');
        }
        catch (err) {
            // The new pool gets nothing it was not judged at: the Service goes back to what it selected before this step.
            if (before && !router_same(before, selector))
                await patchSelector(this.cluster, this.service, selector, before, undefined).catch(() => undefined);
            throw new errors/* DeployError */.sH(`${err.message}\nService ${this.service} selects ${describeSelector(before)} again.`);
        }
    }
    /** The pools of the groups (each group's addresses must be pods of one pool of this app; pods replaced since may be missing). */
    async poolsOf(groups, to) {
        const pods = (await this.cluster.list(KINDS.pod, { labelSelector: appSelector(this.app, this.environment) })).filter(live);
        const out = [];
        for (const g of groups) {
            const ips = new Set(g.addresses.map((a) => a.host));
            const at = pods.filter((p) => ips.has(ipOf(p)));
            const pools = [...new Set(at.map((p) => p.metadata?.labels?.[K.pool] ?? ''))];
            if (at.length === 0 || pools.length !== 1 || !pools[0])
                throw new Error(`${this.describe()} was asked to serve ${(0,routing/* formatRouting */.YN)(to)}, in which ${g.addresses.map((a) => a.host).join(', ')} ${at.length === 0 ? 'are no pods' : 'are not the pods of one pool'} of ${this.app} in ${this.environment}: nothing was changed.`);
            const pool = pools[0];
            const version = at[0].metadata.labels[K.version] ?? '';
            const name = versionNames(this.app, this.environment, pool, this.service).deployment;
            const deployment = await this.cluster.read(KINDS.deployment, name);
            if (!deployment)
                throw new Error(`The Deployment ${name} of pool ${pool} is gone: nothing was changed.`);
            const listed = pods.filter((p) => p.metadata?.labels?.[K.pool] === pool && p.metadata?.labels?.[K.version] === version);
            out.push({ pool, version, deployment, own: ownReplicas(deployment), listed });
        }
        return out;
    }
    async pods(p) {
        return (await this.cluster.list(KINDS.pod, { labelSelector: selectorText(poolSelector(this.app, this.environment, p.version, p.pool)) })).filter(live);
    }
    /** Every ready pod of the pool gets the serving label of the canary `pool`. */
    async label(p, pool) {
        const todo = (await this.pods(p)).filter((x) => ready(x) && x.metadata?.labels?.[K.serving] !== pool);
        await Promise.all(todo.map((x) => this.cluster.mergePatch(KINDS.pod, x.metadata.name, { metadata: { labels: { [K.serving]: pool } } })));
    }
    /** Scale the pool's Deployment to `n` and wait until exactly `n` of its pods are up and ready (fewer: the others gone). */
    async scale(p, n) {
        const name = p.deployment.metadata.name;
        p.deployment = await this.cluster.mergePatch(KINDS.deployment, name, { spec: { replicas: n } });
        const deadline = Date.now() + this.timeoutMs;
        for (;;) {
            const pods = await this.pods(p);
            if (pods.length === n && pods.every(ready))
                return;
            if (Date.now() > deadline)
                throw new errors/* DeployError */.sH(`Deployment ${name} (${p.version}) did not reach ${n} ready pod(s) within ${Math.round(this.timeoutMs / 1000)}s: ${pods.filter(ready).length} ready of ${pods.length}.`, 'Look at its pods (kubectl describe pods) and the cluster capacity.');
            await (0,promises_.setTimeout)(200);
        }
    }
    /** Deployments of the app whose replicas differ from their own (a canary step scaled them) get their own back. */
    async restoreReplicas() {
        const all = await this.cluster.list(KINDS.deployment, { labelSelector: `${appSelector(this.app, this.environment)},${K.role}=instance` });
        const changed = all.filter((d) => (d.spec?.replicas ?? 0) > 0 && d.spec?.replicas !== ownReplicas(d));
        await Promise.all(changed.map((d) => this.cluster.mergePatch(KINDS.deployment, d.metadata.name, { spec: { replicas: ownReplicas(d) } })));
    }
}
/** The replicas a pool was launched with (its recorded run spec), else what it has. */
function ownReplicas(d) {
    return (0,run_spec/* parseSpec */.F9)(d.metadata?.annotations?.[K.spec])?.replicas ?? d.spec?.replicas ?? 1;
}
const router_same = (a, b) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

;// CONCATENATED MODULE: ./src/platforms/kubernetes/index.ts











/** What the cluster's nodes start: the pushed manifest by digest, else the local image id (nodes sharing this engine). */
function clusterImage(img) {
    return img.digest.startsWith('sha256:') && img.digest !== img.imageId ? `${img.image}@${img.digest}` : img.imageId;
}
/**
 * How long a flip (or the preview Service) may wait for the endpoints controller: the health timeout, 10 to 60 s
 * (the controller lags under load: a shorter wait would undo flips that were about to hold).
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC sets it, so a test of endpoints that never
 * come right does not wait 10 s. Ignored unless it is a positive number.
 */
function endpointsTimeoutMs(healthTimeoutSec, env = process.env) {
    const test = Number(env['IMMUTABLE_DEPLOY_TEST_ENDPOINTS_SEC']);
    if (test > 0)
        return test * 1000;
    return Math.min(60, Math.max(10, healthTimeoutSec)) * 1000;
}
/**
 * Start talking to the run's cluster now (connections, discovery: see Cluster.warm), before the platform
 * is made: it gets the same Cluster. A kubeconfig that cannot be read throws later, where the platform is made.
 */
function warmCluster(cfg, log) {
    try {
        connect(kubeConfig(cfg), log.debug).warm();
    }
    catch {
        // said by the platform, when it is made
    }
}
function kubeConfig(cfg) {
    if (cfg.runtime.kind !== 'kubernetes')
        throw new Error('not runtime: kubernetes');
    return cfg.runtime;
}
class KubernetesPlatform {
    cfg;
    images;
    log;
    kind = 'kubernetes';
    targets;
    /** The cluster's objects are written by whoever may write in the namespace: never the runner's own. */
    recordsFrom = 'remote';
    routes;
    /** Same cluster, user, namespace and pods' port: the same instances and records (a platform made again for a recorded config). */
    readsAs;
    cluster;
    k;
    records;
    constructor(cfg, 
    /** The runner's engine (and its registry), where versions are built and found. */
    images, log) {
        this.cfg = cfg;
        this.images = images;
        this.log = log;
        this.k = kubeConfig(cfg);
        // With debug logging (RUNNER_DEBUG=1) every API call is traced: method, path, status, time; never a body.
        this.cluster = connect(this.k, log.debug);
        this.targets = [{ name: `namespace ${this.k.namespace}`, endpoint: undefined, address: '' }];
        this.records = new KubeRecords(this.cluster);
        this.readsAs = JSON.stringify(['kubernetes', this.cluster.server, this.cluster.user, this.k.namespace, cfg.run.port]);
        this.routes = new ServiceRouter(this.cluster, this.k.service, cfg.app, cfg.environment, cfg.run.port, endpointsTimeoutMs(cfg.verify.healthTimeoutSec));
    }
    get target() {
        return this.targets[0].name;
    }
    lock(req) {
        const { app, environment } = this.cfg;
        const store = new KubeLeaseStore(this.cluster, leaseName(app, environment), { [K.app]: app, [K.environment]: environment });
        return (0,lock/* acquireLock */.IZ)(store, { runUrl: req.runUrl, timeoutSec: req.timeoutSec, log: this.log });
    }
    // ---- versions: on the runner's engine or in its registry; the nodes pull them by digest ----
    findVersion(version) {
        return this.images.findVersion(version);
    }
    provide(version) {
        if (clusterImage(version) === version.imageId)
            this.log.warning(`${version.image}:${version.version} is not in a registry: the pods start from the image id ${version.imageId}, which only nodes sharing this runner's Docker engine have. ` +
                'For a real cluster set push: true and an image in a registry the nodes can pull from.');
        return Promise.resolve();
    }
    listVersions(only) {
        return this.images.listVersions(only);
    }
    removeVersions(refs) {
        return this.images.removeVersions(refs);
    }
    // ---- pools and instances ----
    launch(spec) {
        throw new Error(`The Kubernetes platform launches whole pools (launchPool), not single instances (asked for one of ${spec.version}).`);
    }
    async launchPool(s) {
        const { cfg, k, cluster, log } = this;
        const image = clusterImage({ image: s.spec.image ?? cfg.image, digest: s.digest, imageId: s.image });
        const spec = {
            app: s.app,
            environment: s.environment,
            namespace: k.namespace,
            service: k.service,
            version: s.version,
            pool: s.pool,
            image,
            digest: s.digest,
            revision: s.revision,
            runUrl: s.runUrl,
            deployedAt: s.deployedAt,
            replicas: s.replicas,
            port: s.spec.port,
            healthPath: s.spec.healthPath,
            env: s.spec.env,
            secretEnvNames: s.spec.secretEnvNames,
            memory: s.spec.memory,
            cpus: s.spec.cpus,
            readOnly: s.spec.readOnly ?? false,
            tmpfs: s.spec.tmpfs ?? [],
            progressDeadlineSec: s.startTimeoutSec,
            stopTimeoutSec: s.spec.release?.stopTimeoutSec ?? cfg.release.stopTimeoutSec,
            runSpec: JSON.stringify(s.spec),
        };
        // Secrets whose Deployment is gone (a run killed in between, or an older release's) go first.
        if (spec.secretEnvNames.length)
            await removeOrphanSecrets(cluster, s.app, s.environment, log);
        const created = await createPool(cluster, spec, s.secretEnv);
        const name = created.metadata.name;
        log.info(`Created deployment ${name} (${s.replicas} replica${s.replicas > 1 ? 's' : ''}) from ${image}`);
        try {
            const { deployment, pods } = await waitRolledOut(cluster, name, s.startTimeoutSec, log);
            return { instances: instancesOf([deployment], pods, s.spec.port, this.target) };
        }
        catch (err) {
            const pods = err instanceof RolloutFailed ? err.pods : await deploymentPods(cluster, created).catch(() => []);
            const diag = await podDiagnostics(cluster, cfg.verify.logLines, pods).catch((e) => `(the pods could not be read: ${(0,errors/* errorMessage */.gJ)(e)})`);
            // The pool stands as one instance: kept (keep-failed) or removed as a whole.
            return { instances: [deploymentInstance(created, this.target)], failure: `${(0,errors/* errorMessage */.gJ)(err)}\n${diag || '(no pods)'}` };
        }
    }
    /** The preview Service pointed at the pool; reached through the API server's service proxy, or preview-url. */
    async reach(instances) {
        const first = instances[0];
        if (!first)
            return [];
        const { cluster, k, cfg } = this;
        const preview = versionNames(first.app, first.environment, first.pool, k.service).preview;
        const ips = new Set(instances.flatMap((i) => (i.address ? [i.address.host] : [])));
        const port = first.address?.port ?? cfg.run.port;
        await pointService(cluster, preview, {
            selector: poolSelector(first.app, first.environment, first.version, first.pool),
            port,
            // Only the pool's pods, at least one (a pod not ready yet is simply not among them).
            reached: (seen) => seen.length > 0 && seen.every((ip) => ips.has(ip)),
            expected: `pods of pool ${first.pool}`,
        }, 'preview', endpointsTimeoutMs(cfg.verify.healthTimeoutSec));
        if (k.previewUrl)
            return [{ name: `preview-url ${k.previewUrl}`, url: k.previewUrl.replace(/\/$/, ''), instances, close: () => Promise.resolve() }];
        const fwd = await forwardToService(cluster, preview, 'http');
        return [{ name: `Service ${preview} (through the API server's service proxy)`, url: fwd.url, instances, close: () => fwd.close() }];
    }
    async list(app, environment) {
        const sel = appSelector(app, environment);
        const [deployments, pods] = await Promise.all([
            this.cluster.list(KINDS.deployment, { labelSelector: `${sel},${K.role}=instance` }),
            this.cluster.list(KINDS.pod, { labelSelector: sel }),
        ]);
        return instancesOf(deployments, pods, this.cfg.run.port, this.target);
    }
    async inspect(instance) {
        const now = (await this.list(instance.app, instance.environment)).find((i) => i.id === instance.id);
        return now ?? { ...instance, running: false, restarting: false };
    }
    async markVerified(instance) {
        await annotate(this.cluster, deploymentOf(instance.id), K.verified, 'true');
        return { ...instance, verified: true };
    }
    async logs(instance, lines) {
        const d = await this.cluster.read(KINDS.deployment, deploymentOf(instance.id));
        const pods = d ? await deploymentPods(this.cluster, d) : [];
        const chosen = isPlaceholder(instance) ? pods : pods.filter((p) => p.metadata?.name === instance.name);
        return podDiagnostics(this.cluster, lines, chosen);
    }
    /** The pods' grace period (stop-timeout) was set at launch: deleting the Deployment stops them gracefully. */
    async retire(instances) {
        await this.remove(instances);
    }
    /**
     * A pool goes as a whole (its Deployment and Secret) when any of its up instances (or the Deployment that
     * stands for it) is among `instances`; pods that are not up (failed, evicted) go on their own, and their
     * Deployment starts fresh ones.
     */
    async remove(instances) {
        const up = (i) => i.running || i.restarting || isPlaceholder(i);
        const whole = [...new Set(instances.filter(up).map((i) => deploymentOf(i.id)))];
        const pods = instances.filter((i) => !up(i) && !whole.includes(deploymentOf(i.id)));
        const waitSec = this.cfg.release.stopTimeoutSec + 30;
        const [left] = await Promise.all([
            Promise.all(whole.map((d) => deletePool(this.cluster, d, waitSec))),
            Promise.all(pods.map((p) => this.cluster.remove(KINDS.pod, p.name))),
        ]);
        const still = left.flat();
        if (still.length)
            this.log.warning(`Pods still stopping ${waitSec}s after their Deployment was deleted: ${still.join(', ')}. The cluster removes them.`);
    }
    async listAll() {
        const [deployments, pods] = await Promise.all([
            this.cluster.list(KINDS.deployment, { labelSelector: `${K.role}=instance` }),
            this.cluster.list(KINDS.pod, { labelSelector: K.app }),
        ]);
        return instancesOf(deployments, pods, this.cfg.run.port, this.target);
    }
    // ---- release records (flips, intents, results...): ConfigMaps beside the Lease, stored as written ----
    writeRecord(record) {
        return this.records.write(record);
    }
    writeRecords(records) {
        return this.records.writeAll(records);
    }
    listRecords(app, environment) {
        return this.records.list(app, environment);
    }
    removeRecords(keys) {
        return this.records.remove(keys);
    }
    /** What the API tells of a pod: the image it runs (by the kubelet's imageID) and its container's restarts. */
    async driftFacts(instance) {
        if (isPlaceholder(instance))
            return undefined;
        const pod = await this.cluster.read(KINDS.pod, instance.name);
        if (!pod || pod.metadata?.deletionTimestamp)
            return undefined;
        const c = pod.status?.containerStatuses?.find((x) => x.name === 'app');
        if (!c)
            return undefined;
        const ran = c.imageID.replace(/^[a-z-]+:\/\//, '');
        return {
            imageId: ran.includes('@') ? ran.slice(ran.indexOf('@') + 1) : ran,
            repoDigests: ran.includes('@') ? [ran] : [],
            changes: [],
            execs: [],
            healthcheck: undefined,
            mounts: [],
            restarts: c.restartCount,
        };
    }
}


/***/ })

};

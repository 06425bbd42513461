export const id = 916;
export const ids = [916];
export const modules = {

/***/ 2916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  clusterImage: () => (/* binding */ clusterImage),
  deploy: () => (/* binding */ deploy),
  rollback: () => (/* binding */ rollback),
  status: () => (/* binding */ release_status)
});

// EXTERNAL MODULE: ./src/verify/checks.ts
var checks = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/verify/command.ts
var command = __webpack_require__(7068);
// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
// EXTERNAL MODULE: ./src/build/index.ts + 2 modules
var build = __webpack_require__(302);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var context = __webpack_require__(2309);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/release/steps.ts + 1 modules
var steps = __webpack_require__(918);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/object.js + 720 modules
var object = __webpack_require__(2984);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/patch.js
var dist_patch = __webpack_require__(2279);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/gen/apis/exception.js
var exception = __webpack_require__(2581);
// EXTERNAL MODULE: ./node_modules/@kubernetes/client-node/dist/config.js + 17 modules
var config = __webpack_require__(3370);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/cluster.ts
/**
 * The one boundary to the Kubernetes API, on the official @kubernetes/client-node 1.4 (2.x needs
 * Node 22+): its KubeConfig (every auth method and TLS setting of a kubeconfig) and its generic
 * KubernetesObjectApi. The typed CoreV1Api/AppsV1Api classes are not used: they pull ~9 MB of
 * generated code into the bundle; the generic API needs ~2 MB.
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
class Cluster {
    kc;
    namespace;
    api;
    constructor(kc, namespace) {
        this.kc = kc;
        this.namespace = namespace;
        this.api = object/* KubernetesObjectApi */.e.makeApiClient(kc);
    }
    get server() {
        return this.kc.getCurrentCluster()?.server ?? '';
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
/** The cluster from the `kubeconfig` input's content, else KUBECONFIG / ~/.kube/config / in-cluster. */
function connect(cfg) {
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
    return new Cluster(kc, cfg.namespace);
}

// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/manifests.ts


/** Label and annotation keys: `dev.immutable-deploy/<name>` (the prefix the Docker labels use, as a DNS prefix). */
const K = {
    app: 'dev.immutable-deploy/app',
    environment: 'dev.immutable-deploy/environment',
    version: 'dev.immutable-deploy/version',
    revision: 'dev.immutable-deploy/revision',
    role: 'dev.immutable-deploy/role',
    // Annotations: values a label cannot hold (':' and '/' in digests and URLs, over 63 characters).
    digest: 'dev.immutable-deploy/digest',
    image: 'dev.immutable-deploy/image',
    runUrl: 'dev.immutable-deploy/run-url',
    deployedAt: 'dev.immutable-deploy/deployed-at',
    verified: 'dev.immutable-deploy/verified',
    /** When a version stopped being live (rollback's default target is the one that was live last). */
    liveUntil: 'dev.immutable-deploy/live-until',
    /** The run specification the version was started with (never secret values). */
    spec: 'dev.immutable-deploy/run-spec',
};
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
function versionNames(app, environment, version, service) {
    const deployment = dnsName([app, environment, version]);
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
        ...versionSelector(s.app, s.environment, s.version),
        ...(s.revision ? { [K.revision]: labelValue('revision', s.revision) } : {}),
    };
}
function versionAnnotations(s) {
    return { [K.digest]: s.digest, [K.image]: s.image, [K.runUrl]: s.runUrl, [K.deployedAt]: s.deployedAt };
}
function deploymentManifest(s) {
    const names = versionNames(s.app, s.environment, s.version, s.service);
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
            annotations: { ...versionAnnotations(s), [K.spec]: JSON.stringify(runSpec) },
        },
        spec: {
            replicas: s.replicas,
            selector: { matchLabels: versionSelector(s.app, s.environment, s.version) },
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
/** secret-env of a version, in its own Secret (the Deployment names it; values never enter its spec). */
function secretManifest(s, values) {
    const names = versionNames(s.app, s.environment, s.version, s.service);
    return {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: names.secret, namespace: s.namespace, labels: { ...versionLabels(s), [K.role]: 'secret-env' } },
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

;// CONCATENATED MODULE: ./src/platforms/kubernetes/lease.ts




const HOLDER = 'dev.immutable-deploy/holder';
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

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/state.ts



function toVersion(d) {
    const a = d.metadata?.annotations ?? {};
    const l = d.metadata?.labels ?? {};
    return {
        name: d.metadata.name,
        version: l[K.version] ?? '',
        digest: a[K.digest] ?? '',
        image: a[K.image] ?? '',
        revision: l[K.revision] ?? '',
        deployedAt: a[K.deployedAt] ?? '',
        runUrl: a[K.runUrl] ?? '',
        verified: a[K.verified] === 'true',
        liveUntil: a[K.liveUntil] ?? '',
        replicas: d.spec?.replicas ?? 0,
        ready: d.status?.readyReplicas ?? 0,
        deployment: d,
    };
}
/** Pure: live = the version the Service selects; warm and debris from the rest. */
function classify(deployments, service, app, environment) {
    const sel = service?.spec?.selector ?? {};
    const versions = deployments.map(toVersion);
    const live = sel[K.app] === app && sel[K.environment] === environment ? versions.find((v) => v.version === sel[K.version]) : undefined;
    const rest = versions.filter((v) => v !== live);
    const warm = rest
        .filter((v) => v.verified)
        .sort((a, b) => (0,core_text/* compareText */.n6)(b.liveUntil, a.liveUntil) || (0,core_text/* compareText */.n6)(b.deployedAt, a.deployedAt));
    return { service, live, warm, debris: rest.filter((v) => !v.verified) };
}
async function observe(cluster, app, environment, service) {
    const [svc, list] = await Promise.all([
        cluster.read(KINDS.service, service),
        cluster.list(KINDS.deployment, { labelSelector: `${appSelector(app, environment)},${K.role}=instance` }),
    ]);
    return classify(list, svc, app, environment);
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/platforms/kubernetes/launch.ts







function selectorText(sel) {
    return Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
}
async function createVersion(cluster, spec, secretEnv) {
    // The Secret first: pods that name it can start at once.
    if (spec.secretEnvNames.length)
        await cluster.create(KINDS.secret, secretManifest(spec, secretEnv));
    return toVersion(await cluster.create(KINDS.deployment, deploymentManifest(spec)));
}
/** Delete a version's Deployment (its pods go with it) and its Secret. */
async function deleteVersion(cluster, v) {
    await cluster.remove(KINDS.deployment, v.name);
    await cluster.remove(KINDS.secret, dnsName([v.name, 'env']));
}
async function versionPods(cluster, v) {
    const sel = v.deployment.spec?.selector?.matchLabels ?? versionSelector('', '', v.version);
    const pods = await cluster.list(KINDS.pod, { labelSelector: selectorText(sel) });
    return pods.filter((p) => !p.metadata?.deletionTimestamp);
}
/** Wait until the Deployment is rolled out (`kubectl rollout status`), or fail fast. Resolves to its ready pods. */
async function waitRolledOut(cluster, v, timeoutSec, log) {
    const deadline = Date.now() + timeoutSec * 1000;
    let said = '';
    for (;;) {
        const [d, pods] = await Promise.all([cluster.read(KINDS.deployment, v.name), versionPods(cluster, v)]);
        if (!d)
            throw new RolloutFailed(`deployment ${v.name} is gone (deleted by someone else?)`, pods);
        const st = rolloutState(d, pods);
        if (st.state === 'ready')
            return pods;
        if (st.state === 'failed')
            throw new RolloutFailed(st.why, pods);
        if (st.why !== said) {
            log.info(`Waiting for deployment ${v.name}: ${st.why}`);
            said = st.why;
        }
        if (Date.now() > deadline)
            throw new RolloutFailed(`deployment ${v.name} was not rolled out within ${timeoutSec}s (last: ${st.why})`, pods);
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
        let logText = await readLog(false).catch(() => '');
        if (!logText.trim() && restarted)
            logText = await readLog(true).catch(() => '');
        parts.push(`Pod ${name} events:\n${events.join('\n') || '  (none)'}\nLast log lines of ${name}:\n${logText.trimEnd() || '(no output)'}`);
    }
    return parts.join('\n\n');
}
async function markVerified(cluster, v) {
    await annotate(cluster, v.name, K.verified, 'true');
}
/** Set one annotation on a Deployment. */
async function annotate(cluster, deployment, key, value) {
    await cluster.mergePatch(KINDS.deployment, deployment, { metadata: { annotations: { [key]: value } } });
}
async function scale(cluster, deployment, replicas) {
    await cluster.mergePatch(KINDS.deployment, deployment, { spec: { replicas } });
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/service.ts





async function readEndpointsIps(cluster, service) {
    return endpointIps(await cluster.read(KINDS.endpoints, service));
}
/** Wait until the Service's endpoints hold exactly `ips`. Resolves true, or false at the deadline. */
async function waitEndpoints(cluster, service, ips, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (holdsOnly(await cluster.read(KINDS.endpoints, service), ips))
            return true;
        if (Date.now() > deadline)
            return false;
        await (0,promises_.setTimeout)(50);
    }
}
/**
 * Point `name` at the version: create the Service (role `role`, one port) when it does not exist,
 * else change only its selector. Returns the selector it had before.
 */
async function pointService(cluster, name, existing, to, role, timeoutMs) {
    const selector = versionSelector(to.app, to.environment, to.version);
    const before = existing?.spec?.selector;
    let applied;
    if (!existing)
        applied = await cluster.create(KINDS.service, serviceManifest(name, cluster.namespace, to.port, selector, role));
    else
        applied = await patchSelector(cluster, name, before, selector, existing.metadata?.resourceVersion);
    const ips = to.ips;
    if (await waitEndpoints(cluster, name, ips, timeoutMs))
        return before;
    const seen = await readEndpointsIps(cluster, name);
    let restored = '';
    if (before) {
        try {
            await patchSelector(cluster, name, selector, before, applied.metadata?.resourceVersion);
            restored = ` Its selector was put back to ${before[K.version] ?? JSON.stringify(before)}.`;
        }
        catch (err) {
            restored = ` Putting its selector back failed too: ${(0,errors/* errorMessage */.gJ)(err)}`;
        }
    }
    throw new errors/* DeployError */.sH(`Service ${name} did not reach the pods of ${to.version} within ${Math.round(timeoutMs / 1000)}s: its endpoints hold ${seen.join(', ') || 'nothing'}, expected ${ips.join(', ')}.${restored}`, 'Check that the endpoints controller runs (kube-controller-manager) and that the pods stay ready.');
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





class ServiceRouter {
    cluster;
    service;
    app;
    environment;
    port;
    timeoutMs;
    kind = 'kubernetes-service';
    constructor(cluster, service, app, environment, 
    /** The pods' port (the Service's targetPort). */
    port, timeoutMs) {
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
        if (!svc)
            return [];
        const ips = endpointIps(await this.cluster.read(KINDS.endpoints, this.service));
        return ips.length ? [{ addresses: ips.map((host) => ({ host, port: this.port })), weight: 100, version: svc.spec?.selector?.[K.version] }] : [];
    }
    async shift(to) {
        const group = (0,routing/* singleGroup */._k)(this.kind, to);
        if (!group.version)
            throw new Error(`The ${this.kind} router selects pods by version: the group to serve names none.`);
        const existing = await this.cluster.read(KINDS.service, this.service);
        await pointService(this.cluster, this.service, existing, { app: this.app, environment: this.environment, version: group.version, port: this.port, ips: group.addresses.map((a) => a.host) }, 'production', this.timeoutMs);
    }
}

;// CONCATENATED MODULE: ./src/platforms/kubernetes/release.ts





















function kubeConfig(cfg) {
    if (cfg.runtime.kind !== 'kubernetes')
        throw new Error('not runtime: kubernetes');
    return cfg.runtime;
}
/** How long a flip may wait for the endpoints controller. */
const ENDPOINTS_TIMEOUT_MS = 60_000;
/** The in-cluster address of the production Service. */
function serviceUrl(k, port) {
    return `http://${k.service}.${k.namespace}.svc:${port}`;
}
async function withLease(d, cluster, fn) {
    const { cfg } = d;
    const store = new KubeLeaseStore(cluster, leaseName(cfg.app, cfg.environment), { [K.app]: cfg.app, [K.environment]: cfg.environment });
    return (0,steps/* holding */.G)(() => (0,lock/* acquireLock */.IZ)(store, { runUrl: (0,context/* runUrl */.Vp)(d.ctx), timeoutSec: cfg.release.lockTimeoutSec, log: d.log }), fn, d);
}
/** What the cluster's nodes start: the pushed manifest by digest, else the local image id (nodes sharing this engine). */
function clusterImage(img) {
    return img.digest.startsWith('sha256:') && img.digest !== img.imageId ? `${img.image}@${img.digest}` : img.imageId;
}
async function resolveImage(d) {
    const { cfg } = d;
    if (cfg.version === undefined) {
        const b = await d.build();
        (0,build.reportBuild)(b, d.ctx, d.report);
        return { image: b.image, version: b.version, digest: b.digest, imageId: b.imageId, revision: d.ctx.sha, created: b.labels['org.opencontainers.image.created'] ?? '' };
    }
    const found = await d.findVersion(cfg.version);
    if (!found)
        throw new errors/* DeployError */.sH(`There is no image ${cfg.image}:${cfg.version} on this runner or in its registry.`, 'Build and push it first (command: build, push: true), or deploy without "version" to build it here.');
    await d.checkImage(found);
    d.report.output('version', found.version);
    d.report.output('image', found.image);
    d.report.output('digest', found.digest);
    return found;
}
async function clearDebris(d, cluster, observed) {
    if (observed.debris.length === 0)
        return;
    d.log.info(`Removing ${observed.debris.length} leftover deployment(s) that were never verified: ${observed.debris.map((v) => v.name).join(', ')}`);
    for (const v of observed.debris)
        await deleteVersion(cluster, v);
}
async function deploy(d) {
    const { cfg, log } = d;
    const k = kubeConfig(cfg);
    const img = await resolveImage(d);
    const image = clusterImage(img);
    if (image === img.imageId)
        log.warning(`${cfg.image}:${img.version} is not in a registry: the pods start from the image id ${img.imageId}, which only nodes sharing this runner's Docker engine have. ` +
            'For a real cluster set push: true and an image in a registry the nodes can pull from.');
    const cluster = connect(k);
    const spec = {
        app: cfg.app,
        environment: cfg.environment,
        namespace: k.namespace,
        service: k.service,
        version: img.version,
        image,
        digest: img.digest,
        revision: img.revision,
        runUrl: (0,context/* runUrl */.Vp)(d.ctx),
        deployedAt: new Date().toISOString(),
        replicas: cfg.run.replicas,
        port: cfg.run.port,
        healthPath: cfg.verify.healthPath,
        env: cfg.run.env,
        secretEnvNames: Object.keys(cfg.run.secretEnv),
        memory: cfg.run.memory,
        cpus: cfg.run.cpus,
        readOnly: cfg.run.readOnly,
        tmpfs: cfg.run.tmpfs,
        progressDeadlineSec: cfg.verify.healthTimeoutSec,
        stopTimeoutSec: cfg.release.stopTimeoutSec,
    };
    versionSelector(spec.app, spec.environment, spec.version); // refuses names a label cannot hold, before anything changes
    await withLease(d, cluster, async () => {
        const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
        await clearDebris(d, cluster, observed);
        const previous = observed.live;
        log.info(previous ? `Live now: ${previous.version} (deployment ${previous.name})` : `Service ${k.service} serves nothing of ${cfg.app} yet.`);
        if (previous?.version === img.version) {
            log.info(`${img.version} is already live: nothing to do.`);
            await settle(d, cluster, observed, previous, undefined, undefined);
            return;
        }
        // A warm copy of the same version is replaced by a fresh one, verified again.
        const same = observed.warm.find((v) => v.version === img.version);
        if (same)
            await deleteVersion(cluster, same);
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await (0,steps/* recorded */.t2)(d, what, async () => {
            const next = await launchAndVerify(d, cluster, spec);
            let flipMs;
            try {
                flipMs = await flip(d, cluster, next.version, next.pods);
            }
            catch (err) {
                await deleteVersion(cluster, next.v);
                throw new errors/* DeployError */.sH(`The flip to ${next.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}\nIts deployment was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`);
            }
            const after = { ...observed, warm: observed.warm.filter((v) => v.version !== img.version) };
            await settle(d, cluster, after, next.v, previous, flipMs);
        });
    });
}
async function launchAndVerify(d, cluster, spec) {
    const { cfg, log, report } = d;
    const k = kubeConfig(cfg);
    const started = Date.now();
    const v = await log.group(`Create deployment ${versionNames(spec.app, spec.environment, spec.version, spec.service).deployment} (${spec.replicas} replica${spec.replicas > 1 ? 's' : ''})`, async () => {
        const created = await createVersion(cluster, spec, cfg.run.secretEnv);
        log.info(`Created deployment ${created.name} from ${spec.image}`);
        return created;
    });
    const steps = [];
    const forget = (0,interrupt/* onInterrupt */.n)(() => deleteVersion(cluster, v));
    let pods = [];
    try {
        pods = await log.group(`Wait until ${v.name} is rolled out`, () => waitRolledOut(cluster, v, cfg.verify.healthTimeoutSec, log));
        steps.push(['rollout', `${pods.length} of ${spec.replicas} pods ready`, 'pass', `${Date.now() - started} ms`]);
        const preview = versionNames(spec.app, spec.environment, spec.version, spec.service).preview;
        await log.group(`Point preview Service ${preview} at ${spec.version}`, async () => {
            const existing = await cluster.read(KINDS.service, preview);
            await pointService(cluster, preview, existing, { app: spec.app, environment: spec.environment, version: spec.version, port: spec.port, ips: readyPodIps(pods) }, 'preview', ENDPOINTS_TIMEOUT_MS);
        });
        const forwarder = k.previewUrl ? undefined : await forwardToService(cluster, preview, 'http');
        const url = (k.previewUrl ?? forwarder.url).replace(/\/$/, '');
        log.info(k.previewUrl ? `Verifying through preview-url ${url}` : `Verifying through the API server's service proxy for ${preview} (forwarded at ${url})`);
        try {
            const health = await waitAnswers(url + cfg.verify.healthPath, 30_000);
            steps.push(['health', `GET ${cfg.verify.healthPath} through ${k.previewUrl ? 'preview-url' : `service ${preview}`}`, 'pass', `${health} ms`]);
            if (cfg.verify.checks.length > 0) {
                const results = await log.group('Built-in checks', () => (0,checks/* runChecks */.JT)(url, cfg.verify.checks));
                for (const r of results) {
                    log.info(`${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
                    steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
                }
                const failed = results.filter((r) => !r.ok);
                if (failed.length > 0) {
                    for (const f of failed)
                        log.error(`${f.check}: ${f.detail}`, 'Check failed');
                    throw new errors/* DeployError */.sH(`${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`);
                }
            }
            if (cfg.verify.acceptanceCommand) {
                const outcome = await log.group('Acceptance command', () => (0,command/* runAcceptanceCommand */.Y)(cfg.verify.acceptanceCommand, { TARGET_URL: url, VERSION: spec.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: spec.digest }, cfg.verify.acceptanceTimeoutSec));
                const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
                steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
                if (!outcome.ok)
                    throw new errors/* DeployError */.sH(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
            }
        }
        finally {
            await forwarder?.close();
        }
        await markVerified(cluster, v);
        forget();
        report.section(`### Verified ${spec.version} in ${Date.now() - started} ms\n\n${(0,summary/* table */.tp)(['step', 'what', 'result', 'detail'], steps)}`);
        return { version: spec.version, v, pods };
    }
    catch (err) {
        forget();
        const diag = await podDiagnostics(cluster, cfg.verify.logLines, err instanceof RolloutFailed ? err.pods : pods.length ? pods : await versionPods(cluster, v).catch(() => []));
        report.section(`### ${spec.version} failed verification\n\n${steps.length ? (0,summary/* table */.tp)(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}` +
            `${(0,summary/* codeBlock */.DV)((0,errors/* errorMessage */.gJ)(err))}\n\n${(0,summary/* codeBlock */.DV)(diag || '(no pods)')}`);
        if (cfg.verify.keepFailed)
            log.warning(`keep-failed: leaving deployment ${v.name} in place for debugging; the Service does not select it.`);
        else
            await deleteVersion(cluster, v);
        throw new errors/* DeployError */.sH(`${(0,errors/* errorMessage */.gJ)(err)}\nService ${k.service} was not changed.${cfg.verify.keepFailed ? '' : ` Deployment ${v.name} was removed.`}\n${diag}`);
    }
}
/** GET until it answers 2xx/3xx (the service proxy may answer 503 for a moment after endpoints change). */
async function waitAnswers(url, timeoutMs) {
    const started = Date.now();
    for (;;) {
        let last;
        try {
            const a = await (0,http/* request */.E)(url, 'GET', 5000);
            if (a.status >= 200 && a.status < 400)
                return Date.now() - started;
            last = `answered ${a.status}: ${a.body.slice(0, 200)}`;
        }
        catch (err) {
            last = (0,http/* describeFetchError */.O)(err);
        }
        if (Date.now() - started > timeoutMs)
            throw new errors/* DeployError */.sH(`GET ${url} did not answer 2xx/3xx within ${timeoutMs / 1000}s (last: ${last}).`);
        await (0,promises_.setTimeout)(200);
    }
}
/** The selector change through the Service's Router; returns its wall time (until the endpoints hold only the new pods). */
async function flip(d, cluster, version, pods) {
    const k = kubeConfig(d.cfg);
    const router = new ServiceRouter(cluster, k.service, d.cfg.app, d.cfg.environment, d.cfg.run.port, ENDPOINTS_TIMEOUT_MS);
    const addresses = readyPodIps(pods).map((host) => ({ host, port: d.cfg.run.port }));
    // A run whose lock was taken over (its renewals failed) changes nothing.
    d.held?.check();
    const started = performance.now();
    await d.log.group(`Point ${router.describe()} at ${version}`, () => router.shift((0,routing/* allTo */.jT)(addresses, version)));
    const ms = Math.round(performance.now() - started);
    d.log.info(`Service ${k.service} now sends traffic to ${version} only (${pods.length} pods; flip took ${ms} ms)`);
    return ms;
}
/** After a flip: keep `keep` previous versions scaled up, delete the rest; outputs and summary. */
async function settle(d, cluster, observed, live, previous, flipMs) {
    const { cfg, log, report } = d;
    const k = kubeConfig(cfg);
    if (previous && previous.name !== live.name) {
        const now = new Date().toISOString();
        await annotate(cluster, previous.name, K.liveUntil, now);
        previous = { ...previous, liveUntil: now };
    }
    const others = [...(previous && previous.name !== live.name ? [previous] : []), ...observed.warm.filter((v) => v.name !== live.name && v.name !== previous?.name)];
    const warm = others.slice(0, cfg.release.keep);
    const retire = others.slice(cfg.release.keep);
    if (retire.some((v) => v.name === previous?.name) && cfg.release.drainSeconds > 0) {
        log.info(`Draining ${previous.name} for ${cfg.release.drainSeconds}s before deleting it`);
        await (0,promises_.setTimeout)(cfg.release.drainSeconds * 1000);
    }
    for (const v of retire)
        await deleteVersion(cluster, v);
    if (retire.length)
        log.info(`Retired: ${retire.map((v) => `${v.version} (deployment ${v.name})`).join(', ')}`);
    report.output('version', live.version);
    report.output('digest', live.digest);
    report.output('live-version', live.version);
    report.output('previous-version', previous && previous.name !== live.name ? previous.version : '');
    report.output('url', serviceUrl(k, cfg.run.port));
    const row = (state, v) => [state, v.version, (0,summary/* commitLink */.wn)(d.ctx, v.revision), `deployment ${v.name}`, v.deployedAt, (0,steps/* runLink */.ut)(v.runUrl)];
    const back = warm[0]?.version;
    report.section(`### Live: ${live.version} on Service ${k.service}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', 'instances', 'started', 'started by'], [row('live', live), ...warm.map((v) => row('warm', v)), ...retire.map((v) => row('retired', v))]) +
        (back ? `\n\nRoll back with one selector change: \`command: rollback\` with \`version: ${back}\` (app \`${cfg.app}\`, environment \`${cfg.environment}\`).` : ''));
}
async function rollback(d) {
    const { cfg, log } = d;
    const k = kubeConfig(cfg);
    const cluster = connect(k);
    await withLease(d, cluster, async () => {
        const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
        const version = cfg.version ?? observed.warm[0]?.version;
        const restorable = observed.warm.map((v) => v.version);
        if (!version)
            throw new errors/* DeployError */.sH(`There is no previous version of ${cfg.app} in ${cfg.environment} (namespace ${k.namespace}) to roll back to.`, `Versions kept in the cluster: ${restorable.join(', ') || 'none'}.`);
        const previous = observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await settle(d, cluster, observed, previous, undefined, undefined);
            return;
        }
        const target = observed.warm.find((v) => v.version === version);
        if (!target)
            throw new errors/* DeployError */.sH(`Version ${version} of ${cfg.app} is not kept in namespace ${k.namespace} (no verified deployment of it).`, `Versions that can be restored with one selector change: ${restorable.join(', ') || 'none'}. Deploy an older version again with command: deploy and version: ${version}.`);
        await (0,steps/* recorded */.t2)(d, { sha: target.revision, version, digest: target.digest, previousVersion: previous?.version, rollback: true }, async () => {
            if (target.replicas === 0) {
                const want = runSpecReplicas(target) ?? cfg.run.replicas;
                log.info(`${target.name} was scaled down: scaling it back to ${want} and waiting for it first.`);
                await scale(cluster, target.name, want);
            }
            const fresh = { ...target, deployment: target.deployment };
            const pods = await log.group(`Check that ${target.name} is rolled out`, () => waitRolledOut(cluster, fresh, cfg.verify.healthTimeoutSec, log));
            log.info(`Rolling back to ${version} (deployment ${target.name}, ${pods.length} pods ready): one selector change, no new pod.`);
            let flipMs;
            try {
                flipMs = await flip(d, cluster, version, pods);
            }
            catch (err) {
                throw new errors/* DeployError */.sH(`The flip back to ${version} failed: ${(0,errors/* errorMessage */.gJ)(err)}${previous ? `\n${previous.version} is still live.` : ''}`);
            }
            await settle(d, cluster, { ...observed, warm: observed.warm.filter((v) => v.name !== target.name) }, target, previous, flipMs);
        });
    });
}
function runSpecReplicas(v) {
    try {
        const r = JSON.parse(v.deployment.metadata?.annotations?.[K.spec] ?? '{}').replicas;
        return typeof r === 'number' && r > 0 ? r : undefined;
    }
    catch {
        return undefined;
    }
}
async function release_status(d) {
    const { cfg } = d;
    const k = kubeConfig(cfg);
    const cluster = connect(k);
    const observed = await observe(cluster, cfg.app, cfg.environment, k.service);
    const info = (v, state) => ({
        version: v.version,
        digest: v.digest,
        revision: v.revision,
        state,
        deployed: v.deployedAt,
        ...(v.runUrl ? { runUrl: v.runUrl } : {}),
        deployment: v.name,
        replicas: v.replicas,
        ready: v.ready,
    });
    const versions = [...(observed.live ? [info(observed.live, 'live')] : []), ...observed.warm.map((v) => info(v, 'warm'))];
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment} (namespace ${k.namespace}, Service ${k.service}): ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', 'digest', 'deployment', 'ready', 'started', 'started by'], versions.map((v) => [v.state, v.version, (0,summary/* commitLink */.wn)(d.ctx, v.revision), `\`${v.digest.slice(0, 19)}\``, v.deployment, `${v.ready}/${v.replicas}`, v.deployed, (0,steps/* runLink */.ut)(v.runUrl)])));
    return versions;
}


/***/ })

};

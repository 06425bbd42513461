export const id = 674;
export const ids = [674];
export const modules = {

/***/ 7674:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   execute: () => (/* binding */ execute)
/* harmony export */ });
/* harmony import */ var _github_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2309);
/* harmony import */ var _drivers_docker_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9881);
/* harmony import */ var _drivers_docker_engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3248);
/* harmony import */ var _drivers_ssh_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6158);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6894);





async function execute(cfg, report, log) {
    // With debug logging, every engine call is traced (method, path, status, time; never a body).
    (0,_drivers_docker_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .traceEngines */ .Zo)(log.debug);
    try {
        await executeCommand(cfg, report, log);
    }
    finally {
        // The engines' connections (one each, kept for the run) must not keep the process alive.
        (0,_drivers_docker_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .closeEngines */ .UG)();
        (0,_drivers_ssh_index_js__WEBPACK_IMPORTED_MODULE_3__.closeSshConnections)();
    }
}
async function executeCommand(cfg, report, log) {
    // The runner's own engine (DOCKER_HOST / DOCKER_CONTEXT): builds and pulls land there. Its connection
    // opens while the command's code loads.
    const local = (0,_drivers_docker_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .engineFor */ .Ec)();
    // On Kubernetes the client (the largest chunk) loads first, and talks to the API server (connections,
    // discovery) while the rest of the command's code loads.
    const kube = cfg.command !== 'build' && cfg.runtime.kind === 'kubernetes'
        ? Promise.all(/* import() */[__webpack_require__.e(330), __webpack_require__.e(991), __webpack_require__.e(107)]).then(__webpack_require__.bind(__webpack_require__, 9107)).then((m) => {
            m.warmCluster(cfg, log);
            return m;
        })
        : undefined;
    kube?.catch(() => undefined); // a failure shows where the platform is made
    if (cfg.command !== 'build' && cfg.runtime.kind !== 'kubernetes') {
        local.warm();
        // Every host of a fleet will be asked: connect to all of them now, in parallel (an ssh handshake
        // each), while the command's code loads.
        for (const h of cfg.run.hosts)
            (0,_drivers_docker_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .engineFor */ .Ec)(h.endpoint).warm();
    }
    const docker = new _drivers_docker_client_js__WEBPACK_IMPORTED_MODULE_1__/* .Docker */ .J(local, _support_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF);
    // Only a build needs to know the commit; rollback and status work anywhere.
    const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
    const ctx = await (0,_github_context_js__WEBPACK_IMPORTED_MODULE_0__/* .readContext */ .yI)(cfg.build.context, building);
    if (cfg.command === 'build') {
        const { build, reportBuild } = await __webpack_require__.e(/* import() */ 302).then(__webpack_require__.bind(__webpack_require__, 302));
        reportBuild(await build(cfg, ctx, docker, log, report), ctx, report);
        return;
    }
    const build = async () => (await __webpack_require__.e(/* import() */ 302).then(__webpack_require__.bind(__webpack_require__, 302))).build(cfg, ctx, docker, log, report);
    // Versions are found or built on the runner's engine: the policy inspects them there.
    const checkImage = async (img) => (await __webpack_require__.e(/* import() */ 182).then(__webpack_require__.bind(__webpack_require__, 182))).policyGate(cfg.policy, docker, img.imageId, img.version, log, report);
    const [release, { DockerPlatform, localTarget }, { targetsOf }, { createRouter }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(302), __webpack_require__.e(991), __webpack_require__.e(939)]).then(__webpack_require__.bind(__webpack_require__, 4939)),
        Promise.all(/* import() */[__webpack_require__.e(302), __webpack_require__.e(120)]).then(__webpack_require__.bind(__webpack_require__, 2120)),
        __webpack_require__.e(/* import() */ 934).then(__webpack_require__.bind(__webpack_require__, 934)),
        __webpack_require__.e(/* import() */ 116).then(__webpack_require__.bind(__webpack_require__, 5116)),
    ]);
    // The platform of a config: Docker engines, or a Kubernetes namespace (its client a chunk of its own,
    // loaded only then; versions are built and found on the runner's engine, which it is given: made when
    // first asked, so a run that needs no image, a warm rollback, never opens that engine).
    const platformFor = async (c) => {
        if (c.runtime.kind !== 'kubernetes')
            return new DockerPlatform(c, targetsOf(c.run.hosts, c.run.upstreamHost), log, _support_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF);
        const { KubernetesPlatform } = await (kube ?? Promise.all(/* import() */[__webpack_require__.e(330), __webpack_require__.e(991), __webpack_require__.e(107)]).then(__webpack_require__.bind(__webpack_require__, 9107)));
        let images;
        const runner = () => (images ??= new DockerPlatform(c, [localTarget('127.0.0.1')], log, _support_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF));
        return new KubernetesPlatform(c, {
            findVersion: (v) => runner().findVersion(v),
            listVersions: (only) => runner().listVersions(only),
            removeVersions: (refs) => runner().removeVersions(refs),
        }, log);
    };
    const forConfig = async (c) => {
        const platform = await platformFor(c);
        // Pools on other engines (a fleet): the runner's own engine keeps a `home` record saying where they are.
        // A cluster keeps its own records (the workflow names it: runtime, kube-namespace, kubeconfig).
        const remote = c.runtime.kind === 'docker' && platform.targets[0].endpoint !== undefined;
        const home = remote ? new DockerPlatform(c, targetsOf([], c.run.upstreamHost), log, _support_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF) : undefined;
        return { platform, router: platform.routes ?? (await createRouter(c.router, { run: _support_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .run */ .eF, log }, c.runtime.kind === 'kubernetes' ? [] : c.run.hosts)), home };
    };
    const { platform, router, home } = await forConfig(cfg);
    // The release's events (webhooks, hooks on the runner): loaded only when the workflow asks for them.
    const { ops } = cfg;
    const wanted = ops.webhooks.length > 0 || !!(ops.hooks.postDeploy || ops.hooks.onFailure || ops.hooks.onRollback);
    const notify = wanted ? (await __webpack_require__.e(/* import() */ 377).then(__webpack_require__.bind(__webpack_require__, 7377))).createNotifier(cfg, (0,_github_context_js__WEBPACK_IMPORTED_MODULE_0__/* .runUrl */ .Vp)(ctx), log) : undefined;
    const deps = { cfg, ctx, platform, router, home, forConfig, build, checkImage, log, report, notify };
    try {
        switch (cfg.command) {
            case 'deploy':
                return await release.deploy(deps);
            case 'rollback':
                return await release.rollback(deps);
            case 'recycle':
                return await release.recycle(deps);
            case 'status':
                await release.status(deps);
                return;
            case 'promote':
                return await release.promote(deps);
            case 'abort':
                return await release.abort(deps);
            case 'maintenance':
                await release.maintenance(deps);
                return;
        }
    }
    finally {
        // Notifications still under way (each bounded by its timeout and retries) go out before the run ends.
        await notify?.flush();
    }
}


/***/ }),

/***/ 9616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W8: () => (/* binding */ pullArgv),
/* harmony export */   Wg: () => (/* binding */ loginArgv),
/* harmony export */   _f: () => (/* binding */ manifestInspectArgv),
/* harmony export */   d1: () => (/* binding */ pushArgv),
/* harmony export */   v$: () => (/* binding */ buildArgv),
/* harmony export */   vN: () => (/* binding */ tagArgv)
/* harmony export */ });
/* unused harmony export isLoopbackRegistry */
/**
 * Pure builders of docker CLI argv arrays, for what stays with the CLI: image builds (BuildKit, buildx,
 * build secrets) and registry work (login, push, pull, manifest inspect: the CLI owns the credential
 * store). Everything else goes to the Engine API (src/drivers/docker/engine.ts). Nothing here runs anything.
 */
function buildArgv(a) {
    const argv = a.buildx ? ['docker', 'buildx', 'build', '--load'] : ['docker', 'build'];
    argv.push('--iidfile', a.iidFile);
    if (a.dockerfile)
        argv.push('--file', a.dockerfile);
    if (a.target)
        argv.push('--target', a.target);
    for (const t of a.tags)
        argv.push('--tag', t);
    for (const [k, v] of Object.entries(a.labels))
        argv.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(a.buildArgs))
        argv.push('--build-arg', `${k}=${v}`);
    for (const s of a.secrets)
        argv.push('--secret', s);
    // "--" ends the options: a context can never be read as one (the input also refuses a leading "-").
    argv.push('--', a.context);
    return argv;
}
function loginArgv(server, username) {
    const argv = ['docker', 'login', '--username', username, '--password-stdin'];
    if (server)
        argv.push(server);
    return argv;
}
const pushArgv = (ref) => ['docker', 'push', ref];
const tagArgv = (source, target) => ['docker', 'tag', source, target];
function manifestInspectArgv(ref) {
    const argv = ['docker', 'manifest', 'inspect', '--verbose'];
    if (isLoopbackRegistry(ref))
        argv.push('--insecure');
    argv.push(ref);
    return argv;
}
/** Docker itself treats registries on loopback as insecure (plain HTTP); the manifest client needs to be told. */
function isLoopbackRegistry(ref) {
    const host = ref.includes('/') ? ref.split('/')[0] : '';
    return /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(host);
}
const pullArgv = (ref) => ['docker', 'pull', ref];


/***/ }),

/***/ 9881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ Docker)
/* harmony export */ });
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6894);
/* harmony import */ var _argv_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9616);
/**
 * Image operations. Inspecting goes to the Engine API; what talks to a registry (login, push, pull,
 * manifest inspect) and the buildx probe keep the docker CLI: it owns the credential store and
 * credential helpers (~/.docker/config.json, docker-credential-*), and pushing through the API would
 * mean reading those ourselves. The CLI is pointed at the same engine (DOCKER_HOST / DOCKER_CONTEXT).
 */



class Docker {
    engine;
    runner;
    constructor(engine, runner = _support_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF) {
        this.engine = engine;
        this.runner = runner;
    }
    /** The CLI, aimed at this engine. */
    exec(command, options = {}) {
        const env = this.engine.endpoint.cliEnv;
        return this.runner(command, Object.keys(env).length ? { ...options, env: { ...options.env, ...env } } : options);
    }
    async hasBuildx() {
        const r = await this.exec(['docker', 'buildx', 'version'], { allowFailure: true }).catch(() => undefined);
        return r?.exitCode === 0;
    }
    async login(server, username, password) {
        await this.exec(_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .loginArgv */ .Wg(server, username), { input: password });
    }
    /** The manifest of `ref` in its registry, or undefined when the registry has no such tag. */
    async remoteManifest(ref) {
        const r = await this.exec(_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestInspectArgv */ ._f(ref), { allowFailure: true });
        if (r.exitCode !== 0) {
            if (/no such manifest|manifest unknown|not found/i.test(r.stderr + r.stdout))
                return undefined;
            const why = (r.stderr || r.stdout).trim();
            const auth = /unauthorized|authentication required|no basic auth|denied/i.test(why);
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`Could not ask the registry about ${ref}: ${why}`, auth
                ? 'The registry wants credentials: set registry-username and registry-password (a token with push rights), or log in before this step.'
                : 'Check that the registry in "image" is right and reachable from the runner.');
        }
        const parsed = JSON.parse(r.stdout);
        const first = (Array.isArray(parsed) ? parsed[0] : parsed);
        const digest = first?.Descriptor?.digest;
        if (!digest)
            throw new Error(`The registry answered for ${ref} without a manifest digest`);
        const configDigest = Array.isArray(parsed)
            ? undefined
            : (first.SchemaV2Manifest?.config?.digest ?? first.OCIManifest?.config?.digest);
        return { digest, configDigest };
    }
    async push(ref) {
        await this.exec(_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .pushArgv */ .d1(ref), { echo: true });
    }
    async pull(ref) {
        await this.exec(_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .pullArgv */ .W8(ref), { echo: true });
    }
    async tag(source, target) {
        await this.exec(_argv_js__WEBPACK_IMPORTED_MODULE_2__/* .tagArgv */ .vN(source, target));
    }
    /** One image on the engine, or undefined when it is not there. */
    inspectImage(ref) {
        return this.engine.inspectImage(ref);
    }
}


/***/ }),

/***/ 5763:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YE: () => (/* binding */ DEFAULT_SOCKET),
/* harmony export */   sO: () => (/* binding */ resolveEndpoint)
/* harmony export */ });
/* unused harmony exports dockerConfigDir, contextDirName, parseHost */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7700);
/**
 * Which Docker engine to talk to, resolved the way the docker CLI resolves it, so `DOCKER_HOST`,
 * `DOCKER_CONTEXT`, `docker context use` and the TLS variables keep meaning what they mean for the CLI:
 *
 *   1. DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH for tcp://);
 *   2. DOCKER_CONTEXT, else the config's currentContext ($DOCKER_CONFIG/config.json, default ~/.docker);
 *      a context's endpoint and TLS files live under $DOCKER_CONFIG/contexts/;
 *   3. the local socket, unix:///var/run/docker.sock.
 *
 * Pure apart from the file reads, which come in through `FileReader` (tests pass a map).
 */



const DEFAULT_SOCKET = '/var/run/docker.sock';
/** Where the docker CLI keeps its configuration and contexts. */
function dockerConfigDir(env) {
    return env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_0__.homedir)(), '.docker');
}
/**
 * The engine a run talks to by default (no endpoint given): what `docker` would talk to in the same
 * environment. `explicit` is a fleet target's endpoint: a URL (tcp://, ssh://, unix://) or a context name.
 */
function resolveEndpoint(explicit, env, read) {
    if (explicit)
        return explicit.includes('://') ? parseHost(explicit, env, { DOCKER_HOST: explicit, DOCKER_CONTEXT: '' }) : fromContext(explicit, env, read);
    if (env.DOCKER_HOST)
        return parseHost(env.DOCKER_HOST, env, {});
    const context = env.DOCKER_CONTEXT || currentContext(env, read);
    if (context && context !== 'default')
        return fromContext(context, env, read);
    return { kind: 'unix', name: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, cliEnv: {} };
}
function currentContext(env, read) {
    const text = read((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dockerConfigDir(env), 'config.json'));
    if (!text)
        return undefined;
    try {
        return JSON.parse(text).currentContext || undefined;
    }
    catch {
        return undefined;
    }
}
/** The directory name the CLI stores a context under: the hex SHA-256 of its name. */
// node:crypto only for a context: the action's start-up loads none of it (docs/benchmarks.md).
const contextDirName = (name) => process.getBuiltinModule('node:crypto').createHash('sha256').update(name).digest('hex');
function fromContext(name, env, read) {
    const dir = dockerConfigDir(env);
    const id = contextDirName(name);
    const metaPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'contexts', 'meta', id, 'meta.json');
    const text = read(metaPath);
    if (!text)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`The Docker context "${name}" does not exist (no ${metaPath}).`, 'Create it with "docker context create", or set DOCKER_HOST instead.');
    let host;
    let skipVerify = false;
    try {
        const meta = JSON.parse(text);
        host = meta.Endpoints?.docker?.Host;
        skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
    }
    catch {
        host = undefined;
    }
    if (!host)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`The Docker context "${name}" names no Docker endpoint (${metaPath}).`);
    const tlsDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'contexts', 'tls', id, 'docker');
    const has = (f) => (read((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(tlsDir, f)) !== undefined ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(tlsDir, f) : undefined);
    const tls = has('ca.pem') || has('cert.pem') ? { ca: has('ca.pem'), cert: has('cert.pem'), key: has('key.pem'), verify: !skipVerify } : undefined;
    // A context's TLS comes from its own files, never from the DOCKER_TLS_* variables.
    return parseHost(host, {}, { DOCKER_CONTEXT: name }, tls, `${host} (context ${name})`);
}
/** Parses a DOCKER_HOST-style URL. TLS for tcp:// comes from `tls` (a context) or the CLI's variables in `env`. */
function parseHost(host, env, cliEnv, contextTls, label) {
    const bad = (why) => new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`The Docker endpoint ${JSON.stringify(host)} is not usable: ${why}.`, 'Use unix:///path/to/docker.sock, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] (in DOCKER_HOST, a context, or the target).');
    const withScheme = host.includes('://') ? host : `tcp://${host}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw bad('not a URL');
    }
    const name = label ?? withScheme.replace(/\/\/[^@/]*:[^@/]*@/, '//');
    switch (url.protocol) {
        case 'unix:': {
            const socketPath = decodeURIComponent(url.pathname) || DEFAULT_SOCKET;
            return { kind: 'unix', name, socketPath, cliEnv };
        }
        case 'tcp:':
        case 'http:':
        case 'https:': {
            if (!url.hostname)
                throw bad('no host');
            const certDir = env.DOCKER_CERT_PATH || dockerConfigDir(env);
            const verify = !!env.DOCKER_TLS_VERIFY;
            const useTls = url.protocol === 'https:' || verify || !!env.DOCKER_TLS;
            const tls = contextTls ??
                (useTls ? { ca: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(certDir, 'ca.pem'), cert: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(certDir, 'cert.pem'), key: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(certDir, 'key.pem'), verify } : undefined);
            const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
            return { kind: 'tcp', name, host: url.hostname.replace(/^\[|\]$/g, ''), port, tls, cliEnv };
        }
        case 'ssh:': {
            if (!url.hostname)
                throw bad('no host');
            const path = decodeURIComponent(url.pathname);
            return {
                kind: 'ssh',
                name,
                host: url.hostname.replace(/^\[|\]$/g, ''),
                port: url.port ? Number(url.port) : undefined,
                user: url.username ? decodeURIComponent(url.username) : undefined,
                socketPath: path && path !== '/' ? path : undefined,
                cliEnv,
            };
        }
        default:
            throw bad(`the scheme ${url.protocol.replace(/:$/, '')} is not supported here`);
    }
}


/***/ }),

/***/ 3248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec: () => (/* binding */ engineFor),
/* harmony export */   UG: () => (/* binding */ closeEngines),
/* harmony export */   Zo: () => (/* binding */ traceEngines),
/* harmony export */   zM: () => (/* binding */ isStatus)
/* harmony export */ });
/* unused harmony exports MAX_API_VERSION, MIN_API_VERSION, apiAtLeast, negotiateVersion, EngineError, EngineTimeoutError, CALL_TIMEOUT_SEC, STOP_SLACK_SEC, callTimeoutSec, callName, Engine */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7700);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6894);
/* harmony import */ var _endpoint_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5763);
/**
 * One Docker engine, spoken to through its Engine API (not by spawning the CLI): one connection per
 * engine for the whole run, the API version negotiated with the engine on the first call (as the CLI
 * does: the lower of the engine's version and the newest this client is written for).
 *
 * `engineFor(endpoint)` hands out one Engine per endpoint (undefined: the runner's own engine, as
 * DOCKER_HOST / DOCKER_CONTEXT say); a fleet asks it once per target. The transport (docker-modem, and
 * ssh2 for ssh://) is loaded on the first call, as a separate chunk of the bundle.
 *
 * Request bodies (a container's environment, secrets included) are never logged or put in messages:
 * an error names the method, the path and what the engine answered.
 */




/** The newest API version the request bodies here are written for; older engines get their own. */
const MAX_API_VERSION = '1.47';
/** Docker 19.03. */
const MIN_API_VERSION = '1.40';
const apiParts = (v) => v.split('.').map(Number);
const apiCompare = (a, b) => apiParts(a)[0] - apiParts(b)[0] || apiParts(a)[1] - apiParts(b)[1];
/** Pure: API version `v` (major.minor) is `least` or newer. */
function apiAtLeast(v, least) {
    return apiCompare(v, least) >= 0;
}
/** Pure: the version both sides speak, or undefined when the engine is older than MIN_API_VERSION. */
function negotiateVersion(engine) {
    const v = engine && /^\d+\.\d+$/.test(engine) ? (apiCompare(engine, MAX_API_VERSION) < 0 ? engine : MAX_API_VERSION) : undefined;
    return v && apiAtLeast(v, MIN_API_VERSION) ? v : undefined;
}
/** The engine answered with an error status. */
class EngineError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'EngineError';
    }
}
/** An engine call that got no answer in time (a hung engine, a dead connection that was not noticed). */
class EngineTimeoutError extends _support_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH {
    call;
    constructor(call, engine, seconds) {
        super(`The Docker engine at ${engine} did not answer ${call} within ${seconds}s: the run stops here.`, 'The engine (or the connection to it) hangs: look at dockerd on that host (its log, `docker info`, a container stuck in ' +
            'uninterruptible I/O, a full disk), then run again; the next run converges from what it finds.');
        this.call = call;
        this.name = 'EngineTimeoutError';
    }
}
/** How long one Engine API call may take (its answer read whole), unless the call says otherwise. */
const CALL_TIMEOUT_SEC = 60;
/** A stop may take its grace period (stop-timeout) and then this much more. */
const STOP_SLACK_SEC = 30;
/**
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC shortens the default call
 * timeout, so a test of a hung engine does not wait a minute. Ignored unless it is a positive number.
 */
function callTimeoutSec(env = process.env) {
    const n = Number(env['IMMUTABLE_DEPLOY_TEST_ENGINE_TIMEOUT_SEC']);
    return n > 0 ? n : CALL_TIMEOUT_SEC;
}
/** Pure: the call as an error names it: method and path, ids kept (they say which container). */
function callName(method, path) {
    return `${method} ${path}`;
}
const isStatus = (err, status) => err instanceof EngineError && err.status === status;
const ALL_STATUSES = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i + 100, true]));
/** Where each call's line goes when the run is traced (debug logging): method, path, status, milliseconds. */
let trace;
/** Trace every engine call (never a body) to `to`; undefined stops. */
function traceEngines(to) {
    trace = to;
}
const readBody = (res) => new Promise((resolve, reject) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    res.on('error', reject);
});
class Engine {
    endpoint;
    transport;
    prefix;
    /** Engine clock minus ours, from the Date header of its last answer. */
    skewMs = 0;
    constructor(endpoint) {
        this.endpoint = endpoint;
    }
    /** For people: the endpoint as written (unix:///var/run/docker.sock, ssh://deploy@web1, ...). */
    get name() {
        return this.endpoint.name;
    }
    /** The engine's clock (to about a second): leases are judged by it, so runners' clocks do not matter. */
    now() {
        return new Date(Date.now() + this.skewMs);
    }
    unreachable(err) {
        return new _support_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Could not reach the Docker engine at ${this.name}: ${(0,_support_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(err.message)}`, 'Check DOCKER_HOST / DOCKER_CONTEXT (or the target) and that dockerd runs there and lets this runner in.');
    }
    async open() {
        const current = this.transport;
        if (current) {
            const t = await current.catch(() => undefined);
            // A connection that dropped (an ssh connection closed by the host or the network) is opened again.
            if (t?.alive && !t.alive() && this.transport === current) {
                t.close();
                this.transport = undefined;
                this.reconnects++;
            }
        }
        this.transport ??= Promise.all(/* import() */[__webpack_require__.e(133), __webpack_require__.e(437)]).then(__webpack_require__.bind(__webpack_require__, 4437))
            .then((t) => t.openTransport(this.endpoint))
            .then((t) => {
            if (t.via)
                trace?.(`engine ${this.name}: reached through ${t.via}`);
            return t;
        });
        return this.transport;
    }
    /** How often the connection was opened again after it dropped (for tests and the trace). */
    reconnects = 0;
    /**
     * `read` over the answer to one request, within the call's timeout: when it passes, the request is
     * aborted and an EngineTimeoutError names the call. A GET that failed because the connection dropped is
     * sent once more over a new connection.
     */
    async exchange(method, path, r, read) {
        const seconds = r.timeoutSec ?? callTimeoutSec();
        const abort = new AbortController();
        const signal = r.signal ? AbortSignal.any([r.signal, abort.signal]) : abort.signal;
        let res;
        let timer;
        const attempt = async () => {
            res = await this.send(method, path, { ...r, signal });
            return read(res);
        };
        const work = (async () => {
            try {
                return await attempt();
            }
            catch (err) {
                if (signal.aborted || (method !== 'GET' && method !== 'HEAD') || !(await this.dropped()))
                    throw err;
                return attempt();
            }
        })();
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => {
                abort.abort();
                res?.destroy();
                reject(new EngineTimeoutError(callName(method, path), this.name, seconds));
            }, seconds * 1000);
            timer.unref?.();
        });
        work.catch(() => undefined);
        try {
            return await Promise.race([work, timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    /** True when the connection is known to have dropped (the next call opens a new one). */
    async dropped() {
        const t = await this.transport?.catch(() => undefined);
        return !!t?.alive && !t.alive();
    }
    version() {
        this.prefix ??= (async () => {
            // As the CLI does: the engine's API version from the Api-Version header of /_ping (the cheapest
            // call there is: /version gathers host facts), /version only for an engine that sends no header.
            const ping = await this.send('HEAD', '/_ping', { unversioned: true });
            ping.resume();
            let api = ping.headers['api-version'];
            let release;
            if (!api)
                ({ ApiVersion: api, Version: release } = await this.json('GET', '/version', { unversioned: true }));
            const agreed = negotiateVersion(api);
            if (!agreed)
                throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`The Docker engine at ${this.name} is too old (${release ? `Docker ${release}, ` : ''}API ${api ?? '?'}); this action needs API ${MIN_API_VERSION} or newer.`, 'Upgrade Docker on that host (19.03 or newer).');
            return `/v${agreed}`;
        })();
        // A failed negotiation is asked again by the next call (the engine may have been starting).
        this.prefix.catch(() => (this.prefix = undefined));
        return this.prefix;
    }
    /**
     * Opens the connection and agrees on the API version now, without waiting: the first real call then
     * finds both done (start-up loads the release code meanwhile). A failure shows at that call.
     */
    warm() {
        this.version().catch(() => undefined);
    }
    /** Sends one request; resolves with the response stream, whatever its status. */
    async send(method, path, r = {}) {
        let transport;
        try {
            transport = await this.open();
        }
        catch (err) {
            this.transport = undefined;
            throw err instanceof _support_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH ? err : this.unreachable(err);
        }
        const prefix = r.unversioned ? '' : await this.version();
        const started = trace && performance.now();
        const query = Object.fromEntries(Object.entries(r.query ?? {}).filter(([, v]) => v !== undefined));
        const res = await new Promise((resolve, reject) => (r.stream ? transport.streams : transport.modem).dial({
            path: `${prefix}${path}?`,
            method,
            // docker-modem builds the query string (JSON for filters) and the JSON body; `{}` means no body.
            options: { _query: query, _body: r.body ?? {} },
            ...(r.tar ? { file: r.tar } : {}),
            ...(r.signal ? { abortSignal: r.signal } : {}),
            isStream: true,
            statusCodes: ALL_STATUSES,
        }, (err, result) => (err ? reject(r.signal?.aborted ? err : this.unreachable(err)) : resolve(result))));
        const date = res.headers.date ? Date.parse(res.headers.date) : NaN;
        // The Date header has whole seconds: the engine's clock is half a second past it on average.
        if (!Number.isNaN(date))
            this.skewMs = date + 500 - Date.now();
        if (trace && started !== undefined) {
            const line = `engine ${this.name}: ${method} ${prefix}${path} -> ${res.statusCode} in ${(performance.now() - started).toFixed(1)} ms`;
            const t = trace;
            // A stream (logs, events) is done when it ends; a plain answer when its body is read (json()).
            res.once('end', () => t(`${line} (body ${(performance.now() - started).toFixed(1)} ms)`));
        }
        return res;
    }
    /** One request whose answer is JSON (or empty); a status of 400 or more throws an EngineError. */
    async json(method, path, r = {}) {
        const { res, text } = await this.exchange(method, path, r, async (res) => ({ res, text: await readBody(res) }));
        const status = res.statusCode ?? 0;
        if (status >= 400) {
            let message = text.trim();
            try {
                message = JSON.parse(text).message ?? message;
            }
            catch {
                // not JSON: the text as it is
            }
            throw new EngineError(status, (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(`${method} ${path} on ${this.name}: ${message || `HTTP ${status}`}`));
        }
        return (text ? JSON.parse(text) : undefined);
    }
    /** Like json(), but a 404 is undefined. */
    async found(method, path, r = {}) {
        try {
            return await this.json(method, path, r);
        }
        catch (err) {
            if (isStatus(err, 404))
                return undefined;
            throw err;
        }
    }
    close() {
        const t = this.transport;
        this.transport = undefined;
        this.prefix = undefined;
        void t?.then((x) => x.close()).catch(() => undefined);
    }
    // ---- containers
    listContainers(filters) {
        return this.json('GET', '/containers/json', { query: { all: true, filters } });
    }
    inspectContainer(id) {
        return this.found('GET', `/containers/${encodeURIComponent(id)}/json`);
    }
    async createContainer(name, body) {
        return (await this.json('POST', '/containers/create', { query: { name }, body })).Id;
    }
    async startContainer(id) {
        await this.json('POST', `/containers/${encodeURIComponent(id)}/start`);
    }
    /** SIGTERM, then SIGKILL after `seconds`. A container already stopped or gone is fine. */
    async stopContainer(id, seconds) {
        await this.found('POST', `/containers/${encodeURIComponent(id)}/stop`, { query: { t: seconds }, timeoutSec: seconds + STOP_SLACK_SEC });
    }
    /** Force-removes a container and its anonymous volumes; a container already gone is fine. */
    async removeContainer(id) {
        try {
            await this.json('DELETE', `/containers/${encodeURIComponent(id)}`, { query: { force: true, v: true } });
        }
        catch (err) {
            if (isStatus(err, 404))
                return;
            if (!isStatus(err, 409))
                throw err;
            // Another call is removing it (a cancelled run's cleanup beside its failure path): it is gone only
            // when that removal ends, so wait for it, as `docker rm` does.
            await this.found('POST', `/containers/${encodeURIComponent(id)}/wait`, { query: { condition: 'removed' } }).catch(() => undefined);
        }
    }
    /** Waits until the container stops (at most `timeoutSec`) and answers its exit code. */
    async waitContainer(id, timeoutSec) {
        const r = await this.json('POST', `/containers/${encodeURIComponent(id)}/wait`, { timeoutSec });
        return r.StatusCode;
    }
    /** SIGKILL at once (a container already stopped or gone is fine). */
    async killContainer(id) {
        try {
            await this.json('POST', `/containers/${encodeURIComponent(id)}/kill`);
        }
        catch (err) {
            if (!isStatus(err, 404) && !isStatus(err, 409))
                throw err;
        }
    }
    async updateContainer(id, body) {
        await this.json('POST', `/containers/${encodeURIComponent(id)}/update`, { body });
    }
    async renameContainer(id, name) {
        await this.json('POST', `/containers/${encodeURIComponent(id)}/rename`, { query: { name } });
    }
    /** The last `tail` lines of a container's output, stdout and stderr interleaved as written. */
    logs(id, tail) {
        return this.exchange('GET', `/containers/${encodeURIComponent(id)}/logs`, { query: { stdout: true, stderr: true, tail } }, (res) => this.readLogs(res));
    }
    /**
     * A container's output as it comes (stdout and stderr interleaved, redacted per chunk by the caller's
     * line buffer), from its start until it stops or `signal` aborts. Resolves when the stream ends.
     */
    async followLogs(id, write, signal) {
        let res;
        try {
            res = await this.send('GET', `/containers/${encodeURIComponent(id)}/logs`, { query: { stdout: true, stderr: true, follow: true }, signal, stream: true });
        }
        catch (err) {
            if (signal.aborted)
                return;
            throw err;
        }
        if ((res.statusCode ?? 0) >= 400)
            throw new EngineError(res.statusCode ?? 0, `GET /containers/${id}/logs on ${this.name}: ${(await readBody(res)).trim()}`);
        const transport = await this.open();
        const { Writable } = process.getBuiltinModule('node:stream');
        const sink = new Writable({
            write(chunk, _enc, done) {
                write(chunk);
                done();
            },
        });
        await new Promise((resolve) => {
            const onAbort = () => {
                res.destroy();
                resolve();
            };
            signal.addEventListener('abort', onAbort, { once: true });
            transport.modem.demuxStream(res, sink, sink);
            res.on('end', resolve);
            res.on('close', resolve);
            res.on('error', () => resolve());
        });
    }
    async readLogs(res) {
        if ((res.statusCode ?? 0) >= 400)
            return (await readBody(res)).trim();
        const transport = await this.open();
        const chunks = [];
        // node:stream only when logs are read: not at the action's start-up.
        const { Writable } = process.getBuiltinModule('node:stream');
        const sink = new Writable({
            write(chunk, _enc, done) {
                chunks.push(chunk);
                done();
            },
        });
        await new Promise((resolve, reject) => {
            // Without a TTY the engine multiplexes stdout and stderr in frames; docker-modem takes them apart.
            transport.modem.demuxStream(res, sink, sink);
            res.on('end', resolve);
            res.on('error', reject);
        });
        return (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(Buffer.concat(chunks).toString());
    }
    /**
     * Resolves with the first engine event that matches `filters` since `since` (engine time; events
     * from then on are replayed, so none is missed between a check and this wait), or undefined when
     * `signal` aborts first.
     */
    async nextEvent(filters, since, signal, accept = () => true) {
        if (signal.aborted)
            return undefined;
        let res;
        try {
            res = await this.send('GET', '/events', { query: { since: Math.floor(since.getTime() / 1000), filters }, signal, stream: true });
        }
        catch (err) {
            if (signal.aborted)
                return undefined;
            throw err;
        }
        if ((res.statusCode ?? 0) >= 400)
            throw new EngineError(res.statusCode ?? 0, `GET /events on ${this.name}: ${await readBody(res)}`);
        return new Promise((resolve, reject) => {
            let buffer = '';
            const done = (e) => {
                signal.removeEventListener('abort', onAbort);
                res.destroy();
                resolve(e);
            };
            const onAbort = () => done(undefined);
            signal.addEventListener('abort', onAbort);
            res.on('data', (c) => {
                buffer += c.toString();
                const lines = buffer.split('\n');
                buffer = lines.pop();
                for (const line of lines) {
                    const e = line.trim() ? JSON.parse(line) : undefined;
                    if (e && accept(e))
                        return done(e);
                }
            });
            res.on('error', (err) => (signal.aborted ? done(undefined) : reject(err)));
            res.on('end', () => done(undefined));
        });
    }
    // ---- volumes (flip records and the deploy lock are labelled volumes: created atomically, listed by label, no image held)
    /** Creates a volume, or answers with the one of that name that exists (its labels as they were). */
    createVolume(name, labels) {
        return this.json('POST', '/volumes/create', { body: { Name: name, Labels: labels } });
    }
    /** One volume, or undefined when there is none of that name. */
    inspectVolume(name) {
        return this.found('GET', `/volumes/${encodeURIComponent(name)}`);
    }
    async listVolumes(filters) {
        return (await this.json('GET', '/volumes', { query: { filters } })).Volumes ?? [];
    }
    /** A volume already gone is fine. */
    async removeVolume(name) {
        await this.found('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: true } });
    }
    /** Removes the unused volumes that match `filters` (named ones too) in one call of the engine's own. */
    async pruneVolumes(filters) {
        // From API 1.42 a prune spares named volumes unless asked with all=true; 1.41 and older know no such filter.
        const all = apiAtLeast((await this.version()).slice(2), '1.42') ? { all: ['true'] } : {};
        await this.json('POST', '/volumes/prune', { query: { filters: { ...filters, ...all } } });
    }
    // ---- images
    inspectImage(ref) {
        return this.found('GET', `/images/${encodeURIComponent(ref)}/json`);
    }
    listImages(filters) {
        return this.json('GET', '/images/json', { query: { filters } });
    }
    /** Removes one tag (the image goes with its last tag). False when the engine refuses (in use). */
    async removeImage(ref) {
        try {
            await this.json('DELETE', `/images/${encodeURIComponent(ref)}`);
            return true;
        }
        catch (err) {
            if (err instanceof EngineError)
                return false;
            throw err;
        }
    }
}
const engines = new Map();
const readText = (p) => {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
};
/**
 * The Engine for an endpoint (a URL or a context name; undefined: the runner's own engine, from
 * DOCKER_HOST / DOCKER_CONTEXT), one per endpoint for the whole run.
 */
function engineFor(endpoint) {
    const key = endpoint ?? '';
    let e = engines.get(key);
    if (!e) {
        e = new Engine((0,_endpoint_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveEndpoint */ .sO)(endpoint, process.env, readText));
        engines.set(key, e);
    }
    return e;
}
/** Closes every engine's connection (at the end of the run, so nothing keeps the process alive). */
function closeEngines() {
    for (const e of engines.values())
        e.close();
    engines.clear();
}


/***/ }),

/***/ 6158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   closeSshConnections: () => (/* binding */ closeSshConnections),
/* harmony export */   openRemoteSocket: () => (/* binding */ openRemoteSocket),
/* harmony export */   parseSshUrl: () => (/* binding */ parseSshUrl),
/* harmony export */   sshConnectionTo: () => (/* binding */ sshConnectionTo)
/* harmony export */ });
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7211);


/** Pure: ssh://[user@]host[:port][/path] as a target, and the path when it names one (else undefined). */
function parseSshUrl(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        u = new URL('invalid://');
    }
    if (u.protocol !== 'ssh:' || !u.hostname)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${JSON.stringify(url)} is not an ssh URL.`, 'Write it as ssh://[user@]host[:port], for example ssh://deploy@web1.');
    const path = decodeURIComponent(u.pathname);
    return {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port ? Number(u.port) : undefined,
        user: u.username ? decodeURIComponent(u.username) : undefined,
        name: url.replace(/\/\/[^@/]*:[^@/]*@/, '//'),
        path: path && path !== '/' ? path : undefined,
    };
}
let loaded;
const load = async () => (loaded ??= await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(923)]).then(__webpack_require__.bind(__webpack_require__, 5923)));
/** The run's (shared) connection to the host of `target`, opened now if it is not yet. */
async function sshConnectionTo(target) {
    return (await load()).sshConnection(target);
}
/**
 * A stream to the unix socket `socketPath` on the host `target` names (an ssh URL or a target), over the
 * run's connection to that host. Use it where a local socket would be used (net.createConnection): it
 * has the socket methods an http.Agent or a line protocol needs.
 */
async function openRemoteSocket(target, socketPath) {
    const t = typeof target === 'string' ? parseSshUrl(target) : target;
    const c = await sshConnectionTo(t);
    const { socketLike } = await load();
    try {
        return socketLike(await c.forward(socketPath));
    }
    catch (err) {
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${t.name}: the ssh server did not forward to ${socketPath}: ${err.message}`, `Check that ${socketPath} exists on that host and that its sshd allows it (sshd_config: AllowStreamLocalForwarding yes, the default).`);
    }
}
/** Closes every ssh connection of the run (nothing to do when none was opened). */
function closeSshConnections() {
    (0,_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .closeAllConnections */ .P)();
}


/***/ }),

/***/ 7211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ registerConnection),
/* harmony export */   P: () => (/* binding */ closeAllConnections)
/* harmony export */ });
/**
 * The run's open ssh connections, known without loading ssh2: ./connection.ts (a lazy chunk) registers
 * each connection's closer here, so the end of a run closes them whoever opened them.
 */
const closers = new Set();
/** Registers `close`; the returned function unregisters it (the connection closed on its own). */
function registerConnection(close) {
    closers.add(close);
    return () => closers.delete(close);
}
/** Closes every ssh connection of the run (nothing to do when none was opened). */
function closeAllConnections() {
    const all = [...closers];
    closers.clear();
    for (const close of all)
        close();
}


/***/ }),

/***/ 2309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yI: () => (/* binding */ readContext),
  Vp: () => (/* binding */ runUrl)
});

// UNUSED EXPORTS: contextFromEnv, provenanceWarning, readPayload

// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/context.js
var context = __webpack_require__(7157);
;// CONCATENATED MODULE: ./src/github/event.ts
/**
 * The event context through @actions/github's Context class (GITHUB_EVENT_PATH's payload, read as the
 * toolkit reads it), imported from its own file: the package's exports map lists only its root, and the
 * root also loads the API client and @actions/http-client with undici (1.1 MB) on every run, where the context
 * needs 2 KB. The API client is src/github/client.ts (a lazily loaded chunk).
 */

/** The event payload of this run (empty outside Actions). */
function eventPayload() {
    return new context/* Context */.o().payload;
}

;// CONCATENATED MODULE: ./src/github/context.ts
/**
 * Where the run comes from: the commit the workflow checked out, the ref, the run URL.
 * On GitHub it is read from the runner's environment and event payload; outside Actions
 * from the local git repository.
 */


/** The event payload, read by @actions/github's Context; only on Actions (GITHUB_EVENT_PATH set). */
function readPayload(env) {
    if (!env.GITHUB_EVENT_PATH)
        return {};
    try {
        return eventPayload();
    }
    catch (e) {
        throw new Error(`Could not read the event payload ${env.GITHUB_EVENT_PATH}: ${e.message}`, { cause: e });
    }
}
/** Pure: the context from the runner's environment and the event payload. */
function contextFromEnv(env, payload) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const pr = payload.pull_request;
    const wr = payload.workflow_run;
    let sha = env.GITHUB_SHA ?? '';
    let headRef;
    if (pr && /^pull_request/.test(eventName)) {
        sha = pr.head?.sha ?? sha;
        headRef = pr.head?.ref ?? env.GITHUB_HEAD_REF;
    }
    else if (wr && eventName === 'workflow_run') {
        sha = wr.head_sha ?? sha;
    }
    const repo = payload.repository ?? {};
    const text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
    const spdx = text(repo.license?.spdx_id);
    return {
        sha,
        eventSha: sha,
        ref: eventName === 'workflow_run' && wr?.head_branch ? `refs/heads/${wr.head_branch}` : (env.GITHUB_REF ?? ''),
        eventName,
        serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
        repository: env.GITHUB_REPOSITORY ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        actor: env.GITHUB_ACTOR ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        prNumber: typeof pr?.number === 'number' ? pr.number : typeof payload.number === 'number' ? payload.number : undefined,
        headRef,
        baseRef: text(pr?.base?.ref) ?? text(payload.base_ref)?.replace(/^refs\/heads\//, ''),
        defaultBranch: text(repo.default_branch),
        description: text(repo.description),
        license: spdx !== 'NOASSERTION' ? spdx : undefined,
        homepage: text(repo.homepage),
    };
}
function runUrl(ctx) {
    return ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}
/**
 * The context of this run: the runner's when on Actions, else the local git repository's in `dir`.
 * When building, the commit is HEAD of the checked-out tree in `dir`, whatever the event says: the labels
 * and the sha- version name the content that was built. If that differs from the event's commit (the
 * default actions/checkout of a pull_request checks out the merge commit, of a workflow_run the default
 * branch), provenanceWarning says so.
 */
async function readContext(dir, requireCommit, env = process.env) {
    const ctx = contextFromEnv(env, readPayload(env));
    const actor = ctx.actor || env.USER || '';
    // Without a build, the commit is only history: no git calls for it.
    if (!requireCommit)
        return { ...ctx, actor };
    const git = async (...args) => (await (0,exec/* run */.eF)(['git', '-C', dir, ...args], { allowFailure: true }).catch(() => ({ stdout: '' }))).stdout.trim();
    const head = await git('rev-parse', '--verify', '-q', 'HEAD^{commit}');
    const ref = ctx.ref || (await git('symbolic-ref', '-q', 'HEAD'));
    if (/^[0-9a-f]{40}$/.test(head)) {
        return { ...ctx, sha: head, ref, actor, provenanceWarning: provenanceWarning(head, ctx) };
    }
    if (!/^[0-9a-f]{40}$/.test(ctx.eventSha)) {
        throw new Error(`Could not tell which commit to build: "git rev-parse HEAD" in ${dir} gave no commit and GITHUB_SHA is not set. ` +
            'Run inside a git checkout (actions/checkout) or set the "version" input.');
    }
    return {
        ...ctx,
        ref,
        actor,
        provenanceWarning: `The build context ${dir} is not a git checkout, so the commit it holds cannot be read: the image is labelled with ` +
            `the event's commit ${ctx.eventSha.slice(0, 12)}, unchecked. Check out the repository (actions/checkout) before this step.`,
    };
}
/** Pure: the warning when the checked-out commit is not the one the event names. */
function provenanceWarning(head, ctx) {
    if (!ctx.eventSha || ctx.eventSha === head)
        return undefined;
    const what = /^pull_request/.test(ctx.eventName)
        ? 'the pull request head'
        : ctx.eventName === 'workflow_run'
            ? "the triggering run's head_sha"
            : 'GITHUB_SHA';
    const fix = /^pull_request/.test(ctx.eventName)
        ? 'ref: ${{ github.event.pull_request.head.sha }}'
        : ctx.eventName === 'workflow_run'
            ? 'ref: ${{ github.event.workflow_run.head_sha }}'
            : 'ref: ${{ github.sha }}';
    return (`The checked-out commit ${head.slice(0, 12)} is not ${what} (${ctx.eventSha.slice(0, 12)}) of this ${ctx.eventName || 'run'} event. ` +
        `The image is labelled with ${head.slice(0, 12)}, the commit that was built. To ship ${ctx.eventSha.slice(0, 12)}, ` +
        `check it out: actions/checkout with "${fix}".`);
}


/***/ }),

/***/ 7157:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ Context)
/* harmony export */ });
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9896);
/* harmony import */ var os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(857);


class Context {
    /**
     * Hydrate the context from the environment
     */
    constructor() {
        var _a, _b, _c;
        this.payload = {};
        if (process.env.GITHUB_EVENT_PATH) {
            if ((0,fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(process.env.GITHUB_EVENT_PATH)) {
                this.payload = JSON.parse((0,fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(process.env.GITHUB_EVENT_PATH, { encoding: 'utf8' }));
            }
            else {
                const path = process.env.GITHUB_EVENT_PATH;
                process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist${os__WEBPACK_IMPORTED_MODULE_1__.EOL}`);
            }
        }
        this.eventName = process.env.GITHUB_EVENT_NAME;
        this.sha = process.env.GITHUB_SHA;
        this.ref = process.env.GITHUB_REF;
        this.workflow = process.env.GITHUB_WORKFLOW;
        this.action = process.env.GITHUB_ACTION;
        this.actor = process.env.GITHUB_ACTOR;
        this.job = process.env.GITHUB_JOB;
        this.runAttempt = parseInt(process.env.GITHUB_RUN_ATTEMPT, 10);
        this.runNumber = parseInt(process.env.GITHUB_RUN_NUMBER, 10);
        this.runId = parseInt(process.env.GITHUB_RUN_ID, 10);
        this.apiUrl = (_a = process.env.GITHUB_API_URL) !== null && _a !== void 0 ? _a : `https://api.github.com`;
        this.serverUrl = (_b = process.env.GITHUB_SERVER_URL) !== null && _b !== void 0 ? _b : `https://github.com`;
        this.graphqlUrl =
            (_c = process.env.GITHUB_GRAPHQL_URL) !== null && _c !== void 0 ? _c : `https://api.github.com/graphql`;
    }
    get issue() {
        const payload = this.payload;
        return Object.assign(Object.assign({}, this.repo), { number: (payload.issue || payload.pull_request || payload).number });
    }
    get repo() {
        if (process.env.GITHUB_REPOSITORY) {
            const [owner, repo] = process.env.GITHUB_REPOSITORY.split('/');
            return { owner, repo };
        }
        if (this.payload.repository) {
            return {
                owner: this.payload.repository.owner.login,
                repo: this.payload.repository.name
            };
        }
        throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
    }
}
//# sourceMappingURL=context.js.map

/***/ })

};

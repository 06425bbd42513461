export const id = 972;
export const ids = [972];
export const modules = {

/***/ 4146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ poolAddresses),
/* harmony export */   M0: () => (/* binding */ formatAddress),
/* harmony export */   W_: () => (/* binding */ poolRef),
/* harmony export */   Xq: () => (/* binding */ instanceUrl),
/* harmony export */   xU: () => (/* binding */ sameAddress)
/* harmony export */ });
/**
 * The core model (docs/architecture.md "The model"). From one container on one engine to pools on many
 * targets, without a second code path:
 *
 *   Version   an image digest, its commit metadata, and the run specification it is started with.
 *   Target    where instances run: a Docker engine (local, tcp://, ssh://); a fleet is a list of them
 *             (a Kubernetes namespace would be one too). Platform-neutral: `name` for people, `endpoint`
 *             for the platform, `address` for the balancer.
 *   Instance  one running copy of a version on one target, with the address the balancer reaches it on
 *             (that address never changes for the instance's life).
 *   Pool      the instances of one version started together (one launch, across all targets).
 *   Router    what the balancer serves: current() -> the routed addresses and their weights;
 *             shift(routing) applies, reads back, confirms, restores on failure (src/routers/types.ts).
 *   Platform  launches, lists, verifies and retires instances on targets, moves images there, holds the
 *             lock (src/platforms/types.ts). Release orchestration (src/release/) sees only Platform and
 *             Router: docker argv, kubectl-like calls and balancer protocols live behind them.
 *
 * Blue-green is the one-step shift: the new pool at weight 100 (the old one implied at 0).
 */
/** A pool as a record names it. Pure. */
const poolRef = (p) => ({ pool: p.id, version: p.version });
function formatAddress(a) {
    return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}
function sameAddress(a, b) {
    return !!a && !!b && a.host === b.host && a.port === b.port;
}
function instanceUrl(i) {
    return i.address ? `http://${formatAddress(i.address)}` : '';
}
/** The addresses of a pool's instances (those published), in a stable order. */
function poolAddresses(p) {
    return p.instances.flatMap((i) => (i.address ? [i.address] : []));
}


/***/ }),

/***/ 6719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ parseTargetText)
/* harmony export */ });
/**
 * Parse `host:port`, `[ipv6]:port` or `http://host:port/` into an Address.
 * Returns undefined for empty text; throws an Error naming the text when it is not an address.
 */
function parseTargetText(text, what) {
    const s = text.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
    if (s === '')
        return undefined;
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port < 1 || port > 65535) {
        throw new Error(`${what} is ${JSON.stringify(text.trim())}, which is not an address: expected host:port (such as 127.0.0.1:49153 or [::1]:49153).`);
    }
    return { host: (m[1] ?? m[2]), port };
}


/***/ }),

/***/ 3451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ readOptional),
/* harmony export */   v: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var _support_ids_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9277);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/** Reading and atomically replacing small files the routers own. */



/** The file's text, or undefined when it does not exist. */
async function readOptional(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** Write a temp file in the same directory, then rename it over the target (readers see old or new, never half). */
async function writeAtomic(path, text) {
    const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)}.${process.pid}.${(0,_support_ids_js__WEBPACK_IMPORTED_MODULE_2__/* .randomHex */ .n)(4)}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(tmp, text, { mode: 0o644 });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(tmp, path);
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.unlink)(tmp).catch(() => undefined);
        throw new Error(`Could not write ${path}: ${e.message}. The runner needs write access to that directory.`, {
            cause: e,
        });
    }
}


/***/ }),

/***/ 8972:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NjsRouter: () => (/* binding */ NjsRouter)
});

// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/core/sticky.ts
var sticky = __webpack_require__(3476);
// EXTERNAL MODULE: ./src/routers/nginx/atomic-file.ts
var atomic_file = __webpack_require__(3451);
// EXTERNAL MODULE: ./src/routers/command/target-text.ts
var target_text = __webpack_require__(6719);
;// CONCATENATED MODULE: ./src/routers/nginx/routes.ts
/**
 * The routes file of the nginx njs mode (nginx-routes-file): JSON that share/nginx/immutable-deploy.js
 * reads on every request, so a switch or a weight change needs no reload. Render and parse. Pure.
 *   {"pools":[{"version":"v1","weight":90,"servers":["127.0.0.1:49153"]}, ...],
 *    "preview":{"header":"X-Preview","version":"v2","servers":["127.0.0.1:49160"]},   (testers first, optional)
 *    "sticky":{"kind":"cookie","name":"user"},                                          (sticky users, optional)
 *    "maintenance":{"page":"<html>..","allow":["10.0.0.0/8"],"headers":["x-preview"],"retryAfter":120}}  (optional)
 * The pools are listed as the routing gives them (a canary step: the stable pool first, the new one last), which
 * the script's sticky hash relies on: the last pool grows downwards from the top of [0, 1).
 */


function parseServer(text) {
    const a = (0,target_text/* parseTargetText */.m)(text, `server ${JSON.stringify(text)}`);
    if (!a)
        throw new Error('an empty server');
    return a;
}
/**
 * Groups at weight 0 are left out (the script skips them anyway); an empty list routes nowhere (502). A preview
 * without addresses is left out (the route is empty).
 */
function renderRoutes(groups, extras = {}) {
    const { preview, sticky, maintenance } = extras;
    const file = {
        ...(maintenance ? { maintenance } : {}),
        managedBy: 'immutable-deploy: rewritten on every switch; edits are lost',
        pools: groups
            .filter((g) => g.weight > 0 && g.addresses.length > 0)
            .map((g) => ({ ...(g.version ? { version: g.version } : {}), weight: g.weight, servers: g.addresses.map(model/* formatAddress */.M0) })),
        ...(preview && preview.addresses.length > 0
            ? { preview: { header: preview.header, ...(preview.version ? { version: preview.version } : {}), servers: preview.addresses.map(model/* formatAddress */.M0) } }
            : {}),
        ...(sticky ? { sticky } : {}),
    };
    return JSON.stringify(file) + '\n';
}
/** The preview route and the sticky setting of a routes file (none for an empty file). Throws as parseRoutes does. */
function parseExtras(text) {
    if (text.trim() === '')
        return {};
    const data = parseFile(text);
    const p = data.preview;
    const preview = p && typeof p.header === 'string' && Array.isArray(p.servers) && p.servers.length > 0
        ? { header: p.header, addresses: p.servers.map(parseServer), ...(p.version ? { version: p.version } : {}) }
        : undefined;
    const m = data.maintenance;
    const maintenance = m && typeof m.page === 'string'
        ? { page: m.page, allow: Array.isArray(m.allow) ? m.allow.map(String) : [], headers: Array.isArray(m.headers) ? m.headers.map(String) : [], retryAfter: Number(m.retryAfter) || 0 }
        : undefined;
    return { ...(preview ? { preview } : {}), ...(data.sticky ? { sticky: data.sticky } : {}), ...(maintenance ? { maintenance } : {}) };
}
function parseFile(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (e) {
        throw new Error(`not JSON: ${e.message}`, { cause: e });
    }
    if (!data || !Array.isArray(data.pools))
        throw new Error('no "pools" list');
    return data;
}
/** The groups in a routes file; [] for an empty file or one without pools. Throws when it is not such a file. */
function parseRoutes(text) {
    if (text.trim() === '')
        return [];
    return parseFile(text).pools
        .filter((p) => p && Number(p.weight) > 0 && Array.isArray(p.servers) && p.servers.length > 0)
        .map((p) => ({ addresses: p.servers.map(parseServer), weight: Number(p.weight), ...(p.version ? { version: p.version } : {}) }));
}

;// CONCATENATED MODULE: ./src/routers/nginx/njs.ts



class NjsRouter {
    deps;
    kind = 'nginx';
    weighted = true;
    file;
    /** Sticky users (stick()): written with every shift. */
    sticky;
    constructor(cfg, deps) {
        this.deps = deps;
        this.file = cfg.routesFile ?? '';
    }
    describe() {
        return `nginx routes file ${this.file} (njs, no reload)`;
    }
    /** The groups nginx routes to now; [] when the file is missing, empty, or routes nowhere. */
    async groups() {
        const text = await (0,atomic_file/* readOptional */.T)(this.file);
        if (text === undefined)
            return [];
        try {
            return parseRoutes(text);
        }
        catch (e) {
            throw new Error(`Could not read the routes from ${this.file}: ${e.message}. The file is owned by the action ` +
                `(nginx-routes-file): let it write the routes there; remove the file to start from "nothing live".`, { cause: e });
        }
    }
    /** The routed groups, as the routes file holds them (with their weights and versions). */
    async current() {
        return (await this.groups()).filter((g) => g.weight > 0 && g.addresses.length > 0);
    }
    /** Route new requests by `to` (weights relative; groups at 0 get none). Written atomically, then read back. */
    async shift(to) {
        const live = to.filter((g) => g.weight > 0 && g.addresses.length > 0);
        if (live.length === 0)
            throw new Error(`The nginx router was asked to route nowhere (${this.file} is unchanged).`);
        for (const g of live)
            this.checkHosts(g.addresses);
        // The preview route (testers first) stays as it is.
        // The preview route (testers first) and maintenance mode stay as they are.
        const { preview, maintenance } = await this.extras();
        await this.write(renderRoutes(live, { preview, sticky: this.sticky, maintenance }));
        const shares = live.map((g) => `${g.weight}% to ${g.addresses.map(model/* formatAddress */.M0).join(', ')}${g.version ? ` (${g.version})` : ''}`);
        this.deps.log.info(`nginx (njs) now routes ${shares.join('; ')}${this.sticky && live.length > 1 ? `, each client by ${(0,sticky/* describeSticky */.L_)(this.sticky)}` : ''}.`);
    }
    /** Testers first: the preview route in the routes file (the shipped script sends requests with the header there). */
    async preview(route) {
        this.checkHosts(route.addresses);
        const [groups, { sticky, maintenance }] = await Promise.all([this.groups(), this.extras()]);
        await this.write(renderRoutes(groups, { preview: route, sticky, maintenance }));
    }
    /** The routes file's preview route (its header, servers and version); empty when the file has none. */
    async readPreview() {
        const p = (await this.extras()).preview;
        return p ? { header: p.header, addresses: p.addresses, version: p.version } : { addresses: [] };
    }
    /** Sticky users: the script hashes the value against the weights (monotone: see share/nginx/immutable-deploy.js). */
    stick(how) {
        this.sticky = how;
        return Promise.resolve();
    }
    /** Maintenance on or off: the same pools and preview, with or without the maintenance entry; one atomic write, read back. */
    async maintenance(m) {
        const [groups, extras] = await Promise.all([this.groups(), this.extras()]);
        const maintenance = m ? { page: m.page, allow: m.allow.cidrs, headers: m.allow.headers, retryAfter: m.retryAfterSec } : undefined;
        await this.write(renderRoutes(groups, { ...extras, maintenance }));
        this.deps.log.info(`nginx (njs) ${this.file}: maintenance ${m ? 'on' : 'off'}.`);
    }
    async readMaintenance() {
        const m = (await this.extras()).maintenance;
        return { on: !!m, cidrs: m?.allow };
    }
    async extras() {
        const text = await (0,atomic_file/* readOptional */.T)(this.file);
        try {
            return text === undefined ? {} : parseExtras(text);
        }
        catch (e) {
            throw new Error(`Could not read the routes from ${this.file}: ${e.message}. Remove the file to start from "nothing live".`, { cause: e });
        }
    }
    checkHosts(addresses) {
        for (const a of addresses)
            if (!/^[\d.]+$|:/.test(a.host))
                throw new Error(`nginx resolves a variable proxy_pass address only with a \`resolver\`; the target host is ${JSON.stringify(a.host)}. ` +
                    `Set upstream-host to an IP address (such as 127.0.0.1).`);
    }
    /** Written atomically, then read back. */
    async write(text) {
        await (0,atomic_file/* writeAtomic */.v)(this.file, text);
        const back = await (0,atomic_file/* readOptional */.T)(this.file);
        if (back !== text)
            throw new Error(`${this.file} does not hold what the action just wrote: another process is writing it. Make sure only the action does.`);
    }
}


/***/ }),

/***/ 9277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ randomHex)
/* harmony export */ });
/**
 * Random suffixes that keep names apart: records, instances, one-off containers, lock tokens, intent and
 * pause ids, temp files. They must be unique, not secret: every one of them is readable by whoever can read
 * the engine or the cluster, and none authorises anything.
 *
 * Math.random, not node:crypto: loading node:crypto is ~8 ms of CPU in a run that otherwise never needs it,
 * about 5% of a warm rollback (docs/benchmarks.md, issue 22). V8 seeds Math.random per process from the
 * operating system's entropy (Node gives V8 OpenSSL's CSPRNG as its entropy source), so two runs started at
 * the same moment draw independent values; 6 bytes make a collision between two runs of one app about 1 in
 * 2^48. What needs real randomness or a digest (hashed known_hosts entries, content hashes) keeps node:crypto.
 */
function randomHex(bytes) {
    let hex = '';
    for (let i = 0; i < bytes; i++)
        hex += Math.floor(Math.random() * 256).toString(16).padStart(2, '0');
    return hex;
}


/***/ })

};

export const id = 212;
export const ids = [212];
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

/***/ 3441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EZ: () => (/* binding */ served),
/* harmony export */   YN: () => (/* binding */ formatRouting),
/* harmony export */   _k: () => (/* binding */ singleGroup),
/* harmony export */   jT: () => (/* binding */ allTo)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4146);
/** What a balancer serves, in the core model's terms: groups of addresses and their weights. Pure. */

/** Blue-green: everything to `addresses`. */
function allTo(addresses, version) {
    return [{ addresses, weight: 100, version }];
}
/** Every address that receives traffic (weight > 0), in order. */
function served(r) {
    return r.filter((g) => g.weight > 0).flatMap((g) => g.addresses);
}
function formatRouting(r) {
    const groups = r.filter((g) => g.weight > 0);
    if (groups.length === 0)
        return 'nothing';
    const list = (g) => g.addresses.map(_model_js__WEBPACK_IMPORTED_MODULE_0__/* .formatAddress */ .M0).join(', ');
    return groups.length === 1 ? list(groups[0]) : groups.map((g) => `${g.weight}% to ${list(g)}`).join('; ');
}
/**
 * The one group a router without weights can serve. Throws when `to` asks for a split (the message
 * names the router), or when it has no address.
 */
function singleGroup(kind, to) {
    const groups = to.filter((g) => g.weight > 0);
    if (groups.length !== 1)
        throw new Error(groups.length === 0
            ? `The ${kind} router was asked to serve nothing: a shift needs at least one address at a weight above 0.`
            : `The ${kind} router cannot split traffic by weight (asked for ${formatRouting(to)}): it serves one group of addresses.`);
    if (groups[0].addresses.length === 0)
        throw new Error(`The ${kind} router was asked to serve a group with no addresses.`);
    return groups[0];
}


/***/ }),

/***/ 7736:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iz: () => (/* binding */ runtimeCommand),
/* harmony export */   ff: () => (/* binding */ describeSocket),
/* harmony export */   j8: () => (/* binding */ parseSocketAddress)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/** HAProxy's runtime API (unix socket or TCP), one command at a time, with node:net only. A driver: no domain imports. */

function parseSocketAddress(text) {
    const s = text.trim().replace(/^unix@/, '');
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
    if (m && !s.includes('/'))
        return { host: (m[1] ?? m[2]), port: Number(m[3]) };
    return { path: s };
}
function describeSocket(a) {
    return 'path' in a ? a.path : `${a.host}:${a.port}`;
}
/**
 * Send one command (non-interactive mode: HAProxy answers and closes the connection) and return the reply.
 * `connect`: the stream to use instead of connecting to `addr` from here (addr then only names it).
 */
function runtimeCommand(addr, command, timeoutMs = 10_000, connect) {
    if (connect)
        return remoteCommand(addr, command, timeoutMs, connect);
    return new Promise((resolve, reject) => {
        const sock = 'path' in addr ? (0,node_net__WEBPACK_IMPORTED_MODULE_0__.createConnection)({ path: addr.path }) : (0,node_net__WEBPACK_IMPORTED_MODULE_0__.createConnection)({ host: addr.host, port: addr.port });
        const chunks = [];
        const timer = setTimeout(() => {
            sock.destroy();
            reject(new Error(`HAProxy's runtime API at ${describeSocket(addr)} did not answer \`${command}\` within ${timeoutMs / 1000}s.`));
        }, timeoutMs);
        sock.on('connect', () => sock.end(`${command}\n`));
        sock.on('data', (b) => chunks.push(b));
        sock.on('error', (e) => {
            clearTimeout(timer);
            reject(new Error(`Could not talk to HAProxy's runtime API at ${describeSocket(addr)} (${e.code ?? e.message}). ` +
                `Is HAProxy running with \`stats socket ${describeSocket(addr)} level admin\` in its global section, ` +
                `and can the runner reach it (permissions)? Set haproxy-socket to that path or host:port.`));
        });
        sock.on('close', () => {
            clearTimeout(timer);
            resolve(Buffer.concat(chunks).toString());
        });
    });
}
/** runtimeCommand over a stream the factory opens (already connected). */
async function remoteCommand(addr, command, timeoutMs, connect) {
    let timer;
    let sock;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
            sock?.destroy();
            reject(new Error(`HAProxy's runtime API at ${describeSocket(addr)} did not answer \`${command}\` within ${timeoutMs / 1000}s.`));
        }, timeoutMs);
    });
    const exchange = async () => {
        sock = await connect();
        const s = sock;
        return new Promise((resolve, reject) => {
            const chunks = [];
            s.on('data', (b) => chunks.push(b));
            s.on('error', (e) => reject(new Error(`Could not talk to HAProxy's runtime API at ${describeSocket(addr)} (${e.code ?? e.message}).`)));
            s.on('close', () => resolve(Buffer.concat(chunks).toString()));
            s.on('end', () => resolve(Buffer.concat(chunks).toString()));
            s.end(`${command}\n`);
        });
    };
    try {
        return await Promise.race([exchange(), timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}


/***/ }),

/***/ 2212:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HaproxyRouter: () => (/* binding */ HaproxyRouter)
});

// EXTERNAL MODULE: ./src/support/failpoint.ts
var failpoint = __webpack_require__(4845);
// EXTERNAL MODULE: ./src/routers/nginx/atomic-file.ts
var atomic_file = __webpack_require__(3451);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/sticky.ts
var sticky = __webpack_require__(3476);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
;// CONCATENATED MODULE: ./src/routers/haproxy/preview.ts
function previewBackend(backend) {
    return `${backend}-preview`;
}
/** The frontend line that routes requests with `header` to the preview backend while it has a server up. */
function previewUseBackend(backend, header) {
    const b = previewBackend(backend);
    return `use_backend ${b} if { req.hdr(${header.toLowerCase()}) -m found } { nbsrv(${b}) gt 0 }`;
}
/** The haproxy.cfg lines for the preview route of `size` slots. */
function previewSnippet(backend, server, header, size) {
    return [
        'frontend <yours>',
        `    ${previewUseBackend(backend, header)}`,
        `    default_backend ${backend}`,
        `backend ${previewBackend(backend)}`,
        `    server-template ${server} 1-${Math.max(size, 1)} 127.0.0.1:1 disabled`,
    ].join('\n');
}
/** The `balance` line that hashes the value `sticky` names. */
function stickyBalance(sticky) {
    if (sticky.kind === 'cookie')
        return `balance hash req.cook(${sticky.name})`;
    if (sticky.kind === 'header')
        return `balance hdr(${sticky.name})`;
    return 'balance source';
}
function stickySnippet(backend, sticky) {
    return [`backend ${backend}`, `    ${stickyBalance(sticky)}`, '    hash-type consistent'].join('\n');
}
/** Balance algorithms (as `show stat` names them in its `algo` column) that hash a request's value. */
const HASHING = new Set(['hash', 'source', 'hdr', 'uri', 'url_param', 'rdp-cookie']);
function hashes(algo) {
    return HASHING.has(algo);
}
/** The `algo` column of `backend`'s BACKEND row in `show stat` CSV; undefined when there is none. */
function backendAlgo(csv, backend) {
    const lines = csv.split('\n');
    const header = lines.find((l) => l.startsWith('# '));
    if (!header)
        return undefined;
    const cols = header.slice(2).split(',');
    const px = cols.indexOf('pxname');
    const sv = cols.indexOf('svname');
    const algo = cols.indexOf('algo');
    if (algo < 0)
        return undefined;
    for (const line of lines) {
        const f = line.split(',');
        if (f[px] === backend && f[sv] === 'BACKEND')
            return f[algo] || undefined;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/drivers/haproxy/runtime-api.ts
var runtime_api = __webpack_require__(7736);
;// CONCATENATED MODULE: ./src/routers/haproxy/state.ts

function setAddrCommand(backend, server, t) {
    return `set server ${backend}/${server} addr ${t.host} port ${t.port}`;
}
function setReadyCommand(backend, server) {
    return `set server ${backend}/${server} state ready`;
}
function setWeightCommand(backend, server, weight) {
    return `set weight ${backend}/${server} ${weight}`;
}
function setMaintCommand(backend, server) {
    return `set server ${backend}/${server} state maint`;
}
function showStateCommand(backend) {
    return backend ? `show servers state ${backend}` : 'show servers state';
}
/** An IP literal: HAProxy's `set server ... addr` takes addresses, not host names. */
function isIpLiteral(host) {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (/^[0-9A-Fa-f:.]+$/.test(host) && host.includes(':'));
}
const MAINT_MASK = 0x01 | 0x02 | 0x20 | 0x40;
function inMaintenance(s) {
    return (s.adminState & MAINT_MASK) !== 0;
}
/**
 * Parse `show servers state` output (a version line, a `# be_id be_name ...` header, one line per server).
 * Columns are found by the header's names, so added columns in later HAProxy versions do not matter.
 */
function parseServersState(text) {
    const lines = text.split('\n').map((l) => l.trim());
    const header = lines.find((l) => l.startsWith('# be_id'));
    if (!header)
        return [];
    const cols = header.slice(1).trim().split(/\s+/);
    const at = (name) => cols.indexOf(name);
    const out = [];
    for (const line of lines) {
        if (line === '' || line.startsWith('#') || /^\d+$/.test(line))
            continue;
        const f = line.split(/\s+/);
        const get = (name) => f[at(name)] ?? '';
        out.push({
            backend: get('be_name'),
            server: get('srv_name'),
            addr: get('srv_addr'),
            port: Number(get('srv_port')),
            opState: Number(get('srv_op_state')),
            adminState: Number(get('srv_admin_state')),
            checkResult: Number(get('srv_check_result')),
            checkState: Number(get('srv_check_state')),
            weight: Number(get('srv_uweight') || 1),
        });
    }
    return out;
}
/**
 * Ready for traffic: out of maintenance, operationally UP and, when HAProxy health-checks the server,
 * its last check passed (leaving maintenance, HAProxy reports UP before the first check has run).
 */
function serving(s) {
    const checked = (s.checkState & 0x04) !== 0;
    return !inMaintenance(s) && s.opState === 2 && (!checked || s.checkResult === 3 || s.checkResult === 4);
}
/** Where the server sends traffic, or undefined when it is in maintenance or a placeholder without an address. */
function liveTarget(s) {
    if (inMaintenance(s))
        return undefined;
    if (!s.addr || s.addr === '-' || s.addr === '0.0.0.0' || s.addr === '::' || !(s.port > 0))
        return undefined;
    return { host: s.addr, port: s.port };
}
/**
 * The runtime API answers errors as text; a successful `set server` prints nothing or a "changed"/"no need"
 * note. Several `;`-separated commands answer one after the other: any other line is an error.
 */
function runtimeError(reply) {
    const errors = reply
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/changed from|no need to change/i.test(l));
    return errors.length ? errors.join('\n') : undefined;
}
/**
 * The servers of `backend` that hold the pool, in slot order: `<server>1` ... `<server>N` (as a
 * `server-template <server> 1-N` line makes them) when there are any, else the one server `<server>`.
 */
function poolSlots(states, backend, server) {
    const mine = states.filter((s) => s.backend === backend);
    const numbered = mine
        .map((s) => ({ s, n: s.server.startsWith(server) ? /^\d+$/.exec(s.server.slice(server.length))?.[0] : undefined }))
        .filter((x) => x.n !== undefined)
        .sort((a, b) => Number(a.n) - Number(b.n))
        .map((x) => x.s);
    if (numbered.length)
        return numbered;
    return mine.filter((s) => s.server === server);
}
/** The haproxy.cfg lines the router needs, for error messages and docs. */
function configSnippet(backend, server) {
    return [
        'global',
        '    stats socket /run/haproxy/admin.sock mode 660 level admin expose-fd listeners',
        `backend ${backend}`,
        `    server ${server} 127.0.0.1:1 disabled`,
    ].join('\n');
}
/** The haproxy.cfg lines for a pool of `size` slots. */
function templateSnippet(backend, server, size) {
    return [`backend ${backend}`, `    server-template ${server} 1-${size} 127.0.0.1:1 disabled`].join('\n');
}

;// CONCATENATED MODULE: ./src/routers/haproxy/weights.ts
/**
 * HAProxy server weights for a split of the traffic between groups of servers (canary steps). Pure.
 *
 * HAProxy weights are integers from 0 to 256 per server, and a server's share is its weight over the sum of
 * the weights of the backend's serving servers. Every server of a group gets the same weight (the instances
 * of a pool share its traffic equally), so a group of n servers at weight w gets n·w / Σ n·w. The weights
 * are chosen for the smallest error against the configured shares (then the smallest weights); a split that
 * no weights give within TOLERANCE percentage points is refused, before anything starts.
 */
const MAX_WEIGHT = 256;
/** How far (in percentage points) the share the weights give may be from the configured one. */
const TOLERANCE = 0.5;
/** The shares (percent) groups of these sizes get at these per-server weights. */
function sharesOf(sizes, weights) {
    const total = sizes.reduce((n, s, i) => n + s * weights[i], 0);
    return sizes.map((s, i) => (100 * s * weights[i]) / total);
}
const clamp = (w) => Math.min(MAX_WEIGHT, Math.max(1, w));
/**
 * The best per-server weights for the groups (each with size ≥ 1 and share > 0): the smallest largest error,
 * then the smallest weights. Whether it is good enough is the caller's call (see `weightsWithin`).
 */
function bestWeights(groups) {
    if (groups.length === 0)
        throw new Error('bestWeights: no groups');
    const sum = groups.reduce((n, g) => n + g.share, 0);
    const want = groups.map((g) => (100 * g.share) / sum);
    const sizes = groups.map((g) => g.size);
    if (groups.length === 1)
        return { weights: [1], shares: [100], error: 0 };
    if (groups.length === 2)
        return bestOfTwo(sizes[0], sizes[1], want[1]);
    // Per server, relative to an anchor group: w_g ≈ u · (share_g / size_g) / (share_a / size_a), rounded.
    const perServer = groups.map((g) => g.share / g.size);
    let best;
    let bestTotal = Infinity;
    for (let a = 0; a < groups.length; a++) {
        for (let u = 1; u <= MAX_WEIGHT; u++) {
            const weights = perServer.map((p, g) => (g === a ? u : clamp(Math.round((u * p) / perServer[a]))));
            const shares = sharesOf(sizes, weights);
            const error = Math.max(...shares.map((x, i) => Math.abs(x - want[i])));
            const total = weights.reduce((n, w) => n + w, 0);
            if (!best || error < best.error - 1e-9 || (Math.abs(error - best.error) <= 1e-9 && total < bestTotal)) {
                best = { weights, shares, error };
                bestTotal = total;
            }
        }
    }
    return best;
}
/**
 * Two groups (a canary step: stable and new), exactly: for every weight u of one group, both whole neighbours of
 * the other group's ideal weight (the nearer weight is not always the nearer share). `want2`: group 2's share.
 */
function bestOfTwo(n1, n2, want2) {
    let bw1 = 1;
    let bw2 = 1;
    let bestError = Infinity;
    const consider = (w1, w2) => {
        const error = Math.abs((100 * n2 * w2) / (n1 * w1 + n2 * w2) - want2);
        if (error < bestError - 1e-9 || (Math.abs(error - bestError) <= 1e-9 && w1 + w2 < bw1 + bw2)) {
            bestError = error;
            bw1 = w1;
            bw2 = w2;
        }
    };
    // w1 / w2 ≈ ratio, for group 2 to get want2 percent.
    const ratio = (n2 * (100 - want2)) / (n1 * want2);
    for (let u = 1; u <= MAX_WEIGHT; u++) {
        consider(clamp(Math.floor(u * ratio)), u);
        consider(clamp(Math.ceil(u * ratio)), u);
        consider(u, clamp(Math.floor(u / ratio)));
        consider(u, clamp(Math.ceil(u / ratio)));
    }
    const weights = [bw1, bw2];
    const shares = sharesOf([n1, n2], weights);
    return { weights, shares, error: Math.abs(shares[1] - want2) };
}
/** The weights when they give every configured share within TOLERANCE points; undefined when no weights can. */
function weightsWithin(groups) {
    const w = bestWeights(groups);
    return w.error <= TOLERANCE + 1e-9 ? w : undefined;
}
/** Rounded for people: 1.0204 -> "1.02". */
function formatShare(share) {
    return String(Math.round(share * 100) / 100);
}
/** Why a split cannot be given, and what to change. */
function unreachable(groups, backend) {
    const w = bestWeights(groups);
    const sum = groups.reduce((n, g) => n + g.share, 0);
    const parts = groups.map((g, i) => `${formatShare((100 * g.share) / sum)}% over ${g.size} server${g.size === 1 ? '' : 's'} (at best ${formatShare(w.shares[i])}%)`);
    return (`HAProxy cannot split the traffic of backend "${backend}" as ${parts.join(' and ')} within ${TOLERANCE} percentage points: ` +
        `server weights are whole numbers from 1 to ${MAX_WEIGHT}, and every server of a pool gets the same weight. ` +
        `Choose canary-steps nearer to the pools' sizes, or pools of more even sizes (replicas, hosts).`);
}

;// CONCATENATED MODULE: ./src/routers/haproxy/slots.ts



/** undefined when there are fewer slots than addresses; throws when no weights give the groups' shares within 0.5 points. */
function planSlots(slots, groups, backend = slots[0]?.backend ?? '') {
    const serving = groups.filter((g) => g.weight > 0);
    const wanted = serving.flatMap((g) => g.addresses.map((address) => ({ address, group: g })));
    if (wanted.length > slots.length)
        return undefined;
    const split = serving.map((g) => ({ size: g.addresses.length, share: g.weight }));
    const weighting = weightsWithin(split);
    if (!weighting)
        throw new Error(unreachable(split, backend));
    const holds = (s, a) => (0,model/* sameAddress */.xU)({ host: s.addr, port: s.port }, a);
    const taken = new Set();
    const placed = new Map();
    // 1. Keep addresses where they are (a serving slot first, then one in maintenance).
    for (const w of wanted) {
        const s = slots.find((x) => !taken.has(x) && !inMaintenance(x) && holds(x, w.address)) ?? slots.find((x) => !taken.has(x) && holds(x, w.address));
        if (s) {
            taken.add(s);
            placed.set(w, s);
        }
    }
    // 2. The rest: idle slots first, then slots whose address leaves the routing.
    const free = slots.filter((x) => !taken.has(x)).sort((a, b) => Number(inMaintenance(b)) - Number(inMaintenance(a)));
    for (const w of wanted) {
        if (placed.has(w))
            continue;
        const s = free.shift();
        taken.add(s);
        placed.set(w, s);
    }
    const several = serving.length > 1;
    const serve = wanted.map((w) => ({ slot: placed.get(w), address: w.address, weight: weighting.weights[serving.indexOf(w.group)] }));
    const unequal = new Set(serve.map((x) => x.slot.weight)).size > 1;
    return {
        serve: serve.map((x) => ({ ...x, weight: several || unequal ? x.weight : undefined })),
        idle: slots.filter((x) => !taken.has(x)),
        shares: weighting.shares,
    };
}
/**
 * What the slots serve, as routing groups: one group at 100 when every serving slot has the same
 * weight (nothing to tell apart), else one group per slot with its share of the weights in percent.
 */
function slotRouting(serving) {
    if (serving.length === 0)
        return [];
    if (new Set(serving.map((s) => s.weight)).size <= 1)
        return [{ addresses: serving.map((s) => s.address), weight: 100 }];
    const total = serving.reduce((n, s) => n + s.weight, 0);
    return serving.filter((s) => s.weight > 0).map((s) => ({ addresses: [s.address], weight: Math.round((1000 * s.weight) / total) / 10 }));
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/routers/haproxy/maintenance.ts
/**
 * Maintenance mode on HAProxy: a map file holds the page (key `page`: present = on) and an ACL file the allowed
 * source ranges, both loaded by one line in the backend (maintenanceLine) and changed through the runtime API.
 * Each change is a new version of the file's entries committed at once (`prepare`/`add @<ver>`/`commit`), so a
 * request sees the old or the new list, never a half-written one. Texts and parsers here are pure.
 */

/** The files the line loads, named after the backend (any directory): `<backend>.maintenance.map` and `.maintenance-allow.acl`. */
function maintenanceFiles(backend, dir = '/etc/haproxy') {
    return { map: `${dir}/${backend}.maintenance.map`, acl: `${dir}/${backend}.maintenance-allow.acl` };
}
/**
 * The one line to add to the backend: answers 503 with Retry-After and the page (the map's `page` entry) while
 * the map has one, unless the client's address is in the ACL file or (when given) a header is present.
 */
function maintenanceLine(backend, headers, retryAfterSec, dir = '/etc/haproxy') {
    const { map, acl } = maintenanceFiles(backend, dir);
    const skip = headers.map((h) => ` !{ req.hdr(${h}) -m found }`).join('');
    return (`http-request return status 503 content-type "text/html; charset=utf-8" hdr Retry-After ${retryAfterSec} ` +
        `lf-string "%[str(page),map(${map})]" if { str(page),map(${map}) -m found } !{ src -f ${acl} }${skip}`);
}
/** The file HAProxy loaded for this backend's maintenance map or ACL, from `show map` / `show acl`. */
function findLoaded(showReply, fileName) {
    for (const line of showReply.split('\n')) {
        const m = /^\d+ \(([^)]+)\)/.exec(line.trim());
        if (m && (0,external_node_path_.basename)(m[1]) === fileName)
            return m[1];
    }
    return undefined;
}
/** `prepare map|acl` answers "New version created: N". */
function preparedVersion(reply) {
    const m = /New version created:\s*(\d+)/.exec(reply);
    return m ? Number(m[1]) : undefined;
}
/** The page as one map value: a map entry is one line (newlines become spaces; HTML does not mind). */
function pageValue(page) {
    return page.replace(/\r?\n|\r/g, ' ').trim();
}
/**
 * The runtime API text that adds `entries` to version `version` of a file: a map as payload (`add map ... <<`, one
 * entry a line, ended by an empty line: the page may hold `;` and spaces), an ACL one `add acl` per range
 * (HAProxy 2.6 takes no payload there; a range has neither spaces nor `;`).
 */
function addPayload(kind, version, file, entries) {
    if (entries.length === 0)
        return undefined;
    if (kind === 'acl')
        return entries.map((e) => `add acl @${version} ${file} ${e}`).join('; ');
    return `add map @${version} ${file} <<\n${entries.join('\n')}\n`;
}
/** The entries of `show map <file>` / `show acl <file>`: `0x55.. key [value]` lines -> [key, value]. */
function parseEntries(reply) {
    const out = [];
    for (const line of reply.split('\n')) {
        const m = /^0x[0-9a-f]+ (\S+)(?: (.*))?$/.exec(line.trim());
        if (m)
            out.push([m[1], m[2] ?? '']);
    }
    return out;
}
/** The ACL entries for the allowed ranges (HAProxy's `src` matches IPv4 and IPv6 patterns). */
function aclEntries(allow) {
    return allow.cidrs;
}

// EXTERNAL MODULE: ./src/core/maintenance.ts
var maintenance = __webpack_require__(3960);
;// CONCATENATED MODULE: ./src/routers/haproxy/index.ts










const UP_WAIT_MS = 30_000;
class HaproxyRouter {
    cfg;
    deps;
    opts;
    kind = 'haproxy';
    socket;
    constructor(cfg, deps, 
    /**
     * connect: the stream to the runtime API (a socket on a host of the fleet, through its ssh connection);
     * on: that host, for messages. Unset: the socket is reached from the runner.
     */
    opts = {}) {
        this.cfg = cfg;
        this.deps = deps;
        this.opts = opts;
        this.socket = (0,runtime_api/* parseSocketAddress */.j8)(cfg.socket);
    }
    /** One runtime API command, over the host's stream when the router has one. */
    rt(command) {
        return (0,runtime_api/* runtimeCommand */.Iz)(this.socket, command, undefined, this.opts.connect);
    }
    /** Where the socket is, for messages: the path, and the host it is on. */
    get at() {
        return `${(0,runtime_api/* describeSocket */.ff)(this.socket)}${this.opts.on ? ` on ${this.opts.on}` : ''}`;
    }
    get slot() {
        return `${this.cfg.backend}/${this.cfg.server}`;
    }
    describe() {
        return `HAProxy server "${this.slot}" via the runtime API at ${this.at}`;
    }
    async current() {
        const serving = (await this.readSlots()).flatMap((s) => {
            const a = liveTarget(s);
            return a ? [{ address: a, weight: s.weight }] : [];
        });
        return slotRouting(serving);
    }
    async checkCapacity(size) {
        this.fits(await this.readSlots(), size);
    }
    /** The slots of `<backend>-preview`: the same router on the preview backend (no state file of its own). */
    previewRouter() {
        return new HaproxyRouter({ ...this.cfg, backend: previewBackend(this.cfg.backend), stateFile: undefined }, this.deps, this.opts);
    }
    async checkPreview(header, size) {
        try {
            await this.previewRouter().checkCapacity(size);
        }
        catch (e) {
            throw new Error(`preview-header: ${header} needs the preview backend "${previewBackend(this.cfg.backend)}" with ${size} server slot${size === 1 ? '' : 's'} ` +
                `(${e.message.split('\n')[0]}). In haproxy.cfg:\n${previewSnippet(this.cfg.backend, this.cfg.server, header, size)}\n(then reload HAProxy). Nothing was started.`, { cause: e });
        }
    }
    /** The slots of `<backend>-preview` that serve; undefined without that backend. */
    async readPreview() {
        try {
            return { addresses: (0,routing/* served */.EZ)(await this.previewRouter().current()) };
        }
        catch {
            return undefined;
        }
    }
    /** Testers first: fill (or empty) the slots of `<backend>-preview`; the user's frontend line sends requests with the header there. */
    async preview(route) {
        const preview = this.previewRouter();
        if (route.addresses.length > 0)
            await preview.shift((0,routing/* allTo */.jT)(route.addresses, route.version));
        else
            await preview.clear();
    }
    /** Every slot in maintenance (the backend serves nothing), confirmed. */
    async clear() {
        const slots = await this.readSlots();
        const busy = slots.filter((s) => !inMaintenance(s));
        if (busy.length === 0)
            return;
        await this.command(busy.map((s) => setMaintCommand(this.cfg.backend, s.server)), `emptying ${this.cfg.backend}`);
        await this.confirm({ serve: [], idle: slots, shares: [] });
        this.deps.log.info(`HAProxy ${this.cfg.backend} serves nothing now (every slot in maintenance).`);
    }
    /**
     * Sticky users: HAProxy keeps a client on one server (and so one version) when the backend balances by a hash of
     * the value, consistently (haproxy.cfg: the user's). Refuses a backend that does not hash.
     */
    async stick(how) {
        const csv = await this.rt('show stat');
        const algo = backendAlgo(csv, this.cfg.backend);
        if (algo !== undefined && !hashes(algo))
            throw new Error(`sticky: ${(0,sticky/* formatSticky */.zt)(how)} needs HAProxy's backend "${this.cfg.backend}" to balance by a hash of ${(0,sticky/* describeSticky */.L_)(how)}, and it balances by ${algo}. ` +
                `In haproxy.cfg:\n${stickySnippet(this.cfg.backend, how)}\n(then reload HAProxy). Nothing was started.`);
        this.deps.log.info(`Sticky users: HAProxy's backend "${this.cfg.backend}" balances by ${algo ?? 'a hash'}; it must hash ${(0,sticky/* describeSticky */.L_)(how)} ` +
            `(\`${stickyBalance(how)}\` with \`hash-type consistent\`, docs/canary.md).`);
    }
    realShares(groups) {
        const split = groups.filter((g) => g.weight > 0).map((g) => ({ size: g.size, share: g.weight }));
        const w = weightsWithin(split);
        if (!w)
            throw new Error(unreachable(split, this.cfg.backend));
        return w.shares;
    }
    /** The backend and the names of the serving slots that hold `addresses` (for metrics: balancer and Prometheus). */
    async serverNames(addresses) {
        const slots = await this.readSlots();
        const servers = slots.filter((s) => !inMaintenance(s) && addresses.some((a) => (0,model/* sameAddress */.xU)({ host: s.addr, port: s.port }, a))).map((s) => s.server);
        return { backend: this.cfg.backend, servers };
    }
    async shift(to) {
        const groups = to.filter((g) => g.weight > 0);
        if (groups.length === 0)
            (0,routing/* singleGroup */._k)(this.kind, to); // throws: nothing to serve
        for (const g of groups)
            if (g.addresses.length === 0)
                throw new Error(`The ${this.kind} router was asked to serve a group with no addresses.`);
        const named = groups.flatMap((g) => g.addresses).find((t) => !isIpLiteral(t.host));
        if (named) {
            throw new Error(`HAProxy's runtime API sets server addresses by IP, and the target host is ${JSON.stringify(named.host)}. ` +
                `Set upstream-host to an IP address (such as 127.0.0.1), and give each line of "hosts" an IP address.`);
        }
        const before = await this.readSlots();
        const size = groups.reduce((n, g) => n + g.addresses.length, 0);
        const plan = planSlots(before, groups, this.cfg.backend);
        if (!plan)
            this.fits(before, size);
        const { serve, idle } = plan;
        const previous = before.flatMap((s) => liveTarget(s) ?? []);
        const what = (0,routing/* formatRouting */.YN)(groups);
        // New addresses and weights first, then the unused slots out: the backend never has no server.
        const b = this.cfg.backend;
        const commands = [
            ...serve.flatMap(({ slot, address, weight }) => [
                ...((0,model/* sameAddress */.xU)({ host: slot.addr, port: slot.port }, address) ? [] : [setAddrCommand(b, slot.server, address)]),
                ...(weight !== undefined && weight !== slot.weight ? [setWeightCommand(b, slot.server, weight)] : []),
                setReadyCommand(b, slot.server),
            ]),
            ...idle.filter((s) => !inMaintenance(s)).map((s) => setMaintCommand(b, s.server)),
        ];
        try {
            await this.command(commands, `pointing ${this.slot} at ${what}`);
            await this.confirm(plan);
        }
        catch (e) {
            await this.restore(before);
            throw new Error(`${e.message}\n${this.slot} was put back to ${previous.length ? previous.map(model/* formatAddress */.M0).join(', ') : 'maintenance (no live target)'}.`, { cause: e });
        }
        const version = groups.length === 1 && groups[0].version ? ` (version ${groups[0].version})` : '';
        const real = plan.shares.length > 1 ? ` (server weights ${[...new Set(serve.map((x) => x.weight))].join(':')} give ${plan.shares.map((x) => `${formatShare(x)}%`).join(' / ')})` : '';
        this.deps.log.info(`HAProxy ${this.slot} now sends traffic to ${what}${version}${real}.`);
        (0,failpoint/* failpoint */.Z)('haproxy-before-state-file');
        if (this.cfg.stateFile)
            await this.saveState(this.cfg.stateFile);
    }
    /** The server state file (when configured) names other addresses than HAProxy serves: a restart would go there. */
    async divergence() {
        const file = this.cfg.stateFile;
        if (!file)
            return [];
        const serving = (await this.readSlots()).flatMap((s) => liveTarget(s) ?? []);
        const text = await (0,atomic_file/* readOptional */.T)(file);
        const saved = text === undefined ? [] : poolSlots(parseServersState(text), this.cfg.backend, this.cfg.server).flatMap((s) => liveTarget(s) ?? []);
        const same = saved.length === serving.length && saved.every((a, n) => (0,model/* sameAddress */.xU)(a, serving[n]));
        if (same)
            return [];
        const at = (a) => (a.length ? a.map(model/* formatAddress */.M0).join(', ') : 'nothing');
        return [
            {
                addresses: saved,
                problem: `The server state file ${file} ${text === undefined ? 'does not exist' : `says ${this.slot} is at ${at(saved)}`}, while HAProxy ` +
                    `serves ${at(serving)}: a restart of HAProxy would send traffic to ${at(saved)} (a run killed before it saved the file?).`,
            },
        ];
    }
    async repair() {
        if (this.cfg.stateFile && (await this.divergence()).length > 0) {
            await this.saveState(this.cfg.stateFile);
            this.deps.log.info(`Saved HAProxy's server state to ${this.cfg.stateFile}: it had fallen behind what HAProxy serves.`);
        }
    }
    fits(slots, size) {
        if (slots.length >= size)
            return;
        throw new Error(`HAProxy's backend "${this.cfg.backend}" has ${slots.length} server slot${slots.length === 1 ? '' : 's'} for the pool ` +
            `(${slots.map((s) => s.server).join(', ')}), and ${size} are needed (the new pool, and for canary steps the stable pool beside it). Give it at least ${size}: in haproxy.cfg,\n` +
            `${templateSnippet(this.cfg.backend, this.cfg.server, size)}\n(then reload HAProxy). Nothing was started or changed.`);
    }
    /** Poll the state until the serving slots have their addresses and weights and are UP, and the idle ones are in maintenance. */
    async confirm(plan) {
        const waitMs = this.opts.upWaitMs ?? UP_WAIT_MS;
        const deadline = Date.now() + waitMs;
        for (;;) {
            const byName = new Map((await this.readSlots()).map((s) => [s.server, s]));
            let pending;
            for (const { slot, address, weight } of plan.serve) {
                const s = byName.get(slot.server);
                if (!(0,model/* sameAddress */.xU)({ host: s.addr, port: s.port }, address)) {
                    throw new Error(`HAProxy reports ${this.cfg.backend}/${s.server} at ${s.addr}:${s.port} after it was set to ${(0,model/* formatAddress */.M0)(address)}. ` +
                        `Another process may be changing this server; make sure only the action flips it.`);
                }
                if (weight !== undefined && s.weight !== weight)
                    throw new Error(`HAProxy reports weight ${s.weight} for ${this.cfg.backend}/${s.server} after it was set to ${weight}. Another process may be changing it.`);
                if (!serving(s))
                    pending ??= { s, target: address };
            }
            for (const slot of plan.idle) {
                const s = byName.get(slot.server);
                if (!inMaintenance(s))
                    pending ??= { s, target: undefined };
            }
            if (!pending)
                return;
            if (Date.now() > deadline) {
                const { s, target } = pending;
                throw new Error(target
                    ? `HAProxy did not report ${this.cfg.backend}/${s.server} (${(0,model/* formatAddress */.M0)(target)}) as UP within ${waitMs / 1000}s ` +
                        `(operational state ${s.opState}, admin state ${s.adminState}, last check result ${s.checkResult}). If the server has \`check\`, the instance ` +
                        `fails HAProxy's health check: make the check match the instance's health endpoint.`
                    : `HAProxy did not put ${this.cfg.backend}/${s.server} in maintenance within ${waitMs / 1000}s.`);
            }
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    async restore(before) {
        try {
            const b = this.cfg.backend;
            const commands = before.flatMap((s) => {
                const previous = liveTarget(s);
                if (!previous)
                    return [setMaintCommand(b, s.server)];
                return [setAddrCommand(b, s.server, previous), setWeightCommand(b, s.server, s.weight), ...(inMaintenance(s) ? [] : [setReadyCommand(b, s.server)])];
            });
            await this.rt(commands.join('; '));
        }
        catch (e) {
            this.deps.log.error(`Could not restore ${this.slot}: ${e.message}`, 'HAProxy restore failed');
        }
    }
    async saveState(file) {
        try {
            const text = await this.rt(showStateCommand());
            if (!text.includes('# be_id'))
                throw new Error(`unexpected reply to \`show servers state\`: ${text.trim().slice(0, 200)}`);
            if ((await (0,atomic_file/* readOptional */.T)(file)) !== text)
                await (0,atomic_file/* writeAtomic */.v)(file, text);
        }
        catch (e) {
            // The flip itself worked and traffic goes to the new target; failing here must not undo that.
            this.deps.log.warning(`The flip worked, but the server state file ${file} was not written: ${e.message}. ` +
                `A restart of HAProxy would go back to the state in that file; fix the path or permissions (haproxy-state-file).`, 'HAProxy state file not written');
        }
    }
    /** The maintenance map and ACL files HAProxy loaded for this backend; throws with the line to add when they are not. */
    async loadedMaintenanceFiles() {
        const [maps, acls] = await Promise.all([this.rt('show map'), this.rt('show acl')]);
        const want = maintenanceFiles(this.cfg.backend);
        const map = findLoaded(maps, want.map.split('/').pop());
        const acl = findLoaded(acls, want.acl.split('/').pop());
        if (map && acl)
            return { map, acl };
        throw new Error(`HAProxy has not loaded ${[map ? '' : want.map, acl ? '' : want.acl].filter(Boolean).join(' and ')} (any directory; the names count), so maintenance ` +
            `mode cannot be switched through its runtime API. Create ${map || acl ? 'the missing file' : 'both files'} empty and add this one line to \`backend ${this.cfg.backend}\` in haproxy.cfg ` +
            `(add \` !{ req.hdr(<name>) -m found }\` for each header that maintenance-allow lets through):
  ${maintenanceLine(this.cfg.backend, [], maintenance/* MAINTENANCE_RETRY_AFTER_SEC */.Ao)}
` +
            `then reload HAProxy. Nothing was changed.`);
    }
    async checkMaintenance() {
        await this.loadedMaintenanceFiles();
    }
    /**
     * On: the allowed ranges first (the ACL), then the page (the map): an allowed client is let through before
     * anyone is turned away. Off: the page goes first, then the ranges. Each list changes as a whole (a new
     * version committed at once), and the map is read back.
     */
    async maintenance(m) {
        const { map, acl } = await this.loadedMaintenanceFiles();
        if (m) {
            const value = pageValue(m.page);
            if (Buffer.byteLength(value) > 12_000)
                throw new Error(`The maintenance page is ${Buffer.byteLength(value)} bytes; HAProxy answers from one buffer (tune.bufsize, 16384 by default): keep the page under 12000 bytes (inline no images).`);
            await this.replaceEntries('acl', acl, aclEntries(m.allow));
            await this.replaceEntries('map', map, [`page ${value}`]);
        }
        else {
            await this.replaceEntries('map', map, []);
            await this.replaceEntries('acl', acl, []);
        }
        const now = await this.readMaintenance();
        if (now.on !== !!m)
            throw new Error(`HAProxy's ${map} ${now.on ? 'still has' : 'has no'} page entry after maintenance was switched ${m ? 'on' : 'off'}: another process may be changing it.`);
        this.deps.log.info(`HAProxy backend ${this.cfg.backend}: maintenance ${m ? 'on' : 'off'} (${map}, ${acl}).`);
    }
    async readMaintenance() {
        const { map, acl } = await this.loadedMaintenanceFiles();
        const [entries, ranges] = await Promise.all([this.rt(`show map ${map}`), this.rt(`show acl ${acl}`)]);
        return { on: parseEntries(entries).some(([k]) => k === 'page'), cidrs: parseEntries(ranges).map(([k]) => k) };
    }
    /** The entries of a map or ACL file replaced at once: a new version, filled, then committed. */
    async replaceEntries(kind, file, entries) {
        const prepared = await this.rt(`prepare ${kind} ${file}`);
        const version = preparedVersion(prepared);
        if (version === undefined)
            throw new Error(`HAProxy refused \`prepare ${kind} ${file}\`: ${prepared.trim()} (HAProxy 2.4 or newer is needed).`);
        const add = addPayload(kind, version, file, entries);
        if (add) {
            const err = runtimeError(await this.rt(add));
            if (err)
                throw new Error(`HAProxy refused the new entries of ${file}: ${err}`);
        }
        const err = runtimeError(await this.rt(`commit ${kind} @${version} ${file}`));
        if (err)
            throw new Error(`HAProxy refused \`commit ${kind} @${version} ${file}\`: ${err}`);
    }
    /** Several runtime API commands in one connection (`;`-separated), applied one after the other. */
    async command(commands, doing) {
        const reply = await this.rt(commands.join('; '));
        const err = runtimeError(reply);
        const hint = /static LB algorithm/i.test(err ?? '') ? ' Canary weights need a dynamic balance algorithm: `balance roundrobin` (the default) or `leastconn`.' : '';
        if (err)
            throw new Error(`HAProxy refused \`${commands.join('; ')}\` while ${doing}: ${err}${hint}`);
    }
    /** The slots of the pool, in order: `<server>1..N`, else the one `<server>`. */
    async readSlots() {
        const reply = await this.rt(showStateCommand(this.cfg.backend));
        const hint = `The action needs server slots it owns in that backend. Add to haproxy.cfg:\n${configSnippet(this.cfg.backend, this.cfg.server)}\n` +
            `(or, for a pool of N instances, \`server-template ${this.cfg.server} 1-N 127.0.0.1:1 disabled\`; or set haproxy-backend / haproxy-server to the names you use).`;
        if (/can't find backend/i.test(reply))
            throw new Error(`HAProxy has no backend "${this.cfg.backend}". ${hint}`);
        if (/permission denied|unknown command/i.test(reply)) {
            throw new Error(`HAProxy's runtime API at ${this.at} refused \`show servers state\`: ${reply.trim()}. ` +
                `Declare the socket with \`level admin\`.`);
        }
        const slots = poolSlots(parseServersState(reply), this.cfg.backend, this.cfg.server);
        if (slots.length === 0)
            throw new Error(`HAProxy's backend "${this.cfg.backend}" has no server "${this.cfg.server}". ${hint}`);
        return slots;
    }
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

/***/ 4845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ failpoint)
/* harmony export */ });
function failpoint(name) {
    if (process.env['IMMUTABLE_DEPLOY_FAILPOINT'] === name)
        process.kill(process.pid, 'SIGKILL');
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

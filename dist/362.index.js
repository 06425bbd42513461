export const id = 362;
export const ids = [362];
export const modules = {

/***/ 9124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HaproxyStatSource: () => (/* binding */ HaproxyStatSource),
  sumNumbers: () => (/* binding */ sumNumbers)
});

// EXTERNAL MODULE: ./src/drivers/haproxy/runtime-api.ts
var runtime_api = __webpack_require__(7736);
;// CONCATENATED MODULE: ./src/analysis/haproxy-stat.ts
function parseShowStat(csv) {
    const lines = csv.split('\n');
    const header = lines.find((l) => l.startsWith('# pxname'));
    if (!header)
        throw new Error(`not \`show stat\` output (no "# pxname" header): ${csv.trim().slice(0, 200)}`);
    const cols = header.slice(2).split(',');
    const at = (name) => cols.indexOf(name);
    const idx = { px: at('pxname'), sv: at('svname'), req: at('req_tot'), h5: at('hrsp_5xx'), eresp: at('eresp'), econ: at('econ'), rtime: at('rtime') };
    const num = (f, i) => (i < 0 ? 0 : Number(f[i] || 0) || 0);
    const out = [];
    for (const line of lines) {
        if (line === '' || line.startsWith('#'))
            continue;
        const f = line.split(',');
        const server = f[idx.sv] ?? '';
        if (server === 'FRONTEND' || server === 'BACKEND')
            continue;
        out.push({
            backend: f[idx.px] ?? '',
            server,
            reqTot: num(f, idx.req),
            hrsp5xx: num(f, idx.h5),
            eresp: num(f, idx.eresp),
            econ: num(f, idx.econ),
            rtimeMs: num(f, idx.rtime),
        });
    }
    return out;
}
/** HAProxy's TIME_STATS_SAMPLES: up to this many requests, rtime is the plain mean of them all. */
const TIME_SAMPLES = 1024;
/** After that, each request moves rtime by 1/this of the way to its own time (measured on HAProxy 2.6.12). */
const DECAY_SAMPLES = 512;
/**
 * The mean response time of a server's requests between two `show stat` readings, from rtime at both ends.
 * How HAProxy 2.6.12 (Debian 12) moves rtime, measured against a backend answering in 303 ms (test/e2e and
 * docs/canary.md): while req_tot <= 1024 it is the plain mean of all the server's requests; beyond, every
 * request t does rtime += (t - rtime) / 512. With k1 requests of the window in the first regime and k2 in
 * the second (r = (1 - 1/512)^k2, W = min(req_tot, 1024)): rtime1 = (rtime0·W0 + m·k1) / W1 · r + m·(1 - r),
 * solved for the window's mean m. rtime is shown rounded up: its middle (rtime - 0.5) is taken. A fresh
 * slot gives rtime itself. Pure; undefined without requests in the window.
 */
function windowResponseMs(before, after) {
    const restarted = !before || after.reqTot < before.reqTot;
    const c0 = restarted ? 0 : before.reqTot;
    const k = after.reqTot - c0;
    if (k <= 0)
        return undefined;
    const shown = (s) => (s && s.rtimeMs > 0 ? s.rtimeMs - 0.5 : 0);
    const w0 = Math.min(c0, TIME_SAMPLES);
    const w1 = Math.min(after.reqTot, TIME_SAMPLES);
    const k1 = w1 - w0;
    const r = (1 - 1 / DECAY_SAMPLES) ** (k - k1);
    const a0 = restarted ? 0 : shown(before);
    return Math.max(0, (shown(after) - ((a0 * w0) / w1) * r) / ((k1 / w1) * r + 1 - r));
}
/**
 * The new pool's numbers between two snapshots: counters summed over `servers` of `backend` as deltas
 * (a counter that went down, because HAProxy restarted, counts from zero), the response time as the
 * request-weighted mean of the servers' means over the window (windowResponseMs).
 */
function statDelta(before, after, backend, servers) {
    const pick = (list, s) => list.find((x) => x.backend === backend && x.server === s);
    let requests = 0;
    let errors = 0;
    let weighted = 0;
    let answeredAll = 0;
    for (const s of servers) {
        const b = pick(before, s);
        const a = pick(after, s);
        if (!a)
            continue;
        const d = (k) => (b && a[k] >= b[k] ? a[k] - b[k] : a[k]);
        const answered = d('reqTot');
        const broken = d('eresp') + d('econ');
        requests += answered + broken;
        errors += d('hrsp5xx') + broken;
        const mean = windowResponseMs(b, a);
        if (mean === undefined)
            continue;
        weighted += answered * mean;
        answeredAll += answered;
    }
    return { requests, errors, ...(answeredAll > 0 ? { responseMs: weighted / answeredAll } : {}) };
}

;// CONCATENATED MODULE: ./src/analysis/balancer.ts
/** metrics: balancer — HAProxy's own per-server counters (`show stat`) for the new pool, as deltas over the window. */


/**
 * The counters of one HAProxy, or of one HAProxy per host (hosts lines with router=, waves): then the window's
 * numbers are the sums over those balancers (the response time weighted by each one's requests).
 */
class HaproxyStatSource {
    kind = 'balancer';
    continuous = true;
    sockets;
    constructor(socket) {
        const list = typeof socket === 'string' ? [{ socket }] : socket;
        this.sockets = list.map((s) => {
            const addr = (0,runtime_api/* parseSocketAddress */.j8)(s.socket);
            return { addr, connect: s.connect, at: `${(0,runtime_api/* describeSocket */.ff)(addr)}${s.on ? ` on ${s.on}` : ''}` };
        });
    }
    describe() {
        return `HAProxy's server counters (show stat) at ${this.sockets.map((s) => s.at).join(', ')}`;
    }
    async open(subject) {
        const backend = subject.backend;
        if (!backend || subject.servers.length === 0)
            throw new Error(`metrics: balancer needs the HAProxy backend and server names of version ${subject.version}, and the router gave none.`);
        const before = await Promise.all(this.sockets.map((s) => this.snapshot(s)));
        return {
            read: async () => {
                const after = await Promise.all(this.sockets.map((s) => this.snapshot(s)));
                return { numbers: sumNumbers(after.map((a, n) => statDelta(before[n], a, backend, subject.servers))) };
            },
        };
    }
    async snapshot(s) {
        const reply = await (0,runtime_api/* runtimeCommand */.Iz)(s.addr, 'show stat', undefined, s.connect);
        try {
            return parseShowStat(reply);
        }
        catch (e) {
            throw new Error(`HAProxy's runtime API at ${s.at} did not answer \`show stat\` as expected: ${e.message}`, { cause: e });
        }
    }
}
/** The numbers of several balancers over one window as one: counts added, the response time weighted by requests. Pure. */
function sumNumbers(list) {
    if (list.length === 1)
        return list[0];
    let requests = 0;
    let errors = 0;
    let weighted = 0;
    let timed = 0;
    for (const n of list) {
        requests += n.requests ?? 0;
        errors += n.errors ?? 0;
        if (n.responseMs !== undefined && (n.requests ?? 0) > 0) {
            weighted += n.responseMs * n.requests;
            timed += n.requests;
        }
    }
    return { requests, errors, ...(timed > 0 ? { responseMs: weighted / timed } : {}) };
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


/***/ })

};

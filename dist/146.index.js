export const id = 146;
export const ids = [146];
export const modules = {

/***/ 7146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HaproxyRouter: () => (/* binding */ HaproxyRouter)
});

// EXTERNAL MODULE: ./src/routers/nginx/atomic-file.ts
var atomic_file = __webpack_require__(3451);
// EXTERNAL MODULE: ./src/routers/types.ts
var types = __webpack_require__(7707);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/routers/haproxy/runtime-api.ts
/** One command over HAProxy's runtime API (unix socket or TCP), with node:net only. */

function describeSocket(a) {
    return 'path' in a ? a.path : `${a.host}:${a.port}`;
}
/** Send one command (non-interactive mode: HAProxy answers and closes the connection) and return the reply. */
function runtimeCommand(addr, command, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
        const sock = 'path' in addr ? (0,external_node_net_.createConnection)({ path: addr.path }) : (0,external_node_net_.createConnection)({ host: addr.host, port: addr.port });
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

;// CONCATENATED MODULE: ./src/routers/haproxy/state.ts
function parseSocketAddress(text) {
    const s = text.trim().replace(/^unix@/, '');
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(s);
    if (m && !s.includes('/'))
        return { host: (m[1] ?? m[2]), port: Number(m[3]) };
    return { path: s };
}
function setAddrCommand(backend, server, t) {
    return `set server ${backend}/${server} addr ${t.host} port ${t.port}`;
}
function setReadyCommand(backend, server) {
    return `set server ${backend}/${server} state ready`;
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
/** The runtime API answers errors as text; a successful `set server` prints nothing or a "changed"/"no need" note. */
function runtimeError(reply) {
    const t = reply.trim();
    if (t === '')
        return undefined;
    if (/changed from|no need to change/i.test(t))
        return undefined;
    return t;
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

;// CONCATENATED MODULE: ./src/routers/haproxy/index.ts




const UP_WAIT_MS = 30_000;
class HaproxyRouter {
    cfg;
    deps;
    opts;
    kind = 'haproxy';
    socket;
    constructor(cfg, deps, opts = {}) {
        this.cfg = cfg;
        this.deps = deps;
        this.opts = opts;
        this.socket = parseSocketAddress(cfg.socket);
    }
    get slot() {
        return `${this.cfg.backend}/${this.cfg.server}`;
    }
    describe() {
        return `HAProxy server "${this.slot}" via the runtime API at ${describeSocket(this.socket)}`;
    }
    async current() {
        return liveTarget(await this.readServer());
    }
    async flip(target, info) {
        if (!isIpLiteral(target.host)) {
            throw new Error(`HAProxy's runtime API sets server addresses by IP, and the target host is ${JSON.stringify(target.host)}. ` +
                `Set upstream-host to an IP address (such as 127.0.0.1).`);
        }
        const before = await this.readServer();
        const previous = liveTarget(before);
        await this.command(setAddrCommand(this.cfg.backend, this.cfg.server, target), `pointing ${this.slot} at ${(0,types/* formatTarget */.P)(target)}`);
        try {
            await this.command(setReadyCommand(this.cfg.backend, this.cfg.server), `making ${this.slot} ready`);
            await this.confirm(target);
        }
        catch (e) {
            await this.restore(before, previous);
            throw new Error(`${e.message}\n${this.slot} was put back to ${previous ? (0,types/* formatTarget */.P)(previous) : 'maintenance (no live target)'}.`, { cause: e });
        }
        this.deps.log.info(`HAProxy ${this.slot} now sends traffic to ${(0,types/* formatTarget */.P)(target)} (version ${info.version}).`);
        if (this.cfg.stateFile)
            await this.saveState(this.cfg.stateFile);
    }
    /** Poll the state until the slot has the target's address, is out of maintenance and is UP. */
    async confirm(target) {
        const waitMs = this.opts.upWaitMs ?? UP_WAIT_MS;
        const deadline = Date.now() + waitMs;
        for (;;) {
            const s = await this.readServer();
            const at = { host: s.addr, port: s.port };
            if (!(0,types/* sameTarget */.c)(at, target)) {
                throw new Error(`HAProxy reports ${this.slot} at ${s.addr}:${s.port} after it was set to ${(0,types/* formatTarget */.P)(target)}. ` +
                    `Another process may be changing this server; make sure only the action flips it.`);
            }
            if (serving(s))
                return;
            if (Date.now() > deadline) {
                throw new Error(`HAProxy did not report ${this.slot} (${(0,types/* formatTarget */.P)(target)}) as UP within ${waitMs / 1000}s ` +
                    `(operational state ${s.opState}, admin state ${s.adminState}, last check result ${s.checkResult}). If the server has \`check\`, the instance ` +
                    `fails HAProxy's health check: make the check match the instance's health endpoint.`);
            }
            await new Promise((r) => setTimeout(r, 50));
        }
    }
    async restore(before, previous) {
        try {
            if (previous) {
                await runtimeCommand(this.socket, setAddrCommand(this.cfg.backend, this.cfg.server, previous));
                if (!inMaintenance(before))
                    await runtimeCommand(this.socket, setReadyCommand(this.cfg.backend, this.cfg.server));
            }
            else {
                await runtimeCommand(this.socket, `set server ${this.slot} state maint`);
            }
        }
        catch (e) {
            this.deps.log.error(`Could not restore ${this.slot}: ${e.message}`, 'HAProxy restore failed');
        }
    }
    async saveState(file) {
        try {
            const text = await runtimeCommand(this.socket, showStateCommand());
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
    async command(cmd, doing) {
        const reply = await runtimeCommand(this.socket, cmd);
        const err = runtimeError(reply);
        if (err)
            throw new Error(`HAProxy refused \`${cmd}\` while ${doing}: ${err}`);
    }
    async readServer() {
        const reply = await runtimeCommand(this.socket, showStateCommand(this.cfg.backend));
        const hint = `The action needs a server slot it owns in that backend. Add to haproxy.cfg:\n${configSnippet(this.cfg.backend, this.cfg.server)}\n` +
            `(or set haproxy-backend / haproxy-server to the names you use).`;
        if (/can't find backend/i.test(reply))
            throw new Error(`HAProxy has no backend "${this.cfg.backend}". ${hint}`);
        if (/permission denied|unknown command/i.test(reply)) {
            throw new Error(`HAProxy's runtime API at ${describeSocket(this.socket)} refused \`show servers state\`: ${reply.trim()}. ` +
                `Declare the socket with \`level admin\`.`);
        }
        const s = parseServersState(reply).find((x) => x.backend === this.cfg.backend && x.server === this.cfg.server);
        if (!s)
            throw new Error(`HAProxy's backend "${this.cfg.backend}" has no server "${this.cfg.server}". ${hint}`);
        return s;
    }
}


/***/ }),

/***/ 3451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ readOptional),
/* harmony export */   v: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/** Reading and atomically replacing small files the routers own. */



/** The file's text, or undefined when it does not exist. */
async function readOptional(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** Write a temp file in the same directory, then rename it over the target (readers see old or new, never half). */
async function writeAtomic(path, text) {
    const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(path)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, text, { mode: 0o644 });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, path);
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(tmp).catch(() => undefined);
        throw new Error(`Could not write ${path}: ${e.message}. The runner needs write access to that directory.`, {
            cause: e,
        });
    }
}


/***/ })

};

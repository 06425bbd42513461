export const id = 124;
export const ids = [124];
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

/***/ 4124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CommandRouter: () => (/* binding */ CommandRouter)
});

// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/sticky.ts
var sticky = __webpack_require__(3476);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
;// CONCATENATED MODULE: ./src/routers/command/env.ts

/** ROUTES: one line per group, `WEIGHT VERSION HOST:PORT...` (VERSION `-` when unknown), for `while read -r weight version targets`. */
function routesText(groups) {
    return groups
        .filter((g) => g.weight > 0)
        .map((g) => [String(g.weight), g.version || '-', ...g.addresses.map(model/* formatAddress */.M0)].join(' '))
        .join('\n');
}
/**
 * ROUTER_ACTION=weights (a canary step: several groups at once): ROUTES as above; TARGETS every address;
 * VERSION the new version (the last group); TARGET_HOST, TARGET_PORT and TARGET_URL cleared, so a
 * command written for flips only cannot mistake a step for a whole switch.
 */
function weightsEnv(groups) {
    const live = groups.filter((g) => g.weight > 0);
    return {
        ROUTER_ACTION: 'weights',
        ROUTES: routesText(live),
        TARGETS: live.flatMap((g) => g.addresses.map(model/* formatAddress */.M0)).join(' '),
        TARGET_HOST: '',
        TARGET_PORT: '',
        TARGET_URL: '',
        VERSION: live[live.length - 1]?.version ?? '',
    };
}
/**
 * ROUTER_ACTION=preview (testers first): requests that carry PREVIEW_HEADER go to TARGETS (space-separated host:port; empty:
 * empty the route, they go where every other request goes); VERSION the version there. ROUTES and TARGET_* cleared.
 */
function previewEnv(header, targets, version) {
    return {
        ROUTER_ACTION: 'preview',
        PREVIEW_HEADER: header,
        TARGETS: targets.map(model/* formatAddress */.M0).join(' '),
        ROUTES: '',
        TARGET_HOST: '',
        TARGET_PORT: '',
        TARGET_URL: '',
        VERSION: targets.length ? (version ?? '') : '',
    };
}
function commandEnv(action, group) {
    const first = group?.addresses[0];
    if (action === 'read' || !group || !first) {
        // Cleared explicitly so values from the job's environment never look like a target.
        return { ROUTER_ACTION: 'read', ROUTES: '', TARGETS: '', TARGET_HOST: '', TARGET_PORT: '', TARGET_URL: '', VERSION: '' };
    }
    return {
        ROUTER_ACTION: 'flip',
        ROUTES: routesText([{ ...group, weight: 100 }]),
        TARGETS: group.addresses.map(model/* formatAddress */.M0).join(' '),
        TARGET_HOST: first.host,
        TARGET_PORT: String(first.port),
        TARGET_URL: `http://${(0,model/* formatAddress */.M0)(first)}`,
        VERSION: group.version ?? '',
    };
}
/** The last non-empty line of a command's stdout (where `read` prints host:port). */
function lastLine(stdout) {
    const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return lines[lines.length - 1] ?? '';
}
/**
 * ROUTER_ACTION=maintenance: MAINTENANCE on or off; with on, MAINTENANCE_PAGE_FILE (the page, in a file),
 * MAINTENANCE_ALLOW (allowed source ranges, space-separated), MAINTENANCE_HEADERS (allowed header names,
 * space-separated) and RETRY_AFTER (seconds). The target variables are cleared.
 */
function maintenanceEnv(m) {
    return {
        ROUTER_ACTION: 'maintenance',
        MAINTENANCE: m ? 'on' : 'off',
        MAINTENANCE_PAGE_FILE: m?.pageFile ?? '',
        MAINTENANCE_ALLOW: m ? m.cidrs.join(' ') : '',
        MAINTENANCE_HEADERS: m ? m.headers.join(' ') : '',
        RETRY_AFTER: m ? String(m.retryAfterSec) : '',
        ROUTES: '',
        TARGETS: '',
        TARGET_HOST: '',
        TARGET_PORT: '',
        TARGET_URL: '',
        VERSION: '',
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/routers/command/target-text.ts
var target_text = __webpack_require__(6719);
;// CONCATENATED MODULE: ./src/routers/command/index.ts







const TIMEOUT_MS = 5 * 60_000;
class CommandRouter {
    cfg;
    deps;
    kind = 'command';
    /** Sticky users (stick()): given to every call as STICKY (cookie:<name>, header:<name> or source). */
    sticky;
    constructor(cfg, deps) {
        this.cfg = cfg;
        this.deps = deps;
    }
    describe() {
        const first = this.cfg.command.split('\n')[0] ?? '';
        return `router command \`${first}${this.cfg.command.includes('\n') ? ' …' : ''}\``;
    }
    async current() {
        const res = await this.exec(commandEnv('read'));
        if (res.exitCode !== 0) {
            throw new Error(`The router command failed with exit code ${res.exitCode} when asked for the current target (ROUTER_ACTION=read).\n` +
                `${res.output}\nMake the command print the live host:port (several, space-separated, for a pool) as its last line when ROUTER_ACTION=read ` +
                `(print nothing when nothing is live yet) and exit 0.`);
        }
        try {
            const line = lastLine(res.stdout);
            const what = 'The last line the router command printed for ROUTER_ACTION=read';
            const addresses = [];
            for (const word of line.split(/\s+/).filter(Boolean)) {
                // A word that is no address: the whole line is named in the error.
                const a = /^\S+:\d+\/?$/.test(word) ? (0,target_text/* parseTargetText */.m)(word, what) : (0,target_text/* parseTargetText */.m)(line, what);
                if (a)
                    addresses.push(a);
            }
            return addresses.length ? (0,routing/* allTo */.jT)(addresses) : [];
        }
        catch (e) {
            throw new Error(`${e.message}\nWhen ROUTER_ACTION=read, the router command must print the live host:port as its last line (several separated by spaces, for a pool), or nothing.`, { cause: e });
        }
    }
    async shift(to) {
        // Several groups at once (a canary step): ROUTER_ACTION=weights with ROUTES; one group: a flip.
        const split = to.filter((g) => g.weight > 0 && g.addresses.length > 0).length > 1;
        const env = split ? weightsEnv(to) : commandEnv('flip', (0,routing/* singleGroup */._k)(this.kind, to));
        await this.change(env, `while pointing traffic at ${split ? env.ROUTES?.replace(/\n/g, '; ') : env.TARGETS} (version ${env.VERSION}, ROUTER_ACTION=${env.ROUTER_ACTION})`, `The command must point the balancer at $TARGETS (one address: $TARGET_HOST:$TARGET_PORT), exit 0 only once new requests go there, ` +
            `and leave the previous target in place when it fails.`);
    }
    /** ROUTER_ACTION=maintenance (env.ts maintenanceEnv); the page in a file of its own, removed afterwards. */
    async maintenance(m) {
        const dir = m ? await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'immutable-deploy-maintenance-')) : undefined;
        try {
            const pageFile = dir ? (0,external_node_path_.join)(dir, 'page.html') : '';
            if (m)
                await (0,promises_.writeFile)(pageFile, m.page);
            const env = maintenanceEnv(m && { pageFile, cidrs: m.allow.cidrs, headers: m.allow.headers, retryAfterSec: m.retryAfterSec });
            await this.change(env, `when asked to switch maintenance ${m ? 'on' : 'off'} (ROUTER_ACTION=maintenance, MAINTENANCE=${env.MAINTENANCE})`, `The command must answer everyone but MAINTENANCE_ALLOW / MAINTENANCE_HEADERS with 503, Retry-After: $RETRY_AFTER and the page in $MAINTENANCE_PAGE_FILE ` +
                `when MAINTENANCE=on, stop when MAINTENANCE=off, and exit 0 only once that holds.`);
        }
        finally {
            if (dir)
                await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    }
    /** Testers first: ROUTER_ACTION=preview with PREVIEW_HEADER and TARGETS (empty: empty the route). */
    async preview(route) {
        const env = previewEnv(route.header, route.addresses, route.version);
        await this.change(env, `while ${env.TARGETS ? `sending requests with ${route.header} to ${env.TARGETS}` : `emptying the preview route of ${route.header}`} (ROUTER_ACTION=preview)`, 'With ROUTER_ACTION=preview the command must send requests that carry $PREVIEW_HEADER to $TARGETS ' +
            '(empty: to wherever every other request goes) and exit 0 once new requests go there.');
    }
    /** Sticky users: the command gets STICKY with every call and keeps each client on one version by that value. */
    stick(how) {
        this.sticky = how;
        return Promise.resolve();
    }
    /**
     * One change through the command: its output logged; a non-zero exit (or a timeout) fails with what it was
     * doing (`doing`), its last lines and what the command must do (`contract`).
     */
    async change(env, doing, contract) {
        const res = await this.exec(env);
        if (res.output.trim())
            this.deps.log.info(res.output.trim());
        if (res.exitCode !== 0)
            throw new Error(`The router command failed with exit code ${res.exitCode}${res.timedOut ? ' (timed out)' : ''} ${doing}.\n${res.output}\n${contract}`);
    }
    async exec(env) {
        const all = { ...env, STICKY: this.sticky ? (0,sticky/* formatSticky */.zt)(this.sticky) : '' };
        const r = await this.deps.run(['bash', '-c', this.cfg.command], { env: all, allowFailure: true, timeoutMs: TIMEOUT_MS });
        const output = (0,exec/* lastLines */.w$)([r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n'), 30);
        return { ...r, output };
    }
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


/***/ })

};

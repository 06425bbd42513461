export const id = 13;
export const ids = [13];
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

/***/ 2013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CaddyRouter: () => (/* binding */ CaddyRouter),
  splitCredentials: () => (/* binding */ splitCredentials)
});

// EXTERNAL MODULE: ./src/core/run-spec.ts
var run_spec = __webpack_require__(4880);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
;// CONCATENATED MODULE: ./src/routers/caddy/maintenance.ts
const maintenanceId = (upstreamId) => `${upstreamId}-maintenance`;
const isObject = (x) => !!x && typeof x === 'object' && !Array.isArray(x);
/** True when `x` (a handler, a route, a subroute) holds the object tagged `id`. */
function holds(x, id) {
    if (Array.isArray(x))
        return x.some((y) => holds(y, id));
    if (!isObject(x))
        return false;
    if (x['@id'] === id)
        return true;
    return Object.values(x).some((v) => holds(v, id));
}
/**
 * Where the route that holds `id` is, in the config under `base` (e.g. apps/http/servers): the path of its routes
 * list (segments from `base`), its index there and its matcher sets. The innermost list wins (a subroute's).
 */
function findRoute(config, id) {
    const visit = (x, path) => {
        if (Array.isArray(x)) {
            for (const [n, y] of x.entries()) {
                const found = visit(y, [...path, String(n)]);
                if (found)
                    return found;
            }
            return undefined;
        }
        if (!isObject(x))
            return undefined;
        for (const [k, v] of Object.entries(x)) {
            if (k === 'routes' && Array.isArray(v)) {
                const index = v.findIndex((r) => holds(r, id) && r['@id'] !== id);
                if (index < 0)
                    continue;
                // A deeper list (a subroute inside this route) is closer to the handler.
                const inner = visit(v[index]['handle'], [...path, 'routes', String(index), 'handle']);
                if (inner)
                    return inner;
                const match = v[index]['match'];
                return { path: [...path, 'routes'], index, match: Array.isArray(match) ? match : undefined };
            }
            const found = visit(v, [...path, k]);
            if (found)
                return found;
        }
        return undefined;
    };
    return visit(config, []);
}
/** The maintenance route: the proxy route's matchers, minus the allowed clients; a static 503 response. */
function maintenanceRoute(upstreamId, match, m) {
    const allowed = [
        ...(m.allow.cidrs.length ? [{ remote_ip: { ranges: m.allow.cidrs } }] : []),
        ...m.allow.headers.map((h) => ({ header: { [h]: ['*'] } })),
    ];
    const sets = match && match.length ? match : [{}];
    const withNot = allowed.length
        ? sets.map((s) => ({ ...s, not: [...(Array.isArray(s['not']) ? s['not'] : []), ...allowed] }))
        : sets;
    const matchSets = withNot.filter((s) => Object.keys(s).length > 0);
    return {
        '@id': maintenanceId(upstreamId),
        ...(matchSets.length ? { match: matchSets } : {}),
        handle: [
            {
                handler: 'static_response',
                status_code: 503,
                headers: { 'Retry-After': [String(m.retryAfterSec)], 'Content-Type': ['text/html; charset=utf-8'], 'Cache-Control': ['no-store'] },
                body: m.page,
            },
        ],
        terminal: true,
    };
}
/** The allowed ranges of a maintenance route as Caddy holds it. */
function routeRanges(route) {
    if (!isObject(route) || !Array.isArray(route['match']))
        return [];
    const first = route['match'][0];
    const not = Array.isArray(first?.['not']) ? first['not'] : [];
    return not.flatMap((s) => {
        const r = s['remote_ip']?.['ranges'];
        return Array.isArray(r) ? r.map(String) : [];
    });
}

// EXTERNAL MODULE: ./src/routers/command/target-text.ts
var target_text = __webpack_require__(6719);
;// CONCATENATED MODULE: ./src/routers/caddy/handler.ts
/** Caddy admin API paths and the reverse_proxy handler JSON. Pure. */


function idUrl(adminUrl, id, sub = '') {
    return `${adminUrl.replace(/\/+$/, '')}/id/${encodeURIComponent(id)}${sub}`;
}
/** The handler's `upstreams` list: one dial address per instance of the pool. */
function upstreamsBody(targets) {
    return JSON.stringify(targets.map((t) => ({ dial: (0,model/* formatAddress */.M0)(t) })));
}
/** Read what we need from the JSON object at /id/<id>. Throws when a dial is not host:port. */
function readHandler(json, id) {
    const obj = (json && typeof json === 'object' ? json : {});
    const ups = obj['upstreams'];
    const list = Array.isArray(ups) ? ups : [];
    const dials = list.flatMap((u, n) => {
        const dial = u?.['dial'];
        return typeof dial === 'string' ? ((0,target_text/* parseTargetText */.m)(dial, `The dial address of upstream ${n + 1} of "@id": "${id}"`) ?? []) : [];
    });
    return { isReverseProxy: obj['handler'] === 'reverse_proxy', hasUpstreams: Array.isArray(ups), dials };
}
function configSnippet(id) {
    return `{ "handler": "reverse_proxy", "@id": "${id}", "upstreams": [] }`;
}
/** Pure: the same upstreams in the same order (an empty preview route mirrors the live one: src/routers/caddy/index.ts). */
function sameDials(a, b) {
    return a.length === b.length && a.every((x, n) => (0,model/* sameAddress */.xU)(x, b[n]));
}

;// CONCATENATED MODULE: ./src/routers/caddy/index.ts




const TIMEOUT_MS = 30_000;
class CaddyRouter {
    cfg;
    deps;
    kind = 'caddy';
    weighted = false;
    unweightedBecause = 'Caddy 2.6 (Debian 12) has no weighted load-balancing policy (weighted_round_robin came in 2.7), so the upstreams list is one pool';
    constructor(cfg, deps) {
        this.cfg = cfg;
        this.deps = deps;
    }
    describe() {
        return `Caddy reverse_proxy "@id": "${this.cfg.upstreamId}" via the admin API at ${(0,run_spec/* withoutUserinfo */.Q3)(this.cfg.adminUrl)}`;
    }
    async current() {
        const { dials } = await this.read();
        return dials.length ? (0,routing/* allTo */.jT)(dials) : [];
    }
    async shift(to) {
        const group = (0,routing/* singleGroup */._k)(this.kind, to);
        const [before, preview] = await Promise.all([this.read(), this.readOptional(this.previewId)]);
        await this.put(this.cfg.upstreamId, group.addresses, group.version);
        // An empty preview route follows the live one (see preview()): requests with the header go where everyone goes.
        if (!preview || !sameDials(preview.dials, before.dials))
            return;
        // The live shift took effect; a preview route left behind is a warning (requests with the header reach the old pool).
        await this.put(this.previewId, group.addresses, group.version).catch((err) => this.deps.log.warning(`Caddy's "@id": "${this.previewId}" could not follow the live upstreams (${err.message.split('\n')[0]}): requests with the preview header still go to ${before.dials.map(model/* formatAddress */.M0).join(', ') || 'nothing'}.`, 'Preview route not updated'));
    }
    /**
     * Testers first: the upstreams of the reverse_proxy tagged `"@id": "<id>-preview"`, behind the user's route that
     * matches the header. Caddy has no fallback from a reverse_proxy without upstreams (it answers 503), so an empty
     * route is one that mirrors the live upstreams: emptied, it gets the live ones, and every shift while it mirrors
     * moves it with them (shift()); requests with the header then go where every other request goes (docs/canary.md).
     */
    async preview(route) {
        if (route.addresses.length > 0)
            return this.put(this.previewId, route.addresses, route.version);
        const live = (await this.read()).dials;
        await this.put(this.previewId, live, undefined);
    }
    /** The upstreams of `<id>-preview` unless they mirror the live ones (empty: []); undefined without that handler. */
    async readPreview() {
        const [live, preview] = await Promise.all([this.read().catch(() => undefined), this.readOptional(this.previewId)]);
        if (!live || !preview)
            return undefined;
        return { addresses: sameDials(preview.dials, live.dials) ? [] : preview.dials };
    }
    /** The handler `id`, or undefined when Caddy has none (or cannot say). */
    readOptional(id) {
        return this.read(id).catch(() => undefined);
    }
    async checkPreview(header) {
        try {
            await this.read(this.previewId);
        }
        catch (e) {
            throw new Error(`preview-header: ${header} needs a route in Caddy that matches the header, in front of the live one, handled by ` +
                `${configSnippet(this.previewId)}: ${e.message.split('\n')[0]} (see docs/canary.md "Testers first"). Nothing was started.`, { cause: e });
        }
    }
    get previewId() {
        return `${this.cfg.upstreamId}-preview`;
    }
    /** Point the reverse_proxy `id` at `targets` ([]: none), then read it back. */
    async put(id, targets, v) {
        const what = targets.length ? targets.map(model/* formatAddress */.M0).join(', ') : 'nothing';
        const version = v ? ` (version ${v})` : '';
        const before = await this.read(id);
        // PATCH replaces an existing value; PUT creates a missing one (Caddy's admin API semantics).
        const method = before.hasUpstreams ? 'PATCH' : 'PUT';
        const url = idUrl(this.cfg.adminUrl, id, '/upstreams');
        const res = await this.request(method, url, upstreamsBody(targets));
        if (!res.ok) {
            throw new Error(`Caddy refused the new upstreams ${what}${version}: ${method} ${url} answered ` +
                `${res.status}: ${res.text.trim().slice(0, 500)}\nCaddy keeps its previous config when a change fails; ` +
                `fix the cause above and re-run.`);
        }
        const after = await this.read(id);
        if (after.dials.length !== targets.length || !after.dials.every((d, n) => (0,model/* sameAddress */.xU)(d, targets[n]))) {
            throw new Error(`After the change, Caddy's "@id": "${id}" points at ${after.dials.length ? after.dials.map(model/* formatAddress */.M0).join(', ') : 'nothing'}, ` +
                `not ${what}. Another process may be changing Caddy's config (or a config file reload overwrote it).`);
        }
        this.deps.log.info(`Caddy "@id": "${id}" now sends traffic to ${what}${version}.`);
    }
    /**
     * On: the maintenance route replaced in place when it exists (new page or allowed clients at once), else put
     * right before the route that proxies. Off: deleted. Caddy applies each change before the call returns.
     */
    async maintenance(m) {
        await this.read();
        const id = maintenanceId(this.cfg.upstreamId);
        const url = idUrl(this.cfg.adminUrl, id);
        const exists = (await this.request('GET', url)).ok;
        let res;
        let what;
        if (!m) {
            what = `DELETE ${url}`;
            if (exists)
                res = await this.request('DELETE', url);
        }
        else {
            const servers = `${this.cfg.adminUrl.replace(/\/+$/, '')}/config/apps/http/servers`;
            const found = findRoute(JSON.parse((await this.request('GET', servers)).text || '{}'), this.cfg.upstreamId);
            if (!found)
                throw new Error(`Caddy's "@id": "${this.cfg.upstreamId}" is in no route of apps/http/servers: the maintenance route has nowhere to go.`);
            const route = JSON.stringify(maintenanceRoute(this.cfg.upstreamId, found.match, m));
            // PATCH replaces the tagged route where it is; PUT at an index inserts before what is there.
            const target = exists ? url : `${servers}/${found.path.map(encodeURIComponent).join('/')}/${found.index}`;
            what = `${exists ? 'PATCH' : 'PUT'} ${target}`;
            res = await this.request(exists ? 'PATCH' : 'PUT', target, route);
        }
        if (res && !res.ok)
            throw new Error(`Caddy refused maintenance ${m ? 'on' : 'off'}: ${what} answered ${res.status}: ${res.text.trim().slice(0, 500)}`);
        const now = await this.readMaintenance();
        if (now.on !== !!m)
            throw new Error(`After maintenance was switched ${m ? 'on' : 'off'}, Caddy ${now.on ? 'still has' : 'has no'} "@id": "${id}". Another process may be changing Caddy's config.`);
        this.deps.log.info(`Caddy: maintenance ${m ? 'on' : 'off'} ("@id": "${id}").`);
    }
    async checkMaintenance() {
        await this.read();
    }
    async readMaintenance() {
        const url = idUrl(this.cfg.adminUrl, maintenanceId(this.cfg.upstreamId));
        const res = await this.request('GET', url);
        if (res.status === 404 || /unknown object ID/i.test(res.text))
            return { on: false };
        if (!res.ok)
            throw new Error(`Caddy's admin API answered ${res.status} to GET ${(0,run_spec/* withoutUserinfo */.Q3)(url)}: ${res.text.trim().slice(0, 500)}`);
        return { on: true, cidrs: routeRanges(JSON.parse(res.text)) };
    }
    async read(id = this.cfg.upstreamId) {
        const url = idUrl(this.cfg.adminUrl, id);
        const res = await this.request('GET', url);
        const need = `Tag the reverse_proxy handler in your Caddy JSON config with "@id": "${id}", for example\n` +
            `  ${configSnippet(id)}\n(or set caddy-upstream-id to the @id you use).`;
        if (res.status === 404 || /unknown object ID/i.test(res.text)) {
            throw new Error(`Caddy has no config object with "@id": "${id}" (GET ${url} answered ${res.status}). ${need}`);
        }
        if (!res.ok)
            throw new Error(`Caddy's admin API answered ${res.status} to GET ${url}: ${res.text.trim().slice(0, 500)}`);
        let json;
        try {
            json = JSON.parse(res.text);
        }
        catch {
            throw new Error(`Caddy's admin API answered GET ${url} with something that is not JSON: ${res.text.slice(0, 200)}`);
        }
        const view = readHandler(json, id);
        if (!view.isReverseProxy) {
            throw new Error(`Caddy's "@id": "${id}" is not a reverse_proxy handler. ${need}`);
        }
        return view;
    }
    /**
     * One admin API call. Caddy replaces its admin server on every config change, so a pooled keep-alive
     * connection can be reset under us: retry such resets (every call here is idempotent: GET, or setting
     * the same upstream list again).
     */
    async request(method, url, body) {
        for (let attempt = 1;; attempt++) {
            try {
                const { href, authorization } = splitCredentials(url);
                const res = await fetch(href, {
                    method,
                    headers: {
                        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                        ...(authorization ? { authorization } : {}),
                    },
                    body,
                    signal: AbortSignal.timeout(TIMEOUT_MS),
                });
                return { ok: res.ok, status: res.status, text: await res.text() };
            }
            catch (e) {
                const cause = e.cause;
                const code = cause?.code ?? '';
                if (attempt < 4 && /ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED/.test(code)) {
                    await new Promise((r) => setTimeout(r, 50 * attempt));
                    continue;
                }
                throw new Error(`Could not reach Caddy's admin API at ${(0,run_spec/* withoutUserinfo */.Q3)(this.cfg.adminUrl)} (${method} ${(0,run_spec/* withoutUserinfo */.Q3)(url)}: ${code || cause?.message || e.message}). ` +
                    `Is Caddy running with its admin endpoint there? Set caddy-admin-url to it.`, { cause: e });
            }
        }
    }
}
/**
 * fetch() refuses a URL with user:password in it: an admin API behind basic auth
 * (caddy-admin-url: https://user:pass@host) gets them as an Authorization header instead.
 */
function splitCredentials(url) {
    const u = new URL(url);
    if (!u.username && !u.password)
        return { href: url };
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    u.username = '';
    u.password = '';
    return { href: u.href, authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
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

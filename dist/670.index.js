export const id = 670;
export const ids = [670];
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

/***/ 7670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HostsRouter: () => (/* binding */ HostsRouter),
/* harmony export */   routingOn: () => (/* binding */ routingOn),
/* harmony export */   sameRouting: () => (/* binding */ sameRouting)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4146);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3441);

/** The part of `to` on one host: the groups' addresses there, weights as given (the host's balancer normalizes). Pure. */
function routingOn(to, address) {
    return to
        .map((g) => ({ ...g, addresses: g.addresses.filter((a) => a.host === address) }))
        .filter((g) => g.weight > 0 && g.addresses.length > 0);
}
/** Whether a balancer serving `now` already serves exactly `to` (same addresses, same relative weights). Pure. */
function sameRouting(now, to) {
    const norm = (r) => {
        const live = r.filter((g) => g.weight > 0 && g.addresses.length > 0);
        const total = live.reduce((n, g) => n + g.weight, 0);
        return live.flatMap((g) => g.addresses.map((a) => ({ a, w: g.weight / total / g.addresses.length })));
    };
    const x = norm(now);
    const y = norm(to);
    return x.length === y.length && y.every((b) => x.some((a) => (0,_types_js__WEBPACK_IMPORTED_MODULE_0__/* .sameAddress */ .xU)(a.a, b.a) && Math.abs(a.w - b.w) < 1e-6));
}
class HostsRouter {
    each;
    kind;
    hosts;
    counters;
    constructor(each) {
        this.each = each;
        if (each.length === 0)
            throw new Error('A router of hosts needs at least one host.');
        this.kind = each[0].router.kind;
        this.hosts = each.map((h) => h.name);
        this.counters = each.flatMap((h) => (h.counters ? [h.counters] : []));
    }
    describe() {
        const one = this.each[0].router.describe();
        return this.each.length === 1 ? one : `the balancers of ${this.each.length} hosts (${this.each.map((h) => h.name).join(', ')}), each its own ${this.kind}`;
    }
    forHosts(names) {
        const unknown = names.filter((n) => !this.each.some((h) => h.name === n));
        if (unknown.length)
            throw new Error(`${unknown.join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no balancer of its own (router= on its hosts line).`);
        return new HostsRouter(this.each.filter((h) => names.includes(h.name)));
    }
    /** Each host's routing, its weights scaled so that every host gets an equal part of 100. */
    async current() {
        const all = await Promise.all(this.each.map((h) => h.router.current()));
        const part = 100 / this.each.length;
        return all.flatMap((r) => {
            const live = r.filter((g) => g.weight > 0);
            const total = live.reduce((n, g) => n + g.weight, 0);
            return live.map((g) => ({ ...g, weight: (g.weight / total) * part }));
        });
    }
    async checkCapacity(size) {
        // `size` counts the whole fleet's instances; each host's balancer serves its own share of them.
        const per = Math.ceil(size / this.each.length);
        await Promise.all(this.each.map((h) => h.router.checkCapacity?.(per) ?? Promise.resolve()));
    }
    async serverNames(addresses) {
        const named = await Promise.all(this.each.map((h) => h.router.serverNames?.(addresses.filter((a) => a.host === h.address)) ?? Promise.resolve(undefined)));
        const backend = named.find((n) => n)?.backend ?? '';
        return { backend, servers: [...new Set(named.flatMap((n) => n?.servers ?? []))] };
    }
    async divergence() {
        const all = await Promise.all(this.each.map((h) => h.router.divergence?.() ?? Promise.resolve([])));
        return all.flat();
    }
    async shift(to) {
        const plan = this.each.map((h) => ({ h, sub: routingOn(to, h.address) }));
        const empty = plan.filter((p) => p.sub.length === 0);
        if (empty.length)
            throw new Error(`${(0,_types_js__WEBPACK_IMPORTED_MODULE_1__/* .formatRouting */ .YN)(to)} has no address on ${empty.map((p) => `${p.h.name} (${p.h.address})`).join(', ')}: each host's balancer serves that host's own instances, ` +
                'so every host must have one. Nothing was changed.');
        const before = await Promise.all(plan.map((p) => p.h.router.current()));
        const changing = plan.flatMap((p, n) => (sameRouting(before[n], p.sub) ? [] : [{ ...p, was: before[n].filter((g) => g.weight > 0) }]));
        // Every host at once: a flip of N hosts takes one balancer change's time, not N (a rollback waits for the slowest).
        const results = await Promise.allSettled(changing.map((p) => p.h.router.shift(p.sub)));
        const failed = changing.flatMap((p, i) => (results[i].status === 'rejected' ? [{ p, err: results[i].reason }] : []));
        if (failed.length === 0)
            return;
        // A host that failed restored itself; the hosts this shift changed go back to what they served.
        const changed = changing.filter((_, i) => results[i].status === 'fulfilled');
        const notBack = [];
        await Promise.all(changed.filter((p) => p.was.length > 0).map((p) => p.h.router.shift(p.was).catch(() => void notBack.push(p.h.name))));
        const why = failed.map(({ p, err }) => `On ${p.h.name}: ${err instanceof Error ? err.message : String(err)}`).join('\n');
        throw new Error(why +
            (changed.length
                ? `\nThe hosts this shift had changed (${changed.map((p) => p.h.name).join(', ')}) were put back${notBack.length ? `, except ${notBack.join(', ')}` : ''}.`
                : ''), { cause: failed[0].err });
    }
}


/***/ })

};

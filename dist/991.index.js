export const id = 991;
export const ids = [991];
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

/***/ 8159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DG: () => (/* binding */ stepGroups),
/* harmony export */   LO: () => (/* binding */ stepRouting),
/* harmony export */   V4: () => (/* binding */ replicaSplit)
/* harmony export */ });
/* unused harmony export stepShares */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4146);
/* harmony import */ var _routing_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3441);
/**
 * How a canary step splits the traffic between the pools of a release, in the core model's terms. Pure.
 *
 *   stable    the pool that served before the release: the rest of the traffic
 *   baseline  (optional) a fresh pool of the stable version, the size of the canary pool, started with it:
 *             the same share as the canary (as far as the rest allows), so that the canary is compared with
 *             a pool as young, as warm and as loaded as itself rather than with a long-running one
 *   next      the canary: the step's share
 *
 * Every router that weights serves the groups of one Routing (HAProxy server slots and weights, the nginx
 * njs routes file, the command router's ROUTES/TARGETS, the Kubernetes replica ratio), so one release path
 * serves two or three pools alike; a router that cannot serve as many groups at once says so
 * (Router.maxGroups), checked before anything starts.
 */


/**
 * The shares of a step at `share` percent to the canary: the baseline (when there is one) as much as the
 * canary, never more than the rest (above 50% the stable pool gets nothing and the baseline the rest).
 */
function stepShares(share, withBaseline) {
    const next = Math.min(100, Math.max(0, share));
    const baseline = withBaseline ? Math.min(next, 100 - next) : 0;
    return { stable: 100 - next - baseline, baseline, next };
}
/**
 * The routing of a step: `share` percent to `next`, as much to `baseline` (when given), the rest to `stable`.
 * At 100% (or without a stable pool) everything goes to `next`. Groups at 0 are left out. Order: stable,
 * baseline, next (the canary is always the last group).
 */
function stepRouting(stable, next, share, baseline) {
    if (!stable || share >= 100)
        return (0,_routing_js__WEBPACK_IMPORTED_MODULE_0__/* .allTo */ .jT)((0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .poolAddresses */ .LR)(next), next.version);
    const s = stepShares(share, !!baseline);
    const groups = [{ addresses: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .poolAddresses */ .LR)(stable), weight: s.stable, version: stable.version }];
    if (baseline)
        groups.push({ addresses: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .poolAddresses */ .LR)(baseline), weight: s.baseline, version: baseline.version });
    groups.push({ addresses: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .poolAddresses */ .LR)(next), weight: s.next, version: next.version });
    return groups.filter((g) => g.weight > 0);
}
/** The groups of a step as a router's realShares() takes them: how many addresses each has, and its weight. */
function stepGroups(sizes, share) {
    const s = stepShares(share, sizes.baseline !== undefined);
    return [
        { size: sizes.stable, weight: s.stable },
        ...(sizes.baseline !== undefined ? [{ size: sizes.baseline, weight: s.baseline }] : []),
        { size: sizes.next, weight: s.next },
    ].filter((g) => g.weight > 0);
}
/**
 * Replica counts for a step at `share` percent when the traffic is spread evenly over the ready pods of
 * both pools (a Kubernetes Service): the canary gets as many pods as keeps its share of all pods at or
 * below `share`, at least one (no pod, no evidence) and at most its own replicas; the stable pool keeps at
 * least its own replicas and grows when one canary pod would be more than the share (10% with 2 stable
 * replicas: 9 stable pods beside 1). `share` 100 (or more): the canary alone, at its own replicas.
 */
function replicaSplit(stableReplicas, nextReplicas, share) {
    if (share >= 100)
        return { stable: 0, next: nextReplicas, share: 100 };
    if (share <= 0)
        return { stable: stableReplicas, next: 0, share: 0 };
    // The most canary pods beside the stable pool's own that stay within the share: n / (n + S) <= share.
    const fits = Math.floor((share * stableReplicas) / (100 - share) + 1e-9);
    const next = Math.max(1, Math.min(nextReplicas, fits));
    // Enough stable pods for that: S >= n (100 - share) / share.
    const stable = Math.max(stableReplicas, Math.ceil((next * (100 - share)) / share - 1e-9));
    return { stable, next, share: (100 * next) / (next + stable) };
}


/***/ }),

/***/ 3869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   l4: () => (/* binding */ lockName),
/* harmony export */   sG: () => (/* binding */ describeHolder),
/* harmony export */   yx: () => (/* binding */ LockLostError)
/* harmony export */ });
/* unused harmony exports LEASE_SEC, RENEW_SEC, processStart, myIdentity, processAlive, sameProcessSpace, leaseEnd, isStale, testLease, fenceMarginMs */
/* harmony import */ var _support_ids_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9277);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7700);
/**
 * One run at a time per app and environment. The lock lives on the target itself, so runs on different
 * runners exclude each other; where and how it is stored is a `LeaseStore` (a Docker engine now:
 * src/platforms/docker/lock.ts; a Kubernetes Lease would be another).
 *
 * The holder renews its lease while it lives (every RENEW_SEC, lease LEASE_SEC). A lock is taken over
 * when its holder is gone: at once when the holder ran on this machine, in this pid namespace, and its
 * process is gone; otherwise once its lease ran out (the store's clock judges, not the runners').
 */




const LEASE_SEC = 60;
const RENEW_SEC = 20;
/** Pure: a lock name per app and environment that no other pair shares (an app has no ".", so the first "." ends it). */
function lockName(app, environment) {
    return `${app}.${environment}.lock`;
}
const read = (path, f) => {
    try {
        return f(path).trim();
    }
    catch {
        return '';
    }
};
/** The start time field of /proc/<pid>/stat ('' when there is no such process or no /proc). */
function processStart(pid) {
    const stat = read(`/proc/${pid}/stat`, (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8'));
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
function myIdentity() {
    return {
        host: (0,node_os__WEBPACK_IMPORTED_MODULE_1__.hostname)(),
        pid: process.pid,
        bootId: read('/proc/sys/kernel/random/boot_id', (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8')),
        pidNamespace: read('/proc/self/ns/pid', node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync),
        pidStart: processStart('self'),
    };
}
const hasProc = () => processStart('self') !== '';
/** Is the process `pid` that started at `start` still running here? */
function processAlive(pid, start) {
    if (hasProc()) {
        const now = processStart(pid);
        return now !== '' && (!start || now === start);
    }
    try {
        // No /proc (not Linux): all we can ask is whether some process has the pid.
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
/** Pure: the holder's process can be checked from here (same boot of the same machine, same pid namespace). */
function sameProcessSpace(h, me) {
    return !!h.bootId && h.bootId === me.bootId && h.pidNamespace === me.pidNamespace;
}
/** Pure: when the lease of `s` ends. An unreadable holder gets the default lease. */
function leaseEnd(s) {
    return new Date(s.renewedAt.getTime() + (s.holder?.leaseSec ?? LEASE_SEC) * 1000);
}
/** Pure (given the clocks and a process check): is the holder gone? */
function isStale(s, now, me, alive) {
    if (s.holder && sameProcessSpace(s.holder, me) && !alive(s.holder.pid, s.holder.pidStart))
        return true;
    return now.getTime() > leaseEnd(s).getTime();
}
function describeHolder(h) {
    if (!h)
        return 'an unknown holder';
    return `${h.runUrl || `pid ${h.pid} on ${h.host}`} (since ${h.acquiredAt})`;
}
/** The lock was lost (taken over, or not renewed within its lease): this run changes nothing more. */
class LockLostError extends _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH {
    constructor(message) {
        super(message, 'Nothing was shifted, removed or recorded after that. The next run converges from what it finds (command: status shows it).');
        this.name = 'LockLostError';
    }
}
/**
 * Tests only (not an action input): IMMUTABLE_DEPLOY_TEST_LEASE="<leaseSec>,<renewSec>" shortens the lease and
 * the renewal interval, so a test can let a lease end without waiting a minute. Ignored unless both are numbers.
 */
function testLease(env = process.env) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(env['IMMUTABLE_DEPLOY_TEST_LEASE'] ?? '');
    return m ? { leaseSec: Number(m[1]), renewSec: Number(m[2]) } : undefined;
}
/**
 * Pure: how long before its lease ends (on its own clock, from the start of its last successful renewal) a
 * holder stops acting: the store judges the lease by its own clock, which a waiting run knows to about a second.
 */
function fenceMarginMs(leaseSec) {
    return Math.max(1000, Math.min(5000, leaseSec * 100));
}
/** Takes the lock in `store`, waiting up to `timeoutSec` for another holder; renews it until released. */
async function acquireLock(store, o) {
    const me = o.identity ?? myIdentity();
    const alive = o.alive ?? processAlive;
    const hook = testLease();
    const leaseSec = o.leaseSec ?? hook?.leaseSec ?? LEASE_SEC;
    const renewSec = o.renewSec ?? hook?.renewSec ?? RENEW_SEC;
    const clock = o.clock ?? (() => performance.now());
    const deadline = Date.now() + o.timeoutSec * 1000;
    const holder = {
        runUrl: o.runUrl,
        ...me,
        runId: (0,_support_ids_js__WEBPACK_IMPORTED_MODULE_3__/* .randomHex */ .n)(8),
        acquiredAt: new Date().toISOString(),
        leaseSec,
    };
    let announced = false;
    const timedOut = (what) => new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Waited ${o.timeoutSec}s for the deploy lock ${store.describe}: ${what}.`, `Look at ${store.describe}; if no run holds it, remove it by hand (${store.removeHint}), or raise "lock-timeout".`);
    for (;;) {
        const since = store.now();
        const asked = clock();
        const token = await store.create(holder);
        if (token)
            return hold(store, token, { log: o.log, renewMs: renewSec * 1000, leaseMs: leaseSec * 1000, clock, since: asked });
        const current = await store.read();
        if (!current) {
            // Gone meanwhile: try again, but never past the deadline (a store that keeps saying neither "yours" nor "held").
            if (Date.now() >= deadline)
                throw timedOut('it was neither free nor held by a run each time it was asked');
            await new Promise((r) => setTimeout(r, 50));
            continue;
        }
        const now = store.now();
        if (isStale(current, now, me, alive)) {
            const why = now > leaseEnd(current) ? `its lease ended at ${leaseEnd(current).toISOString()}` : 'its process is gone';
            o.log.warning(`Taking over the deploy lock ${store.describe} from ${describeHolder(current.holder)}: ${why}.`);
            // By token: if another run took it over meanwhile, its lock stays.
            await store.remove(current.token);
            continue;
        }
        if (Date.now() >= deadline) {
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Another run holds the deploy lock ${store.describe}: ${describeHolder(current.holder)}. Waited ${o.timeoutSec}s.`, `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
                `once its lease ends (${leaseEnd(current).toISOString()}, unless renewed); if you know the holder is gone, remove the lock by hand ` +
                `(${store.removeHint}).`);
        }
        if (!announced) {
            o.log.info(`Waiting for the deploy lock ${store.describe}, held by ${describeHolder(current.holder)}`);
            announced = true;
        }
        // Until the lock goes, its lease may end, or we give up: whichever comes first.
        const wake = Math.min(deadline, leaseEnd(current).getTime() - now.getTime() + Date.now() + 1000);
        const timer = new AbortController();
        const t = setTimeout(() => timer.abort(), Math.max(0, wake - Date.now()));
        try {
            await store.waitGone(since, new Date(wake), timer.signal);
        }
        finally {
            clearTimeout(t);
        }
    }
}
function hold(store, token, o) {
    const { log, renewMs, leaseMs, clock } = o;
    let lost;
    /** The start of the newest renewal that succeeded (or of the create): the lease runs from no earlier. */
    let renewedAt = o.since;
    let lastError;
    let renewing = Promise.resolve();
    let released = false;
    let timer;
    /** When the last warning about failing renewals was logged: one a renewal interval while they fail. */
    let warnedAt = -Infinity;
    // After a failed renewal the next try comes sooner than a whole interval (a blip of the engine or the ssh
    // connection should not eat a third of the lease); the warning still comes once an interval.
    const retryMs = Math.min(renewMs, Math.max(1000, renewMs / 10));
    const validUntil = () => renewedAt + leaseMs - fenceMarginMs(leaseMs / 1000);
    const schedule = (ms) => {
        if (released)
            return;
        timer = setTimeout(renew, ms);
        timer.unref();
    };
    // One renewal at a time: the next is scheduled when this one has an answer (an engine slow to answer never
    // gets two at once; one that never answers gets no more, and check() stops the run when the lease is over).
    function renew() {
        const sent = clock();
        renewing = store.renew(token).then((ok) => {
            if (ok) {
                renewedAt = Math.max(renewedAt, sent);
                lastError = undefined;
                warnedAt = -Infinity;
            }
            else if (!lost) {
                lost = `The deploy lock ${store.describe} was taken over by another run while this one held it (its lease was not renewed in time?).`;
                log.error(lost, 'Deploy lock lost');
            }
            schedule(renewMs);
        }, (err) => {
            lastError = (0,_support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err).replace(/\.$/, '');
            const now = clock();
            const left = Math.round((validUntil() - now) / 1000);
            if (now - warnedAt >= renewMs) {
                warnedAt = now;
                log.warning(`Could not renew the deploy lock ${store.describe}: ${lastError}. ` +
                    (left > 0
                        ? `Trying again every ${retryMs / 1000}s; this run stops changing anything in ${left}s unless a renewal succeeds.`
                        : 'Its lease has ended: this run changes nothing more.'));
            }
            schedule(retryMs);
        });
    }
    schedule(renewMs);
    let releasing;
    return {
        check() {
            if (lost)
                throw new LockLostError(lost);
            const now = clock();
            if (now > validUntil()) {
                const ago = Math.round((now - renewedAt) / 1000);
                throw new LockLostError(`The deploy lock ${store.describe} was last renewed ${ago}s ago and its lease is ${leaseMs / 1000}s: ` +
                    `another run may hold it now, so this run stops here${lastError ? ` (the renewals failed: ${lastError})` : ''}.`);
            }
        },
        release() {
            // One release: a second caller (the interrupt handler while the run's own finally releases) waits for
            // the same one, so the process never exits before the lock is gone.
            releasing ??= (async () => {
                released = true;
                clearTimeout(timer);
                await renewing;
                try {
                    // By token: a lock another run took over meanwhile stays.
                    await store.remove(token);
                }
                catch (err) {
                    log.warning(`Could not release the deploy lock ${store.describe}: ${(0,_support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err).replace(/\.$/, '')}. The next run takes it over once its lease ends ` +
                        `(${leaseMs / 1000}s after the last renewal), or remove it by hand (${store.removeHint}).`);
                }
            })();
            return releasing;
        },
    };
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

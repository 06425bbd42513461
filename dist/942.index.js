export const id = 942;
export const ids = [942];
export const modules = {

/***/ 7319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   Vj: () => (/* binding */ verdictOf),
/* harmony export */   l9: () => (/* binding */ formatPercent),
/* harmony export */   n2: () => (/* binding */ noEvidence)
/* harmony export */ });
/* unused harmony export errorRate */
/** The error rate in percent: the source's own rate, else errors / requests; undefined without evidence. */
function errorRate(n) {
    if (n.errorRate !== undefined && Number.isFinite(n.errorRate))
        return n.errorRate;
    if (n.errors !== undefined && n.requests !== undefined && n.requests > 0)
        return (100 * n.errors) / n.requests;
    return undefined;
}
function formatPercent(p) {
    return `${Number(p.toFixed(2))}%`;
}
/**
 * Judge a reading. Order: too few requests is no evidence (insufficient), whatever the rest says, so a
 * window never passes (nor fails on the rate of 2 requests) on noise; then error rate, then response
 * time, then a command's own verdict.
 */
function verdictOf(reading, t) {
    const numbers = { ...reading.numbers };
    const rate = errorRate(numbers);
    if (rate !== undefined)
        numbers.errorRate = rate;
    if (numbers.requests !== undefined && numbers.requests < t.minRequests)
        return { result: 'insufficient', numbers };
    if (rate !== undefined && rate > t.maxErrorRate)
        return { result: 'fail', numbers, metric: 'error-rate', value: formatPercent(rate), threshold: `max-error-rate ${formatPercent(t.maxErrorRate)}` };
    if (t.maxResponseMs !== undefined && numbers.responseMs !== undefined && numbers.responseMs > t.maxResponseMs)
        return {
            result: 'fail',
            numbers,
            metric: 'response-ms',
            value: `${Math.round(numbers.responseMs)} ms`,
            threshold: `max-response-ms ${t.maxResponseMs} ms`,
        };
    if (reading.says === 'fail')
        return {
            result: 'fail',
            numbers,
            metric: 'analysis-command',
            value: 'failed',
            threshold: 'exit code 0',
            ...(reading.output !== undefined ? { output: reading.output } : {}),
        };
    // A source that counts nothing (a command printing no numbers) stands on its own verdict.
    if (numbers.requests === undefined && rate === undefined && reading.says === undefined && t.minRequests > 0)
        return { result: 'insufficient', numbers };
    return { result: 'pass', numbers };
}
/** The failure when the window has reached its limit still without enough requests. */
function noEvidence(numbers, t, seconds) {
    return {
        result: 'fail',
        numbers,
        metric: 'min-requests',
        value: numbers.requests === undefined ? 'no request count' : `${numbers.requests} requests in ${Math.round(seconds)}s`,
        threshold: `min-requests ${t.minRequests}`,
    };
}
/** One line for logs and errors: `error-rate 12.5% > max-error-rate 1%`. */
function describeFailure(v) {
    if (v.metric === 'min-requests')
        return `too few requests to judge: ${v.value} (${v.threshold})`;
    if (v.metric === 'analysis-command')
        return `the analysis command failed${v.output ? `:\n${v.output}` : ''}`;
    return `${v.metric} ${v.value} > ${v.threshold}`;
}


/***/ }),

/***/ 4604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _w: () => (/* binding */ judgeWindow),
/* harmony export */   zj: () => (/* binding */ SOURCE_RETRIES)
/* harmony export */ });
/* unused harmony exports EXTEND_FACTOR, POLL_MS, SourceError, realClock */
/* harmony import */ var _verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7319);
/**
 * Judging one window (a canary step or the bake): open the source, read it about every second while it
 * runs (a breach ends the window at once), judge at the end, and when there were too few requests keep
 * the window open longer, up to a limit, rather than pass on no evidence.
 */

/** A window without enough requests may grow to this many times its length before it fails. */
const EXTEND_FACTOR = 3;
const POLL_MS = 1000;
/** A metrics source that fails is asked again this many times (a poll apart) before the window ends without a verdict. */
const SOURCE_RETRIES = 3;
/** The metrics source failed, every retry included: no verdict (never a pass). Names the source and its error. */
class SourceError extends Error {
    constructor(source, attempts, cause) {
        super(`the metrics source (${source.describe()}) failed ${attempts} time${attempts > 1 ? 's' : ''} in a row: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = 'SourceError';
    }
}
const realClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
async function judgeWindow(source, subject, o) {
    const clock = o.clock ?? realClock;
    const pollMs = o.pollMs ?? POLL_MS;
    const start = clock.now();
    const end = start + o.seconds * 1000;
    const limit = start + o.seconds * 1000 * EXTEND_FACTOR;
    let failures = 0;
    /** `fn`, or undefined after a failure that may be retried; throws SourceError once the retries are spent. */
    const attempt = async (fn) => {
        try {
            const r = await fn();
            failures = 0;
            return r;
        }
        catch (err) {
            failures++;
            if (failures > SOURCE_RETRIES)
                throw new SourceError(source, failures, err);
            o.onSourceError?.(err, failures);
            return undefined;
        }
    };
    let w = await attempt(() => source.open(subject));
    while (!w) {
        await clock.sleep(pollMs);
        w = await attempt(() => source.open(subject));
    }
    const opened = w;
    for (;;) {
        const now = clock.now();
        // After a failed read: ask again a poll later, whatever the source.
        const due = failures > 0 || now >= end ? now + pollMs : source.continuous ? Math.min(now + pollMs, end) : end;
        await clock.sleep(Math.max(0, due - now));
        const t = clock.now();
        const elapsed = (t - start) / 1000;
        const numbers = await attempt(() => opened.read());
        if (!numbers)
            continue;
        const v = (0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .verdictOf */ .Vj)(numbers, o.thresholds);
        o.onReading?.(v, elapsed);
        if (v.result === 'fail')
            return { verdict: v, seconds: elapsed };
        if (t < end)
            continue;
        if (v.result === 'pass')
            return { verdict: v, seconds: elapsed };
        if (t >= limit)
            return { verdict: (0,_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .noEvidence */ .n2)(v.numbers, o.thresholds, elapsed), seconds: elapsed };
    }
}


/***/ }),

/***/ 8863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KR: () => (/* binding */ defaultRollbackVersion),
/* harmony export */   bI: () => (/* binding */ flips),
/* harmony export */   dR: () => (/* binding */ servedPools),
/* harmony export */   eb: () => (/* binding */ missingRecord),
/* harmony export */   ei: () => (/* binding */ recordsToPrune),
/* harmony export */   es: () => (/* binding */ rollbackTarget),
/* harmony export */   ne: () => (/* binding */ openIntent),
/* harmony export */   rI: () => (/* binding */ specOf),
/* harmony export */   ui: () => (/* binding */ newestSpec),
/* harmony export */   zP: () => (/* binding */ unclosedIntents)
/* harmony export */ });
/* unused harmony exports RECORDS_KEPT, isFlip, servedRecord, lastFlip */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);

/** How many flip records are kept per app and environment (older ones are pruned after a flip). */
const RECORDS_KEPT = 20;
const isFlip = (r) => r.kind === undefined || r.kind === 'flip';
const isServed = (r) => r.kind === 'served';
const isIntent = (r) => r.kind === 'intent';
const isResult = (r) => r.kind === 'result';
/** The flip records, in the order given (newest first). */
function flips(records) {
    return records.filter((r) => isFlip(r));
}
/** The newest `served` record of a pool. */
function servedRecord(records, pool) {
    return records.filter(isServed).find((r) => r.pool === pool);
}
/**
 * Pools that have served traffic: made live by a flip (a `served` record, kept for the pool's life), or
 * named by a flip record. undefined: no records yet (instances from before records).
 */
function servedPools(records) {
    const ids = new Set();
    let any = false;
    for (const r of records) {
        if (isServed(r)) {
            any = true;
            ids.add(r.pool);
        }
        else if (isFlip(r)) {
            any = true;
            ids.add(r.live.pool);
            if (r.replaced)
                ids.add(r.replaced.pool);
        }
    }
    return any ? ids : undefined;
}
/**
 * The release a killed run left unfinished, from the newest intent: none when that intent was final (the
 * switch or a shift back) and has its result, when a later run converged it, or when its run recorded
 * the flip of its new pool. Otherwise the intent says what the dead run was doing: the stable pool gets
 * all traffic back, the never-judged pool goes.
 */
function openIntent(records) {
    const intents = records.filter(isIntent).sort((a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(b.at, a.at));
    const newest = intents[0];
    if (!newest)
        return undefined;
    const results = records.filter(isResult);
    const ofRun = new Set(intents.filter((i) => i.run === newest.run).map((i) => i.id));
    if (results.some((r) => r.outcome === 'converged' && ofRun.has(r.intent)))
        return undefined;
    if (newest.final && results.some((r) => r.intent === newest.id))
        return undefined;
    if (flips(records).some((f) => f.run === newest.run && f.live.pool === newest.next.pool))
        return undefined;
    return newest;
}
/** Every intent of the records without a result that closes it (a killed run's, any number of them). */
function unclosedIntents(records) {
    const closed = new Set(records.filter(isResult).map((r) => r.intent));
    return records.filter(isIntent).filter((i) => !closed.has(i.id));
}
/**
 * The record a run writes when the router serves `live` but no record says so (the run that flipped was
 * killed before it wrote its record, or the instances predate flip records): `live` replaced what the
 * newest record made live (with no records: the newest warm pool).
 */
function missingRecord(records, live, warm, runUrl, now) {
    const fs = flips(records);
    if (!live || fs.some((r) => r.live.pool === live.id) || servedRecord(records, live.id))
        return undefined;
    const first = live.instances[0];
    const before = fs[0]?.live ?? (warm[0] ? { pool: warm[0].id, version: warm[0].version } : undefined);
    return {
        kind: 'flip',
        app: first.app,
        environment: first.environment,
        at: now.toISOString(),
        live: { pool: live.id, version: live.version, digest: first.digest },
        replaced: before && before.pool !== live.id ? { pool: before.pool, version: before.version } : undefined,
        spec: first.spec,
        runUrl,
    };
}
/** The flip that made `live` live (records newest first), or the one that should have been recorded. */
function lastFlip(records, live, warm) {
    if (!live)
        return undefined;
    return flips(records).find((r) => r.live.pool === live.id) ?? missingRecord(records, live, warm, '', new Date(0));
}
/**
 * What a rollback from `live` goes back to, as the flip that made it live is recorded: the pool it
 * replaced, or, when that was the same version (a recycle, a re-run of a deploy), what a rollback from
 * that pool went back to (its `served` record, else the flip chain as far as the records reach).
 */
function rollbackTarget(records, live, replaced) {
    const seen = new Set([live.pool]);
    let from = replaced;
    while (from && from.version === live.version && !seen.has(from.pool)) {
        seen.add(from.pool);
        const served = servedRecord(records, from.pool);
        if (served)
            return served.back && served.back.version !== live.version ? served.back : undefined;
        from = flips(records).find((r) => r.live.pool === from.pool)?.replaced;
    }
    return from && from.version !== live.version ? from : undefined;
}
/**
 * The version a rollback without `version` goes to: the one the last flip replaced. When that flip
 * replaced a pool of the same version (a re-run of a deploy, a recycle), the flip before it counts: the
 * live pool's `served` record keeps the answer for the pool's whole life, however many flips follow.
 */
function defaultRollbackVersion(records, live, warm) {
    if (!live)
        return undefined;
    const served = servedRecord(records, live.id);
    if (served)
        return served.back && served.back.version !== live.version ? served.back.version : undefined;
    const flip = lastFlip(records, live, warm);
    return rollbackTarget(records, { pool: live.id, version: live.version }, flip?.replaced)?.version;
}
const specOfRecord = (r) => ('spec' in r ? r.spec : undefined);
const versionOfRecord = (r) => (isFlip(r) ? r.live.version : isServed(r) ? r.version : undefined);
/** The run spec a version ran with: from one of its instances (newest first), else from the newest record that made it live. */
function specOf(version, instances, records) {
    const own = [...instances]
        .filter((i) => i.version === version && i.spec)
        .sort((a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(b.deployedAt, a.deployedAt))[0]?.spec;
    return own ?? records.filter((r) => versionOfRecord(r) === version).map(specOfRecord).find((s) => s);
}
/** The newest recorded spec of the app in the environment: the records first (flip, served, home), else the newest instance. */
function newestSpec(instances, records) {
    return (records.filter((r) => r.kind !== 'intent').map(specOfRecord).find((s) => s) ??
        [...instances].filter((i) => i.spec).sort((a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(b.deployedAt, a.deployedAt))[0]?.spec);
}
/**
 * The records to remove after a release, under the lock: flip records beyond the newest `kept`; `served`
 * records of pools that have no instance any more (`pools`: every pool that has one); intents and results
 * of releases that finished (nothing open: a run that converged closed them). Never a `served` record of
 * a pool that exists: that a warm version served is kept however many runs pass.
 */
function recordsToPrune(records, pools, kept = RECORDS_KEPT) {
    const out = flips(records).slice(kept).map((r) => r.key);
    const servedKeep = new Set();
    for (const r of records) {
        if (r.kind !== 'served')
            continue;
        // One record per pool: the newest.
        if (!pools.has(r.pool) || servedKeep.has(r.pool))
            out.push(r.key);
        else
            servedKeep.add(r.pool);
    }
    if (!openIntent(records))
        out.push(...records.filter((r) => r.kind === 'intent' || r.kind === 'result').map((r) => r.key));
    const homes = records.filter((r) => r.kind === 'home');
    out.push(...homes.slice(1).map((r) => r.key));
    return out;
}


/***/ }),

/***/ 4146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ poolAddresses),
/* harmony export */   M0: () => (/* binding */ formatAddress),
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

/***/ 4620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GD: () => (/* binding */ poolShare),
/* harmony export */   L8: () => (/* binding */ classify),
/* harmony export */   SA: () => (/* binding */ planRetention),
/* harmony export */   dU: () => (/* binding */ planImagePrune),
/* harmony export */   mG: () => (/* binding */ protectedVersions),
/* harmony export */   mU: () => (/* binding */ resumeDecision),
/* harmony export */   m_: () => (/* binding */ pools),
/* harmony export */   ob: () => (/* binding */ strangers)
/* harmony export */ });
/* unused harmony export up */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4146);
/* harmony import */ var _routing_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3441);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2020);



/** Up: running, or being restarted by its restart policy (it comes back at the same address). */
const up = (i) => i.running || i.restarting;
const newestFirst = (a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(b.deployedAt, a.deployedAt);
const newest = (p) => p.instances.reduce((m, i) => (i.deployedAt > m ? i.deployedAt : m), '');
const newestPoolFirst = (a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(newest(b), newest(a));
/** Pure: instances grouped into their pools (one launch of one version), newest pool first. */
function pools(instances) {
    const byId = new Map();
    for (const i of [...instances].sort(newestFirst)) {
        const p = byId.get(i.pool) ?? { id: i.pool, version: i.version, instances: [] };
        p.instances.push(i);
        byId.set(i.pool, p);
    }
    return [...byId.values()].sort(newestPoolFirst);
}
/**
 * The share of new requests (0..100) the balancer gives `p`, from the weights it reports: each group's
 * weight split evenly over its addresses. Pure.
 */
function poolShare(p, routing) {
    let share = 0;
    for (const g of routing) {
        if (g.weight <= 0 || g.addresses.length === 0)
            continue;
        const each = g.weight / g.addresses.length;
        for (const a of g.addresses)
            if (p.instances.some((i) => (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .sameAddress */ .xU)(a, i.address)))
                share += each;
    }
    return share;
}
/**
 * The live pool is the one the release state records say serves, as long as the balancer still gives it
 * traffic: `prefer` (pool ids, first wins: the stable pool of a release a killed run left unfinished, then
 * the pool the newest flip made live). Else the pool with the largest share by the balancer's weights
 * (a tie: one that served before, then the newest). Never by counting routed instances. Without a router
 * (router: none), it is the newest verified running pool. Pools the balancer serves beside the live one
 * (`beside`: a killed run's canary) are neither warm nor debris: the run converges them first.
 * `servedBefore`: the pools that have served traffic (from the records; undefined when there are no records
 * yet: then every verified pool counts). `pendingAddresses`: where the balancer may go next (drift).
 */
function classify(instances, routing, hasRouter, servedBefore, pendingAddresses = [], prefer = []) {
    const verified = pools(instances.filter((i) => i.verified));
    const usable = pools(instances.filter((i) => i.verified && up(i)));
    const shares = new Map(verified.map((p) => [p.id, poolShare(p, routing)]));
    const routed = verified.filter((p) => shares.get(p.id) > 0);
    const rank = (p) => (servedBefore?.has(p.id) ? 1 : 0);
    const byRecord = prefer.map((id) => routed.find((p) => p.id === id)).find((p) => p);
    const bySharing = [...routed].sort((a, b) => shares.get(b.id) - shares.get(a.id) || rank(b) - rank(a))[0];
    const live = hasRouter ? (byRecord ?? bySharing) : usable[0];
    const beside = hasRouter ? routed.filter((p) => p.id !== live?.id) : [];
    const pending = verified.filter((p) => p.id !== live?.id && !beside.includes(p) && p.instances.some((i) => pendingAddresses.some((a) => (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .sameAddress */ .xU)(a, i.address))));
    const kept = new Set([live, ...pending, ...beside].flatMap((p) => p?.instances.map((i) => i.id) ?? []));
    const warm = usable.filter((p) => !kept.has(p.instances[0].id) && (!hasRouter || !servedBefore || servedBefore.has(p.id)));
    const warmIds = new Set(warm.flatMap((p) => p.instances.map((i) => i.id)));
    const debris = instances.filter((i) => !kept.has(i.id) && !warmIds.has(i.id));
    return { live, warm, pending, beside, debris };
}
/** Routed addresses that are no instance of the app (for a message). */
function strangers(instances, routing) {
    return (0,_routing_js__WEBPACK_IMPORTED_MODULE_2__/* .served */ .EZ)(routing)
        .filter((a) => !instances.some((i) => (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .sameAddress */ .xU)(i.address, a)))
        .map((a) => `${a.host}:${a.port}`);
}
/**
 * After `live` took over from `previous`: keep `keep` previous versions warm (the pool that was just
 * live first, then the newest), one pool per version; everything else goes.
 */
function planRetention(instances, live, previous, keep) {
    const liveIds = new Set(live.instances.map((i) => i.id));
    const others = instances.filter((i) => !liveIds.has(i.id));
    const candidates = pools(others.filter((i) => i.verified && up(i))).sort((a, b) => a.id === previous?.id ? -1 : b.id === previous?.id ? 1 : newestPoolFirst(a, b));
    const warm = [];
    const drain = [];
    const remove = others.filter((i) => !i.verified || !up(i));
    const versions = new Set([live.version]);
    for (const p of candidates) {
        if (!versions.has(p.version) && warm.length < keep) {
            warm.push(p);
            versions.add(p.version);
        }
        else if (p.id === previous?.id)
            drain.push(...p.instances);
        else
            remove.push(...p.instances);
    }
    return { warm, drain, remove };
}
/**
 * The versions an image prune must keep: the live and warm pools of this environment, and every version an
 * instance of the app runs in any environment (on a shared engine, another environment's live and warm pools:
 * a production deploy never untags what staging serves or would roll back to in one flip).
 */
function protectedVersions(app, mine, everywhere) {
    return new Set([...mine.map((p) => p.version), ...everywhere.filter((i) => i.app === app).map((i) => i.version)]);
}
/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
function planImagePrune(images, protect, keepImages) {
    const sorted = [...images].sort((a, b) => (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .compareText */ .n6)(b.created, a.created));
    return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}
/** Pure: the decision for an open intent, from what runs and what the balancer serves. */
function resumeDecision(open, instances, routing, hasRouter) {
    const stable = open.stable ? pools(instances.filter((i) => i.verified && up(i))).find((p) => p.id === open.stable.pool) : undefined;
    const next = pools(instances).find((p) => p.id === open.next.pool);
    const nextShare = next ? poolShare(next, routing) : 0;
    if (!hasRouter)
        return { action: 'leave', nextShare };
    if (open.final && open.step !== 'back' && next && nextShare >= 99.5)
        return { action: 'record-flip', next, stable, nextShare };
    if (stable)
        return { action: 'back', stable, other: next && next.id !== stable.id ? next : undefined, nextShare };
    return { action: 'leave', nextShare };
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

/***/ 3869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   l4: () => (/* binding */ lockName),
/* harmony export */   sG: () => (/* binding */ describeHolder),
/* harmony export */   yx: () => (/* binding */ LockLostError)
/* harmony export */ });
/* unused harmony exports LEASE_SEC, RENEW_SEC, processStart, myIdentity, processAlive, sameProcessSpace, leaseEnd, isStale, testLease, fenceMarginMs */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7700);
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
    const stat = read(`/proc/${pid}/stat`, (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(p, 'utf8'));
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
function myIdentity() {
    return {
        host: (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)(),
        pid: process.pid,
        bootId: read('/proc/sys/kernel/random/boot_id', (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(p, 'utf8')),
        pidNamespace: read('/proc/self/ns/pid', node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync),
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
class LockLostError extends _support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DeployError */ .sH {
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
        runId: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(8).toString('hex'),
        acquiredAt: new Date().toISOString(),
        leaseSec,
    };
    let announced = false;
    const timedOut = (what) => new _support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DeployError */ .sH(`Waited ${o.timeoutSec}s for the deploy lock ${store.describe}: ${what}.`, `Look at ${store.describe}; if no run holds it, remove it by hand (${store.removeHint}), or raise "lock-timeout".`);
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
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DeployError */ .sH(`Another run holds the deploy lock ${store.describe}: ${describeHolder(current.holder)}. Waited ${o.timeoutSec}s.`, `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
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
    let inFlight = false;
    let renewing = Promise.resolve();
    const validUntil = () => renewedAt + leaseMs - fenceMarginMs(leaseMs / 1000);
    const timer = setInterval(() => {
        // A renewal still waiting for the store (an engine slow to answer): never two at once.
        if (inFlight)
            return;
        inFlight = true;
        const sent = clock();
        renewing = store
            .renew(token)
            .then((ok) => {
            if (ok) {
                renewedAt = Math.max(renewedAt, sent);
                lastError = undefined;
            }
            else if (!lost) {
                lost = `The deploy lock ${store.describe} was taken over by another run while this one held it (its lease was not renewed in time?).`;
                log.error(lost, 'Deploy lock lost');
            }
        }, (err) => {
            lastError = (0,_support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err).replace(/\.$/, '');
            const left = Math.round((validUntil() - clock()) / 1000);
            log.warning(`Could not renew the deploy lock ${store.describe}: ${lastError}. ` +
                (left > 0 ? `Trying again in ${renewMs / 1000}s; this run stops changing anything in ${left}s unless a renewal succeeds.` : 'Its lease has ended: this run changes nothing more.'));
        })
            .finally(() => (inFlight = false));
    }, renewMs);
    timer.unref();
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
                clearInterval(timer);
                await renewing;
                try {
                    // By token: a lock another run took over meanwhile stays.
                    await store.remove(token);
                }
                catch (err) {
                    log.warning(`Could not release the deploy lock ${store.describe}: ${(0,_support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err).replace(/\.$/, '')}. The next run takes it over once its lease ends ` +
                        `(${leaseMs / 1000}s after the last renewal), or remove it by hand (${store.removeHint}).`);
                }
            })();
            return releasing;
        },
    };
}


/***/ }),

/***/ 918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  VF: () => (/* binding */ checkCapacity),
  zs: () => (/* binding */ checkShares),
  po: () => (/* binding */ drainAndRetire),
  lN: () => (/* binding */ dropPending),
  nW: () => (/* binding */ foreignOwners),
  G: () => (/* binding */ holding),
  lB: () => (/* binding */ observe),
  dy: () => (/* binding */ probe),
  JR: () => (/* binding */ recordFlip),
  t2: () => (/* binding */ recorded),
  re: () => (/* binding */ refuseForeign),
  ut: () => (/* binding */ runLink),
  lA: () => (/* binding */ runSpec),
  G9: () => (/* binding */ settle),
  Zx: () => (/* binding */ shiftRecorded),
  Cj: () => (/* binding */ switchOrUndo),
  kK: () => (/* binding */ withLock),
  gu: () => (/* binding */ withRecordedSpec),
  Yk: () => (/* binding */ withSpec)
});

// UNUSED EXPORTS: RUN_ID, lockLeaseSec, preferred, sleep, switchTo

// EXTERNAL MODULE: ./src/analysis/window.ts
var analysis_window = __webpack_require__(4604);
// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var context = __webpack_require__(2309);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/failpoint.ts
var failpoint = __webpack_require__(4845);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
;// CONCATENATED MODULE: ./src/release/fence.ts
/** The Platform methods that change something (each checked first). */
const PLATFORM_CHANGES = ['launch', 'launchPool', 'markVerified', 'retire', 'remove', 'writeRecord', 'removeRecords', 'removeVersions'];
/** The Router methods that change what the balancer serves or would serve. */
const ROUTER_CHANGES = ['shift', 'repair'];
const FENCED = Symbol('fenced');
function fence(target, methods, held) {
    if (target[FENCED])
        return target;
    return new Proxy(target, {
        get(t, key, receiver) {
            if (key === FENCED)
                return true;
            const value = Reflect.get(t, key, receiver);
            if (typeof key !== 'string' || !methods.includes(key) || typeof value !== 'function')
                return value;
            return (...args) => {
                held.check();
                return value.apply(t, args);
            };
        },
    });
}
/** `platform`, each of its changes checked against `held` first (its own router, if it routes, too). */
function fencePlatform(platform, held) {
    const fenced = fence(platform, PLATFORM_CHANGES, held);
    if (!platform.routes)
        return fenced;
    const routes = fenceRouter(platform.routes, held);
    return new Proxy(fenced, { get: (t, key, receiver) => (key === 'routes' ? routes : Reflect.get(t, key, receiver)) });
}
/** `router`, each shift and repair checked against `held` first. */
function fenceRouter(router, held) {
    return fence(router, ROUTER_CHANGES, held);
}
/** Pure: true for a fenced object (tests). */
function isFenced(x) {
    return x[FENCED] === true;
}

// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/core/routing.ts
var core_routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/run-spec.ts
var run_spec = __webpack_require__(4880);
// EXTERNAL MODULE: ./src/core/history.ts
var core_history = __webpack_require__(8863);
// EXTERNAL MODULE: ./src/core/plan.ts
var core_plan = __webpack_require__(4620);
;// CONCATENATED MODULE: ./src/release/steps.ts
/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/core/model.ts), never docker or a balancer protocol.
 */















/** This run, in its intent records (random per process: one run per process). */
const RUN_ID = (0,external_node_crypto_.randomBytes)(6).toString('hex');
/** A run URL as a short markdown link, or '' when there is none (a local run). */
function runLink(url) {
    const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
    return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The run specification of this run's config (the values of secret variables stay out of it). */
function runSpec(cfg) {
    return (0,run_spec/* specFromConfig */.WQ)(cfg);
}
function withSpec(img, spec) {
    return { ...img, spec };
}
/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure.
 * The GitHub client is loaded only then; its errors are warnings, never a failed deploy.
 */
async function recorded(d, what, fn) {
    if (!d.cfg.githubToken || !d.ctx.repository)
        return fn();
    const { createDeploymentRecorder } = await __webpack_require__.e(/* import() */ 887).then(__webpack_require__.bind(__webpack_require__, 6887));
    const rec = await createDeploymentRecorder({
        token: d.cfg.githubToken,
        repository: d.ctx.repository,
        apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        log: d.log,
    });
    await rec.start({ ...what, environment: d.cfg.environment, logUrl: (0,context/* runUrl */.Vp)(d.ctx) || undefined });
    try {
        const result = await fn();
        await rec.finish('success', {
            description: `${what.version} is live${what.rollback ? ' (rollback)' : ''}`,
            ...(d.cfg.environmentUrl ? { environmentUrl: d.cfg.environmentUrl } : {}),
        });
        return result;
    }
    catch (err) {
        await rec.finish('failure', { description: (0,errors/* errorMessage */.gJ)(err).split('\n')[0] });
        throw err;
    }
}
/**
 * What runs on every target, what the router serves, and the flip records. `seen` (from withRecordedSpec, on the same
 * platform) stands in for the platform's half: under load each engine round trip is tens of milliseconds.
 * Never pass it under the lock, where everything is read again.
 */
async function observe(d, quiet = false, seen) {
    const { router } = d;
    const reuse = seen?.platform === d.platform ? seen : undefined;
    const [instances, records, routing, divergence] = await Promise.all([
        reuse?.instances ?? d.platform.list(d.cfg.app, d.cfg.environment),
        reuse?.records ?? d.platform.listRecords(d.cfg.app, d.cfg.environment),
        router ? router.current() : Promise.resolve([]),
        router?.divergence ? router.divergence() : Promise.resolve([]),
    ]);
    const observed = (0,core_plan/* classify */.L8)(instances, routing, !!router, (0,core_history/* servedPools */.dR)(records), divergence.flatMap((x) => x.addresses), preferred(records));
    const unknown = (0,core_plan/* strangers */.ob)(instances, routing);
    if (!quiet && router && unknown.length)
        d.log.info(`${router.describe()} sends traffic to ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is no instance' : 'are no instances'} of ${d.cfg.app} in ${d.cfg.environment}.`);
    if (!quiet)
        for (const x of divergence)
            d.log.warning(x.problem, 'Balancer state differs');
    return { instances, observed, records, routing, divergence };
}
/**
 * The pools the records say serve, first wins: the stable pool of a release a killed run left unfinished,
 * then the pool the newest flip made live.
 */
function preferred(records) {
    const open = (0,core_history/* openIntent */.ne)(records);
    return [open?.stable?.pool, (0,core_history/* flips */.bI)(records)[0]?.live.pool].filter((x) => !!x);
}
/** Instances of another app or environment at the addresses the balancer serves. */
async function foreignOwners(d, routing) {
    const addrs = (0,core_routing/* served */.EZ)(routing);
    if (addrs.length === 0)
        return [];
    const all = await d.platform.listAll();
    return all.filter((i) => addrs.some((a) => (0,model/* sameAddress */.xU)(a, i.address)) && (i.app !== d.cfg.app || i.environment !== d.cfg.environment));
}
/** Refuse, before anything changes, to flip a balancer target that serves another app or environment. */
async function refuseForeign(d, o) {
    const { router } = d;
    if (!router || o.observed.live)
        return;
    const owner = (await foreignOwners(d, o.routing))[0];
    if (!owner)
        return;
    throw new errors/* DeployError */.sH(`${router.describe()} serves ${owner.app} in ${owner.environment} (${owner.name}, version ${owner.version}, at ${owner.address ? (0,model/* formatAddress */.M0)(owner.address) : '?'}), ` +
        `not ${d.cfg.app} in ${d.cfg.environment}: this run will not take over another app's or environment's traffic. Nothing was changed.`, `Give each app and environment a router target of its own (haproxy-backend, nginx-upstream-name and nginx-upstream-file, ` +
        `caddy-upstream-id; their defaults are <app>-<environment>), and point this run at the one for ${d.cfg.app} in ${d.cfg.environment}.`);
}
/**
 * The deps with the newest recorded run spec of the app in the environment under the explicit inputs
 * (router included): what a rollback, recycle or status needs to find the balancer and the image without
 * being told. Also returns what it read, for the first observe() of the run.
 */
async function withRecordedSpec(given) {
    const [instances, records] = await Promise.all([
        given.platform.list(given.cfg.app, given.cfg.environment),
        given.platform.listRecords(given.cfg.app, given.cfg.environment),
    ]);
    const seen = { platform: given.platform, instances, records };
    const spec = (0,core_history/* newestSpec */.ui)(instances, records);
    if (!spec)
        return { d: given, seen };
    const { router, give } = (0,run_spec/* recordedRouter */.Ce)(given.cfg, spec);
    if (give.length > 0)
        throw mustGive(given.cfg, router.kind, give);
    const cfg = { ...(0,run_spec/* applySpec */.wn)(given.cfg, spec), router };
    const same = cfg.router === given.cfg.router && cfg.image === given.cfg.image && cfg.run.upstreamHost === given.cfg.run.upstreamHost &&
        JSON.stringify(cfg.run.hosts) === JSON.stringify(given.cfg.run.hosts);
    // Another platform (another image or publish address) reads for itself: observe() sees it is not this one.
    return { d: { ...given, cfg, ...(same ? {} : await given.forConfig(cfg)) }, seen };
}
/** The error when a recorded router needs inputs this workflow did not give (nothing has changed yet). */
function mustGive(cfg, kind, give) {
    const names = give.map((g) => g.input);
    const list = names.map((n) => `"${n}"`).join(' and ');
    const why = give.map((g) => g.why === 'command'
        ? `${g.input}: the one recorded differs from this workflow's${g.input === 'router-command' ? ' (it gives none)' : ' (its default)'}, and a command recorded on an engine is never run`
        : `${g.input}: it carried a credential, which is never recorded`);
    return new errors/* DeployError */.sH(`command: ${cfg.command} takes the router of ${cfg.app} in ${cfg.environment} from its newest record (router "${kind}"), ` +
        `which needs ${list} from this workflow: ${why.join('; ')}. Nothing was changed.`, `Give ${list} in this step, the same as in your deploy step (or give "router" and all its inputs). ` +
        `What runs on the runner and every credential come from the workflow, never from what is recorded on the engine.`);
}
async function withLock(d, fn) {
    const { cfg } = d;
    return holding(() => d.platform.lock({ runUrl: (0,context/* runUrl */.Vp)(d.ctx), timeoutSec: cfg.release.lockTimeoutSec }), fn, d);
}
/**
 * How long a lock that is not renewed may be held before it counts as abandoned: longer than any run
 * takes. (The Docker lock is renewed while its holder lives: src/platforms/lock.ts.)
 */
function lockLeaseSec(cfg) {
    // Canary steps and the bake run under the lock too; a window may grow to EXTEND_FACTOR times its length.
    const judgedSec = (cfg.delivery.steps.length * cfg.delivery.stepSeconds + cfg.delivery.bakeSeconds) * EXTEND_FACTOR;
    return cfg.verify.healthTimeoutSec + cfg.verify.acceptanceTimeoutSec + cfg.release.drainSeconds + cfg.release.stopTimeoutSec + judgedSec + 600;
}
/**
 * Run `fn` holding the lock `acquire` takes (a HeldLock, or the function that releases it): released
 * when `fn` ends, and when the run is interrupted. While it is held, `d.held` lets a shift check it, and
 * `d.platform` and `d.router` are fenced (src/release/fence.ts): each change they make checks the lock first.
 */
async function holding(acquire, fn, d) {
    const got = await acquire();
    const held = typeof got === 'function' ? { check: () => undefined, release: got } : got;
    const forget = (0,interrupt/* onInterrupt */.n)(() => held.release());
    const unfenced = d && { platform: d.platform, router: d.router };
    if (d) {
        d.held = held;
        if (d.platform)
            d.platform = fencePlatform(d.platform, held);
        if (d.router)
            d.router = fenceRouter(d.router, held);
    }
    try {
        return await fn();
    }
    finally {
        if (d && unfenced) {
            d.held = undefined;
            if (unfenced.platform)
                d.platform = unfenced.platform;
            if ('router' in d)
                d.router = unfenced.router;
        }
        forget();
        await held.release();
    }
}
/**
 * After a shift: pools that were pending (the balancer might have gone to them) and never served are
 * leftovers now. Returns the instances of the pending pools that did serve (they take part in retention).
 */
async function dropPending(d, o, live) {
    const servedBefore = (0,core_history/* servedPools */.dR)(o.records);
    const others = o.observed.pending.filter((p) => p.id !== live.id);
    const drop = others.filter((p) => servedBefore && !servedBefore.has(p.id));
    if (drop.length > 0) {
        d.log.info(`Removing ${drop.map((p) => `${p.version} (the balancer had been about to switch to it; it never served)`).join(', ')}`);
        await d.platform.remove(drop.flatMap((p) => p.instances));
    }
    return others.filter((p) => !drop.includes(p)).flatMap((p) => p.instances);
}
/** Fails before anything starts when the router cannot serve a pool of `size` instances. */
async function checkCapacity(d, size) {
    await d.router?.checkCapacity?.(size);
}
/**
 * Fails before anything starts when the router cannot give a canary step's shares to pools of these sizes
 * (HAProxy's whole server weights: within 0.5 points, or not at all).
 */
function checkShares(d, stableSize, nextSize) {
    const { router, cfg } = d;
    if (!router?.realShares || !stableSize || cfg.delivery.strategy !== 'canary')
        return;
    for (const share of cfg.delivery.steps.filter((s) => s < 100)) {
        try {
            router.realShares([{ size: stableSize, weight: 100 - share }, { size: nextSize, weight: share }]);
        }
        catch (err) {
            throw new errors/* DeployError */.sH(`Canary step ${share}% of ${cfg.app} in ${cfg.environment} cannot be given: ${(0,errors/* errorMessage */.gJ)(err)} Nothing was changed.`);
        }
    }
}
/**
 * Blue-green: the whole of `next` at once (one step, 0 -> 100), then the flip record (next replaced
 * previous). Returns how long the shift took.
 */
async function switchTo(d, next, previous) {
    const { router } = d;
    if (!router)
        return undefined;
    // A run whose lock was taken over (its renewals failed for a whole lease) must not move traffic.
    d.held?.check();
    const to = (0,core_routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(next), next.version);
    // The flip's time is the balancer's (its intent is written before, its result after).
    let ms = 0;
    await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => shiftRecorded(d, { step: 'switch', name: 'switch', stable: previous, next, to, final: true }, async () => {
        const started = performance.now();
        await router.shift(to);
        ms = Math.round(performance.now() - started);
    }));
    d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${(0,core_routing/* formatRouting */.YN)(to)} (flip took ${ms} ms)`);
    (0,failpoint/* failpoint */.Z)('after-flip');
    await recordFlip(d, next, previous);
    return ms;
}
const ref = (p) => ({ pool: p.id, version: p.version });
/**
 * Before a shift, its intent; after it, its result (where the lock lives): a run killed in between leaves
 * the intent open, and the next run converges from it (src/release/converge.ts). `apply` moves the traffic.
 * A record that cannot be written fails the shift before anything moves (the intent) or is a warning (the result).
 */
async function shiftRecorded(d, what, apply) {
    const intent = {
        kind: 'intent',
        app: d.cfg.app,
        environment: d.cfg.environment,
        at: new Date().toISOString(),
        runUrl: (0,context/* runUrl */.Vp)(d.ctx),
        id: (0,external_node_crypto_.randomBytes)(6).toString('hex'),
        run: RUN_ID,
        step: what.step,
        name: what.name,
        stable: what.stable ? ref(what.stable) : undefined,
        next: ref(what.next),
        routing: [what.stable, what.next].flatMap((p) => (p ? [{ ...ref(p), weight: Math.round((0,core_plan/* poolShare */.GD)(p, what.to) * 10) / 10 }] : [])),
        final: what.final,
        spec: what.next.instances[0]?.spec,
    };
    await d.platform.writeRecord(intent);
    const result = (outcome, detail) => d.platform
        .writeRecord({ kind: 'result', app: d.cfg.app, environment: d.cfg.environment, at: new Date().toISOString(), runUrl: intent.runUrl, intent: intent.id, outcome, detail })
        .catch((e) => d.log.warning(`Could not record the result of ${what.name} (${(0,errors/* errorMessage */.gJ)(e)}); the next run reads the balancer back.`));
    try {
        await apply();
    }
    catch (err) {
        await result('failed', (0,errors/* errorMessage */.gJ)(err));
        throw err;
    }
    await result('applied', (0,core_routing/* formatRouting */.YN)(what.to));
}
/**
 * Record that `live` replaced `replaced` (where the lock lives): a flip record (history: what a rollback
 * without a version undoes) and the `served` record of `live` (kept for the pool's life: that it served,
 * what a rollback from it goes back to, where it runs). With pools elsewhere than the runner's engine, the
 * `home` record there says where.
 */
async function recordFlip(d, live, replaced) {
    const first = live.instances[0];
    const { app, environment } = d.cfg;
    const at = new Date().toISOString();
    const url = (0,context/* runUrl */.Vp)(d.ctx);
    const before = replaced && replaced.id !== live.id ? ref(replaced) : undefined;
    // The records read under the lock (converge) hold every served record there is: this run wrote none since.
    const records = d.records ?? (await d.platform.listRecords(app, environment));
    const flip = d.platform.writeRecord({
        kind: 'flip',
        app,
        environment,
        at,
        live: { pool: live.id, version: live.version, digest: first.digest },
        replaced: before,
        spec: first.spec,
        runUrl: url,
        run: RUN_ID,
    });
    const served = d.platform.writeRecord({
        kind: 'served',
        app,
        environment,
        at,
        runUrl: url,
        pool: live.id,
        version: live.version,
        digest: first.digest,
        back: (0,core_history/* rollbackTarget */.es)(records, ref(live), before),
        spec: first.spec,
    });
    await Promise.all([flip, served]);
    if (d.home && first.spec) {
        const home = d.home;
        try {
            const old = (await home.listRecords(app, environment)).filter((r) => r.kind === 'home');
            await home.writeRecord({ kind: 'home', app, environment, at, runUrl: url, spec: first.spec });
            await home.removeRecords(old.map((r) => r.key));
        }
        catch (e) {
            d.log.warning(`Could not record on the runner's own engine where ${app} in ${environment} runs (${(0,errors/* errorMessage */.gJ)(e)}): a rollback on this runner needs the hosts input.`);
        }
    }
}
/**
 * The shift to `next`. When it fails, the balancer is read back and whatever it points at is kept, whatever
 * the error said: `next` is removed only when it is fresh (started by this run) and the balancer did not
 * move to it; a warm pool always stays. The error says exactly what serves now.
 */
async function switchOrUndo(d, next, previous, fresh) {
    try {
        return await switchTo(d, next, previous);
    }
    catch (err) {
        throw await failedSwitch(d, next, previous, fresh, err);
    }
}
async function failedSwitch(d, next, previous, fresh, err) {
    // The lock may be another run's now: nothing is shifted, removed or recorded, not even to undo.
    if (err instanceof lock/* LockLostError */.yx)
        return err;
    const router = d.router;
    const what = `The flip to ${next.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
    const names = (p) => p.instances.map((i) => i.name).join(', ');
    let now;
    try {
        now = await router.current();
    }
    catch (readErr) {
        return new errors/* DeployError */.sH(`${what}\nReading ${router.describe()} back failed too (${(0,errors/* errorMessage */.gJ)(readErr)}), so what it serves is unknown: ` +
            `${next.version} (${names(next)})${previous ? ` and ${previous.version} (${names(previous)})` : ''} were kept.`, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.');
    }
    const addrs = (0,core_routing/* served */.EZ)(now);
    const servesPool = (p) => !!p && p.instances.some((i) => addrs.some((a) => (0,model/* sameAddress */.xU)(a, i.address)));
    if (servesPool(next)) {
        // The balancer moved although the shift reported a failure: next serves, so it stays, as the live pool.
        await recordFlip(d, next, previous);
        return new errors/* DeployError */.sH(`${what}\nRead back, ${router.describe()} sends traffic to ${next.version} (${names(next)}, ${(0,core_routing/* formatRouting */.YN)(now)}): ` +
            `${next.version} is live now and was kept${previous ? `; ${previous.version} (${names(previous)}) stays warm` : ''}.`, `Find out why the flip reported a failure (above). command: status shows what is live; a rollback goes back to ${previous?.version ?? 'the previous version'}.`);
    }
    if (previous ? servesPool(previous) : addrs.length === 0) {
        if (fresh)
            await d.platform.remove(next.instances);
        return new errors/* DeployError */.sH(`${what}\nRead back, ${router.describe()} still serves ${previous ? `${previous.version} (${names(previous)}, ${(0,core_routing/* formatRouting */.YN)(now)})` : 'nothing'}` +
            `${fresh ? `; the new instance${next.instances.length > 1 ? 's' : ''} ${names(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed` : `; ${next.version} stays warm`}.`);
    }
    return new errors/* DeployError */.sH(`${what}\nRead back, ${router.describe()} serves ${(0,core_routing/* formatRouting */.YN)(now)}, which is neither ${next.version} nor the version that was live: ` +
        `${names(next)}${previous ? ` and ${names(previous)}` : ''} were kept.`, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.');
}
/**
 * Instances that just stopped receiving traffic (replaced, or an aborted canary): drain-seconds for the
 * requests they still answer, then a graceful stop (stop-timeout) and removal.
 */
async function drainAndRetire(d, instances) {
    const { cfg, log, platform } = d;
    log.info(`Draining ${instances.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping ${instances.length === 1 ? 'it' : 'them'}`);
    await sleep(cfg.release.drainSeconds * 1000);
    await platform.retire(instances, cfg.release.stopTimeoutSec);
}
/**
 * After a shift: keep `keep` previous versions warm, drain and stop the rest, prune old images (after a
 * deploy: a rollback adds no image); report. `instances` are those running under the lock, `live` among them.
 */
async function settle(d, instances, live, previous, flipMs, pruneImages) {
    const { cfg, platform, log, report } = d;
    const plan = (0,core_plan/* planRetention */.SA)(instances, live, previous, cfg.release.keep);
    // Records are written only under the lock: what is listed now is all there is. A pool's `served` record
    // goes with its last instance, never before.
    const gone = new Set([...plan.remove, ...plan.drain]);
    const staying = new Set(instances.filter((i) => !gone.has(i)).map((i) => i.pool));
    const records = await platform.listRecords(cfg.app, cfg.environment);
    await Promise.all([platform.remove(plan.remove), platform.removeRecords((0,core_history/* recordsToPrune */.ei)(records, staying))]);
    if (plan.drain.length > 0)
        await drainAndRetire(d, plan.drain);
    const retired = [...plan.remove, ...plan.drain];
    if (retired.length)
        log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);
    const images = pruneImages ? await platform.listVersions() : [];
    // Every environment's instances (another environment on the same engine included) keep their versions' tags.
    const everywhere = images.length > cfg.release.keepImages ? await platform.listAll() : [];
    const protect = (0,core_plan/* protectedVersions */.mG)(cfg.app, [live, ...plan.warm], everywhere);
    const prune = (0,core_plan/* planImagePrune */.dU)(images, protect, cfg.release.keepImages);
    if (prune.length) {
        const failed = await platform.removeVersions(prune.map((i) => i.ref));
        log.info(`Pruned image tags: ${prune.map((i) => i.ref).join(', ')}`);
        if (failed.length)
            log.warning(`Could not remove image tags ${failed.join(', ')} (still in use?). They are left as they are.`);
    }
    const first = live.instances[0];
    report.output('version', live.version);
    report.output('digest', first.digest);
    report.output('live-version', live.version);
    report.output('previous-version', previous?.version ?? '');
    report.output('url', (0,model/* instanceUrl */.Xq)(first));
    report.output('instances', JSON.stringify(live.instances.map((i) => ({ host: i.target, name: i.name, url: (0,model/* instanceUrl */.Xq)(i) }))));
    const fleet = platform.targets.length > 1 || live.instances.length > 1;
    const row = (state, i, url) => [
        state,
        i.version,
        (0,summary/* commitLink */.wn)(d.ctx, i.revision),
        ...(fleet ? [i.target] : []),
        url,
        i.deployedAt,
        runLink(i.runUrl),
    ];
    const rows = [
        ...live.instances.map((i) => row('live', i, (0,model/* instanceUrl */.Xq)(i))),
        ...plan.warm.flatMap((p) => p.instances.map((i) => row('warm', i, (0,model/* instanceUrl */.Xq)(i)))),
        ...retired.map((i) => row('retired', i, '')),
    ];
    // The default target of the next rollback: the version this flip replaced.
    const back = previous && previous.version !== live.version ? previous.version : undefined;
    const warmBack = !!back && plan.warm.some((p) => p.version === back);
    report.section(`### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', ...(fleet ? ['host'] : []), 'instance', 'started', 'started by'], rows) +
        (back
            ? `\n\nRoll back to ${back} (${warmBack ? 'warm: one flip' : 'not warm: a fresh instance, verified first'}): run your rollback ` +
                `workflow without a version (the default is the version the last flip replaced), or with \`version: ${back}\`` +
                ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
                ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
            : ''));
}
/** One GET of `path` on every instance of the pool: ok when each answers 2xx/3xx, else what the first failing one did. */
async function probe(p, path) {
    const each = await Promise.all(p.instances.map(async (i) => {
        if (!i.address)
            return `${i.name} has no published port`;
        try {
            const a = await (0,http/* request */.E)((0,model/* instanceUrl */.Xq)(i) + path, 'GET', 2000);
            return a.status >= 200 && a.status < 400 ? undefined : `${i.name} answered ${a.status}`;
        }
        catch (e) {
            return `${i.name}: ${(0,errors/* errorMessage */.gJ)(e)}`;
        }
    }));
    const bad = each.find((x) => x !== undefined);
    return { ok: bad === undefined, detail: bad ?? 'answered' };
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

/***/ 8059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ request),
/* harmony export */   O: () => (/* binding */ describeFetchError)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/**
 * One HTTP request with a time limit, returning what the checks need. Node's http module rather than
 * fetch: the first fetch of a process loads undici (30-150 ms measured here, more under load), and a
 * warm rollback makes exactly one request (the warm instance's health) on its way to the flip.
 * Redirects are not followed (a 3xx is an answer).
 */

function request(url, method = 'GET', timeoutMs = 5000) {
    const started = performance.now();
    // node:https (and tls) loaded only for an https URL: most checks and every probe of an instance are plain HTTP.
    const send = url.startsWith('https:') ? process.getBuiltinModule('node:https').request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })), timeoutMs);
        const req = send(url, { method, agent: false }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                clearTimeout(timer);
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Math.round(performance.now() - started) });
            });
            res.on('error', (err) => {
                clearTimeout(timer);
                reject(err);
            });
        });
        req.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        req.end();
    });
}
/** What went wrong, in a word or two: a timeout, a socket error code (ECONNREFUSED), or the message (fetch's errors too). */
function describeFetchError(err) {
    const e = err;
    if (e?.name === 'TimeoutError')
        return 'no answer in time';
    return e?.code ?? e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}


/***/ }),

/***/ 3148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JT: () => (/* binding */ runChecks)
/* harmony export */ });
/* unused harmony exports lookup, checkAnswer */
/* harmony import */ var _support_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8059);

function lookup(value, path) {
    let v = value;
    for (const key of path) {
        if (v === null || typeof v !== 'object')
            return undefined;
        v = v[key];
    }
    return v;
}
/** Pure: check one answer against one check. Returns the failure reason, or undefined when it passes. */
function checkAnswer(check, status, body, ms) {
    if (status !== check.status)
        return `expected status ${check.status}, got ${status}`;
    if (check.contains !== undefined && !body.includes(check.contains))
        return `the body does not contain ${JSON.stringify(check.contains)}`;
    if (check.json) {
        let parsed;
        try {
            parsed = JSON.parse(body);
        }
        catch {
            return 'the body is not JSON';
        }
        const field = '.' + check.json.path.join('.');
        const actual = lookup(parsed, check.json.path);
        const equal = JSON.stringify(actual) === JSON.stringify(check.json.value);
        if (equal !== (check.json.op === '=='))
            return `${field} is ${actual === undefined ? 'missing' : JSON.stringify(actual)}, expected ${check.json.op === '!=' ? 'not ' : ''}${JSON.stringify(check.json.value)}`;
    }
    if (check.maxMs !== undefined && ms > check.maxMs)
        return `took ${ms} ms, over the budget of ${check.maxMs} ms`;
    return undefined;
}
async function runChecks(baseUrl, checks) {
    const results = [];
    for (const check of checks) {
        try {
            const a = await (0,_support_http_js__WEBPACK_IMPORTED_MODULE_0__/* .request */ .E)(baseUrl + check.path, check.method, Math.max(10_000, (check.maxMs ?? 0) * 2));
            const why = checkAnswer(check, a.status, a.body, a.ms);
            results.push({ check: check.source, ok: !why, detail: why ?? `${a.status} in ${a.ms} ms`, ms: a.ms });
        }
        catch (err) {
            results.push({ check: check.source, ok: false, detail: (0,_support_http_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFetchError */ .O)(err), ms: undefined });
        }
    }
    return results;
}


/***/ }),

/***/ 7068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ runAcceptanceCommand)
/* harmony export */ });
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6894);
/**
 * The user's acceptance command. It is written by the workflow author (like a `run:` step), so it runs
 * in bash; the data it needs is passed in environment variables, never spliced into the text.
 */

async function runAcceptanceCommand(command, env, timeoutSec, exec = _support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF, 
/** Print the output as it comes (one command at a time); otherwise only its last lines are kept. */
echo = true) {
    const started = Date.now();
    const r = await exec(['bash', '-e', '-o', 'pipefail', '-c', command], {
        env: { ...env },
        echo,
        allowFailure: true,
        timeoutMs: timeoutSec * 1000,
    });
    return {
        ok: r.exitCode === 0 && !r.timedOut,
        exitCode: r.exitCode,
        timedOut: !!r.timedOut,
        ms: Date.now() - started,
        output: (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLines */ .w$)((r.stdout + r.stderr).trimEnd(), 30),
    };
}


/***/ })

};

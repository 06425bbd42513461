export const id = 334;
export const ids = [334];
export const modules = {

/***/ 8334:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* reexport */ deploy),
  recycle: () => (/* reexport */ recycle),
  rollback: () => (/* reexport */ rollback),
  status: () => (/* reexport */ status_status)
});

// EXTERNAL MODULE: ./src/build/index.ts + 2 modules
var build = __webpack_require__(302);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var context = __webpack_require__(2309);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
;// CONCATENATED MODULE: ./src/release/messages.ts
/** Errors the release commands share. */

function unknownVersion(image, version, restorable) {
    return new errors/* DeployError */.sH(`Version ${version} of ${image} is not on the target${restorable.length ? '' : ' and nothing can be restored'}.`, restorable.length
        ? `Versions that can be restored: ${restorable.join(', ')}.`
        : 'Deploy a version first (command: deploy).');
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/analysis/factory.ts
async function createSource(m, router, run) {
    switch (m.kind) {
        case 'balancer':
            // inputs.ts allows metrics: balancer only with router: haproxy.
            if (router.kind !== 'haproxy')
                throw new Error(`metrics: balancer needs router: haproxy (the router is ${router.kind}).`);
            return new (await __webpack_require__.e(/* import() */ 362).then(__webpack_require__.bind(__webpack_require__, 9124))).HaproxyStatSource(router.socket);
        case 'prometheus':
            return new (await __webpack_require__.e(/* import() */ 809).then(__webpack_require__.bind(__webpack_require__, 8809))).PrometheusSource(m.url, m.queries);
        case 'command':
            return new (await __webpack_require__.e(/* import() */ 891).then(__webpack_require__.bind(__webpack_require__, 3891))).CommandSource(m.command, run);
    }
}

// EXTERNAL MODULE: ./src/analysis/verdict.ts
var analysis_verdict = __webpack_require__(7319);
// EXTERNAL MODULE: ./src/analysis/window.ts
var analysis_window = __webpack_require__(4604);
// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/plan.ts
var plan = __webpack_require__(4620);
// EXTERNAL MODULE: ./src/release/steps.ts + 1 modules
var release_steps = __webpack_require__(918);
;// CONCATENATED MODULE: ./src/release/progressive.ts
/**
 * Progressive delivery (issue 11): move traffic to a verified pool in steps (canary-steps), each judged
 * by the metrics over step-seconds; after the pool has 100% (both strategies), bake: keep judging for
 * bake-seconds. Any breach: one shift back to 100% on the stable pool, the new pool removed (or kept
 * with keep-failed), and the run fails naming the metric, its value and the threshold.
 * Blue-green without a bake is the plain one-step switch (steps.ts switchOrUndo).
 */













/** The routing of a step: `share` percent to `next`, the rest to `stable`. */
function stepRouting(stable, next, share) {
    if (!stable || share >= 100)
        return (0,routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(next), next.version);
    return [
        { addresses: (0,model/* poolAddresses */.LR)(stable), weight: 100 - share, version: stable.version },
        { addresses: (0,model/* poolAddresses */.LR)(next), weight: share, version: next.version },
    ];
}
function cell(n, unit = '') {
    return n === undefined ? '–' : `${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit}`;
}
function verdictCell(v) {
    if (v.result === 'pass')
        return 'pass';
    if (v.result === 'insufficient')
        return 'too few requests';
    return `**fail**: ${v.metric === 'analysis-command' ? 'analysis command failed' : `${v.metric} ${v.value} > ${v.threshold}`}`;
}
/** The share of `next` the balancer's weights really give at a step (undefined: as configured). */
function realShare(d, stable, next, share) {
    if (!stable || share >= 100 || !d.router?.realShares)
        return undefined;
    try {
        return d.router.realShares([{ size: stable.instances.length, weight: 100 - share }, { size: next.instances.length, weight: share }])[1];
    }
    catch {
        return undefined;
    }
}
/** The summary table: one row per judged window. Pure. */
function stepsTable(rows) {
    return (0,summary/* table */.tp)(['step', 'share', 'seconds', 'requests', '5xx', 'error rate', 'response time', 'verdict'], rows.map((r) => {
        const n = r.verdict.numbers;
        return [
            r.name,
            r.realShare !== undefined && Math.abs(r.realShare - r.share) >= 0.005 ? `${r.share}% (weights give ${Math.round(r.realShare * 100) / 100}%)` : `${r.share}%`,
            String(Math.round(r.seconds)),
            cell(n.requests),
            cell(n.errors),
            n.errorRate === undefined ? '–' : (0,analysis_verdict/* formatPercent */.l9)(n.errorRate),
            n.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`,
            verdictCell(r.verdict),
        ];
    }));
}
/**
 * Release `next` (verified, started by this run) in place of `stable`. Returns the duration of the
 * shift to 100% (ms), as switchOrUndo does; the flip is recorded once the new pool has all the traffic.
 */
async function deliver(d, next, stable) {
    const { cfg, log, router } = d;
    const { delivery } = cfg;
    const steps = delivery.strategy === 'canary' && stable ? delivery.steps : [100];
    if (delivery.strategy === 'canary' && !stable)
        log.info(`Nothing of ${cfg.app} is live yet: no canary steps, ${next.version} gets all traffic at once.`);
    if (!router || (steps.length === 1 && delivery.bakeSeconds === 0) || !delivery.metrics)
        return (0,release_steps/* switchOrUndo */.Cj)(d, next, stable, true);
    const source = await createSource(delivery.metrics, cfg.router, exec/* run */.eF);
    const records = [];
    const report = () => {
        if (records.length)
            d.report.section(`### ${delivery.strategy === 'canary' ? 'Canary steps' : 'Bake'} of ${next.version} (metrics: ${source.describe()})\n\n${stepsTable(records)}`);
    };
    // Cancelled mid-way: traffic goes back to the stable pool and the new one goes, before the lock is released.
    const shifts = cancellableShifts(router);
    const back = (to) => stable ? (0,release_steps/* shiftRecorded */.Zx)(d, { step: 'back', name: 'back (cancelled)', stable, next, to, final: true }, () => router.shift(to)) : router.shift(to);
    const forget = (0,interrupt/* onInterrupt */.n)(async () => {
        await shifts.cancel();
        await cancelled({ shift: back }, d.platform, next, stable, cfg.release);
    });
    let flipMs;
    try {
        for (const [n, share] of steps.entries()) {
            const name = steps.length > 1 ? `step ${n + 1}/${steps.length}` : 'switch';
            // A run whose lock was taken over moves no more traffic: the next holder converges from its intent.
            lockHeld(d, next);
            const to = stepRouting(stable, next, share);
            const started = performance.now();
            const last = share >= 100;
            const step = { step: last ? (delivery.bakeSeconds > 0 ? 'bake' : 'switch') : 'step', name, stable, next, to, final: last && delivery.bakeSeconds === 0 };
            try {
                await d.log.group(`${name}: ${share}% of traffic to ${next.version}`, () => (0,release_steps/* shiftRecorded */.Zx)(d, step, () => shifts.shift(to)));
            }
            catch (err) {
                // Cancelled: the interrupt's own shift back and removal are under way; nothing more here.
                if (shifts.isCancelled())
                    throw err;
                throw await failedStep(d, next, stable, `${name} (${share}% to ${next.version})`, err);
            }
            const ms = Math.round(performance.now() - started);
            if (last)
                flipMs = ms;
            log.info(`${name}: ${router.describe()} now routes ${(0,routing/* formatRouting */.YN)(to)} (shift took ${ms} ms)`);
            if (!last)
                await judged(d, source, next, stable, share, name, delivery.stepSeconds, records, () => shifts.isCancelled());
        }
        if (delivery.bakeSeconds > 0)
            await judged(d, source, next, stable, 100, 'bake', delivery.bakeSeconds, records, () => shifts.isCancelled());
        // A run cancelled during the bake goes back to the stable pool: no record may say the new one is live.
        if (shifts.isCancelled())
            throw new errors/* DeployError */.sH(`The run was cancelled: ${stable?.version ?? 'the previous version'} serves again.`);
        await (0,release_steps/* recordFlip */.JR)(d, next, stable);
    }
    finally {
        forget();
        report();
    }
    return flipMs;
}
/**
 * Throws when this run's lock was lost (its renewals failed for a whole lease, or it was taken over): it then
 * moves no traffic at all, not even back. Its open intent tells the next holder to converge.
 */
function lockHeld(d, next) {
    try {
        d.held?.check();
    }
    catch (err) {
        throw new errors/* DeployError */.sH(`${(0,errors/* errorMessage */.gJ)(err)}\nThis run shifts no more traffic (another run may hold the lock now). ${next.version} was never judged: ` +
            'its intent is recorded, so the next deploy, rollback or recycle gives the stable version all traffic back before anything else.', 'Run command: status to see what serves, then re-run the deploy (or a rollback): it converges first.');
    }
}
/**
 * A shift of the steps failed: the balancer is read back before anything is removed. When it gives the new
 * pool any traffic, that traffic goes back to the stable pool first (it was never judged); when it serves the
 * stable pool (or nothing, on a first deploy), the new pool is removed; when it cannot be read, or serves
 * something else, both pools stay. The error says exactly what serves now.
 */
async function failedStep(d, next, stable, what, err) {
    // The lock may be another run's now: nothing is shifted, removed or recorded, not even to undo.
    if (err instanceof lock/* LockLostError */.yx)
        return err;
    const router = d.router;
    const head = `The shift of ${what} failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
    const names = (p) => p.instances.map((i) => i.name).join(', ');
    let now;
    try {
        now = await router.current();
    }
    catch (readErr) {
        return new errors/* DeployError */.sH(`${head}\nReading ${router.describe()} back failed too (${(0,errors/* errorMessage */.gJ)(readErr)}), so what it serves is unknown: ` +
            `${next.version} (${names(next)})${stable ? ` and ${stable.version} (${names(stable)})` : ''} were kept.`, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds (the intent of this shift is recorded).');
    }
    const nextShare = (0,plan/* poolShare */.GD)(next, now);
    if (nextShare > 0 && stable) {
        const back = await undo(d, next, stable, false);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} gave ${next.version} ${Math.round(nextShare * 10) / 10}% (${(0,routing/* formatRouting */.YN)(now)}). ${back}`);
    }
    if (nextShare > 0) {
        await (0,release_steps/* recordFlip */.JR)(d, next, undefined);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} sends all traffic to ${next.version} (${(0,routing/* formatRouting */.YN)(now)}), the only version there is: it was kept and serves.`);
    }
    const stableShare = stable ? (0,plan/* poolShare */.GD)(stable, now) : 0;
    if (stable ? stableShare > 0 : now.every((g) => g.weight <= 0)) {
        await d.platform.remove(next.instances);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} still serves ${stable ? `${stable.version} (${(0,routing/* formatRouting */.YN)(now)})` : 'nothing'}; ` +
            `the new instance${next.instances.length > 1 ? 's' : ''} ${names(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed.`);
    }
    return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} serves ${(0,routing/* formatRouting */.YN)(now)}, which is neither ${next.version} nor ${stable?.version ?? 'the version that was live'}: ` +
        `${names(next)}${stable ? ` and ${names(stable)}` : ''} were kept.`, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.');
}
/**
 * The shifts of one delivery, one at a time as far as its cancellation goes: a cancel first waits for the
 * shift in flight (else that shift could land after the shift back and leave a share of the traffic on
 * instances the cancel then removes), and once cancelled no step shifts again.
 */
function cancellableShifts(router) {
    let inFlight = Promise.resolve();
    let cancelledNow = false;
    return {
        shift(to) {
            if (cancelledNow)
                return Promise.reject(new errors/* DeployError */.sH('The run was cancelled: this step moves no traffic.'));
            const p = router.shift(to);
            inFlight = p.catch(() => undefined);
            return p;
        },
        async cancel() {
            cancelledNow = true;
            await inFlight;
        },
        isCancelled: () => cancelledNow,
    };
}
/** A cancelled job gets a few seconds (the runner's SIGINT, SIGTERM, kill; our own exit after 5 s): so much of them for the drain and the stop. */
const CANCEL_DRAIN_MAX_SEC = 1;
const CANCEL_STOP_MAX_SEC = 2;
/**
 * A run cancelled during the steps or the bake: one shift back to 100% on the stable pool, then the new pool
 * goes (it never became live: no flip record names it) as a replaced pool does, drained and stopped
 * gracefully, for at most CANCEL_DRAIN_MAX_SEC and CANCEL_STOP_MAX_SEC: requests it still answers finish
 * (a removal at once cut them into 502s). Nothing to go back to (a first deploy's bake): the new pool serves
 * all traffic and stays. A failed shift back throws before anything is removed, so the instances that still
 * serve part of the traffic stay.
 */
async function cancelled(router, platform, next, stable, release) {
    if (!stable)
        return;
    await router.shift((0,routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version));
    await (0,promises_.setTimeout)(Math.min(release.drainSeconds, CANCEL_DRAIN_MAX_SEC) * 1000);
    await platform.retire(next.instances, Math.min(release.stopTimeoutSec, CANCEL_STOP_MAX_SEC));
}
/** For people: which instances keep-failed left and what removes them (`docker rm -f`, on their engine). Pure. */
function keptMessage(kept, targets) {
    const names = kept.map((i) => i.name);
    const remote = [...new Set(kept.map((i) => targets.find((t) => t.name === i.target)).filter((t) => t?.endpoint).map((t) => t.name))];
    const one = kept.length === 1;
    return (`${one ? `The new instance ${names[0]} was` : `The new instances ${names.join(', ')} were`} kept (keep-failed), without traffic; ` +
        `the next deploy or rollback removes ${one ? 'it' : 'them'}, or now: docker rm -f ${names.join(' ')}${remote.length ? ` (on ${remote.join(', ')})` : ''}.`);
}
/** Judge one window; on a breach, abort (throws). */
async function judged(d, source, next, stable, share, name, seconds, records, isCancelled) {
    const { log } = d;
    let window;
    try {
        const subject = {
            app: d.cfg.app,
            environment: d.cfg.environment,
            version: next.version,
            stableVersion: stable?.version,
            targets: (0,model/* poolAddresses */.LR)(next),
            share,
            ...(await balancerNames(d, next)),
        };
        log.info(`${name}: judging ${next.version} at ${share}% for ${seconds}s by ${source.describe()}`);
        window = await (0,analysis_window/* judgeWindow */._w)(source, subject, {
            seconds,
            thresholds: d.cfg.delivery.thresholds,
            onSourceError: (e, n) => log.warning(`${name}: ${source.describe()} failed (${(0,errors/* errorMessage */.gJ)(e)}); asking again (${n}/${analysis_window/* SOURCE_RETRIES */.zj})`),
        });
    }
    catch (err) {
        // No verdict (the metrics source failed, or anything else): the pool was not judged, so it gets no traffic.
        if (isCancelled())
            throw err;
        lockHeld(d, next);
        log.error(`${name}: ${(0,errors/* errorMessage */.gJ)(err)}`, `${next.version} could not be judged`);
        const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
        throw new errors/* DeployError */.sH(`${next.version} could not be judged in its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}%: ${(0,errors/* errorMessage */.gJ)(err)}\nNo verdict is no pass. ${back}`, `Make the metrics source (${source.describe()}) answer, then deploy again.`);
    }
    const { verdict, seconds: took } = window;
    records.push({ name, share, realShare: realShare(d, stable, next, share), seconds: took, verdict });
    const n = verdict.numbers;
    const numbers = `${cell(n.requests)} requests, ${cell(n.errors)} 5xx, error rate ${n.errorRate === undefined ? '–' : (0,analysis_verdict/* formatPercent */.l9)(n.errorRate)}, response ${n.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`}`;
    if (verdict.result !== 'fail') {
        log.info(`${name}: pass after ${Math.round(took)}s (${numbers})`);
        return;
    }
    const why = (0,analysis_verdict/* describeFailure */.Ic)(verdict);
    log.error(`${name}: ${why} (${numbers})`, `${next.version} failed its ${name === 'bake' ? 'bake' : 'canary step'}`);
    const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
    throw new errors/* DeployError */.sH(`${next.version} failed its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}% after ${Math.round(took)}s: ${why}.\n${back}`, `Look at ${next.version}'s logs and numbers (job summary), fix it and deploy again; thresholds: max-error-rate, max-response-ms, min-requests.`);
}
/** The balancer's names for the pool (HAProxy backend and servers), for metrics that need them. */
async function balancerNames(d, next) {
    const names = await d.router?.serverNames?.((0,model/* poolAddresses */.LR)(next));
    return { backend: names?.backend, servers: names?.servers ?? [] };
}
/** Abort: one shift back to 100% on the stable pool, then the new pool goes (or stays, with keep-failed). Says what happened. */
async function undo(d, next, stable, keep) {
    const { router, log, platform } = d;
    let back;
    if (stable && router) {
        const started = performance.now();
        try {
            const to = (0,routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version);
            await (0,release_steps/* shiftRecorded */.Zx)(d, { step: 'back', name: 'back', stable, next, to, final: true }, () => router.shift(to));
            const ms = Math.round(performance.now() - started);
            log.info(`Traffic is back on ${stable.version} (100%) after ${ms} ms.`);
            back = `Traffic is back on ${stable.version} (100%).`;
        }
        catch (err) {
            // The new pool still serves part of the traffic: it must stay, or those requests would fail.
            return `Shifting traffic back to ${stable.version} failed too: ${(0,errors/* errorMessage */.gJ)(err)}. ${next.version} was left running; fix the balancer and roll back (command: rollback).`;
        }
    }
    else {
        return `Nothing was live before ${next.version}, so there is nothing to go back to: it still serves all traffic.`;
    }
    if (keep) {
        const kept = keptMessage(next.instances, platform.targets);
        log.warning(`keep-failed: ${kept}`);
        return `${back} ${kept}`;
    }
    // It answered part of the traffic until the shift back: its open requests finish before it goes.
    await (0,release_steps/* drainAndRetire */.po)(d, next.instances);
    return `${back} The new instance${next.instances.length > 1 ? 's were' : ' was'} removed.`;
}

// EXTERNAL MODULE: ./src/core/history.ts
var core_history = __webpack_require__(8863);
;// CONCATENATED MODULE: ./src/release/converge.ts
/**
 * Converge, under the lock, before a release: the balancer's saved state back in line with what it serves
 * (router.repair); a release a killed run left unfinished (an open intent: src/core/history.ts openIntent)
 * put right first: the stable pool gets all traffic back (with drain), the never-judged pool goes (or
 * stays, with keep-failed); pools the balancer serves beside the live one brought back the same way; the
 * flip record a killed run did not write; the leftovers of killed or failed runs (candidates, stopped
 * instances, verified pools that never served) removed. The log and the summary say what happened.
 */








/** Returns the observation after converging, and the instances that remain (live and warm). */
async function converge(d) {
    const { router } = d;
    let o = await (0,release_steps/* observe */.lB)(d);
    if (router?.repair && o.divergence.length > 0) {
        await router.repair();
        o = await (0,release_steps/* observe */.lB)(d, true);
    }
    const open = (0,core_history/* openIntent */.ne)(o.records);
    if (open) {
        await resume(d, o, open);
        o = await (0,release_steps/* observe */.lB)(d, true);
    }
    const { live, beside } = o.observed;
    if (router && live && beside.length > 0) {
        const said = await backTo(d, o, live, beside, `${router.describe()} gives traffic to ${beside.map((p) => p.version).join(', ')} beside the live ${live.version}`);
        d.log.warning(said, 'Traffic on an unfinished release');
        d.report.section(`### Converged before this run\n\n${said}`);
        o = await (0,release_steps/* observe */.lB)(d, true);
    }
    const missing = router ? (0,core_history/* missingRecord */.eb)(o.records, o.observed.live, o.observed.warm, (0,context/* runUrl */.Vp)(d.ctx), new Date()) : undefined;
    if (missing) {
        d.log.info(`${router.describe()} serves ${missing.live.version} (pool ${missing.live.pool}), but no flip record says so (a run killed ` +
            `right after its flip, or instances from before flip records): recording that it replaced ${missing.replaced?.version ?? 'nothing'}.`);
        const pool = o.observed.live;
        const replaced = missing.replaced ? (0,plan/* pools */.m_)(o.instances).find((p) => p.id === missing.replaced.pool) ?? { id: missing.replaced.pool, version: missing.replaced.version, instances: [] } : undefined;
        await (0,release_steps/* recordFlip */.JR)(d, pool, replaced);
        o = await (0,release_steps/* observe */.lB)(d, true);
    }
    const { debris } = o.observed;
    if (debris.length > 0) {
        d.log.info(`Removing ${debris.length} leftover instance(s): ${debris.map((i) => `${i.name} (${leftoverWhy(i)})`).join(', ')}`);
        await d.platform.remove(debris);
    }
    d.records = o.records;
    return { o, remaining: [...(o.observed.live?.instances ?? []), ...o.observed.warm.flatMap((p) => p.instances)] };
}
function leftoverWhy(i) {
    if (!i.verified)
        return 'never verified';
    if (!i.running && !i.restarting)
        return `stopped, exit code ${i.exitCode}`;
    return 'verified but never served';
}
const share = (n) => `${Math.round(n * 10) / 10}%`;
/** The release `open` describes was left unfinished by its (killed) run: put it right, and close its intents. */
async function resume(d, o, open) {
    const { router, log } = d;
    const decision = (0,plan/* resumeDecision */.mU)(open, o.instances, o.routing, !!router);
    const by = (0,release_steps/* runLink */.ut)(open.runUrl) || 'a run';
    const what = `${by} was interrupted during ${open.name} of ${open.next.version} (${open.step === 'back' ? 'a shift back' : `it had ${share(decision.nextShare)} of the traffic`})`;
    let said;
    if (decision.action === 'record-flip') {
        await (0,release_steps/* recordFlip */.JR)(d, decision.next, decision.stable);
        said = `${what}: its switch had taken effect (${decision.next.version} serves all traffic, verified); recorded as the flip it was.`;
    }
    else if (decision.action === 'back') {
        said = `${what}: ${await backTo(d, o, decision.stable, decision.other ? [decision.other] : [], what)}`;
    }
    else {
        said = router
            ? `${what}; the pool it started from (${open.stable?.version ?? 'none'}) is not running, so there is nothing to shift back to: ` +
                `${router.describe()} serves ${(0,routing/* formatRouting */.YN)(o.routing)} as it is.`
            : `${what}; without a router there is no traffic to move.`;
    }
    log.warning(said, 'Interrupted release converged');
    d.report.section(`### Interrupted release converged\n\n${said}`);
    const at = new Date().toISOString();
    const closing = (0,core_history/* unclosedIntents */.zP)(o.records).filter((i) => i.run === open.run);
    for (const i of closing.length ? closing : [open])
        await d.platform.writeRecord({ kind: 'result', app: d.cfg.app, environment: d.cfg.environment, at, runUrl: (0,context/* runUrl */.Vp)(d.ctx), intent: i.id, outcome: 'converged', detail: said });
}
/**
 * All traffic to `stable` (a recorded shift, when it does not have it all), then the `others` that never
 * served go (drained, or kept with keep-failed); those that served stay (warm, as retention decides).
 * Returns what happened, for the log. A failed shift back removes nothing and throws, saying so.
 */
async function backTo(d, o, stable, others, why) {
    const router = d.router;
    const servedBefore = (0,core_history/* servedPools */.dR)(o.records);
    const parts = [];
    if ((0,plan/* poolShare */.GD)(stable, o.routing) < 99.5) {
        const to = (0,routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version);
        try {
            await (0,release_steps/* shiftRecorded */.Zx)(d, { step: 'back', name: 'back', stable, next: others[0] ?? stable, to, final: true }, () => router.shift(to));
        }
        catch (err) {
            throw new errors/* DeployError */.sH(`${why}; shifting all traffic back to ${stable.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}. Nothing was removed: ${router.describe()} serves ${(0,routing/* formatRouting */.YN)(o.routing)}.`, 'Look at the balancer, then re-run: the release converges first.', { cause: err });
        }
        parts.push(`traffic is back on ${stable.version} (100%)`);
    }
    else
        parts.push(`${stable.version} already had all traffic`);
    const never = others.filter((p) => !servedBefore?.has(p.id));
    const stays = others.filter((p) => servedBefore?.has(p.id));
    if (never.length > 0) {
        const instances = never.flatMap((p) => p.instances);
        if (d.cfg.verify.keepFailed)
            parts.push(keptMessage(instances, d.platform.targets));
        else {
            await (0,release_steps/* drainAndRetire */.po)(d, instances);
            parts.push(`${never.map((p) => p.version).join(', ')}, never judged, ${instances.length > 1 ? 'were' : 'was'} removed (${instances.map((i) => i.name).join(', ')})`);
        }
    }
    if (stays.length > 0)
        parts.push(`${stays.map((p) => p.version).join(', ')} served before and stays as retention decides`);
    return parts.join('; ') + '.';
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/verify/checks.ts
var checks = __webpack_require__(3148);
// EXTERNAL MODULE: ./src/verify/command.ts
var command = __webpack_require__(7068);
// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
;// CONCATENATED MODULE: ./src/verify/health.ts
/**
 * Wait until a fresh instance is healthy: its health path answers 2xx/3xx and, when the image declares
 * a Docker HEALTHCHECK, Docker reports it healthy. Fails at once when the container exits or restarts.
 */




async function waitHealthy(w) {
    const started = Date.now();
    const deadline = started + w.timeoutSec * 1000;
    let delay = w.initialMs ?? 50;
    let attempts = 0;
    let last;
    for (;;) {
        attempts++;
        const inst = await w.probe();
        if (!inst.running || inst.restarting || inst.restartCount > 0) {
            throw new errors/* DeployError */.sH(`Instance ${inst.name} ${inst.restartCount > 0 || inst.restarting ? 'restarted' : 'exited'} with exit code ${inst.exitCode} while waiting for it to become healthy.`, 'Its process stopped: see its log below, fix the app or its environment, and deploy again.');
        }
        const url = inst.address ? `http://${(0,model/* formatAddress */.M0)(inst.address)}${w.path}` : undefined;
        if (!url) {
            last = 'its port is not published yet';
        }
        else {
            try {
                const a = await (0,http/* request */.E)(url, 'GET', Math.min(5000, Math.max(500, deadline - Date.now())));
                if (a.status >= 200 && a.status < 400) {
                    if (inst.health === undefined || inst.health === 'healthy')
                        return { ms: Date.now() - started, attempts, instance: inst };
                    last = `${url} answered ${a.status}, but Docker's HEALTHCHECK says ${inst.health}`;
                }
                else {
                    last = `${url} answered ${a.status}`;
                }
            }
            catch (err) {
                last = `${url}: ${(0,http/* describeFetchError */.O)(err)}`;
            }
        }
        if (Date.now() + delay > deadline) {
            throw new errors/* DeployError */.sH(`Instance ${inst.name} did not become healthy within ${w.timeoutSec}s (last: ${last}).`, 'Check that the app listens on the "port" input on all interfaces (0.0.0.0), that "health-path" answers 2xx/3xx, or raise "health-timeout".');
        }
        await (0,promises_.setTimeout)(delay);
        delay = Math.min(delay * 2, w.maxMs ?? 1000);
    }
}

// EXTERNAL MODULE: ./src/support/failpoint.ts
var failpoint = __webpack_require__(4845);
;// CONCATENATED MODULE: ./src/release/verify.ts
/**
 * Launch a fresh pool of an exact image (every replica on every target, in parallel) and put every
 * instance through health, the built-in checks and the acceptance command. A pool with one failing
 * instance never receives traffic: all its instances are removed (a failed one stays with keep-failed)
 * and the error names the target, the reason and the instance's last log lines.
 */










/** A failure of one instance (or of starting one), with where it happened. */
class InstanceFailure extends Error {
    target;
    instance;
    steps;
    reason;
    constructor(target, instance, steps, reason) {
        super(reason);
        this.target = target;
        this.instance = instance;
        this.steps = steps;
        this.reason = reason;
    }
}
/** "On <host>: " for a fleet; nothing for the runner's own engine alone (messages as they always were). */
function where(platform, targetName) {
    const only = platform.targets.length === 1 && !platform.targets[0].endpoint;
    return only ? '' : `On ${targetName}: `;
}
async function launchPool(v, c) {
    const { cfg, platform, log, report } = c;
    const started = Date.now();
    const pool = { id: `${v.version}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`, version: v.version, instances: [] };
    const slots = platform.targets.flatMap((t) => Array.from({ length: c.replicas }, () => t));
    const single = slots.length === 1;
    const launched = [];
    // Cancelled before it is verified: every candidate goes (none ever received traffic).
    const forget = (0,interrupt/* onInterrupt */.n)(() => platform.remove(launched));
    const title = single
        ? `Start a fresh instance of ${v.version}`
        : `Start ${slots.length} fresh instances of ${v.version} (${c.replicas} on each of ${platform.targets.map((t) => t.name).join(', ')})`;
    const failures = [];
    const results = [];
    try {
        await log.group(title, () => Promise.all(slots.map(async (target) => {
            try {
                const i = await platform.launch({
                    app: cfg.app,
                    environment: cfg.environment,
                    version: v.version,
                    digest: v.digest,
                    image: v.imageId,
                    revision: v.revision,
                    deployedAt: new Date().toISOString(),
                    runUrl: c.runUrl,
                    pool: pool.id,
                    target,
                    spec: v.spec,
                    secretEnv: cfg.run.secretEnv,
                });
                launched.push(i);
                log.info(`${where(platform, target.name)}Started ${i.name} from ${v.imageId}`);
            }
            catch (err) {
                failures.push(new InstanceFailure(target, undefined, [], (0,errors/* errorMessage */.gJ)(err)));
            }
        })));
        if (failures.length === 0) {
            await Promise.all(launched.map(async (i) => {
                const steps = [];
                try {
                    results.push({ instance: await verifyInstance(i, v, c, steps, single), steps });
                }
                catch (err) {
                    failures.push(new InstanceFailure(platform.targets.find((t) => t.name === i.target), i, steps, (0,errors/* errorMessage */.gJ)(err)));
                }
            }));
        }
        if (failures.length > 0)
            throw await failed(v, c, failures, launched);
        pool.instances = await Promise.all(results.map((r) => platform.markVerified(r.instance, v.spec.restart)));
    }
    finally {
        forget();
    }
    (0,failpoint/* failpoint */.Z)('after-verify');
    const rows = results.flatMap((r) => r.steps.map((s) => (single ? s : [r.instance.target, r.instance.name, ...s])));
    const head = single ? ['step', 'what', 'result', 'detail'] : ['host', 'instance', 'step', 'what', 'result', 'detail'];
    report.output('url', (0,model/* instanceUrl */.Xq)(pool.instances[0]));
    report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${(0,summary/* table */.tp)(head, rows)}`);
    return pool;
}
/** Health, checks and the acceptance command against one instance. Records its steps in `steps`. */
async function verifyInstance(instance, v, c, steps, single) {
    const { cfg, platform, log } = c;
    const at = where(platform, instance.target);
    // Log groups do not nest: a pool's instances log plain lines, prefixed with their host.
    const group = (name, fn) => (single ? log.group(name, fn) : fn());
    const health = await group(`Wait until ${instance.name} is healthy`, () => waitHealthy({ path: v.spec.healthPath, timeoutSec: cfg.verify.healthTimeoutSec, probe: () => platform.inspect(instance) }));
    const url = (0,model/* instanceUrl */.Xq)(health.instance);
    log.info(`${at}${single ? 'Healthy' : `${instance.name} healthy`} at ${url} after ${health.ms} ms (${health.attempts} probes)`);
    steps.push(['health', `GET ${v.spec.healthPath}`, 'pass', `${health.ms} ms`]);
    if (cfg.verify.checks.length > 0) {
        const results = await group('Built-in checks', () => (0,checks/* runChecks */.JT)(url, cfg.verify.checks));
        for (const r of results) {
            log.info(`${at}${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
            steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length > 0)
            throw checksFailed(failed, log, at);
    }
    if (cfg.verify.acceptanceCommand) {
        const outcome = await group('Acceptance command', () => (0,command/* runAcceptanceCommand */.Y)(cfg.verify.acceptanceCommand, { TARGET_URL: url, VERSION: v.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: v.digest }, cfg.verify.acceptanceTimeoutSec, undefined, single));
        if (!single && outcome.output)
            log.info(`${at}acceptance command against ${url}:\n${outcome.output}`);
        const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
        steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
        if (!outcome.ok) {
            log.error(`${at}The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
            throw new errors/* DeployError */.sH(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
        }
    }
    // Docker's word after the checks and the acceptance command: a HEALTHCHECK that turned unhealthy meanwhile (or a
    // process that stopped or restarted) fails the instance, whatever HTTP answered.
    const after = await platform.inspect(health.instance);
    if (!after.running || after.restarting || after.restartCount > health.instance.restartCount)
        throw new errors/* DeployError */.sH(`Instance ${instance.name} ${after.running && !after.restarting ? 'restarted' : 'stopped'} (exit code ${after.exitCode}) while it was verified.`);
    if (after.health !== undefined && after.health !== 'healthy')
        throw new errors/* DeployError */.sH(`Instance ${instance.name} answered ${url}, but Docker's HEALTHCHECK says ${after.health} after its checks: it is not released.`, 'The image\'s HEALTHCHECK failed while the instance was verified: see its log below, and what the HEALTHCHECK runs.');
    return health.instance;
}
/** Report every failure, remove the pool (keep-failed: the failed instances stay), and build the error. */
async function failed(v, c, failures, launched) {
    const { cfg, platform, log, report } = c;
    const parts = [];
    for (const f of failures) {
        const at = where(platform, f.target.name);
        if (!f.instance) {
            parts.push(`${at}${f.reason}`);
            report.section(`### ${v.version} could not start${at ? ` on ${f.target.name}` : ''}\n\n${(0,summary/* codeBlock */.DV)(f.reason)}`);
            continue;
        }
        // log-lines: 0 shows none (public repositories: anyone can read the job log and summary). Redacted when printed.
        const lines = cfg.verify.logLines;
        const logs = lines > 0
            ? (await platform.logs(f.instance, lines).catch((e) => `(could not read the log: ${(0,errors/* errorMessage */.gJ)(e)})`)) || '(no output)'
            : '';
        const heading = lines > 0 ? `Last log lines of ${f.instance.name}:` : `(log-lines: 0, so the log of ${f.instance.name} is not shown)`;
        report.section(`### ${v.version} failed verification${at ? ` on ${f.target.name}` : ''}\n\n${f.steps.length ? (0,summary/* table */.tp)(['step', 'what', 'result', 'detail'], f.steps) + '\n\n' : ''}` +
            `${(0,summary/* codeBlock */.DV)(f.reason)}\n\n${heading}${lines > 0 ? `\n\n${(0,summary/* codeBlock */.DV)(logs)}` : ''}`);
        parts.push(`${at}${f.reason}\n${heading}${lines > 0 ? `\n${logs}` : ''}`);
    }
    const kept = cfg.verify.keepFailed ? failures.flatMap((f) => (f.instance ? [f.instance] : [])) : [];
    const removed = launched.filter((i) => !kept.includes(i));
    for (const k of kept)
        log.warning(`keep-failed: leaving ${k.name} in place for debugging; it receives no traffic.`);
    await platform.remove(removed);
    const what = removed.length === 1 ? `Instance ${removed[0].name} was removed.` : removed.length ? `The ${removed.length} new instances were removed.` : '';
    const [first, ...rest] = parts;
    // One instance: the reason, then what was done, then its log (as it always read). A pool: every failure.
    const body = rest.length === 0 && first ? first.replace(/\nLast log lines of /, `\nThe live version was not touched. ${what}\nLast log lines of `) : parts.join('\n\n');
    const tail = rest.length === 0 && first?.includes('\nLast log lines of ') ? '' : `\nThe live version was not touched. ${what}`.trimEnd();
    return new errors/* DeployError */.sH(`${body}${tail}`);
}
function checksFailed(failed, log, at) {
    for (const f of failed)
        log.error(`${at}${f.check}: ${f.detail}`, 'Check failed');
    return new errors/* DeployError */.sH(`${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`);
}

;// CONCATENATED MODULE: ./src/release/deploy.ts
/** command: deploy — build (or take an existing version), then launch → verify → switch → retire, under the lock. */








async function deploy(d) {
    const { cfg, log, platform } = d;
    const replicas = cfg.run.replicas;
    // Too few balancer slots for the pool (canary steps serve the stable pool beside the new one), or a slot
    // that serves another app or environment: say so before anything is built or started.
    await (0,release_steps/* checkCapacity */.VF)(d, platform.targets.length * replicas * (cfg.delivery.strategy === 'canary' ? 2 : 1));
    const seen = await (0,release_steps/* observe */.lB)(d, true);
    await (0,release_steps/* refuseForeign */.re)(d, seen);
    // Canary weights the balancer cannot give (HAProxy: whole server weights) refuse before anything is built.
    (0,release_steps/* checkShares */.zs)(d, seen.observed.live?.instances.length, platform.targets.length * replicas);
    let img;
    if (cfg.version === undefined) {
        const b = await d.build();
        (0,build.reportBuild)(b, d.ctx, d.report);
        img = {
            image: b.image,
            version: b.version,
            digest: b.digest,
            imageId: b.imageId,
            revision: d.ctx.sha,
            created: b.labels['org.opencontainers.image.created'] ?? '',
        };
    }
    else {
        // Build once, deploy many: the version may live only in the registry (pulled by its tag, which never moves).
        const found = await platform.findVersion(cfg.version);
        if (!found)
            throw unknownVersion(cfg.image, cfg.version, (await platform.listVersions()).map((i) => i.version));
        img = found;
        await d.checkImage(img);
        log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
        d.report.output('version', img.version);
        d.report.output('image', img.image);
        d.report.output('digest', img.digest);
        d.report.section(`### Deploying ${img.version} as built (no build)\n\n` +
            (0,summary/* table */.tp)(['', ''], [['Commit', (0,summary/* commitLink */.wn)(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]));
    }
    const version = (0,release_steps/* withSpec */.Yk)(img, (0,release_steps/* runSpec */.lA)(cfg));
    // The bytes reach every target once, before the lock is taken (a pull under it would hold up other runs).
    await platform.provide(version);
    await (0,release_steps/* withLock */.kK)(d, async () => {
        const { o, remaining } = await converge(d);
        await (0,release_steps/* refuseForeign */.re)(d, o);
        const previous = o.observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.instances.map((i) => i.name).join(', ')})` : 'Nothing of this app is live yet.');
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await (0,release_steps/* recorded */.t2)(d, what, async () => {
            const next = await launchPool(version, { cfg, platform: d.platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            const flipMs = await deliver(d, next, previous);
            const kept = await (0,release_steps/* dropPending */.lN)(d, o, next);
            await (0,release_steps/* settle */.G9)(d, [...remaining, ...kept, ...next.instances], next, previous, flipMs, true);
        });
    });
}

;// CONCATENATED MODULE: ./src/drift/assess.ts
/**
 * Drift: has a running instance become a snowflake? Pure: the facts about one instance come in (what
 * the engine says about its image, filesystem changes and exec sessions), a verdict goes out.
 */
const KIND = ['C', 'A', 'D'];
const normal = (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const within = (path, dir) => {
    const d = normal(dir);
    return d === '/' || path === d || path.startsWith(`${d}/`);
};
/**
 * The changes that count: outside every writable path, and without the `C` entries of directories
 * that only changed because something below them did (docker diff reports each parent as changed).
 */
function countedChanges(changes, writablePaths) {
    const paths = changes.map((c) => normal(c.Path));
    return changes
        .filter((c, n) => {
        const p = paths[n];
        if (writablePaths.some((w) => within(p, w)))
            return false;
        if (c.Kind === 0 && paths.some((q, m) => m !== n && q.startsWith(p === '/' ? '/' : `${p}/`)))
            return false;
        return true;
    })
        .map((c) => `${KIND[c.Kind] ?? '?'} ${normal(c.Path)}`);
}
/** The argv the engine execs for a HEALTHCHECK test: CMD a b -> [a, b]; CMD-SHELL s -> [/bin/sh, -c, s]. */
function healthcheckArgv(test) {
    if (!test || test.length < 2)
        return undefined;
    if (test[0] === 'CMD')
        return test.slice(1);
    if (test[0] === 'CMD-SHELL')
        return ['/bin/sh', '-c', test[1]];
    return undefined;
}
function sameImage(facts, expected) {
    if (facts.imageId === expected.image || facts.imageId === expected.digest)
        return true;
    return facts.repoDigests.some((r) => r === expected.image || r.endsWith(`@${expected.digest}`));
}
function assessDrift(instance, facts, expected) {
    const probe = healthcheckArgv(facts.healthcheck)?.join(' ');
    const execSessions = facts.execs
        .filter((e) => e.running && e.argv.join(' ') !== probe)
        .map((e) => `${e.id.slice(0, 12)} ${e.argv.join(' ')}`);
    const changed = countedChanges(facts.changes, [...expected.writablePaths, ...facts.mounts]);
    const image = sameImage(facts, expected) ? undefined : `runs ${facts.imageId}, not the deployed ${expected.image}`;
    return {
        instance,
        drifted: image !== undefined || changed.length > 0 || execSessions.length > 0,
        ...(image ? { image } : {}),
        changed,
        execSessions,
    };
}
/** One line for a person: what drifted in an instance. */
function describeDrift(d) {
    const parts = [];
    if (d.image)
        parts.push(`its image changed (${d.image})`);
    if (d.changed.length)
        parts.push(`its filesystem changed: ${d.changed.join(', ')}`);
    if (d.execSessions.length)
        parts.push(`docker exec session(s) open: ${d.execSessions.join('; ')}`);
    return `${d.instance}: ${parts.join('; ') || 'no drift'}`;
}

;// CONCATENATED MODULE: ./src/release/drift.ts
/** Drift of the live and warm instances, for command: status: per-instance verdicts, a summary table, a failure naming the snowflakes. */



/** Per instance id: its drift verdict. A platform that cannot tell (no driftFacts) gives none. */
async function checkDrift(instances, writablePaths, platform) {
    const out = new Map();
    if (!platform.driftFacts)
        return out;
    for (const i of instances) {
        const facts = await platform.driftFacts(i);
        if (!facts)
            continue; // removed meanwhile: nothing runs that could drift
        out.set(i.id, assessDrift(i.name, facts, { image: i.image, digest: i.digest, writablePaths }));
    }
    return out;
}
/** The summary section, and the error when any instance drifted (the report is written either way). */
function reportDrift(drift, writablePaths, report) {
    if (drift.length === 0)
        return undefined;
    const drifted = drift.filter((d) => d.drifted);
    report.section(`### Drift: ${drifted.length ? `${drifted.length} of ${drift.length} instance(s) DRIFTED` : `none in ${drift.length} instance(s)`}\n\n` +
        (0,summary/* table */.tp)(['instance', 'image', 'filesystem', 'exec sessions'], drift.map((d) => [
            d.instance,
            d.image ? `CHANGED: ${d.image}` : 'as deployed',
            d.changed.length ? `CHANGED: ${d.changed.map((c) => `\`${c}\``).join(', ')}` : 'unchanged',
            d.execSessions.length ? `OPEN: ${d.execSessions.map((e) => `\`${e}\``).join(', ')}` : 'none',
        ])) +
        (writablePaths.length ? `\n\nWritable paths (not counted): ${writablePaths.map((p) => `\`${p}\``).join(', ')}` : ''));
    if (drifted.length === 0)
        return undefined;
    return new errors/* DeployError */.sH(`${drifted.length} instance(s) drifted from what was deployed (snowflakes):\n${drifted.map(describeDrift).join('\n')}`, 'Replace them with fresh instances of the same digest (command: recycle), and find out who changed them. ' +
        'Paths the app writes by design go in "writable-paths" (or use read-only: true with tmpfs).');
}

;// CONCATENATED MODULE: ./src/release/recycle.ts
/**
 * command: recycle — phoenix servers: replace the live pool with a fresh pool of exactly the same digest
 * through the whole gate (image policy, launch, health, checks, acceptance, switch, retire), no build.
 * A server rebuilt often cannot drift for long, and each recycle proves the version can still be rebuilt
 * from its image alone.
 */







/** Pure: the version image the live pool runs, from what its instances recorded when they started. */
function liveImage(live, image, created) {
    const i = live.instances[0];
    return { image, version: live.version, digest: i.digest, imageId: i.image, revision: i.revision, created };
}
async function recycle(given) {
    // The settings the live version was deployed with (its recorded run spec), under the inputs given.
    const { d, seen } = await (0,release_steps/* withRecordedSpec */.gu)(given);
    const { cfg, log, platform } = d;
    const replicas = cfg.run.replicas;
    const first = await (0,release_steps/* observe */.lB)(d, false, seen);
    if (!first.observed.live)
        throw new errors/* DeployError */.sH(`Nothing of ${cfg.app} is live in ${cfg.environment}: there is nothing to recycle.`, 'Deploy a version first (command: deploy).');
    const known = (await platform.listVersions()).find((i) => i.version === first.observed.live.version);
    const img = liveImage(first.observed.live, cfg.image, known?.created ?? '');
    // The same bytes the live instances run, on every target; and the image policy as for any launch.
    await platform.provide(img);
    await d.checkImage(img);
    await (0,release_steps/* withLock */.kK)(d, async () => {
        const { o, remaining } = await converge(d);
        const previous = o.observed.live;
        if (!previous || previous.version !== img.version)
            throw new errors/* DeployError */.sH(`While this run waited for the lock, ${previous ? `${previous.version} went live` : 'the live version went away'} instead of ${img.version}. Nothing was recycled.`, 'Run recycle again: it replaces whatever is live then.');
        const drift = await checkDrift(previous.instances, cfg.drift.writablePaths, platform);
        const drifted = [...drift.values()].filter((x) => x.drifted);
        if (drifted.length)
            log.warning(`Replacing instance(s) that drifted:\n${drifted.map(describeDrift).join('\n')}`, 'Snowflake replaced');
        // The fresh pool stands beside the live one until the switch: the balancer needs the slots for both.
        await (0,release_steps/* checkCapacity */.VF)(d, platform.targets.length * replicas);
        log.info(`Recycling ${img.version}: a fresh pool from ${img.imageId} replaces ${previous.instances.map((i) => i.name).join(', ')}.`);
        const what = { sha: img.revision, version: img.version, digest: img.digest, previousVersion: previous.version, rollback: false };
        await (0,release_steps/* recorded */.t2)(d, what, async () => {
            const next = await launchPool((0,release_steps/* withSpec */.Yk)(img, (0,release_steps/* runSpec */.lA)(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            const flipMs = await (0,release_steps/* switchOrUndo */.Cj)(d, next, previous, true);
            await (0,release_steps/* settle */.G9)(d, [...remaining, ...next.instances], next, previous, flipMs, false);
            d.report.section(`### Recycled ${img.version}\n\nFresh: ${next.instances.map((i) => `\`${i.name}\``).join(', ')}. ` +
                `Replaced and retired: ${previous.instances.map((i) => `\`${i.name}\`${drift.get(i.id)?.drifted ? ' (had drifted)' : ''}`).join(', ')}.`);
        });
    });
}

// EXTERNAL MODULE: ./src/core/run-spec.ts
var run_spec = __webpack_require__(4880);
;// CONCATENATED MODULE: ./src/release/rollback.ts
/**
 * command: rollback — undo the last flip, or go to a named version. To a warm version: one switch of the
 * whole pool (no build, no pull); to a version whose image is on the targets or in its registry: a fresh
 * pool, verified, then the switch; to an unknown one: a clear failure. Every setting not given explicitly
 * (router, port, health path, checks, env, limits, keep, ...) comes from the run specification the version
 * ran with. Every target is read first, so one that cannot be reached fails the rollback before anything changes.
 */









async function rollback(given) {
    const { d: base, seen } = await (0,release_steps/* withRecordedSpec */.gu)(given);
    const replicas = base.cfg.run.replicas;
    if (!base.router)
        throw new errors/* DeployError */.sH('command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back' +
            ' (and no deploy of this app and environment recorded one).', 'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.');
    const { log } = base;
    const first = await (0,release_steps/* observe */.lB)(base, false, seen);
    await (0,release_steps/* refuseForeign */.re)(base, first);
    const { live } = first.observed;
    const version = given.cfg.version ??
        (0,core_history/* defaultRollbackVersion */.KR)(first.records, live, first.observed.warm) ??
        // No flip records yet (instances from before they existed): the newest warm pool.
        (first.records.length === 0 ? first.observed.warm[0]?.version : undefined);
    const restorable = async () => [...new Set([...first.observed.warm.map((p) => p.version), ...(await base.platform.listVersions()).map((i) => i.version)])].filter((v) => v !== live?.version);
    if (!version) {
        throw new errors/* DeployError */.sH(`There is no previous version of ${base.cfg.app} in ${base.cfg.environment} to roll back to: ` +
            `${live ? `the flip that made ${live.version} live replaced nothing` : 'nothing is live'}.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    // The settings of the version gone back to (explicit inputs win); the router stays the one that serves now.
    const spec = (0,core_history/* specOf */.rI)(version, first.instances, first.records);
    const d = spec ? { ...base, cfg: { ...(0,run_spec/* applySpec */.wn)(given.cfg, spec), router: base.cfg.router } } : base;
    const { cfg, platform } = d;
    const warmOne = first.observed.warm.find((p) => p.version === version);
    const isLive = live?.version === version;
    if (!warmOne && !isLive) {
        // A fresh pool needs the secrets the version ran with: say so before anything changes.
        const missing = spec ? (0,run_spec/* missingSecretKeys */.FL)(spec, cfg.run.secretEnv) : [];
        if (missing.length > 0)
            throw new errors/* DeployError */.sH(`${version} is not running, and a fresh instance of it needs the secret environment it ran with: ${missing.join(', ')} ` +
                `${missing.length > 1 ? 'are' : 'is'} not given. Nothing was changed.`, `Pass ${missing.length > 1 ? 'them' : 'it'} in secret-env (the reusable rollback workflow takes them as its secret-env secret), ` +
                `or roll back to a warm version: ${first.observed.warm.map((p) => p.version).join(', ') || 'none is warm'}.`);
        if (!spec)
            log.warning(`No run specification is recorded for ${version}: its fresh instance starts with the inputs of this run.`);
    }
    let img = warmOne || isLive ? undefined : await platform.findVersion(version);
    if (!warmOne && !img && !isLive)
        throw unknownVersion(cfg.image, version, await restorable());
    if (img)
        await platform.provide(img);
    await (0,release_steps/* withLock */.kK)(d, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { o, remaining } = await converge(d);
        await (0,release_steps/* refuseForeign */.re)(d, o);
        const previous = o.observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await (0,release_steps/* settle */.G9)(d, remaining, previous, undefined, undefined, false);
            return;
        }
        let next = o.observed.warm.find((p) => p.version === version);
        // A warm pool without an instance on every host cannot take the traffic: a fresh pool is started instead
        // (the incomplete one goes with retention, after the flip).
        const missing = next ? platform.targets.filter((t) => !next.instances.some((i) => i.target === t.name)) : [];
        if (next && missing.length > 0) {
            log.warning(`The warm pool of ${version} has no instance on ${missing.map((t) => t.name).join(', ')}: starting a fresh one instead.`);
            next = undefined;
        }
        if (next) {
            const answer = await (0,release_steps/* probe */.dy)(next, cfg.verify.healthPath);
            const at = next.instances.map((i) => (i.address ? (0,model/* formatAddress */.M0)(i.address) : i.name)).join(', ');
            if (!answer.ok)
                throw new errors/* DeployError */.sH(`The warm ${next.instances.length > 1 ? 'pool' : 'instance'} ${next.instances.map((i) => i.name).join(', ')} of ${version} ` +
                    `does not answer GET ${cfg.verify.healthPath} at ${at} (${answer.detail}): not flipping to it. It was left as it is ` +
                    `(a rollback never removes a warm instance); ${previous ? `${previous.version} stays live` : 'nothing was live'}.`, `Look at its logs (docker logs ${next.instances[0].name}). Roll back to another version with "version", or remove it ` +
                    `(docker rm -f ${next.instances.map((i) => i.name).join(' ')}) and re-run: ${version} then starts fresh, verified first.`);
        }
        if (!next && !img) {
            img = await platform.findVersion(version);
            if (img)
                await platform.provide(img);
        }
        if (!next && !img)
            throw unknownVersion(cfg.image, version, await restorable());
        const fresh = !next;
        const what = {
            sha: next?.instances[0].revision ?? img.revision,
            version,
            digest: next?.instances[0].digest ?? img.digest,
            previousVersion: previous?.version,
            rollback: true,
        };
        await (0,release_steps/* recorded */.t2)(d, what, async () => {
            if (next) {
                log.info(`Rolling back to the warm ${next.instances.length > 1 ? `pool of ${version} (${next.instances.length} instances)` : `instance ${next.instances[0].name} of ${version}`}: one flip, no build, no pull.`);
            }
            else {
                log.info(`${version} is not running: starting a fresh instance from ${img.imageId} and verifying it first.`);
                await (0,release_steps/* checkCapacity */.VF)(d, platform.targets.length * replicas);
                await d.checkImage(img);
                next = await launchPool((0,release_steps/* withSpec */.Yk)(img, (0,release_steps/* runSpec */.lA)(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            }
            const pool = next;
            const flipMs = await (0,release_steps/* switchOrUndo */.Cj)(d, pool, previous, fresh);
            const kept = await (0,release_steps/* dropPending */.lN)(d, o, pool);
            const gone = new Set(pool.instances.map((i) => i.id));
            await (0,release_steps/* settle */.G9)(d, [...remaining.filter((i) => !gone.has(i.id)), ...kept, ...pool.instances], pool, previous, flipMs, false);
        });
    });
}

// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/release/status.ts










/** What runs and what can be restored. Changes nothing. */
async function status_status(given) {
    const { d, seen: read } = await (0,release_steps/* withRecordedSpec */.gu)(given);
    const { cfg } = d;
    const [o, images] = await Promise.all([(0,release_steps/* observe */.lB)(d, true, read), d.platform.listVersions()]);
    const { observed } = o;
    const versions = [];
    const seen = new Set();
    const running = [...(observed.live ? [observed.live] : []), ...observed.warm].flatMap((p) => p.instances);
    const drift = await checkDrift(running, cfg.drift.writablePaths, d.platform);
    const add = (p, state) => {
        if (seen.has(p.version))
            return;
        seen.add(p.version);
        const i = p.instances[0];
        versions.push({
            version: p.version,
            digest: i.digest,
            revision: i.revision,
            created: images.find((x) => x.version === p.version)?.created ?? '',
            state,
            deployed: i.deployedAt,
            ...(i.runUrl ? { runUrl: i.runUrl } : {}),
            instances: p.instances.map((x) => ({ host: x.target, name: x.name, url: (0,model/* instanceUrl */.Xq)(x), ...(drift.has(x.id) ? { drift: drift.get(x.id) } : {}) })),
        });
    };
    if (observed.live)
        add(observed.live, 'live');
    for (const p of observed.warm)
        add(p, 'warm');
    const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => (0,core_text/* compareText */.n6)(b.created, a.created));
    for (const i of inspected)
        versions.push({ version: i.version, digest: i.digest, revision: i.revision, created: i.created, state: 'image-only' });
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', 'digest', 'built', 'instances', 'instance started', 'started by', 'drift'], versions.map((v) => [
            v.state,
            v.version,
            (0,summary/* commitLink */.wn)(d.ctx, v.revision),
            `\`${v.digest.slice(0, 19)}\``,
            v.created,
            (v.instances ?? []).map((i) => (d.platform.targets.length > 1 ? `${i.host}: ${i.url}` : i.url)).join('<br>'),
            v.deployed ?? '',
            (0,release_steps/* runLink */.ut)(v.runUrl),
            driftCell(v),
        ])));
    const snowflakes = reportDrift([...drift.values()], cfg.drift.writablePaths, d.report);
    const problems = d.router ? await liveProblems(d, d.router, o) : [];
    if (problems.length > 0) {
        const list = problems.map((p) => `- ${p}`).join('\n');
        d.report.section(`### Not serving as it should\n\n${list}`);
        throw new errors/* DeployError */.sH(`${cfg.app} in ${cfg.environment} is not served as it should be:\n${list}${snowflakes ? `\n${(0,errors/* errorMessage */.gJ)(snowflakes)}` : ''}`, "Re-run the last deploy, or run command: rollback (to a warm version): either converges — it repairs the balancer's saved " +
            'state and points it at a verified, running pool. The table above lists the versions that can be restored.');
    }
    if (snowflakes)
        throw snowflakes;
    return versions;
}
/** Everything that keeps what the balancer serves from being a running, verified, answering pool of this app and environment. */
async function liveProblems(d, router, o) {
    const { cfg } = d;
    const { live } = o.observed;
    const problems = [];
    const open = (0,core_history/* openIntent */.ne)(o.records);
    if (open) {
        const next = (0,plan/* pools */.m_)(o.instances).find((p) => p.id === open.next.pool);
        const share = next ? Math.round((0,plan/* poolShare */.GD)(next, o.routing) * 10) / 10 : 0;
        problems.push(`An interrupted ${open.step === 'step' ? 'canary' : 'release'}: ${open.next.version} has ${share}% of the traffic (${open.name}` +
            `${open.stable ? `, beside ${open.stable.version}` : ''}), left by ${(0,release_steps/* runLink */.ut)(open.runUrl) || 'a run'} that did not finish; it was never judged. ` +
            `The next deploy, rollback or recycle gives ${open.stable?.version ?? 'the stable version'} all traffic back first.`);
    }
    const addrs = (0,routing/* served */.EZ)(o.routing);
    if (addrs.length === 0) {
        if (o.records.length > 0 || o.observed.warm.length > 0)
            problems.push(`${router.describe()} points at nothing, while ${cfg.app} has been deployed to ${cfg.environment}.`);
    }
    for (const a of addrs) {
        const mine = o.instances.find((i) => (0,model/* sameAddress */.xU)(i.address, a));
        if (mine && live && live.instances.includes(mine))
            continue;
        const owner = mine ? undefined : (await (0,release_steps/* foreignOwners */.nW)(d, [{ addresses: [a], weight: 100 }]))[0];
        problems.push(owner
            ? `${router.describe()} serves ${owner.app} in ${owner.environment} (${owner.name}, ${owner.version}) at ${(0,model/* formatAddress */.M0)(a)}, not ${cfg.app} in ${cfg.environment}.`
            : mine
                ? `${router.describe()} sends traffic to ${mine.name} at ${(0,model/* formatAddress */.M0)(a)}, which is not a verified instance of the live pool.`
                : `${router.describe()} points at ${(0,model/* formatAddress */.M0)(a)}, where no instance of ${cfg.app} in ${cfg.environment} is published (a dead port).`);
    }
    for (const i of live?.instances ?? []) {
        if (i.restarting)
            problems.push(`The live instance ${i.name} (${i.version}) is being restarted by Docker (restart ${i.restartCount}, last exit code ${i.exitCode}); it serves again once it is up, at the same address.`);
        else if (!i.running)
            problems.push(`The live instance ${i.name} (${i.version}) is stopped (exit code ${i.exitCode}).`);
    }
    if (live && live.instances.every((i) => i.running)) {
        const spec = live.instances[0].spec;
        const path = spec ? (0,run_spec/* applySpec */.wn)(cfg, spec).verify.healthPath : cfg.verify.healthPath;
        const answer = await (0,release_steps/* probe */.dy)(live, path);
        if (!answer.ok)
            problems.push(`The live pool of ${live.version} does not answer GET ${path} (${answer.detail}).`);
    }
    for (const x of o.divergence)
        problems.push(x.problem);
    return problems;
}
function driftCell(v) {
    const checked = (v.instances ?? []).filter((i) => i.drift);
    if (checked.length === 0)
        return v.instances?.length ? 'not checked' : '';
    return checked.some((i) => i.drift.drifted) ? 'DRIFTED' : 'none';
}

;// CONCATENATED MODULE: ./src/release/index.ts
/** The release commands, loaded together as one chunk of the bundle (their shared steps are not duplicated). */






/***/ })

};

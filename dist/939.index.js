export const id = 939;
export const ids = [939,377];
export const modules = {

/***/ 7377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EVENTS: () => (/* reexport */ EVENTS),
  createNotifier: () => (/* binding */ createNotifier),
  eventBody: () => (/* reexport */ eventBody),
  eventText: () => (/* reexport */ eventText),
  hookEnv: () => (/* reexport */ hookEnv),
  hookFor: () => (/* binding */ hookFor),
  releaseEvent: () => (/* reexport */ releaseEvent),
  rollbackCommand: () => (/* reexport */ rollbackCommand),
  silent: () => (/* binding */ silent)
});

// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/exec.ts
var support_exec = __webpack_require__(6894);
;// CONCATENATED MODULE: ./src/notify/events.ts
/**
 * Release events (issue 21): what happened to a release, for people (webhooks: Slack, Microsoft Teams, any
 * receiver) and for the workflow's own hooks on the runner. Pure: the event, its message and its body.
 */
const EVENTS = ['started', 'step', 'paused', 'aborted', 'failed', 'succeeded', 'rolled back', 'maintenance on', 'maintenance off'];
/**
 * The command that rolls back: the example manual-rollback workflow (examples/workflows/manual-rollback.yml)
 * run with gh, the same one the job summary gives.
 */
function rollbackCommand(environment, version) {
    return `gh workflow run manual-rollback.yml -f environment=${environment}${version ? ` -f version=${version}` : ''}`;
}
/**
 * The event with its rollback command. After a flip (succeeded, rolled back) it names the version the flip
 * replaced; before one (the live version has not changed) it is the rollback of the last flip (no version).
 */
function releaseEvent(event, f) {
    const flipped = event === 'succeeded' || event === 'rolled back';
    return { event, ...f, rollbackCommand: rollbackCommand(f.environment, flipped ? f.previousVersion : undefined) };
}
const VERB = {
    started: 'started deploying',
    step: 'canary step of',
    paused: 'paused at',
    aborted: 'aborted',
    failed: 'failed to deploy',
    succeeded: 'deployed',
    'rolled back': 'rolled back to',
    'maintenance on': 'maintenance mode on at',
    'maintenance off': 'maintenance mode off at',
};
/** One line for people (Slack's and Teams' `text`), then the detail, the reason, the rollback command and the run. */
function eventText(e) {
    const v = e.version ?? 'the new version';
    const head = `${e.app} (${e.environment}): ${VERB[e.event]} ${e.event.startsWith('maintenance') ? '' : `${v} `}`.trimEnd();
    const from = e.previousVersion && e.event !== 'rolled back' ? ` (live before: ${e.previousVersion})` : e.event === 'rolled back' && e.previousVersion ? ` from ${e.previousVersion}` : '';
    return [
        `${head}${from}`,
        e.detail,
        e.reason ? `Reason: ${e.reason}` : undefined,
        `Roll back: ${e.rollbackCommand}`,
        e.runUrl ? `Run: ${e.runUrl}` : undefined,
    ]
        .filter(Boolean)
        .join('\n');
}
/**
 * The JSON body: `text` (what Slack and Microsoft Teams incoming webhooks show), then the structured fields
 * for any other receiver, always all present (null when unknown).
 */
function eventBody(e) {
    return {
        text: eventText(e),
        event: e.event,
        app: e.app,
        environment: e.environment,
        version: e.version ?? null,
        previous_version: e.previousVersion ?? null,
        reason: e.reason,
        run_url: e.runUrl,
        rollback_command: e.rollbackCommand,
        detail: e.detail ?? null,
    };
}
/** What a hook on the runner gets in its environment. */
function hookEnv(e) {
    return {
        EVENT: e.event,
        APP: e.app,
        ENVIRONMENT: e.environment,
        VERSION: e.version ?? '',
        PREVIOUS_VERSION: e.previousVersion ?? '',
        REASON: e.reason,
        RUN_URL: e.runUrl,
    };
}

// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
;// CONCATENATED MODULE: ./src/notify/webhook.ts
/**
 * Delivery of one event body to the `notify-webhook` URLs: each URL on its own, a time limit per attempt,
 * retries on a network error, a timeout or a 5xx/429 answer. A delivery that fails is a warning, never a
 * failed run; the URL (a secret: masked, never recorded) is named by its line and host only.
 */

const ATTEMPTS = 3;
/** Per attempt. IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS (tests only) shortens it. */
const TIMEOUT_MS = 5000;
const BACKOFF_MS = 1000;
function timeoutMs(env = process.env) {
    const t = Number(env.IMMUTABLE_DEPLOY_TEST_NOTIFY_TIMEOUT_MS);
    return Number.isInteger(t) && t > 0 ? t : TIMEOUT_MS;
}
/** How a URL is named in messages: its line and host, never its path or query (where the secret usually is). */
function urlName(url, n, of) {
    let host = '?';
    try {
        host = new URL(url).host;
    }
    catch {
        // the input rule accepted it as http(s); a URL the parser refuses is named by its line only
    }
    return `notify-webhook${of > 1 ? ` line ${n + 1}` : ''} (${host})`;
}
/** Sends `body` to `url`; resolves with undefined when delivered, else why not (after the retries). */
async function deliver(url, body, wait, env = process.env) {
    let why = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
            const a = await (0,http/* request */.E)(url, { json: body, timeoutMs: timeoutMs(env) });
            if (a.status >= 200 && a.status < 300)
                return undefined;
            why = `answered ${a.status}${a.body.trim() ? `: ${a.body.trim().split('\n')[0].slice(0, 200)}` : ''}`;
            // A 4xx other than 429 will not change on a retry (a wrong URL, a revoked hook, a body refused).
            if (a.status < 500 && a.status !== 429)
                return why;
        }
        catch (err) {
            why = (0,http/* describeFetchError */.O)(err);
        }
        if (attempt < ATTEMPTS)
            await wait(BACKOFF_MS * attempt);
    }
    return `${why} (${ATTEMPTS} attempts)`;
}
/** Sends to every URL at once; a failed one is a warning. */
async function deliverAll(urls, body, what, log) {
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    await Promise.all(urls.map(async (url, n) => {
        const why = await deliver(url, body, wait);
        if (why)
            log.warning(`Could not send the "${what}" notification to ${urlName(url, n, urls.length)}: ${why}. The release is not affected.`, 'Notification not sent');
    }));
}

;// CONCATENATED MODULE: ./src/notify/index.ts





/** A notifier that does nothing (no webhook, no hook): tests and commands without events. */
const silent = { emit: () => Promise.resolve(), emitted: () => false, flush: () => Promise.resolve() };
const HOOK_INPUT = { succeeded: 'post-deploy-command', failed: 'on-failure-command', aborted: 'on-failure-command', 'rolled back': 'on-rollback-command' };
/** The hook command of an event, if the workflow gave one. */
function hookFor(cfg, event) {
    const input = HOOK_INPUT[event];
    const { postDeploy, onFailure, onRollback } = cfg.ops.hooks;
    const command = input === 'post-deploy-command' ? postDeploy : input === 'on-failure-command' ? onFailure : input === 'on-rollback-command' ? onRollback : undefined;
    return input && command ? { input, command } : undefined;
}
function createNotifier(cfg, runUrl, log, exec = support_exec/* run */.eF) {
    const pending = new Set();
    const sent = new Set();
    const send = (e) => {
        if (cfg.ops.webhooks.length === 0)
            return;
        const p = deliverAll(cfg.ops.webhooks, eventBody(e), e.event, log).finally(() => pending.delete(p));
        pending.add(p);
    };
    const hook = async (e) => {
        const h = hookFor(cfg, e.event);
        if (!h)
            return;
        const r = await log.group(`${h.input} (${e.event})`, () => exec(['bash', '-e', '-o', 'pipefail', '-c', h.command], {
            env: hookEnv(e),
            echo: true,
            allowFailure: true,
            timeoutMs: cfg.verify.acceptanceTimeoutSec * 1000,
        }));
        if (r.exitCode === 0 && !r.timedOut)
            return;
        const why = r.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s (acceptance-timeout)` : `failed with exit code ${r.exitCode}`;
        const tail = (0,support_exec/* lastLines */.w$)((r.stdout + r.stderr).trimEnd(), 15);
        if (h.input === 'post-deploy-command')
            throw new errors/* DeployError */.sH(`post-deploy-command ${why}${tail ? `:\n${tail}` : '.'}\nThe release stays: ${e.version} is live.`, `Fix the command and re-run it by hand, or roll back: ${e.rollbackCommand}`);
        log.warning(`${h.input} ${why}${tail ? `:\n${tail}` : '.'}`, `${h.input} failed`);
    };
    return {
        async emit(event, facts, opts = {}) {
            const e = releaseEvent(event, {
                app: cfg.app,
                environment: cfg.environment,
                runUrl,
                version: facts.version,
                previousVersion: facts.previousVersion,
                reason: facts.reason ?? '',
                detail: facts.detail,
            });
            if (opts.webhooks !== false) {
                sent.add(event);
                send(e);
            }
            if (opts.hook !== false)
                await hook(e);
        },
        emitted: (event) => sent.has(event),
        async flush() {
            while (pending.size)
                await Promise.all([...pending]);
        },
    };
}


/***/ }),

/***/ 4939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  abort: () => (/* reexport */ abort),
  deploy: () => (/* reexport */ deploy),
  maintenance: () => (/* reexport */ maintenance_maintenance),
  promote: () => (/* reexport */ promote),
  recycle: () => (/* reexport */ recycle),
  rollback: () => (/* reexport */ rollback),
  status: () => (/* reexport */ status_status)
});

// EXTERNAL MODULE: ./src/build/index.ts + 2 modules
var build = __webpack_require__(302);
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
/** `balancers`: the runtime APIs of the balancers the judged pool is behind, when there is one per host (waves); else router's socket. */
async function createSource(m, router, run, balancers) {
    switch (m.kind) {
        case 'balancer':
            // inputs.ts allows metrics: balancer only with router: haproxy.
            if (router.kind !== 'haproxy')
                throw new Error(`metrics: balancer needs router: haproxy (the router is ${router.kind}).`);
            return new (await __webpack_require__.e(/* import() */ 362).then(__webpack_require__.bind(__webpack_require__, 9124))).HaproxyStatSource(balancers?.length ? balancers : router.socket);
        case 'prometheus':
            return new (await __webpack_require__.e(/* import() */ 809).then(__webpack_require__.bind(__webpack_require__, 8809))).PrometheusSource(m.url, m.queries);
        case 'command':
            return new (await __webpack_require__.e(/* import() */ 891).then(__webpack_require__.bind(__webpack_require__, 3891))).CommandSource(m.command, run, Date.now, m.everyPoll);
    }
}

;// CONCATENATED MODULE: ./src/analysis/verdict.ts
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
    if (rate !== undefined && t.maxErrorRate !== undefined && rate > t.maxErrorRate)
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
    if (v.metric === 'error-rate-increase' || v.metric === 'response-increase')
        return `${v.metric === 'response-increase' ? 'response time' : 'error rate'} ${v.value} > ${v.threshold}`;
    return `${v.metric} ${v.value} > ${v.threshold}`;
}

;// CONCATENATED MODULE: ./src/analysis/compare.ts
/**
 * The canary against its baseline (a fresh pool of the stable version with the same share, over the same
 * window). Pure.
 *
 * Error rate: the canary fails when its rate is more than `max-error-rate-increase` percentage points above
 * the baseline's AND that is more than noise: a one-sided two-proportion test at `confidence` (default 0.95)
 * of H0 "canary rate - baseline rate <= increase". The statistic is the Wald z with the Agresti-Caffo
 * adjustment (one error and one success added to each pool), which behaves with few requests and with
 * rates of 0: z = (p1 - p0 - increase) / sqrt(p1(1-p1)/(n1+2) + p0(1-p0)/(n0+2)), p = (errors+1)/(n+2).
 * The canary fails when z is above the normal quantile of `confidence` (1.645 at 0.95).
 *
 * Response time: the canary fails when its mean is more than `max-response-increase` percent above the
 * baseline's (means only: no source gives the spread of the times).
 */

/**
 * The standard normal quantile (inverse CDF) of `p` in (0, 1): Acklam's rational approximation (relative
 * error below 1.2e-9), enough for a test threshold.
 */
function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`normalQuantile: ${p} is not in (0, 1)`);
    const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
    const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    const low = 0.02425;
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low)
        return -normalQuantile(1 - p);
    const q = p - 0.5;
    const r = q * q;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
/** The one-sided test of "the canary's error rate is more than `margin` points above the baseline's". */
function errorRateTest(canary, baseline, margin, confidence) {
    const rate = (x) => (x.requests > 0 ? x.errors / x.requests : 0);
    const adjusted = (x) => (x.errors + 1) / (x.requests + 2);
    const p1 = adjusted(canary);
    const p0 = adjusted(baseline);
    const se = Math.sqrt((p1 * (1 - p1)) / (canary.requests + 2) + (p0 * (1 - p0)) / (baseline.requests + 2));
    const z = (p1 - p0 - margin / 100) / se;
    const critical = normalQuantile(confidence);
    const increase = 100 * (rate(canary) - rate(baseline));
    return { increase, z, critical, significant: increase > margin && z > critical };
}
/** Errors and requests of a reading, when it has both (a rate alone cannot be tested: it has no count). */
function counts(n) {
    if (n.requests === undefined || n.requests <= 0)
        return undefined;
    if (n.errors !== undefined)
        return { errors: n.errors, requests: n.requests };
    const r = errorRate(n);
    return r === undefined ? undefined : { errors: Math.round((r * n.requests) / 100), requests: n.requests };
}
const points = (x) => `${Number(x.toFixed(2))} points`;
/**
 * The canary's verdict against the baseline's numbers of the same window: a failure, or undefined when it
 * holds (or there is nothing to compare: a pool without requests in the window). `canary` is the canary's
 * own verdict so far (its numbers); the baseline's numbers are kept on the verdict for the summary.
 */
function compareWithBaseline(canary, baseline, t) {
    const c = counts(canary);
    const b = counts(baseline);
    const fail = (metric, value, threshold) => ({ result: 'fail', numbers: canary, baseline, metric, value, threshold });
    if (c && b) {
        const test = errorRateTest(c, b, t.maxErrorRateIncrease, t.confidence);
        if (test.significant)
            return fail('error-rate-increase', `${formatPercent((100 * c.errors) / c.requests)} vs ${formatPercent((100 * b.errors) / b.requests)} on the baseline (+${points(test.increase)}, z ${test.z.toFixed(2)} > ${test.critical.toFixed(2)})`, `max-error-rate-increase ${points(t.maxErrorRateIncrease)} at confidence ${t.confidence}`);
    }
    else {
        // A source that gives rates without counts (a Prometheus rate query without a requests query): no test, the points alone.
        const rc = errorRate(canary);
        const rb = errorRate(baseline);
        if (rc !== undefined && rb !== undefined && rc - rb > t.maxErrorRateIncrease)
            return fail('error-rate-increase', `${formatPercent(rc)} vs ${formatPercent(rb)} on the baseline (+${points(rc - rb)}, no request counts to test against noise)`, `max-error-rate-increase ${points(t.maxErrorRateIncrease)}`);
    }
    const inc = t.maxResponseIncrease;
    if (inc !== undefined && canary.responseMs !== undefined && baseline.responseMs !== undefined && baseline.responseMs > 0) {
        const more = (100 * (canary.responseMs - baseline.responseMs)) / baseline.responseMs;
        if (more > inc)
            return fail('response-increase', `${Math.round(canary.responseMs)} ms vs ${Math.round(baseline.responseMs)} ms on the baseline (+${Math.round(more)}%)`, `max-response-increase ${inc}%`);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/analysis/window.ts
/**
 * Judging one window (a canary step or the bake): open the source, read it every POLL_MS while it runs and
 * judge each reading (a breach ends the window at once), judge at the end, and when there were too few
 * requests keep the window open longer, up to a limit, rather than pass on no evidence.
 */


/** A window without enough requests may grow to this many times its length before it fails. */
const EXTEND_FACTOR = 3;
/**
 * A quarter of a second: a breach is seen within 250 ms of the reading that shows it (HAProxy's stats and a
 * Prometheus instant query cost a few ms each; a command run every poll starts again when it returns).
 * A second before issue 22: the time from a bad canary's first bad answer to traffic back was 1.0 s
 * (balancer) and 2.2 s (Prometheus), see docs/benchmarks.md.
 */
const POLL_MS = 250;
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
/**
 * The verdict on a reading of the canary and (with a baseline) of the baseline over the same window: the
 * canary's own verdict first (absolute thresholds, min-requests); then, once both pools have min-requests,
 * the comparison. Pure.
 */
function judgeReading(canary, base, thresholds, baseline) {
    const own = verdictOf(canary, thresholds);
    if (!base || !baseline)
        return own;
    const b = verdictOf({ numbers: base.numbers }, { ...thresholds, maxErrorRate: undefined, maxResponseMs: undefined });
    if (own.result === 'fail')
        return { ...own, baseline: b.numbers };
    if (own.result === 'insufficient' || b.result === 'insufficient')
        return { result: 'insufficient', numbers: own.numbers, baseline: b.numbers };
    return compareWithBaseline(own.numbers, b.numbers, baseline) ?? { ...own, baseline: b.numbers };
}
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
    // With a baseline both windows open together and are read together: the same window for both pools.
    const base = o.baseline;
    const open = async () => {
        const [canary, baseline] = await Promise.all([source.open(subject), base ? source.open(base.subject) : undefined]);
        return { canary, baseline };
    };
    let w = await attempt(open);
    while (!w) {
        await clock.sleep(pollMs);
        w = await attempt(open);
    }
    const opened = w;
    const read = async () => {
        const [canary, baseline] = await Promise.all([opened.canary.read(), opened.baseline?.read()]);
        return { canary, baseline };
    };
    for (;;) {
        const now = clock.now();
        // After a failed read: ask again a poll later, whatever the source.
        const due = failures > 0 || now >= end ? now + pollMs : source.continuous ? Math.min(now + pollMs, end) : end;
        await clock.sleep(Math.max(0, due - now));
        const t = clock.now();
        const elapsed = (t - start) / 1000;
        const reading = await attempt(read);
        if (!reading)
            continue;
        const v = judgeReading(reading.canary, reading.baseline, o.thresholds, base?.thresholds);
        o.onReading?.(v, elapsed);
        if (v.result === 'fail')
            return { verdict: v, seconds: elapsed };
        if (t < end)
            continue;
        if (v.result === 'pass')
            return { verdict: v, seconds: elapsed };
        if (t >= limit)
            return { verdict: { ...noEvidence(v.numbers, o.thresholds, elapsed), baseline: v.baseline }, seconds: elapsed };
    }
}

// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
// EXTERNAL MODULE: ./src/support/exec.ts
var support_exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
// EXTERNAL MODULE: ./src/core/routing.ts
var core_routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
;// CONCATENATED MODULE: ./src/core/plan.ts



/** Up: running, or being restarted by its restart policy (it comes back at the same address). */
const up = (i) => i.running || i.restarting;
const newestFirst = (a, b) => (0,core_text/* compareText */.n6)(b.deployedAt, a.deployedAt);
const newest = (p) => p.instances.reduce((m, i) => (i.deployedAt > m ? i.deployedAt : m), '');
const newestPoolFirst = (a, b) => (0,core_text/* compareText */.n6)(newest(b), newest(a));
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
            if (p.instances.some((i) => (0,model/* sameAddress */.xU)(a, i.address)))
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
    const pending = verified.filter((p) => p.id !== live?.id && !beside.includes(p) && p.instances.some((i) => pendingAddresses.some((a) => (0,model/* sameAddress */.xU)(a, i.address))));
    const kept = new Set([live, ...pending, ...beside].flatMap((p) => p?.instances.map((i) => i.id) ?? []));
    const warm = usable.filter((p) => !kept.has(p.instances[0].id) && (!hasRouter || !servedBefore || servedBefore.has(p.id)));
    const warmIds = new Set(warm.flatMap((p) => p.instances.map((i) => i.id)));
    const debris = instances.filter((i) => !kept.has(i.id) && !warmIds.has(i.id));
    return { live, warm, pending, beside, debris };
}
/** Routed addresses that are no instance of the app (for a message). */
function strangers(instances, routing) {
    return (0,core_routing/* served */.EZ)(routing)
        .filter((a) => !instances.some((i) => (0,model/* sameAddress */.xU)(i.address, a)))
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
    const sorted = [...images].sort((a, b) => (0,core_text/* compareText */.n6)(b.created, a.created));
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
    const baseline = open.baseline ? pools(instances).find((p) => p.id === open.baseline.pool && p.id !== stable?.id) : undefined;
    if (stable)
        return { action: 'back', stable, other: next && next.id !== stable.id ? next : undefined, nextShare, ...(baseline ? { baseline } : {}) };
    return { action: 'leave', nextShare };
}

// EXTERNAL MODULE: ./src/core/split.ts
var split = __webpack_require__(8159);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var context = __webpack_require__(2309);
// EXTERNAL MODULE: ./src/support/ids.ts
var ids = __webpack_require__(9277);
// EXTERNAL MODULE: ./src/support/http.ts
var http = __webpack_require__(8059);
;// CONCATENATED MODULE: ./src/verify/checks.ts

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
            const a = await (0,http/* request */.E)(baseUrl + check.path, { method: check.method, timeoutMs: Math.max(10_000, (check.maxMs ?? 0) * 2) });
            const why = checkAnswer(check, a.status, a.body, a.ms);
            results.push({ check: check.source, ok: !why, detail: why ?? `${a.status} in ${a.ms} ms`, ms: a.ms });
        }
        catch (err) {
            results.push({ check: check.source, ok: false, detail: (0,http/* describeFetchError */.O)(err), ms: undefined });
        }
    }
    return results;
}

;// CONCATENATED MODULE: ./src/verify/command.ts
/**
 * The user's acceptance command. It is written by the workflow author (like a `run:` step), so it runs
 * in bash; the data it needs is passed in environment variables, never spliced into the text.
 */

async function runAcceptanceCommand(command, env, timeoutSec, exec = support_exec/* run */.eF, 
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
        output: (0,support_exec/* lastLines */.w$)((r.stdout + r.stderr).trimEnd(), 30),
    };
}

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
                const a = await (0,http/* request */.E)(url, { timeoutMs: Math.min(5000, Math.max(500, deadline - Date.now())) });
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
/**
 * GET `url` until it answers 2xx/3xx (a pool reached through one address: a Kubernetes preview Service,
 * whose proxy may answer 503 for a moment after its endpoints change). Fails at `timeoutSec`, saying the last answer.
 */
async function waitAnswers(url, timeoutSec) {
    const started = Date.now();
    const deadline = started + timeoutSec * 1000;
    let attempts = 0;
    let delay = 50;
    for (;;) {
        attempts++;
        let last;
        try {
            const a = await (0,http/* request */.E)(url, { timeoutMs: Math.min(5000, Math.max(500, deadline - Date.now())) });
            if (a.status >= 200 && a.status < 400)
                return { ms: Date.now() - started, attempts };
            last = `answered ${a.status}: ${a.body.slice(0, 200)}`;
        }
        catch (err) {
            last = (0,http/* describeFetchError */.O)(err);
        }
        if (Date.now() + delay > deadline)
            throw new errors/* DeployError */.sH(`GET ${url} did not answer 2xx/3xx within ${timeoutSec}s (last: ${last}).`, 'Check that "health-path" answers 2xx/3xx on the "port" input, or raise "health-timeout".');
        await (0,promises_.setTimeout)(delay);
        delay = Math.min(delay * 2, 500);
    }
}

// EXTERNAL MODULE: ./src/support/failpoint.ts
var failpoint = __webpack_require__(4845);
;// CONCATENATED MODULE: ./src/release/verify.ts
/**
 * Launch a fresh pool of an exact image and put it through health, the built-in checks and the acceptance
 * command, at the URLs the platform gives: on Docker every replica on every target, in parallel, each at its
 * own address; on a platform that launches pools as one unit (Kubernetes: one Deployment) the whole pool,
 * reached where the platform says (the preview Service). A pool with one failing instance never receives
 * traffic: all its instances are removed (a failed one stays with keep-failed; a pool launched as one unit
 * stays whole) and the error names the target, the reason and the instance's last log lines.
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
/** The labels every instance of a fresh pool of `v` carries (immutable for its life). */
function instanceLabels(cfg, v, runUrl, pool) {
    return {
        app: cfg.app,
        environment: cfg.environment,
        version: v.version,
        digest: v.digest,
        image: v.imageId,
        revision: v.revision,
        deployedAt: new Date().toISOString(),
        runUrl,
        pool,
    };
}
/** A fresh pool id for a version. */
function newPoolId(version) {
    return `${version}-${(0,ids/* randomHex */.n)(4)}`;
}
async function launchPool(v, c) {
    const { cfg, platform, log, report } = c;
    const started = Date.now();
    const pool = { id: c.poolId ?? newPoolId(v.version), version: v.version, instances: [] };
    if (platform.launchPool)
        return report.timed('launch and verify', () => launchWhole(v, c, pool, started));
    const slots = platform.targets.flatMap((t) => Array.from({ length: c.replicas }, () => t));
    const single = slots.length === 1;
    const launched = [];
    // Cancelled before it is verified: every candidate goes (none ever received traffic).
    const forget = (0,interrupt/* onInterrupt */.nA)(() => platform.remove(launched), 'instances');
    const title = single
        ? `Start a fresh instance of ${v.version}`
        : `Start ${slots.length} fresh instances of ${v.version} (${c.replicas} on each of ${platform.targets.map((t) => t.name).join(', ')})`;
    const failures = [];
    const results = [];
    try {
        await report.timed('launch', () => log.group(title, () => Promise.all(slots.map(async (target) => {
            try {
                const i = await platform.launch({
                    ...instanceLabels(cfg, v, c.runUrl, pool.id),
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
        }))));
        // Health and the built-in checks on every instance; then the preview route (testers first), then acceptance.
        const checked = [];
        const failure = (i, steps, err) => failures.push(new InstanceFailure(platform.targets.find((t) => t.name === i.target), i, steps, (0,errors/* errorMessage */.gJ)(err)));
        await report.timed('verify', async () => {
            if (failures.length === 0) {
                await Promise.all(launched.map(async (i) => {
                    const steps = [];
                    try {
                        checked.push({ instance: i, healthy: await checkInstance(i, v, c, steps, single), steps });
                    }
                    catch (err) {
                        failure(i, steps, err);
                    }
                }));
            }
            if (failures.length === 0 && c.preview?.fill)
                await fillPreview(c, c.preview.fill, checked.map((x) => x.healthy.instance), launched);
            if (failures.length === 0) {
                await Promise.all(checked.map(async ({ instance, healthy, steps }) => {
                    try {
                        results.push({ instance: await acceptInstance(instance, healthy, v, c, steps, single), steps });
                    }
                    catch (err) {
                        failure(instance, steps, err);
                    }
                }));
            }
        });
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
    // A fleet's every instance passed every step: one line says so, the per-instance rows are folded away.
    const body = single
        ? (0,summary/* table */.tp)(head, rows)
        : `${results.length} instances on ${new Set(results.map((r) => r.instance.target)).size} host(s), each passed: ${[...new Set(results.flatMap((r) => r.steps.map((x) => x[0])))].join(', ')}.\n\n` +
            (0,summary/* details */.zH)(`Every instance's steps (${rows.length} rows)`, (0,summary/* table */.tp)(head, rows));
    report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${body}`);
    return pool;
}
/** Health and the built-in checks against one instance. Records its steps in `steps`. */
async function checkInstance(instance, v, c, steps, single) {
    const { cfg, platform, log } = c;
    const at = where(platform, instance.target);
    // Log groups do not nest: a pool's instances log plain lines, prefixed with their host.
    const group = (name, fn) => (single ? log.group(name, fn) : fn());
    const health = await group(`Wait until ${instance.name} is healthy`, () => waitHealthy({ path: v.spec.healthPath, timeoutSec: cfg.verify.healthTimeoutSec, probe: () => platform.inspect(instance) }));
    const url = (0,model/* instanceUrl */.Xq)(health.instance);
    log.info(`${at}${single ? 'Healthy' : `${instance.name} healthy`} at ${url} after ${health.ms} ms (${health.attempts} probes)`);
    steps.push(['health', `GET ${v.spec.healthPath}`, 'pass', `${health.ms} ms`]);
    await checksAt(url, c, steps, at, single);
    return { instance: health.instance, url, at };
}
/** The acceptance command against one healthy, checked instance, then Docker's word on it. Records its steps in `steps`. */
async function acceptInstance(instance, healthy, v, c, steps, single) {
    const { platform } = c;
    const { url, at } = healthy;
    await acceptAt(url, v, c, steps, at, single, c.preview?.url);
    // Docker's word after the checks and the acceptance command: a HEALTHCHECK that turned unhealthy meanwhile (or a
    // process that stopped or restarted) fails the instance, whatever HTTP answered.
    const after = await platform.inspect(healthy.instance);
    if (!after.running || after.restarting || after.restartCount > healthy.instance.restartCount)
        throw new errors/* DeployError */.sH(`Instance ${instance.name} ${after.running && !after.restarting ? 'restarted' : 'stopped'} (exit code ${after.exitCode}) while it was verified.`);
    if (after.health !== undefined && after.health !== 'healthy')
        throw new errors/* DeployError */.sH(`Instance ${instance.name} answered ${url}, but Docker's HEALTHCHECK says ${after.health} after its checks: it is not released.`, 'The image\'s HEALTHCHECK failed while the instance was verified: see its log below, and what the HEALTHCHECK runs.');
    return healthy.instance;
}
/**
 * Testers first: the preview route to the healthy, checked pool, before the acceptance command runs through it.
 * When it cannot be filled, the pool goes (it never received traffic) and the run fails saying why.
 */
async function fillPreview(c, fill, instances, launched) {
    try {
        await c.log.group(`Preview: requests with ${c.preview.header} to the new pool`, () => fill(instances));
    }
    catch (err) {
        await c.platform.remove(launched);
        throw new errors/* DeployError */.sH(`The preview route (preview-header: ${c.preview.header}) could not be filled: ${(0,errors/* errorMessage */.gJ)(err)}\nThe live version was not touched. ` +
            `The new instance${launched.length > 1 ? 's were' : ' was'} removed.`, 'Set up the preview route in the balancer as docs/canary.md ("Testers first") shows, or leave preview-header empty.');
    }
}
/** The built-in checks and the acceptance command against `url`. Records its steps in `steps`. */
async function verifyAt(url, v, c, steps, at, single, previewUrl) {
    await checksAt(url, c, steps, at, single);
    await acceptAt(url, v, c, steps, at, single, previewUrl);
}
/** The built-in checks against `url`. */
async function checksAt(url, c, steps, at, single) {
    const { cfg, log } = c;
    const group = (name, fn) => (single ? log.group(name, fn) : fn());
    if (cfg.verify.checks.length > 0) {
        const results = await group('Built-in checks', () => runChecks(url, cfg.verify.checks));
        for (const r of results) {
            log.info(`${at}${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
            steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length > 0)
            throw checksFailed(failed, log, at);
    }
}
/** The acceptance command against `url` (TARGET_URL); with preview-header also PREVIEW_URL and PREVIEW_HEADER. */
async function acceptAt(url, v, c, steps, at, single, previewUrl) {
    const { cfg, log } = c;
    const group = (name, fn) => (single ? log.group(name, fn) : fn());
    if (cfg.verify.acceptanceCommand) {
        const preview = c.preview && previewUrl ? { PREVIEW_URL: previewUrl, PREVIEW_HEADER: c.preview.header } : {};
        const outcome = await group('Acceptance command', () => runAcceptanceCommand(cfg.verify.acceptanceCommand, { TARGET_URL: url, VERSION: v.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: v.digest, ...preview }, cfg.verify.acceptanceTimeoutSec, undefined, single));
        if (!single && outcome.output)
            log.info(`${at}acceptance command against ${url}:\n${outcome.output}`);
        const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
        steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
        if (!outcome.ok) {
            log.error(`${at}The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
            throw new errors/* DeployError */.sH(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
        }
    }
}
/**
 * A pool the platform launches as one unit (Kubernetes: one Deployment): started and up (or failed) as a
 * whole, then health, checks and acceptance at each URL the platform gives for it (the preview Service).
 * Any failure removes the whole pool (keep-failed keeps it, without traffic).
 */
async function launchWhole(v, c, pool, started) {
    const { cfg, platform, log, report } = c;
    const target = platform.targets[0];
    const steps = [];
    let launched = [];
    // Cancelled before it is verified: the pool goes (it never received traffic).
    const forget = (0,interrupt/* onInterrupt */.nA)(() => platform.remove(launched), 'instances');
    try {
        const up = await log.group(`Start a pool of ${c.replicas} instance${c.replicas > 1 ? 's' : ''} of ${v.version} on ${target.name}`, () => platform.launchPool({
            ...instanceLabels(cfg, v, c.runUrl, pool.id),
            spec: v.spec,
            secretEnv: cfg.run.secretEnv,
            replicas: c.replicas,
            startTimeoutSec: cfg.verify.healthTimeoutSec,
        }));
        launched = up.instances;
        if (up.failure)
            throw await failedWhole(v, c, launched, steps, up.failure, false);
        steps.push(['start', `${launched.length} of ${c.replicas} up`, 'pass', `${Date.now() - started} ms`]);
        let reaches = [];
        try {
            reaches = await platform.reach(launched);
            for (const r of reaches) {
                log.info(`Verifying ${v.version} through ${r.name} at ${r.url}`);
                const health = await log.group(`Wait until ${v.version} answers GET ${v.spec.healthPath}`, () => waitAnswers(r.url + v.spec.healthPath, cfg.verify.healthTimeoutSec));
                steps.push(['health', `GET ${v.spec.healthPath} through ${r.name}`, 'pass', `${health.ms} ms`]);
                await verifyAt(r.url, v, c, steps, '', true, c.preview?.url ?? r.url);
            }
        }
        catch (err) {
            throw await failedWhole(v, c, launched, steps, (0,errors/* errorMessage */.gJ)(err), true);
        }
        finally {
            await Promise.all(reaches.map((r) => r.close()));
        }
        pool.instances = await Promise.all(launched.map((i) => platform.markVerified(i, v.spec.restart)));
    }
    finally {
        forget();
    }
    (0,failpoint/* failpoint */.Z)('after-verify');
    report.output('url', (0,model/* instanceUrl */.Xq)(pool.instances[0]));
    report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${(0,summary/* table */.tp)(['step', 'what', 'result', 'detail'], steps)}`);
    return pool;
}
/** A pool launched as one unit failed: report it, remove it whole (keep-failed: keep it whole), build the error. */
async function failedWhole(v, c, launched, steps, reason, started) {
    const { cfg, platform, log, report } = c;
    const lines = cfg.verify.logLines;
    // A pool that came up and then failed its checks: the platform's account of it (events, last log lines).
    const logs = started && lines > 0 && launched[0]
        ? (await platform.logs(launched[0], lines).catch((e) => `(could not read the log: ${(0,errors/* errorMessage */.gJ)(e)})`)) || '(no output)'
        : '';
    const names = [...new Set(launched.map((i) => i.name))];
    report.section(`### ${v.version} failed verification\n\n${steps.length ? (0,summary/* table */.tp)(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}${(0,summary/* codeBlock */.DV)(reason)}` +
        (logs ? `\n\n${(0,summary/* codeBlock */.DV)(logs)}` : ''));
    let what;
    if (cfg.verify.keepFailed) {
        log.warning(`keep-failed: leaving ${names.join(', ')} in place for debugging; it receives no traffic.`);
        what = `${names.join(', ')} ${names.length > 1 ? 'were' : 'was'} kept (keep-failed), without traffic.`;
    }
    else {
        await platform.remove(launched);
        what = `The new pool (${names.join(', ')}) was removed.`;
    }
    return new errors/* DeployError */.sH(`${reason}${logs ? `\n${logs}` : ''}\nThe live version was not touched. ${what}`);
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

;// CONCATENATED MODULE: ./src/release/fence.ts
/** The Platform methods that change something (each checked first). */
const PLATFORM_CHANGES = ['launch', 'launchPool', 'runOnce', 'removeOneOffs', 'markVerified', 'retire', 'remove', 'writeRecord', 'writeRecords', 'removeRecords', 'removeVersions'];
/** The Router methods that change what the balancer serves or would serve. */
const ROUTER_CHANGES = ['shift', 'repair', 'preview', 'maintenance'];
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
/** `router`, each shift, repair and preview change checked against `held` first. */
function fenceRouter(router, held) {
    return fence(router, ROUTER_CHANGES, held);
}
/** Pure: true for a fenced object (tests). */
function isFenced(x) {
    return x[FENCED] === true;
}

// EXTERNAL MODULE: ./src/config/recorded.ts
var recorded = __webpack_require__(5856);
;// CONCATENATED MODULE: ./src/core/history.ts

/** How many flip records are kept per app and environment (older ones are pruned after a flip). */
const RECORDS_KEPT = 20;
const isFlip = (r) => r.kind === undefined || r.kind === 'flip';
const isServed = (r) => r.kind === 'served';
const isIntent = (r) => r.kind === 'intent';
const isResult = (r) => r.kind === 'result';
/** The newest maintenance record (records newest first): whether maintenance mode is on, and since when. */
function maintenanceState(records) {
    return records.find((r) => r.kind === 'maintenance');
}
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
 * Pure: every version the records name (made live, replaced, served, gone back to, shifted to or from):
 * what a status lists as restorable, looked up by name instead of listing every image of the engine.
 */
function recordedVersions(records) {
    const out = new Set();
    for (const r of records) {
        if (isFlip(r)) {
            out.add(r.live.version);
            if (r.replaced)
                out.add(r.replaced.version);
        }
        else if (r.kind === 'served') {
            out.add(r.version);
            if (r.back)
                out.add(r.back.version);
        }
        else if (r.kind === 'intent') {
            out.add(r.next.version);
            if (r.stable)
                out.add(r.stable.version);
            for (const w of r.routing)
                out.add(w.version);
        }
    }
    return [...out];
}
/**
 * The release a killed run left unfinished, from the newest intent: none when that intent was final (the
 * switch or a shift back) and has its result, when a later run converged it, or when its run recorded
 * the flip of its new pool. Otherwise the intent says what the dead run was doing: the stable pool gets
 * all traffic back, the never-judged pool goes.
 */
function openIntent(records) {
    const intents = records.filter(isIntent).sort((a, b) => (0,core_text/* compareText */.n6)(b.at, a.at));
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
/** The canary paused at a human gate, if the release left open is one (its intent says until when it waits). */
function pausedCanary(records) {
    const open = openIntent(records);
    return open?.step === 'pause' && open.pause ? open : undefined;
}
/** Milliseconds the pause has left at `now` (0 or less: it ran out). */
function pauseLeftMs(p, now) {
    return p.pause ? Date.parse(p.pause.until) - now.getTime() : 0;
}
/** For people: 23h 59m, 4m 10s, 3s. */
function formatLeft(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const d = Math.floor(s / 86_400);
    const h = Math.floor((s % 86_400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const parts = d ? [`${d}d`, `${h}h`] : h ? [`${h}h`, `${m}m`] : m ? [`${m}m`, `${s % 60}s`] : [`${s}s`];
    return parts.filter((x) => !/^0[dhm]$/.test(x)).join(' ');
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
        .sort((a, b) => (0,core_text/* compareText */.n6)(b.deployedAt, a.deployedAt))[0]?.spec;
    return own ?? records.filter((r) => versionOfRecord(r) === version).map(specOfRecord).find((s) => s);
}
/** The newest recorded spec of the app in the environment: the records first (flip, served, home), else the newest instance. */
function newestSpec(instances, records) {
    return (records.filter((r) => r.kind !== 'intent').map(specOfRecord).find((s) => s) ??
        [...instances].filter((i) => i.spec).sort((a, b) => (0,core_text/* compareText */.n6)(b.deployedAt, a.deployedAt))[0]?.spec);
}
/**
 * The records to remove after a release, under the lock: flip records beyond the newest `kept`; `served`
 * records of pools that have no instance any more (`pools`: every pool that has one); intents and results
 * of releases that finished (nothing open: a run that converged closed them). Never a `served` record of
 * a pool that exists: that a warm version served is kept however many runs pass.
 */
/**
 * How many flip records are kept: RECORDS_KEPT. Tests only (not an action input):
 * IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT=<n> keeps fewer, so a test outlives the window in a few runs.
 */
function flipRecordsKept(env) {
    const n = Number(env['IMMUTABLE_DEPLOY_TEST_FLIP_RECORDS_KEPT']);
    return Number.isInteger(n) && n > 0 ? n : RECORDS_KEPT;
}
function recordsToPrune(records, pools, kept = RECORDS_KEPT) {
    const out = flips(records).slice(kept).map((r) => r.key);
    // Release command records: the newest `kept`; an irreversible mark is kept for good (it guards every older version).
    out.push(...records.filter((r) => r.kind === 'migration' && !r.irreversible).slice(kept).map((r) => r.key));
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
        out.push(...records.filter((r) => r.kind === 'intent' || r.kind === 'result' || r.kind === 'wave').map((r) => r.key));
    const homes = records.filter((r) => r.kind === 'home');
    out.push(...homes.slice(1).map((r) => r.key));
    // Maintenance: the newest record says whether it is on; older ones are history nobody reads.
    out.push(...records.filter((r) => r.kind === 'maintenance').slice(1).map((r) => r.key));
    return out;
}
/**
 * The irreversible version a rollback to `target` would go back past: the newest version deployed with
 * irreversible: true (its mark written before it took traffic) after `target` first served or was deployed,
 * other than `target` itself. A target the records know nothing of counts as older. undefined: none.
 */
function irreversibleBlock(records, target) {
    const times = records.flatMap((r) => (r.kind === 'flip' || r.kind === undefined) && r.live.version === target
        ? [Date.parse(r.at)]
        : (r.kind === 'served' || r.kind === 'migration') && r.version === target
            ? [Date.parse(r.at)]
            : []);
    const since = times.length ? Math.min(...times) : -Infinity;
    return records
        .filter((r) => r.kind === 'migration' && r.irreversible && r.version !== target && Date.parse(r.at) > since)
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}
/**
 * Releases in waves: the hosts whose balancers run `run` may have flipped (the `released` of its newest wave
 * record), and that wave; undefined when the run released every host at once.
 */
function wavesOfRun(records, run) {
    return records
        .filter((r) => r.kind === 'wave' && r.run === run)
        .sort((a, b) => b.index - a.index || (0,core_text/* compareText */.n6)(b.at, a.at))[0];
}

;// CONCATENATED MODULE: ./src/release/steps.ts
/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/core/model.ts), never docker or a balancer protocol.
 */
















/** This run, in its intent records (random per process: one run per process). */
const RUN_ID = (0,ids/* randomHex */.n)(6);
/** A run URL as a short markdown link, or '' when there is none (a local run). */
function runLink(url) {
    const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
    return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The run specification of this run's config (the values of secret variables stay out of it). */
function runSpec(cfg) {
    return (0,recorded/* specFromConfig */.WQ)(cfg);
}
function withSpec(img, spec) {
    return { ...img, spec };
}
/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure
 * (or left in progress: a paused canary). The GitHub client is loaded only then; its errors are warnings,
 * never a failed deploy.
 */
async function steps_recorded(d, what, fn, o = {}) {
    if (!d.cfg.githubToken || !d.ctx.repository)
        return fn();
    const { createDeploymentRecorder } = await __webpack_require__.e(/* import() */ 887).then(__webpack_require__.bind(__webpack_require__, 6887));
    const rec = await createDeploymentRecorder({
        token: d.cfg.githubToken,
        repository: d.ctx.repository,
        apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        log: d.log,
    });
    if (o.adopt)
        await rec.adopt(o.adopt.id, d.cfg.environment, o.adopt.description, (0,context/* runUrl */.Vp)(d.ctx) || undefined);
    else
        await rec.start({ ...what, environment: d.cfg.environment, logUrl: (0,context/* runUrl */.Vp)(d.ctx) || undefined });
    d.deployment = rec.id();
    try {
        const result = await fn();
        if (o.open?.(result))
            return result;
        if (o.failure) {
            await rec.finish('failure', { description: o.failure });
            return result;
        }
        await rec.finish('success', {
            description: o.success ?? `${what.version} is live${what.rollback ? ' (rollback)' : ''}`,
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
 * platform, or one that reads the same: Platform.readsAs) stands in for the platform's half: under load each
 * engine round trip is tens of milliseconds.
 * Never pass it under the lock, where everything is read again.
 */
async function observe(d, quiet = false, seen) {
    const { router } = d;
    const same = seen && (seen.platform === d.platform || (seen.platform.readsAs !== undefined && seen.platform.readsAs === d.platform.readsAs));
    const reuse = same ? seen : undefined;
    const [instances, records, routing, divergence] = await Promise.all([
        reuse?.instances ?? d.platform.list(d.cfg.app, d.cfg.environment),
        reuse?.records ?? d.platform.listRecords(d.cfg.app, d.cfg.environment),
        router ? router.current() : Promise.resolve([]),
        router?.divergence ? router.divergence() : Promise.resolve([]),
    ]);
    const observed = classify(instances, routing, !!router, servedPools(records), divergence.flatMap((x) => x.addresses), preferred(records));
    const unknown = strangers(instances, routing);
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
    const open = openIntent(records);
    return [open?.stable?.pool, flips(records)[0]?.live.pool].filter((x) => !!x);
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
    const spec = newestSpec(instances, records);
    if (!spec)
        return { d: given, seen };
    // Paths, addresses and commands on the runner come from a record only on the runner's own engine.
    const { router, give } = (0,recorded/* recordedRouter */.Ce)(given.cfg, spec, given.platform.recordsFrom);
    if (give.length > 0)
        throw mustGive(given.cfg, router.kind, give);
    const cfg = { ...(0,recorded/* applySpec */.wn)(given.cfg, spec), router };
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
        : g.why === 'remote'
            ? `${g.input}: it names a path or address on this runner, and the record was read off a remote engine or cluster, whose records are never trusted for those`
            : `${g.input}: it carried a credential, which is never recorded`);
    return new errors/* DeployError */.sH(`command: ${cfg.command} takes the router of ${cfg.app} in ${cfg.environment} from its newest record (router "${kind}"), ` +
        `which needs ${list} from this workflow: ${why.join('; ')}. Nothing was changed.`, `Give ${list} in this step, the same as in your deploy step (or give "router" and all its inputs). ` +
        `What runs on the runner and every credential (and, with an engine reached over ssh:// or tcp://, every path and address on the runner) ` +
        `come from the workflow, never from what is recorded on the engine.`);
}
async function withLock(d, fn) {
    const { cfg } = d;
    return holding(() => d.platform.lock({ runUrl: (0,context/* runUrl */.Vp)(d.ctx), timeoutSec: cfg.release.lockTimeoutSec }), fn, d);
}
/**
 * Run `fn` holding the lock `acquire` takes (a HeldLock, or the function that releases it): released
 * when `fn` ends, and when the run is interrupted. While it is held, `d.held` lets a shift check it, and
 * `d.platform` and `d.router` are fenced (src/release/fence.ts): each change they make checks the lock first.
 */
async function holding(acquire, fn, d) {
    const got = await acquire();
    const held = typeof got === 'function' ? { check: () => undefined, release: got } : got;
    const forget = (0,interrupt/* onInterrupt */.nA)(() => held.release(), 'lock');
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
    const servedBefore = servedPools(o.records);
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
            router.realShares((0,split/* stepGroups */.DG)({ stable: stableSize, baseline: cfg.delivery.baseline ? nextSize : undefined, next: nextSize }, share));
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
    // Its result is written with the flip and served records, in one call (a run killed before that leaves the
    // intent open: the next run finds the switch took effect and records the flip, src/release/converge.ts).
    const result = await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => shiftRecorded(d, { step: 'switch', name: 'switch', stable: previous, next, to, final: true }, async () => {
        const started = performance.now();
        await router.shift(to);
        ms = Math.round(performance.now() - started);
    }, { deferResult: true }));
    d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${(0,core_routing/* formatRouting */.YN)(to)} (flip took ${ms} ms)`);
    (0,failpoint/* failpoint */.Z)('after-flip');
    await recordFlip(d, next, previous, result ? [result] : []);
    return ms;
}
/** What every record of this run starts with: app, environment, its time (now unless given) and the run's link. */
function recordHead(d, at = new Date()) {
    return { app: d.cfg.app, environment: d.cfg.environment, at: at.toISOString(), runUrl: (0,context/* runUrl */.Vp)(d.ctx) };
}
/** A pool as an intent names it, with its share of `to` (one decimal). */
const routedRef = (p, to) => ({ ...(0,model/* poolRef */.W_)(p), weight: Math.round(poolShare(p, to) * 10) / 10 });
/**
 * Before a shift, its intent; after it, its result (where the lock lives): a run killed in between leaves
 * the intent open, and the next run converges from it (src/release/converge.ts). `apply` moves the traffic.
 * A record that cannot be written fails the shift before anything moves (the intent) or is a warning (the result).
 */
async function shiftRecorded(d, what, apply, options = {}) {
    const intent = {
        kind: 'intent',
        ...recordHead(d),
        id: (0,ids/* randomHex */.n)(6),
        run: RUN_ID,
        step: what.step,
        name: what.name,
        stable: what.stable ? (0,model/* poolRef */.W_)(what.stable) : undefined,
        next: (0,model/* poolRef */.W_)(what.next),
        ...(what.baseline ? { baseline: (0,model/* poolRef */.W_)(what.baseline) } : {}),
        routing: [what.stable, what.baseline, what.next].flatMap((p) => (p ? [routedRef(p, what.to)] : [])),
        // A wave before the last is never the end of the release (waves.ts): the next run converges from it. A shift
        // back ends it (the waves released before go back in one more recorded shift).
        final: what.final && (!d.wave || d.wave.last || what.step === 'back'),
        spec: what.next.instances[0]?.spec,
    };
    remember(d, await d.platform.writeRecords([intent]));
    const resultOf = (outcome, detail) => ({
        kind: 'result',
        app: d.cfg.app,
        environment: d.cfg.environment,
        at: new Date().toISOString(),
        runUrl: intent.runUrl,
        intent: intent.id,
        outcome,
        detail,
    });
    const write = (r) => d.platform
        .writeRecords([r])
        .then((stored) => remember(d, stored))
        .catch((e) => d.log.warning(`Could not record the result of ${what.name} (${(0,errors/* errorMessage */.gJ)(e)}); the next run reads the balancer back.`));
    try {
        await apply();
    }
    catch (err) {
        await write(resultOf('failed', (0,errors/* errorMessage */.gJ)(err)));
        throw err;
    }
    const applied = resultOf('applied', (0,core_routing/* formatRouting */.YN)(what.to));
    // The caller writes it with the records that follow (one call).
    if (options.deferResult)
        return applied;
    await write(applied);
    return undefined;
}
/**
 * Records this run wrote join those read under the lock (newest first, as listRecords gives them), so what
 * follows (the flip's rollback target, pruning at settle) needs no second read of the records.
 */
function remember(d, stored) {
    if (!d.records)
        return;
    d.records = [...stored, ...d.records].sort((a, b) => (0,core_text/* compareText */.n6)(b.at, a.at) || (0,core_text/* compareText */.n6)(b.key, a.key));
}
/**
 * Record that `live` replaced `replaced` (where the lock lives): a flip record (history: what a rollback
 * without a version undoes) and the `served` record of `live` (kept for the pool's life: that it served,
 * what a rollback from it goes back to, where it runs). With pools elsewhere than the runner's engine, the
 * `home` record there says where.
 */
async function recordFlip(d, live, replaced, withRecords = []) {
    // A wave before the last: the pool serves only some hosts; the last wave records the flip (waves.ts).
    if (d.wave && !d.wave.last) {
        // Its shift's result (switchTo defers it to here) is written all the same.
        if (withRecords.length)
            remember(d, await d.platform.writeRecords(withRecords));
        return;
    }
    const first = live.instances[0];
    const { app, environment } = d.cfg;
    const at = new Date().toISOString();
    const url = (0,context/* runUrl */.Vp)(d.ctx);
    const before = replaced && replaced.id !== live.id ? (0,model/* poolRef */.W_)(replaced) : undefined;
    // The records read under the lock (converge), with those this run wrote since: every served record there is.
    const records = d.records ?? (await d.platform.listRecords(app, environment));
    const flip = {
        kind: 'flip',
        app,
        environment,
        at,
        live: { pool: live.id, version: live.version, digest: first.digest },
        replaced: before,
        spec: first.spec,
        runUrl: url,
        run: RUN_ID,
    };
    const served = {
        kind: 'served',
        app,
        environment,
        at,
        runUrl: url,
        pool: live.id,
        version: live.version,
        digest: first.digest,
        back: rollbackTarget(records, (0,model/* poolRef */.W_)(live), before),
        spec: first.spec,
    };
    // One unit (one call): the switch's result when given, the flip, the served record.
    remember(d, await d.platform.writeRecords([...withRecords, flip, served]));
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
/** The names of a pool's instances, for messages. */
const poolNames = (p) => p.instances.map((i) => i.name).join(', ');
/**
 * After a failed shift: what the balancer serves now, read back before anything is removed; or, when it cannot
 * be read, the error that says so (`head` first, then that both pools were kept, then `hint`).
 */
async function readBack(d, head, next, other, hint) {
    const router = d.router;
    try {
        return await router.current();
    }
    catch (readErr) {
        return new errors/* DeployError */.sH(`${head}\nReading ${router.describe()} back failed too (${(0,errors/* errorMessage */.gJ)(readErr)}), so what it serves is unknown: ` +
            `${next.version} (${poolNames(next)})${other ? ` and ${other.version} (${poolNames(other)})` : ''} were kept.`, hint);
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
    const names = poolNames;
    const now = await readBack(d, what, next, previous, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.');
    if (now instanceof errors/* DeployError */.sH)
        return now;
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
    const plan = planRetention(instances, live, previous, cfg.release.keep);
    // Records are written only under the lock: what is listed now is all there is. A pool's `served` record
    // goes with its last instance, never before.
    const gone = new Set([...plan.remove, ...plan.drain]);
    const staying = new Set(instances.filter((i) => !gone.has(i)).map((i) => i.pool));
    // Those read under the lock and those this run wrote since (remember): no second read.
    const records = d.records ?? (await platform.listRecords(cfg.app, cfg.environment));
    const prunable = recordsToPrune(records, staying, flipRecordsKept(process.env));
    await Promise.all([platform.remove(plan.remove), prunable.length > 0 ? platform.removeRecords(prunable) : undefined]);
    if (plan.drain.length > 0)
        await report.timed('drain', () => drainAndRetire(d, plan.drain));
    const retired = [...plan.remove, ...plan.drain];
    if (retired.length)
        log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);
    const images = pruneImages ? await platform.listVersions() : [];
    // Every environment's instances (another environment on the same engine included) keep their versions' tags.
    const everywhere = images.length > cfg.release.keepImages ? await platform.listAll() : [];
    const protect = protectedVersions(cfg.app, [live, ...plan.warm], everywhere);
    const prune = planImagePrune(images, protect, cfg.release.keepImages);
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
    // One row per state, version and host with its instance count (a 50-replica fleet is not 100 rows); the
    // per-instance detail is folded away below it.
    const fleet = platform.targets.length > 1 || live.instances.length > 1;
    const byState = [
        ['live', live.instances],
        ...plan.warm.map((p) => ['warm', p.instances]),
        ['retired', retired],
    ];
    const groups = new Map();
    for (const [state, list] of byState)
        for (const i of list) {
            const key = `${state}\0${i.version}\0${i.target}`;
            const g = groups.get(key);
            if (g)
                g.count++;
            else
                groups.set(key, { state, first: i, count: 1 });
        }
    const rows = [...groups.values()].map(({ state, first: i, count }) => [
        state,
        i.version,
        (0,summary/* commitLink */.wn)(d.ctx, i.revision),
        ...(fleet ? [i.target, String(count)] : [state === 'retired' ? '' : (0,model/* instanceUrl */.Xq)(i)]),
        i.deployedAt,
        runLink(i.runUrl),
    ]);
    const perInstance = byState.flatMap(([state, list]) => list.map((i) => [state, i.version, i.target, i.name, state === 'retired' ? '' : (0,model/* instanceUrl */.Xq)(i)]));
    // The default target of the next rollback: the version this flip replaced.
    const back = previous && previous.version !== live.version ? previous.version : undefined;
    const warmBack = !!back && plan.warm.some((p) => p.version === back);
    report.section(`### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', ...(fleet ? ['host', 'instances'] : ['instance']), 'started', 'started by'], rows) +
        (fleet ? `\n\n${(0,summary/* details */.zH)(`Every instance (${perInstance.length})`, (0,summary/* table */.tp)(['state', 'version', 'host', 'instance', 'address'], perInstance))}` : '') +
        (back
            ? `\n\nRoll back to ${back} (${warmBack ? 'warm: one flip' : 'not warm: a fresh instance, verified first'}): run your rollback ` +
                `workflow without a version (the default is the version the last flip replaced), or with \`version: ${back}\`` +
                ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
                ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
            : ''));
}
/**
 * One GET of `path` on every instance of the pool: ok when each answers 2xx/3xx, else what the first failing one did.
 * A platform that says where its pools are reached (Kubernetes: the preview Service) is asked there instead.
 */
async function probe(p, path, platform) {
    if (platform?.reach) {
        let reaches = [];
        try {
            reaches = await platform.reach(p.instances);
            for (const r of reaches) {
                const a = await (0,http/* request */.E)(r.url + path, { timeoutMs: 5000 });
                if (a.status < 200 || a.status >= 400)
                    return { ok: false, detail: `${r.name} answered ${a.status}` };
            }
            return { ok: true, detail: 'answered' };
        }
        catch (e) {
            return { ok: false, detail: (0,errors/* errorMessage */.gJ)(e) };
        }
        finally {
            await Promise.all(reaches.map((r) => r.close()));
        }
    }
    const each = await Promise.all(p.instances.map(async (i) => {
        if (!i.address)
            return `${i.name} has no published port`;
        try {
            const a = await (0,http/* request */.E)((0,model/* instanceUrl */.Xq)(i) + path, { timeoutMs: 2000 });
            return a.status >= 200 && a.status < 400 ? undefined : `${i.name} answered ${a.status}`;
        }
        catch (e) {
            return `${i.name}: ${(0,errors/* errorMessage */.gJ)(e)}`;
        }
    }));
    const bad = each.find((x) => x !== undefined);
    return { ok: bad === undefined, detail: bad ?? 'answered' };
}

;// CONCATENATED MODULE: ./src/release/baseline.ts
/**
 * baseline: true. A fresh pool of the stable version, the size of the canary pool, started and verified with
 * the canary (same checks, same acceptance command), given the canary's share in every step
 * (src/core/split.ts) so that each step compares the canary with a pool as new as itself over the same
 * window (src/analysis/compare.ts). It never becomes live: it goes when the run ends (success, abort,
 * failure, cancel), once the balancer gives it nothing. A run that does not get that far leaves it named in
 * its intent records; the next run's converge shifts everything back to the stable pool and removes it
 * (a verified pool that never served).
 */





/** The stable pool's version as it runs (its image, digest and run spec), for a fresh pool of it. */
function stableVersion(stable, image) {
    const first = stable.instances.find((i) => i.spec) ?? stable.instances[0];
    if (!first?.spec)
        return undefined;
    return {
        image: first.spec.image ?? image,
        version: stable.version,
        digest: first.digest,
        imageId: first.image,
        revision: first.revision,
        created: '',
        spec: first.spec,
    };
}
/** Whether this release gets a baseline: baseline: true, canary steps, a stable pool to copy. */
function wantsBaseline(d, stable) {
    const { delivery } = d.cfg;
    return !!delivery.baseline && !!stable && delivery.strategy === 'canary' && delivery.steps.some((s) => s < 100);
}
/**
 * Launch the canary pool and (baseline: true, with a stable pool) its baseline at once, both verified. When
 * either fails, the other goes too and the error is the first failure's.
 */
async function launchWithBaseline(d, version, stable, replicas, 
/** Testers first (preview-header): the new pool's preview route; never the baseline's. */
preview) {
    const ctx = { cfg: d.cfg, platform: d.platform, log: d.log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas };
    const nextCtx = { ...ctx, preview };
    if (!wantsBaseline(d, stable))
        return { next: await launchPool(version, nextCtx), baseline: undefined };
    const copy = stableVersion(stable, d.cfg.image);
    if (!copy) {
        d.log.warning(`${stable.version} has no recorded run specification (an instance from an older release), so no baseline can be started from it: the canary is judged on its own numbers.`);
        return { next: await launchPool(version, nextCtx), baseline: undefined };
    }
    d.log.info(`baseline: starting a fresh pool of ${stable.version} (${replicas} per target, as the canary) beside ${version.version}`);
    const [next, baseline] = await Promise.allSettled([launchPool(version, nextCtx), launchPool(copy, ctx)]);
    if (next.status === 'fulfilled' && baseline.status === 'fulfilled')
        return { next: next.value, baseline: baseline.value };
    // The pool that did come up goes (it never served).
    const up = [next, baseline].flatMap((r) => (r.status === 'fulfilled' ? r.value.instances : []));
    if (up.length)
        await d.platform.remove(up);
    const failed = next.status === 'rejected' ? next.reason : baseline.reason;
    if (next.status === 'fulfilled')
        d.log.error(`The baseline pool of ${stable.version} failed its verification; ${version.version} was removed with it.`);
    throw failed;
}
/**
 * The end of a delivery's baseline: `end()` removes it (drained, then stopped) once the balancer gives it
 * nothing; when the balancer cannot be read or still gives it traffic (a shift back that failed), it stays and
 * the log says so: the next run converges (its intent names the baseline). Never throws.
 */
function baselineEnd(d, baseline) {
    return {
        pool: baseline,
        end: async () => {
            if (!baseline)
                return;
            try {
                const share = d.router ? poolShare(baseline, await d.router.current()) : 0;
                if (share > 0) {
                    d.log.warning(`The baseline pool of ${baseline.version} (${baseline.instances.map((i) => i.name).join(', ')}) still gets ${Math.round(share * 10) / 10}% of the traffic, so it stays: ` +
                        'the next deploy, rollback or recycle shifts everything back to the stable pool and removes it.');
                    return;
                }
                await drainAndRetire(d, baseline.instances);
                d.log.info(`The baseline pool of ${baseline.version} was removed.`);
            }
            catch (err) {
                d.log.warning(`The baseline pool of ${baseline.version} could not be removed (${(0,errors/* errorMessage */.gJ)(err)}): the next deploy removes it (it never served).`);
            }
        },
    };
}

// EXTERNAL MODULE: ./src/notify/index.ts + 2 modules
var notify = __webpack_require__(7377);
;// CONCATENATED MODULE: ./src/release/events.ts
/**
 * The release's events (src/notify/) as the use cases raise them: `withEvents` around a command sends
 * `failed` (or `aborted`, when an abort was announced) once the command failed, after traffic is back on the
 * stable pool, and runs on-failure-command; success events are the caller's (after the work, outside it:
 * a failing post-deploy-command fails the job, never turns a release into a failed one).
 */


/** The deps' notifier, or one that does nothing. */
const events = (d) => d.notify ?? notify.silent;
/** The first line of an error, for a notification's reason. */
const firstLine = (err) => (0,errors/* errorMessage */.gJ)(err).split('\n')[0].trim();
/** Run `fn`; when it throws, the failure event (failed, or aborted when the abort was announced) and its hook, then the error. */
async function withEvents(d, state, fn, hook = true) {
    try {
        return await fn();
    }
    catch (err) {
        const n = events(d);
        const aborted = n.emitted('aborted');
        const event = aborted ? 'aborted' : 'failed';
        await n.emit(event, { ...state, reason: firstLine(err) }, { webhooks: !aborted, hook });
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/release/chart.ts
const q = (s) => `"${s.replace(/"/g, "'")}"`;
const num = (n) => String(Number(n.toFixed(2)));
/** Mermaid needs a number for every x: an unknown value is drawn as 0 (the table says "–"). */
const series = (rows, pick) => `[${rows.map((r) => num(pick(r) ?? 0)).join(', ')}]`;
function xLabel(r) {
    const short = r.name.replace(/^step /, '');
    if (r.verdict.result !== 'fail')
        return `${short} (${r.share}%)`;
    return `${short} (${r.share}%) ✗ ${r.verdict.metric ?? 'breach'}${r.dryRun ? ' (dry-run)' : ''}`;
}
function chart(title, rows, yTitle, max, lines) {
    return [
        '```mermaid',
        'xychart-beta',
        `  title ${q(title)}`,
        `  x-axis [${rows.map((r) => q(xLabel(r))).join(', ')}]`,
        `  y-axis ${q(yTitle)} 0 --> ${num(max)}`,
        ...lines,
        '```',
    ].join('\n');
}
const rate = (n) => n?.errorRate;
const ms = (n) => n?.responseMs;
/**
 * The charts of one delivery and the legend under them; '' when there is nothing to draw. `next` and `stable`
 * name the versions in the legend.
 */
function deliveryChart(rows, next, stable) {
    if (rows.length === 0)
        return '';
    const hasStable = rows.some((r) => r.stable !== undefined);
    const hasBaseline = rows.some((r) => r.baseline !== undefined);
    const peak = (pick) => Math.max(...rows.flatMap((r) => [pick(r.verdict.numbers), pick(r.stable), pick(r.baseline)]).filter((x) => x !== undefined), 0);
    const others = (pick) => [
        ...(hasStable ? [`  line ${series(rows, (r) => pick(r.stable))}`] : []),
        ...(hasBaseline ? [`  line ${series(rows, (r) => pick(r.baseline))}`] : []),
    ];
    const rateMax = Math.max(1, Math.ceil(peak(rate) * 1.2));
    const out = [
        chart(`Error rate (%) of ${next} at each step's share`, rows, 'error rate %', rateMax, [
            `  bar ${series(rows, (r) => rate(r.verdict.numbers))}`,
            ...others(rate),
        ]),
    ];
    const hasMs = rows.some((r) => ms(r.verdict.numbers) !== undefined);
    if (hasMs)
        out.push(chart(`Mean response time (ms) of ${next}`, rows, 'ms', Math.max(1, Math.ceil(peak(ms) * 1.2)), [
            `  bar ${series(rows, (r) => ms(r.verdict.numbers))}`,
            ...others(ms),
        ]));
    out.push(chart(`Share of traffic (%) given to ${next}`, rows, 'share %', 100, [`  line ${series(rows, (r) => r.share)}`]));
    const legend = `Bars: ${next}${hasStable ? `; the first line: ${stable ?? 'the stable version'} over the same window` : ''}` +
        `${hasBaseline ? `; the ${hasStable ? 'second' : 'first'} line: the baseline` : ''}. ` +
        `A window marked ✗ breached (its metric is named)${rows.some((r) => r.dryRun) ? '; in analysis-mode dry-run nothing was aborted' : ''}.`;
    return `${out.join('\n\n')}\n\n${legend}`;
}

;// CONCATENATED MODULE: ./src/release/pause.ts
/**
 * Human gates (`pause` in canary-steps): a pause is release state written down. After the step it follows
 * was judged, the run records an intent of step `pause` (the stable and the canary pool, the weights they
 * have, the canary's plan, where it stopped, until when it waits, the GitHub Deployment left in progress)
 * and ends with a success. That intent stays open: command: promote goes on from it, command: abort goes
 * back from it, command: status shows it, and past its `until` the next run aborts it first
 * (src/release/converge.ts). Nobody guesses: everything comes from this record.
 */





/** The example workflow the summary names (examples/workflows/canary-gate.yml). */
const GATE_WORKFLOW = 'canary-gate.yml';
/** Records that the canary `next` waits at step `after` of `plan`, with `to` applied. Returns the intent. */
async function recordPause(d, next, stable, to, plan, after) {
    const now = new Date();
    const intent = {
        kind: 'intent',
        ...recordHead(d, now),
        id: (0,ids/* randomHex */.n)(6),
        run: RUN_ID,
        step: 'pause',
        name: `pause after step ${after + 1}/${plan.steps.length}`,
        stable: (0,model/* poolRef */.W_)(stable),
        next: (0,model/* poolRef */.W_)(next),
        routing: [stable, next].map((p) => routedRef(p, to)),
        final: false,
        spec: next.instances[0]?.spec,
        pause: {
            until: new Date(now.getTime() + d.cfg.delivery.pauseTimeoutSec * 1000).toISOString(),
            steps: plan.steps,
            pauses: plan.pauses,
            after,
            ...(d.deployment !== undefined ? { deployment: d.deployment } : {}),
        },
    };
    await d.platform.writeRecord(intent);
    return intent;
}
/**
 * The GitHub Deployment a paused run left in progress, finished as a failure once its canary was aborted by
 * a later run (its pause-timeout ran out).
 */
async function closePausedDeployment(d, p, description) {
    if (p.pause.deployment === undefined)
        return;
    await steps_recorded(d, { sha: d.ctx.sha, version: p.next.version, digest: '', previousVersion: p.stable?.version, rollback: false }, () => Promise.resolve(), { adopt: { id: p.pause.deployment, description: `Aborting ${p.next.version}` }, failure: description });
}
/** The `paused` event (notify-webhook, src/notify/): where the canary waits, until when, and how to go on. */
async function emitPaused(d, state, p) {
    await events(d).emit('paused', {
        ...state,
        version: p.next.version,
        previousVersion: p.stable?.version,
        detail: `step ${p.pause.after + 1}/${p.pause.steps.length}: ${pausedShare(p.pause)}% to ${p.next.version}, waiting until ${p.pause.until}. ` +
            `Go on: ${gateCommand(d, 'promote')}  Go back: ${gateCommand(d, 'abort')}`,
    });
}
/** The share the paused canary was given (as its plan says). */
const pausedShare = (p) => p.steps[p.after];
/** The `gh workflow run` line that goes on (promote) or back (abort). Pure. */
function gateCommand(d, command) {
    const repo = d.ctx.repository ? ` --repo ${d.ctx.repository}` : '';
    return `gh workflow run ${GATE_WORKFLOW}${repo} -f app=${d.cfg.app} -f environment=${d.cfg.environment} -f command=${command}`;
}
/**
 * Outputs (paused, paused-step, paused-share, paused-until) and the summary of a paused canary: its share,
 * the time left, and the exact commands that go on or back.
 */
function reportPause(d, p, now = new Date()) {
    const { pause } = p;
    const share = pausedShare(pause);
    const left = pauseLeftMs(p, now);
    const rest = pause.steps.slice(pause.after + 1);
    const stable = p.stable?.version ?? 'the stable version';
    d.report.output('paused', 'true');
    d.report.output('paused-step', `${pause.after + 1}/${pause.steps.length}`);
    d.report.output('paused-share', String(share));
    d.report.output('paused-until', pause.until);
    const head = left > 0
        ? `### Paused: ${p.next.version} has ${share}% of the traffic (step ${pause.after + 1}/${pause.steps.length}), ${formatLeft(left)} left (until ${pause.until})`
        : `### Paused canary ran out: ${p.next.version} has ${share}% of the traffic (step ${pause.after + 1}/${pause.steps.length}); its pause-timeout ended ${formatLeft(-left)} ago (${pause.until})`;
    d.report.section(`${head}\n\n` +
        `The canary of ${d.cfg.app} in ${d.cfg.environment} waits for a person (paused by ${p.runUrl ? `[this run](${p.runUrl})` : 'a run'}). ` +
        `To go on with the remaining steps (${rest.map((s) => `${s}%`).join(', ')}), each judged as usual:\n\n` +
        '```\n' + gateCommand(d, 'promote') + '\n```\n\n' +
        `To go back (all traffic to ${stable}, ${p.next.version} removed):\n\n` +
        '```\n' + gateCommand(d, 'abort') + '\n```\n\n' +
        `(With the example examples/workflows/${GATE_WORKFLOW}; with a workflow of your own, its file name, or \`command: promote\` / \`command: abort\` ` +
        `with the inputs of your deploy step.) ` +
        `Past ${pause.until} (pause-timeout), the next deploy, promote, rollback or recycle of ${d.cfg.app} in ${d.cfg.environment} aborts the canary first; ` +
        `\`command: status\` shows it. A deploy of another version fails until then.`);
}

;// CONCATENATED MODULE: ./src/release/progressive.ts
/**
 * Progressive delivery (issue 11): move traffic to a verified pool in steps (canary-steps), each judged
 * by the metrics over step-seconds; after the pool has 100% (both strategies), bake: keep judging for
 * bake-seconds. Any breach: one shift back to 100% on the stable pool, the new pool removed (or kept
 * with keep-failed), and the run fails naming the metric, its value and the threshold.
 * Blue-green without a bake is the plain one-step switch (steps.ts switchOrUndo).
 */


















/** The routing of a step (src/core/split.ts): `share` percent to `next`, as much to a baseline, the rest to `stable`. */

function cell(n, unit = '') {
    return n === undefined ? '–' : `${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit}`;
}
function verdictCell(v, dryRun = false) {
    if (v.result === 'pass')
        return 'pass';
    if (v.result === 'insufficient')
        return 'too few requests';
    return `**fail**${dryRun ? ' (dry-run: not aborted)' : ''}: ${v.metric === 'analysis-command' ? 'analysis command failed' : describeFailure(v)}`;
}
/** The share of `next` the balancer's weights really give at a step (undefined: as configured). */
function realShare(d, p, share) {
    const { stable, next, baseline } = p;
    if (!stable || share >= 100 || !d.router?.realShares)
        return undefined;
    try {
        const shares = d.router.realShares((0,split/* stepGroups */.DG)({ stable: stable.instances.length, baseline: baseline?.instances.length, next: next.instances.length }, share));
        return shares[shares.length - 1];
    }
    catch {
        return undefined;
    }
}
/** The summary table: one row per judged window. Pure. */
function stepsTable(rows) {
    const rate = (n) => (n?.errorRate === undefined ? '–' : formatPercent(n.errorRate));
    const time = (n) => (n?.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`);
    // With a baseline: its requests, error rate and response time over the same window, beside the canary's.
    const withBaseline = rows.some((r) => r.verdict.baseline);
    const baseline = (r) => (withBaseline ? [cell(r.verdict.baseline?.requests), rate(r.verdict.baseline), time(r.verdict.baseline)] : []);
    return (0,summary/* table */.tp)([
        'step',
        'share',
        'seconds',
        'requests',
        '5xx',
        'error rate',
        'response time',
        ...(withBaseline ? ['baseline requests', 'baseline error rate', 'baseline response time'] : []),
        'verdict',
    ], rows.map((r) => {
        const n = r.verdict.numbers;
        return [
            r.name,
            r.realShare !== undefined && Math.abs(r.realShare - r.share) >= 0.005 ? `${r.share}% (${r.sharesBy ?? 'weights'} give ${Math.round(r.realShare * 100) / 100}%)` : `${r.share}%`,
            String(Math.round(r.seconds)),
            cell(n.requests),
            cell(n.errors),
            rate(n),
            time(n),
            ...baseline(r),
            verdictCell(r.verdict, r.dryRun),
        ];
    }));
}
/**
 * Release `next` (verified) in place of `stable`: the steps of `plan` from its `from` (a deploy: the
 * configured canary-steps from the first; a promote: what is left of a paused canary), each judged, then the
 * bake. Returns the duration of the shift to 100% (ms), as switchOrUndo does (the flip is recorded once the
 * new pool has all the traffic), or the pause it stopped at (`pause` in canary-steps: recorded, see pause.ts).
 */
async function deliver(d, next, stable, baseline, plan) {
    const { cfg, log, router } = d;
    const { delivery } = cfg;
    const canary = (delivery.strategy === 'canary' || !!plan) && !!stable;
    const steps = plan?.steps ?? (canary ? delivery.steps : [100]);
    const whole = { steps, pauses: plan?.pauses ?? (canary ? delivery.pauses : []), from: plan?.from ?? 0 };
    if (delivery.strategy === 'canary' && !stable)
        log.info(`Nothing of ${cfg.app} is live yet: no canary steps, ${next.version} gets all traffic at once.`);
    // The baseline goes when the run ends, whichever way (./baseline.ts): once the balancer gives it nothing.
    const base = baselineEnd(d, baseline);
    try {
        if (!router || (steps.length === 1 && delivery.bakeSeconds === 0) || !delivery.metrics)
            return { flipMs: await switchOrUndo(d, next, stable, true) };
        return await steps_(d, next, stable, base.pool, whole, canary);
    }
    finally {
        await base.end();
    }
}
/** The steps and the bake of a delivery (deliver), from `plan.from`; stops at a pause. */
async function steps_(d, next, stable, baseline, plan, canary) {
    const { cfg, log } = d;
    const router = d.router;
    const { delivery } = cfg;
    const { steps, pauses } = plan;
    const pools = { stable, next, baseline: stable ? baseline : undefined };
    const source = await createSource(delivery.metrics, cfg.router, support_exec/* run */.eF, router.counters);
    const records = [];
    let reported = false;
    const report = () => {
        if (reported || !records.length)
            return;
        reported = true;
        const mode = delivery.mode === 'dry-run' ? ', analysis-mode dry-run: judged and reported, never aborted' : '';
        const evidence = delivery.thresholds.minRequests > 0
            ? `A window passes only on evidence: at least min-requests ${delivery.thresholds.minRequests} requests to ${next.version} ` +
                '(it waits up to 3 times its length for them, then fails).'
            : 'min-requests 0: a window without requests passes on the other thresholds alone.';
        d.report.section(`### ${canary ? 'Canary steps' : 'Bake'} of ${next.version} (metrics: ${source.describe()}${mode})\n\n${stepsTable(records)}\n\n${evidence}\n\n` +
            deliveryChart(records, next.version, stable?.version));
    };
    // Cancelled mid-way: traffic goes back to the stable pool and the new one goes, before the lock is released.
    const shifts = cancellableShifts(router);
    const back = async (to) => {
        if (stable)
            await shiftRecorded(d, { step: 'back', name: 'back (cancelled)', stable, next, to, final: true }, () => router.shift(to));
        else
            await router.shift(to);
    };
    // The shift back is a route task; the new pool goes in an instances task, after every route (the preview
    // route too) stopped sending to it. A failed shift back removes nothing (the pool still serves part of the traffic).
    let shiftedBack = false;
    const forgetRoute = (0,interrupt/* onInterrupt */.nA)(async () => {
        await shifts.cancel();
        shiftedBack = await shiftBackCancelled({ shift: back }, stable);
    }, 'route');
    const forgetPool = (0,interrupt/* onInterrupt */.nA)(async () => {
        if (shiftedBack)
            await retireCancelled(d.platform, next, cfg.release, pools.baseline);
    }, 'instances');
    const forget = () => {
        forgetRoute();
        forgetPool();
    };
    let flipMs;
    try {
        for (let n = plan.from; n < steps.length; n++) {
            const share = steps[n];
            const name = steps.length > 1 ? `step ${n + 1}/${steps.length}` : 'switch';
            // A run whose lock was taken over moves no more traffic: the next holder converges from its intent.
            lockHeld(d, next);
            const to = (0,split/* stepRouting */.LO)(stable, next, share, pools.baseline);
            const started = performance.now();
            const last = share >= 100;
            const step = {
                step: last ? (delivery.bakeSeconds > 0 ? 'bake' : 'switch') : 'step',
                name,
                stable,
                next,
                to,
                final: last && delivery.bakeSeconds === 0,
                baseline: pools.baseline,
            };
            const title = `${name}: ${share}% of traffic to ${next.version}${pools.baseline && !last ? ` and ${poolShare(pools.baseline, to)}% to its baseline (${pools.baseline.version})` : ''}`;
            try {
                await d.log.group(title, () => shiftRecorded(d, step, () => shifts.shift(to)));
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
            log.info(`${name}: ${router.describe()} now routes ${(0,core_routing/* formatRouting */.YN)(to)} (shift took ${ms} ms)`);
            if (!last)
                void events(d).emit('step', { version: next.version, previousVersion: stable?.version, detail: `${name}: ${share}% of traffic to ${next.version}` });
            if (!last)
                await judged(d, source, pools, share, name, delivery.stepSeconds, records, () => shifts.isCancelled());
            if (!last && stable && pauses.includes(n) && !shifts.isCancelled()) {
                const paused = await pauseAt(d, pools, stable, share, name, plan, n, (x) => shifts.shift(x));
                report();
                reportPause(d, paused);
                return { flipMs: undefined, paused };
            }
        }
        if (delivery.bakeSeconds > 0)
            await judged(d, source, { ...pools, baseline: undefined }, 100, 'bake', delivery.bakeSeconds, records, () => shifts.isCancelled());
        // A run cancelled during the bake goes back to the stable pool: no record may say the new one is live.
        if (shifts.isCancelled())
            throw new errors/* DeployError */.sH(`The run was cancelled: ${stable?.version ?? 'the previous version'} serves again.`);
        await recordFlip(d, next, stable);
    }
    finally {
        forget();
        report();
    }
    return { flipMs };
}
/**
 * A human gate after step `n` passed: the canary keeps its share and the pause is recorded (pause.ts). A
 * baseline does not wait with it: its share goes back to the stable pool first (a recorded shift), and it
 * goes when the run ends; the steps a promote judges are judged against the absolute thresholds.
 */
async function pauseAt(d, pools, stable, share, name, plan, n, shift) {
    const { next, baseline } = pools;
    lockHeld(d, next);
    const to = (0,split/* stepRouting */.LO)(stable, next, share);
    if (baseline) {
        try {
            await shiftRecorded(d, { step: 'step', name: `${name} (the baseline's share back to ${stable.version} for the pause)`, stable, next, to, final: false, baseline }, () => shift(to));
        }
        catch (err) {
            throw await failedStep(d, next, stable, `${name}: the baseline's share back to ${stable.version} before the pause`, err);
        }
    }
    const paused = await recordPause(d, next, stable, to, plan, n);
    d.log.info(`${name} passed: the canary pauses here, ${next.version} keeps ${share}% until command: promote or abort (until ${paused.pause.until}).`);
    return paused;
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
    const names = poolNames;
    const now = await readBack(d, head, next, stable, 'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds (the intent of this shift is recorded).');
    if (now instanceof errors/* DeployError */.sH)
        return now;
    const nextShare = poolShare(next, now);
    if (nextShare > 0 && stable) {
        const back = await undo(d, next, stable, false);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} gave ${next.version} ${Math.round(nextShare * 10) / 10}% (${(0,core_routing/* formatRouting */.YN)(now)}). ${back}`);
    }
    if (nextShare > 0) {
        await recordFlip(d, next, undefined);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} sends all traffic to ${next.version} (${(0,core_routing/* formatRouting */.YN)(now)}), the only version there is: it was kept and serves.`);
    }
    const stableShare = stable ? poolShare(stable, now) : 0;
    if (stable ? stableShare > 0 : now.every((g) => g.weight <= 0)) {
        await d.platform.remove(next.instances);
        return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} still serves ${stable ? `${stable.version} (${(0,core_routing/* formatRouting */.YN)(now)})` : 'nothing'}; ` +
            `the new instance${next.instances.length > 1 ? 's' : ''} ${names(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed.`);
    }
    return new errors/* DeployError */.sH(`${head}\nRead back, ${router.describe()} serves ${(0,core_routing/* formatRouting */.YN)(now)}, which is neither ${next.version} nor ${stable?.version ?? 'the version that was live'}: ` +
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
 * A run cancelled during the steps or the bake: one shift back to 100% on the stable pool (this, an interrupt's
 * route task), then the new pool goes (retireCancelled, its instances task, after every route task): it never
 * became live (no flip record names it) and goes as a replaced pool does, drained and stopped gracefully, for
 * at most CANCEL_DRAIN_MAX_SEC and CANCEL_STOP_MAX_SEC: requests it still answers finish (a removal at once cut
 * them into 502s). Nothing to go back to (a first deploy's bake): the new pool serves all traffic and stays
 * (resolves to false). A failed shift back throws, and then nothing is removed: the instances still serve part
 * of the traffic.
 */
async function shiftBackCancelled(router, stable) {
    if (!stable)
        return false;
    await router.shift((0,core_routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version));
    return true;
}
/** After a cancelled run's shift back (shiftBackCancelled), every route task done: drain, then stop the new pool. */
async function retireCancelled(platform, next, release, baseline) {
    await (0,promises_.setTimeout)(Math.min(release.drainSeconds, CANCEL_DRAIN_MAX_SEC) * 1000);
    await platform.retire([...next.instances, ...(baseline?.instances ?? [])], Math.min(release.stopTimeoutSec, CANCEL_STOP_MAX_SEC));
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
async function judged(d, source, pools, share, name, seconds, records, isCancelled) {
    const { log } = d;
    const { next, stable, baseline } = pools;
    let window;
    let stableNumbers;
    const load = startLoad(d, next, stable, share, name);
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
        // The baseline over the same window: the stable version, in its own fresh pool, at the canary's share.
        const compared = baseline && d.cfg.delivery.baseline
            ? {
                subject: { ...subject, role: 'baseline', version: baseline.version, targets: (0,model/* poolAddresses */.LR)(baseline), ...(await balancerNames(d, baseline)) },
                thresholds: d.cfg.delivery.baseline,
            }
            : undefined;
        log.info(`${name}: judging ${next.version} at ${share}%${compared ? ' against its baseline' : ''} for ${seconds}s by ${source.describe()}`);
        // The stable pool over the same window, for the picture only (never judged): sources that read cheaply.
        const beside = stable && share < 100 && source.continuous ? await openStable(d, source, subject, stable, share) : undefined;
        window = await judgeWindow(source, subject, {
            seconds,
            baseline: compared,
            thresholds: d.cfg.delivery.thresholds,
            onSourceError: (e, n) => log.warning(`${name}: ${source.describe()} failed (${(0,errors/* errorMessage */.gJ)(e)}); asking again (${n}/${SOURCE_RETRIES})`),
        });
        stableNumbers = await beside?.read().then((r) => ({ ...r.numbers, ...(errorRate(r.numbers) !== undefined ? { errorRate: errorRate(r.numbers) } : {}) }), () => undefined);
        await load?.stop();
    }
    catch (err) {
        await load?.stop();
        // No verdict (the metrics source failed, or anything else): the pool was not judged, so it gets no traffic.
        if (isCancelled())
            throw err;
        lockHeld(d, next);
        log.error(`${name}: ${(0,errors/* errorMessage */.gJ)(err)}`, `${next.version} could not be judged`);
        const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
        throw new errors/* DeployError */.sH(`${next.version} could not be judged in its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}%: ${(0,errors/* errorMessage */.gJ)(err)}\nNo verdict is no pass. ${back}`, `Make the metrics source (${source.describe()}) answer, then deploy again.`);
    }
    const { verdict, seconds: took } = window;
    const dryRun = d.cfg.delivery.mode === 'dry-run';
    records.push({ name, share, realShare: realShare(d, pools, share), sharesBy: d.router?.sharesBy, seconds: took, verdict, stable: stableNumbers, dryRun: dryRun || undefined });
    const said = (n) => `${cell(n.requests)} requests, ${cell(n.errors)} 5xx, error rate ${n.errorRate === undefined ? '–' : formatPercent(n.errorRate)}, response ${n.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`}`;
    const numbers = `${said(verdict.numbers)}${verdict.baseline ? `; baseline: ${said(verdict.baseline)}` : ''}`;
    if (verdict.result !== 'fail') {
        log.info(`${name}: pass after ${Math.round(took)}s (${numbers})`);
        return;
    }
    const why = describeFailure(verdict);
    if (dryRun) {
        log.warning(`${name}: ${why} (${numbers}); analysis-mode dry-run: reported, not aborted`, `${next.version} would have failed its ${name === 'bake' ? 'bake' : 'canary step'}`);
        return;
    }
    log.error(`${name}: ${why} (${numbers})`, `${next.version} failed its ${name === 'bake' ? 'bake' : 'canary step'}`);
    // The abort goes out at the decision (webhooks only; on-failure-command once traffic is back on the stable pool).
    void events(d).emit('aborted', { version: next.version, previousVersion: stable?.version, reason: `${name}: ${why}` }, { hook: false });
    const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
    throw new errors/* DeployError */.sH(`${next.version} failed its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}% after ${Math.round(took)}s: ${why}.\n${back}`, `Look at ${next.version}'s logs and numbers (job summary), fix it and deploy again; thresholds: max-error-rate, max-response-ms, min-requests` +
        `${baseline ? ', max-error-rate-increase, max-response-increase, confidence' : ''}.`);
}
/** A window on the stable pool beside the judged one (for the chart): undefined when the source cannot open it. */
async function openStable(d, source, subject, stable, share) {
    try {
        const names = await balancerNames(d, stable);
        return await source.open({ ...subject, version: stable.version, stableVersion: stable.version, targets: (0,model/* poolAddresses */.LR)(stable), share: 100 - share, ...names });
    }
    catch {
        return undefined;
    }
}
/**
 * load-command: started for one judged window (in bash, like a `run:` step) and stopped after it. It gets
 * the window's subject in its environment; what it printed last is logged when it is stopped.
 */
function startLoad(d, next, stable, share, step) {
    const command = d.cfg.delivery.loadCommand;
    if (!command)
        return undefined;
    const env = {
        APP: d.cfg.app,
        ENVIRONMENT: d.cfg.environment,
        VERSION: next.version,
        STABLE_VERSION: stable?.version ?? '',
        SHARE: String(share),
        STEP: step,
        TARGET_URLS: next.instances.map(model/* instanceUrl */.Xq).join(' '),
        ENVIRONMENT_URL: d.cfg.environmentUrl ?? '',
    };
    d.log.info(`${step}: load-command started`);
    const bg = (0,support_exec/* start */.ni)(['bash', '-c', command], { env });
    let stopped = false;
    return {
        async stop() {
            if (stopped)
                return;
            stopped = true;
            const r = await bg.stop();
            const out = (0,support_exec/* lastLines */.w$)(r.stdout.trim(), 5);
            d.log.info(`${step}: load-command stopped${r.exitCode !== 0 && r.exitCode !== 128 && r.exitCode !== 143 ? ` (it had ended with exit code ${r.exitCode})` : ''}${out ? `:\n${out}` : ''}`);
        },
    };
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
            const to = (0,core_routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version);
            await shiftRecorded(d, { step: 'back', name: 'back', stable, next, to, final: true }, () => router.shift(to));
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
    await drainAndRetire(d, next.instances);
    return `${back} The new instance${next.instances.length > 1 ? 's were' : ' was'} removed.`;
}

// EXTERNAL MODULE: ./src/core/waves.ts
var waves = __webpack_require__(1133);
;// CONCATENATED MODULE: ./src/release/migrate.ts
/**
 * The release command (issue 21: migrations): once per deploy, under the lock, after the new pool passed
 * verification and before it gets any traffic, in a one-off container of the new image on the first target
 * (the app's env, secret env, network and limits). Its output goes in a log group; a failure or a timeout
 * (release-timeout) moves no traffic: the new pool goes and the run fails with the command's last lines.
 * The release state records that it ran for the version (a `migration` record), and whether the version is
 * irreversible; a rollback never runs it, and refuses to go back past an irreversible version unless forced
 * with a reason.
 */





/** A release command needs a platform that runs one-off containers: refused before anything is built or started. */
function checkReleaseCommand(d) {
    if (!d.cfg.ops.releaseCommand || d.platform.runOnce)
        return;
    throw new errors/* DeployError */.sH(`release-command is given, and the ${d.platform.kind} platform cannot run a one-off container of the new version. Nothing was started.`, 'Run the migration as a step of its own before this one (expand/contract: see the README), or deploy with runtime: docker.');
}
/**
 * Before any traffic moves to `next`: the release command (when given) and the record of it. A failure removes
 * `next` and throws; `previous` keeps serving.
 */
async function releaseCommand(d, version, next, previous) {
    const { cfg, log, platform } = d;
    const { releaseCommand: command, releaseTimeoutSec, irreversible } = cfg.ops;
    if (!command && !irreversible)
        return;
    if (command) {
        const target = platform.targets[0];
        const shown = (0,support_exec/* formatArgv */.gL)(command);
        const started = Date.now();
        let failure;
        await log.group(`Release command on ${target.name}: ${shown}`, async () => {
            let shown = 0;
            try {
                const r = await platform.runOnce({
                    app: cfg.app,
                    environment: cfg.environment,
                    version: version.version,
                    runUrl: (0,context/* runUrl */.Vp)(d.ctx),
                    target,
                    image: version.imageId,
                    spec: version.spec,
                    secretEnv: cfg.run.secretEnv,
                    command,
                    timeoutSec: releaseTimeoutSec,
                    onLine: (line) => {
                        shown++;
                        log.info(line);
                    },
                });
                // Output that could not be followed as it came: all of it now.
                if (!shown && r.output)
                    log.info(r.output);
                const s = Math.round((Date.now() - started) / 1000);
                if (r.timedOut)
                    failure = `timed out after ${releaseTimeoutSec}s (release-timeout) and was killed`;
                else if (r.exitCode !== 0)
                    failure = `failed with exit code ${r.exitCode} after ${s}s`;
                else
                    log.info(`The release command passed in ${s}s.`);
                if (failure && r.output)
                    failure += `:\n${(0,support_exec/* lastLines */.w$)(r.output, 20)}`;
            }
            catch (err) {
                failure = `could not run: ${(0,errors/* errorMessage */.gJ)(err)}`;
            }
        });
        if (failure) {
            await platform.remove(next.instances);
            throw new errors/* DeployError */.sH(`The release command (${shown}) of ${version.version} ${failure}\nNo traffic moved: ${previous ? `${previous.version} stays live` : 'nothing was live'}; ` +
                `the new instance${next.instances.length > 1 ? 's' : ''} ${poolNames(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed.`, 'Fix the command (or what it needs: env, secret-env, network) and deploy again. A migration that ran part-way is yours to check: ' +
                'write them so that they can run again (expand/contract, see the README).');
        }
    }
    await platform.writeRecord({
        kind: 'migration',
        ...recordHead(d),
        version: version.version,
        pool: next.id,
        command,
        irreversible,
    });
    if (irreversible)
        log.info(`${version.version} is marked irreversible: a rollback to an older version needs force: true and a reason.`);
}
/**
 * Before a rollback to `target` changes anything: refuses to go back past an irreversible version unless
 * force: true and reason are given. Returns the reason it was forced with (for the summary, the Deployment and
 * the notifications), else undefined.
 */
function checkIrreversible(d, records, target) {
    const block = irreversibleBlock(records, target);
    if (!block)
        return undefined;
    const { cfg } = d;
    const what = `${block.version} (deployed ${block.at}) is marked irreversible${block.command ? ` (its release command: ${(0,support_exec/* formatArgv */.gL)(block.command)})` : ''}`;
    if (!cfg.ops.force || !cfg.ops.reason)
        throw new errors/* DeployError */.sH(`Rolling ${cfg.app} in ${cfg.environment} back to ${target} goes back past ${what}: ${target} may not work with what it changed. Nothing was changed.`, `If ${target} is known to work (the change was expand-only, or it was undone by hand), give force: true and reason: <why> (both are needed; ` +
            'the reason goes into the job summary, the GitHub Deployment and the notifications). Otherwise deploy a fix forward.');
    d.log.warning(`Rolling back past ${what}: forced. reason: ${cfg.ops.reason}`, 'Irreversible version rolled back');
    d.report.section(`### Rollback past an irreversible version (forced)\n\n${what}; rolled back to ${target} with force.\n\nReason: ${cfg.ops.reason}`);
    return `forced past irreversible ${block.version}: ${cfg.ops.reason}`;
}

;// CONCATENATED MODULE: ./src/release/waves.ts
/**
 * Hosts with their own balancer, released in waves (issue 21 §6). `waves: 1, 50%, 100%` splits the fleet's
 * hosts into groups (src/core/waves.ts); the release walks them in order, and each wave is the one release
 * every platform uses, on its hosts only: launch and verify the pool's part on those hosts (verify.ts), flip
 * their balancers and bake for wave-bake-seconds judged by the configured metrics (progressive.ts deliver,
 * through the router of those hosts: Router.forHosts). The next wave starts only after the previous passed.
 * Before each wave a `wave` record names the hosts the run may flip (converge.ts flips back only those).
 * A failure: the failing wave goes back as any failed delivery does (its own undo), then the hosts of the
 * waves released before it are flipped back in one recorded shift (one flip per host), their new instances
 * go, and the hosts of later waves are never touched. The flip record is written once, by the last wave.
 */













/** The router of some hosts of a router with one balancer per host (fenced by the held lock, as the whole one is). */
function hostsRouter(d, hosts) {
    const router = d.router;
    if (!router?.forHosts)
        throw new errors/* DeployError */.sH(`${router ? router.describe() : 'router "none"'} has no balancer per host.`);
    const scoped = router.forHosts(hosts);
    return d.held ? fenceRouter(scoped, d.held) : scoped;
}
/** The platform as one wave sees it: only its hosts are its targets (a pool launched there runs on them only). */
function onTargets(platform, targets) {
    return new Proxy(platform, { get: (t, key, receiver) => (key === 'targets' ? targets : Reflect.get(t, key, receiver)) });
}
/** The instances of `pool` on `hosts` (target names), or undefined when it has none there. */
function onHosts(pool, hosts) {
    if (!pool)
        return undefined;
    const instances = pool.instances.filter((i) => hosts.includes(i.target));
    return instances.length ? { ...pool, instances } : undefined;
}
/** A wave is blue-green on its hosts, judged for wave-bake-seconds (canary steps with waves are refused before anything starts). */
function waveConfig(cfg) {
    return { ...cfg, delivery: { ...cfg.delivery, strategy: 'blue-green', steps: [100], pauses: [], bakeSeconds: cfg.delivery.waveBakeSeconds } };
}
/**
 * Release `version` in place of `previous` wave by wave. Returns the whole new pool (every wave's instances, one
 * pool id) and the last wave's flip time. Throws after a failure, once the released waves are back on `previous`.
 */
async function deliverInWaves(d, version, previous, replicas) {
    const { cfg, log, report, platform } = d;
    const groups = (0,waves/* planWaves */.Kc)(cfg.delivery.waves, platform.targets);
    const next = { id: newPoolId(version.version), version: version.version, instances: [] };
    const rows = [];
    let flipMs;
    const hostsUpTo = (k) => groups.slice(0, k + 1).flatMap((g) => g.map((t) => t.name));
    log.info(`Releasing ${version.version} in ${groups.length} waves: ${groups.map((g, n) => (0,waves/* describeWave */.Tf)(n, groups.length, g.map((t) => t.name))).join(', ')}`);
    for (const [index, targets] of groups.entries()) {
        const hosts = targets.map((t) => t.name);
        const label = (0,waves/* describeWave */.Tf)(index, groups.length, hosts);
        const last = index === groups.length - 1;
        const stable = onHosts(previous, hosts);
        // Written before the wave changes anything: a run killed during it tells the next run which hosts it may have flipped.
        const record = {
            kind: 'wave',
            ...recordHead(d),
            run: RUN_ID,
            next: (0,model/* poolRef */.W_)(next),
            stable: previous ? (0,model/* poolRef */.W_)(previous) : undefined,
            index,
            count: groups.length,
            hosts,
            released: hostsUpTo(index),
        };
        remember(d, await platform.writeRecords([record]));
        const view = onTargets(platform, targets);
        const wave = { ...d, cfg: waveConfig(cfg), platform: view, router: hostsRouter(d, hosts), wave: { index, count: groups.length, last } };
        let part;
        try {
            log.info(`${label}: launching and verifying ${version.version}`);
            await platform.provide(version, targets);
            part = await launchPool(version, { cfg, platform: view, log, report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas, poolId: next.id });
            // Migrations: once, in the first wave, after verification, before any traffic.
            if (index === 0)
                await releaseCommand(wave, version, part, stable);
            const delivery = await deliver(wave, part, stable);
            next.instances.push(...part.instances);
            flipMs = delivery.flipMs;
            // The records this wave wrote (intents, results, the last wave's flip) join the run's.
            d.records = wave.records;
            rows.push([String(index + 1), hosts.join(', '), cfg.delivery.waveBakeSeconds > 0 ? `released, baked ${cfg.delivery.waveBakeSeconds}s` : 'released']);
            log.info(`${label}: ${version.version} serves on ${hosts.join(', ')}${last ? '' : '; the next wave starts'}`);
            if (!last)
                void events(d).emit('step', { version: version.version, previousVersion: previous?.version, detail: `${label}: released` });
        }
        catch (err) {
            d.records = wave.records;
            rows.push([String(index + 1), hosts.join(', '), `**failed**: ${(0,errors/* errorMessage */.gJ)(err).split('\n')[0]}`]);
            for (const later of groups.slice(index + 1))
                rows.push([String(groups.indexOf(later) + 1), later.map((t) => t.name).join(', '), 'not started']);
            report.section(`### Waves\n\n${(0,summary/* table */.tp)(['wave', 'hosts', 'result'], rows)}`);
            if (err instanceof lock/* LockLostError */.yx)
                throw err;
            const earlier = hostsUpTo(index - 1);
            const back = await flipBack(d, next, previous, earlier);
            const untouched = groups.slice(index + 1).flatMap((g) => g.map((t) => t.name));
            throw new errors/* DeployError */.sH(`${label} failed: ${(0,errors/* errorMessage */.gJ)(err)}${back ? `\n${back}` : ''}${untouched.length ? `\nThe hosts of the later waves (${untouched.join(', ')}) were never touched.` : ''}`, undefined, { cause: err });
        }
    }
    report.section(`### Waves\n\n${(0,summary/* table */.tp)(['wave', 'hosts', 'result'], rows)}`);
    return { next, delivery: { flipMs } };
}
/**
 * After a failed wave: the hosts of the waves released before it back to `previous` (one recorded shift; each of
 * their balancers flipped once), then the new instances there go (or stay, with keep-failed). Returns what
 * happened, for the error. Never throws: a failed shift back keeps the instances and says so.
 */
async function flipBack(d, next, previous, hosts) {
    if (hosts.length === 0)
        return '';
    if (!previous)
        return `Nothing was live before ${next.version}: the hosts of the earlier waves (${hosts.join(', ')}) keep serving it.`;
    const stable = onHosts(previous, hosts);
    const parts = next.instances.filter((i) => hosts.includes(i.target));
    if (!stable)
        return `${previous.version} has no instance on ${hosts.join(', ')}, so they keep serving ${next.version}.`;
    const router = hostsRouter(d, hosts);
    const to = (0,core_routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version);
    try {
        await shiftRecorded(d, { step: 'back', name: 'waves back', stable: previous, next, to, final: true }, () => router.shift(to));
    }
    catch (err) {
        return `Flipping the earlier waves' hosts (${hosts.join(', ')}) back to ${previous.version} failed too: ${(0,errors/* errorMessage */.gJ)(err)}. Their ${next.version} instances were kept; fix the balancers and roll back (command: rollback).`;
    }
    d.log.info(`The earlier waves' hosts (${hosts.join(', ')}) serve ${previous.version} again.`);
    const said = `The hosts of the earlier waves (${hosts.join(', ')}) were flipped back to ${previous.version}`;
    if (d.cfg.verify.keepFailed)
        return `${said}. ${keptMessage(parts, d.platform.targets)}`;
    await drainAndRetire(d, parts);
    return `${said}; their ${next.version} instances were removed.`;
}

;// CONCATENATED MODULE: ./src/release/converge.ts
/**
 * Converge, under the lock, before a release: the balancer's saved state back in line with what it serves
 * (router.repair); a release a killed run left unfinished (an open intent: src/core/history.ts openIntent)
 * put right first: the stable pool gets all traffic back (with drain), the never-judged pool goes (or
 * stays, with keep-failed); pools the balancer serves beside the live one brought back the same way; the
 * flip record a killed run did not write; the leftovers of killed or failed runs (candidates, stopped
 * instances, verified pools that never served) removed. First of all, what a killed run left that no record
 * names: a preview route still filled (emptied before any instance goes) and a release command's one-off container.
 * The log and the summary say what happened.
 */










/** Returns the observation after converging, and the instances that remain (live and warm). */
async function converge(d) {
    const { router } = d;
    // A release command's one-off container is no instance (its own role label): removing it beside the first read
    // changes nothing that read sees, and saves the run a round trip to each engine.
    let [o] = await Promise.all([observe(d), removeLeftOneOffs(d)]);
    if (router?.repair && o.divergence.length > 0) {
        await router.repair();
        o = await observe(d, true);
    }
    await emptyLeftPreview(d);
    const open = openIntent(o.records);
    let paused;
    let expired;
    if (open?.step === 'pause' && open.pause && pauseLeftMs(open, new Date()) > 0)
        paused = open;
    else if (open) {
        const said = await resume(d, o, open);
        if (open.step === 'pause' && open.pause) {
            expired = { pause: open, said };
            await closePausedDeployment(d, expired.pause, `Aborted: its pause-timeout ran out (${open.pause.until})`);
        }
        o = await observe(d, true);
    }
    const { live } = o.observed;
    // The paused canary's pool gets its share beside the live one by design, until promote or abort.
    const beside = o.observed.beside.filter((p) => p.id !== paused?.next.pool);
    if (router && live && beside.length > 0) {
        const said = await backTo(d, o, live, beside, `${router.describe()} gives traffic to ${beside.map((p) => p.version).join(', ')} beside the live ${live.version}`);
        d.log.warning(said, 'Traffic on an unfinished release');
        d.report.section(`### Converged before this run\n\n${said}`);
        o = await observe(d, true);
    }
    const missing = router ? missingRecord(o.records, o.observed.live, o.observed.warm, (0,context/* runUrl */.Vp)(d.ctx), new Date()) : undefined;
    if (missing) {
        d.log.info(`${router.describe()} serves ${missing.live.version} (pool ${missing.live.pool}), but no flip record says so (a run killed ` +
            `right after its flip, or instances from before flip records): recording that it replaced ${missing.replaced?.version ?? 'nothing'}.`);
        const pool = o.observed.live;
        const replaced = missing.replaced ? pools(o.instances).find((p) => p.id === missing.replaced.pool) ?? { id: missing.replaced.pool, version: missing.replaced.version, instances: [] } : undefined;
        await recordFlip(d, pool, replaced);
        o = await observe(d, true);
    }
    const { debris } = o.observed;
    if (debris.length > 0) {
        d.log.info(`Removing ${debris.length} leftover instance(s): ${debris.map((i) => `${i.name} (${leftoverWhy(i)})`).join(', ')}`);
        await d.platform.remove(debris);
    }
    d.records = o.records;
    return { o, remaining: [...(o.observed.live?.instances ?? []), ...o.observed.warm.flatMap((p) => p.instances)], paused, expired };
}
/**
 * A preview route a killed run left filled (its run empties it however it ends, but a SIGKILL): requests with the
 * header would reach a pool that is about to go. Emptied before any instance is removed; a failure is a warning.
 */
async function emptyLeftPreview(d) {
    const { router, log } = d;
    if (!router?.readPreview || !router.preview)
        return;
    const left = await router.readPreview().catch(() => undefined);
    if (!left || left.addresses.length === 0)
        return;
    const header = left.header ?? d.cfg.delivery.previewHeader ?? '';
    const what = `The preview route of ${router.describe()} still sends requests with ${header || 'the preview header'} to ` +
        `${left.addresses.map(model/* formatAddress */.M0).join(', ')}${left.version ? ` (${left.version})` : ''}: a run was killed before it emptied it`;
    try {
        await router.preview({ header, addresses: [] });
    }
    catch (err) {
        log.warning(`${what}, and emptying it failed: ${(0,errors/* errorMessage */.gJ)(err)}.`, 'Preview route left filled');
        return;
    }
    const said = `${what}. Emptied: requests with the header go where every other request goes.`;
    log.warning(said, 'Preview route left filled');
    d.report.section(`### Converged before this run\n\n${said}`);
}
/** A release command's one-off container a killed run left (running or stopped): removed, under the lock. */
async function removeLeftOneOffs(d) {
    if (!d.platform.removeOneOffs)
        return;
    const gone = await d.platform.removeOneOffs(d.cfg.app, d.cfg.environment);
    if (gone.length === 0)
        return;
    const said = `Removed the release command container${gone.length > 1 ? 's' : ''} ${gone.join(', ')} that a killed run left: ` +
        'its release command may have stopped part-way (look at what it changes); no traffic moved to its version.';
    d.log.warning(said, 'Release command left running');
    d.report.section(`### Converged before this run\n\n${said}`);
}
/** For people: "2/4 at 25%". */
function pausedAt(p) {
    return `step ${p.after + 1}/${p.steps.length} at ${p.steps[p.after]}%`;
}
/**
 * command: abort of a paused canary (within its pause-timeout or not): all traffic back to the stable pool (a
 * recorded shift back), the canary's pool drained and removed, the pause closed. Returns what was said.
 */
async function abortPaused(d, o, paused, why) {
    return resume(d, o, paused, why);
}
function leftoverWhy(i) {
    if (!i.verified)
        return 'never verified';
    if (!i.running && !i.restarting)
        return `stopped, exit code ${i.exitCode}`;
    return 'verified but never served';
}
const share = (n) => `${Math.round(n * 10) / 10}%`;
/**
 * The release `open` describes was left unfinished by its (killed) run, or is a paused canary that ran out of
 * its pause-timeout (or is aborted: `why`): put it right, and close its intents. Returns what was said.
 */
async function resume(d, o, open, why) {
    const { router, log } = d;
    const decision = resumeDecision(open, o.instances, o.routing, !!router);
    const by = runLink(open.runUrl) || 'a run';
    const pause = open.step === 'pause' ? open.pause : undefined;
    const what = pause
        ? why ??
            `The canary of ${open.next.version} paused at ${pausedAt(pause)} by ${by} ran out of its pause-timeout at ${pause.until} ` +
                `(${formatLeft(-pauseLeftMs(open, new Date()))} ago), without promote or abort: it is aborted first`
        : `${by} was interrupted during ${open.name} of ${open.next.version} (${open.step === 'back' ? 'a shift back' : `it had ${share(decision.nextShare)} of the traffic`})`;
    let said;
    if (decision.action === 'record-flip') {
        await recordFlip(d, decision.next, decision.stable);
        said = `${what}: its switch had taken effect (${decision.next.version} serves all traffic, verified); recorded as the flip it was.`;
    }
    else if (decision.action === 'back') {
        const others = [decision.other, decision.baseline].filter((p) => !!p);
        // A release in waves: only the hosts of the waves it had started may have been flipped (its wave records,
        // written before each wave); those go back, the other hosts are not touched.
        const wave = router?.forHosts ? wavesOfRun(o.records, open.run) : undefined;
        const scoped = wave ? { ...d, router: hostsRouter(d, wave.released) } : d;
        const waves = wave ? ` (wave ${wave.index + 1} of ${wave.count} had started: only ${wave.released.join(', ')} may have been flipped, and only they are flipped back)` : '';
        said = `${what}${waves}: ${await backTo(scoped, o, decision.stable, others, what, pause ? 'never promoted' : 'never judged')}`;
    }
    else {
        said = router
            ? `${what}; the pool it started from (${open.stable?.version ?? 'none'}) is not running, so there is nothing to shift back to: ` +
                `${router.describe()} serves ${(0,core_routing/* formatRouting */.YN)(o.routing)} as it is.`
            : `${what}; without a router there is no traffic to move.`;
    }
    const title = pause ? (why ? 'Paused canary aborted' : 'Paused canary aborted (pause-timeout)') : 'Interrupted release converged';
    if (why)
        log.info(said);
    else
        log.warning(said, title);
    d.report.section(`### ${title}\n\n${said}`);
    const head = recordHead(d);
    const closing = unclosedIntents(o.records).filter((i) => i.run === open.run);
    // Every intent of that run closed at once (one unit, one call).
    await d.platform.writeRecords((closing.length ? closing : [open]).map((i) => ({ kind: 'result', ...head, intent: i.id, outcome: 'converged', detail: said })));
    return said;
}
/**
 * All traffic to `stable` (a recorded shift, when it does not have it all), then the `others` that never
 * served go (drained, or kept with keep-failed); those that served stay (warm, as retention decides).
 * Returns what happened, for the log. A failed shift back removes nothing and throws, saying so.
 */
async function backTo(d, o, stable, others, why, never_ = 'never judged') {
    const router = d.router;
    const servedBefore = servedPools(o.records);
    const parts = [];
    if (poolShare(stable, o.routing) < 99.5) {
        const to = (0,core_routing/* allTo */.jT)((0,model/* poolAddresses */.LR)(stable), stable.version);
        try {
            await shiftRecorded(d, { step: 'back', name: 'back', stable, next: others[0] ?? stable, to, final: true }, () => router.shift(to));
        }
        catch (err) {
            throw new errors/* DeployError */.sH(`${why}; shifting all traffic back to ${stable.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}. Nothing was removed: ${router.describe()} serves ${(0,core_routing/* formatRouting */.YN)(o.routing)}.`, 'Look at the balancer, then re-run: the release converges first.', { cause: err });
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
            await drainAndRetire(d, instances);
            parts.push(`${never.map((p) => p.version).join(', ')}, ${never_}, ${instances.length > 1 ? 'were' : 'was'} removed (${instances.map((i) => i.name).join(', ')})`);
        }
    }
    if (stays.length > 0)
        parts.push(`${stays.map((p) => p.version).join(', ')} served before and stays as retention decides`);
    return parts.join('; ') + '.';
}

;// CONCATENATED MODULE: ./src/release/gate.ts
/**
 * Human gates: command: promote and command: abort of a canary paused at `pause` in canary-steps, and what
 * the other commands do while one waits. Plain use cases over Platform and Router like deploy and rollback:
 * everything they act on comes from the pause's intent record (src/release/pause.ts) and what the platform
 * and the balancer report, read again under the lock; nothing is guessed.
 *
 *   promote  the remaining steps of the recorded plan, each judged as usual (and the bake), then settle;
 *            another `pause` in the plan pauses again
 *   abort    all traffic back to the stable pool (a recorded shift back), the canary's pool removed
 *   past the pause-timeout, the next deploy, promote, rollback or recycle aborts it first (converge.ts)
 */








/** The paused canary that still waits (within its pause-timeout), if any. */
function activePause(records, now = new Date()) {
    const p = pausedCanary(records);
    return p && pauseLeftMs(p, now) > 0 ? p : undefined;
}
/**
 * A deploy while a canary waits: of the same version it is that canary (true: reported, nothing to do; `say`
 * false stays quiet, for the check before the lock); of another version it fails, changing nothing. A pause
 * past its timeout does not stop it (converge aborts it first).
 */
function refusePaused(d, records, version, say = true) {
    const p = activePause(records);
    if (!p)
        return false;
    if (p.next.version === version) {
        if (say) {
            d.log.info(`${version} is the canary paused at ${pausedAt(p.pause)}: nothing to do. command: promote goes on, command: abort goes back.`);
            reportPause(d, p);
        }
        return true;
    }
    throw blocked(d, p, `a deploy of ${version}`);
}
/** The error of a command that would change traffic under a paused canary (a deploy of another version, a rollback, a recycle). */
function blocked(d, p, what) {
    const share = pausedShare(p.pause);
    return new errors/* DeployError */.sH(`A canary of ${p.next.version} in ${d.cfg.environment} is paused at ${pausedAt(p.pause)} (${share}% of the traffic, ` +
        `${p.stable?.version ?? 'the stable version'} the rest), waiting for command: promote or abort until ${p.pause.until} ` +
        `(${formatLeft(pauseLeftMs(p, new Date()))} left): ${what} is refused while it waits. Nothing was changed.`, `Decide on the canary first: \`${gateCommand(d, 'promote')}\` goes on with its remaining steps, ` +
        `\`${gateCommand(d, 'abort')}\` gives ${p.stable?.version ?? 'the stable version'} all traffic back. ` +
        `Past ${p.pause.until}, the next run aborts it first by itself.`);
}
function nothingPaused(d, command, o) {
    const live = o.observed.live;
    return new errors/* DeployError */.sH(`No canary of ${d.cfg.app} in ${d.cfg.environment} is paused: there is nothing to ${command}. ` +
        `${live ? `${live.version} is live` : 'Nothing is live'}. Nothing was changed.`, 'A canary pauses at `pause` in canary-steps (e.g. 5, 25, pause, 50); command: status shows one that waits.');
}
/** The stable and the canary pool the pause names, as they run now; a clear error when one is gone. */
function pausedPools(d, o, p) {
    const stable = p.stable ? pools(o.instances.filter((i) => i.verified && up(i))).find((x) => x.id === p.stable.pool) : undefined;
    const next = pools(o.instances.filter((i) => i.verified && up(i))).find((x) => x.id === p.next.pool);
    if (!stable || !next)
        throw new errors/* DeployError */.sH(`The canary of ${p.next.version} paused at ${pausedAt(p.pause)} cannot go on: ` +
            `${!next ? `its pool (${p.next.pool}) is not running` : `the stable pool of ${p.stable?.version ?? '?'} (${p.stable?.pool ?? 'none'}) is not running`}. Nothing was changed.`, `Run command: abort (it gives what serves back to the stable version where it can), then deploy ${p.next.version} again.`);
    return { stable, next };
}
function needsRouter(d, command) {
    if (!d.router)
        throw new errors/* DeployError */.sH(`command: ${command} needs the router the canary runs behind, and none is configured or recorded for ${d.cfg.app} in ${d.cfg.environment}.`, 'Give the router inputs of your deploy step.');
}
/** command: promote — a paused canary goes on with the remaining steps of its recorded plan, each judged. */
async function promote(given) {
    const state = {};
    const paused = await withEvents(given, state, () => promoteVersion(given, state));
    if (paused)
        return emitPaused(given, state, paused);
    await events(given).emit('succeeded', state);
}
async function promoteVersion(given, state) {
    const { d, seen } = await withRecordedSpec(given);
    needsRouter(d, 'promote');
    const first = await observe(d, true, seen);
    if (!pausedCanary(first.records))
        throw nothingPaused(d, 'promote', first);
    return withLock(d, async () => {
        const { o, remaining, paused, expired } = await converge(d);
        if (!paused) {
            if (expired)
                throw new errors/* DeployError */.sH(`Nothing to promote any more: ${expired.said}`, `Deploy ${expired.pause.next.version} again (with its canary steps) if it should still go out.`);
            throw nothingPaused(d, 'promote', o);
        }
        const { stable, next } = pausedPools(d, o, paused);
        const { pause } = paused;
        const rest = pause.steps.slice(pause.after + 1);
        d.log.info(`Promoting ${next.version}, paused at ${pausedAt(pause)} by ${paused.runUrl || 'a run'}: on with ${rest.map((s) => `${s}%`).join(', ')}, each judged as usual.`);
        const i = next.instances[0];
        Object.assign(state, { version: next.version, previousVersion: stable.version });
        await events(d).emit('started', { ...state, detail: `promoted from ${pausedAt(pause)}` });
        const delivery = await steps_recorded(d, { sha: i.revision, version: next.version, digest: i.digest, previousVersion: stable.version, rollback: false }, async () => {
            const delivery = await deliver(d, next, stable, undefined, { steps: pause.steps, pauses: pause.pauses, from: pause.after + 1 });
            if (delivery.paused)
                return delivery;
            d.report.output('paused', 'false');
            const kept = await dropPending(d, o, next);
            await settle(d, [...remaining, ...kept, ...next.instances], next, stable, delivery.flipMs, true);
            return delivery;
        }, {
            open: (r) => !!r.paused,
            adopt: pause.deployment !== undefined ? { id: pause.deployment, description: `Promoting ${next.version} from ${pausedShare(pause)}%` } : undefined,
        });
        return delivery.paused;
    });
}
/** command: abort — a paused canary: all traffic back to the stable pool, the canary's pool removed. */
async function abort(given) {
    const { d, seen } = await withRecordedSpec(given);
    needsRouter(d, 'abort');
    const first = await observe(d, true, seen);
    if (!pausedCanary(first.records))
        throw nothingPaused(d, 'abort', first);
    await withLock(d, async () => {
        const { o, paused, expired } = await converge(d);
        // Past its pause-timeout, converge has aborted it already (and said so): that is what was asked.
        const p = paused ?? expired?.pause;
        if (!p)
            throw nothingPaused(d, 'abort', o);
        const i = o.instances.find((x) => x.pool === p.next.pool);
        const said = await steps_recorded(d, { sha: i?.revision ?? d.ctx.sha, version: p.next.version, digest: i?.digest ?? '', previousVersion: p.stable?.version, rollback: false }, async () => expired
            ? expired.said
            : abortPaused(d, o, p, `The canary of ${p.next.version} paused at ${pausedAt(p.pause)} is aborted (command: abort)`), {
            adopt: p.pause.deployment !== undefined ? { id: p.pause.deployment, description: `Aborting ${p.next.version} at ${pausedShare(p.pause)}%` } : undefined,
            failure: `Aborted at ${pausedShare(p.pause)}%: ${p.stable?.version ?? 'the stable version'} serves`,
        });
        d.report.output('paused', 'false');
        d.report.output('live-version', p.stable?.version ?? '');
        d.log.info(said);
        await events(d).emit('aborted', { version: p.next.version, previousVersion: p.stable?.version, reason: expired ? 'pause-timeout ran out' : 'command: abort', detail: said });
    });
}

// EXTERNAL MODULE: ./src/core/sticky.ts
var core_sticky = __webpack_require__(3476);
;// CONCATENATED MODULE: ./src/release/capability.ts


function checkStrategy(cfg, router) {
    const { delivery } = cfg;
    const partial = delivery.strategy === 'canary' && delivery.steps.some((s) => s < 100);
    if (!partial || !router)
        return;
    if (router.weighted !== false && delivery.baseline && router.maxGroups !== undefined && router.maxGroups < 3)
        throw new errors/* DeployError */.sH(`baseline: true needs a router that weights three pools at once (the stable version, its baseline and the canary), and ${router.describe()} ` +
            `weights ${router.maxGroups}. Nothing was started.`, 'Leave baseline out here (the canary is then judged by max-error-rate and max-response-ms), or put a balancer that weights any number of pools ' +
            '(haproxy, nginx with nginx-routes-file, command) in front.');
    if (router.weighted !== false)
        return;
    throw new errors/* DeployError */.sH(`strategy: canary with canary-steps ${delivery.steps.join(', ')} needs a router that splits traffic by weight, and ${router.describe()} cannot: ` +
        `${router.unweightedBecause ?? 'it sends all traffic to one pool'}. Nothing was started.`, `Use strategy: blue-green here (bake-seconds still judges the new version after the switch and rolls back on a breach), ` +
        'or put a balancer that can weigh (haproxy, nginx with nginx-routes-file, command) in front.');
}
/**
 * Testers first (preview-header): the router must hold a preview route (HAProxy, nginx njs, Caddy, command), or the
 * platform must reach each new pool on an address of its own (Kubernetes: the preview Service, PREVIEW_URL).
 * `size`: the new pool's instances. Refuses before anything starts, saying what to set up.
 */
async function checkPreview(cfg, router, platform, size) {
    const header = cfg.delivery.previewHeader;
    if (!header)
        return;
    if (router?.preview) {
        await router.checkPreview?.(header, size);
        return;
    }
    if (platform.reach)
        return;
    throw new errors/* DeployError */.sH(`preview-header: ${header} needs a preview route in the balancer, and ${router ? router.describe() : 'router "none"'} has none. Nothing was started.`, 'Use router haproxy (a <backend>-preview backend), nginx with nginx-routes-file, caddy (a reverse_proxy with "@id": "<id>-preview") or command ' +
        '(ROUTER_ACTION=preview); see docs/canary.md "Testers first". Or leave preview-header empty.');
}
/**
 * Sticky users: with canary steps, the router must keep a client on one version (router.stick, which also
 * tells it how). Refuses before anything starts.
 */
async function checkSticky(cfg, router) {
    const { delivery } = cfg;
    const sticky = delivery.sticky;
    if (!sticky || delivery.strategy !== 'canary' || !delivery.steps.some((s) => s < 100) || !router)
        return;
    if (router.stick) {
        await router.stick(sticky);
        return;
    }
    throw new errors/* DeployError */.sH(`sticky: ${(0,core_sticky/* formatSticky */.zt)(sticky)} needs a router that keeps a client on one version during canary steps, and ${router.describe()} cannot. Nothing was started.`, 'Use nginx with nginx-routes-file (a stable hash in the shipped njs script), haproxy with hash balancing (see docs/canary.md "Sticky users"), ' +
        'or command (it gets STICKY); or leave sticky empty.');
}
/**
 * command: maintenance needs a router that can serve a maintenance page beside the live pool; one that cannot
 * (router none, nginx in reload mode, the Kubernetes Service selector) says so before anything starts. Returns
 * the router that can.
 */
function checkMaintenance(cfg, router) {
    if (router?.maintenance)
        return router;
    throw new errors/* DeployError */.sH(`command: maintenance needs a balancer that can answer with a maintenance page, and ${router ? router.describe() : `${cfg.app} in ${cfg.environment} has no router (router: none)`} cannot. Nothing was changed.`, 'Maintenance mode works with router haproxy (a map and one line in the backend), nginx with nginx-routes-file (the njs mode), caddy (a route the action adds) and command (ROUTER_ACTION=maintenance); see docs/routers.md.');
}
/**
 * Hosts with their own balancer, and waves (issue 21 §6), before anything starts: a balancer per host needs a
 * platform of hosts that does not route itself (not Kubernetes); `waves` needs such a router (router= on every
 * hosts line), at least two hosts, and blue-green (waves and canary-steps together are not supported: each wave
 * flips its hosts whole and is judged for wave-bake-seconds).
 */
function checkWaves(cfg, platform, router) {
    const { waves } = cfg.delivery;
    if (router?.hosts && platform.routes)
        throw new errors/* DeployError */.sH(`router= on the hosts lines gives each host its own balancer, and the ${platform.kind} platform routes by itself. Nothing was started.`, 'Leave router= out of hosts with runtime: kubernetes (the Service is the router).');
    if (waves.length === 0)
        return;
    const shown = waves.map((w) => ('hosts' in w ? String(w.hosts) : `${w.percent}%`)).join(', ');
    if (platform.routes || platform.targets.length < 2)
        throw new errors/* DeployError */.sH(`waves: ${shown} releases the hosts of a fleet in groups, and ${platform.routes ? `the ${platform.kind} platform has no hosts` : `this run has ${platform.targets.length} host`}. Nothing was started.`, 'Give at least two hosts (the hosts input, each with router=), or leave waves empty.');
    if (!router?.forHosts || !router.hosts)
        throw new errors/* DeployError */.sH(`waves: ${shown} flips each wave's hosts' own balancers, and ${router ? router.describe() : 'router "none"'} is one balancer for the whole fleet. Nothing was started.`, "Add router=<socket> to every hosts line (the runtime API of that host's HAProxy, e.g. router=/run/haproxy/admin.sock, reached through the host's ssh connection), or leave waves empty.");
    const missing = platform.targets.filter((t) => !router.hosts.includes(t.name));
    if (missing.length)
        throw new errors/* DeployError */.sH(`waves: ${missing.map((t) => t.name).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no balancer of its own. Nothing was started.`, 'Add router=<socket> to every hosts line.');
    if (cfg.delivery.strategy === 'canary')
        throw new errors/* DeployError */.sH(`waves: ${shown} with strategy: canary: waves and canary-steps together are not supported (each wave flips its hosts whole, then is judged for wave-bake-seconds). Nothing was started.`, 'Use strategy: blue-green with waves and wave-bake-seconds, or canary without waves.');
}

// EXTERNAL MODULE: ./src/core/maintenance.ts
var maintenance = __webpack_require__(3960);
;// CONCATENATED MODULE: ./src/release/preview.ts
/**
 * Testers first (preview-header): the preview route of a deploy. Under the lock, before the pool is launched, a
 * route a killed run left is emptied; once every new instance is healthy and checked, requests that carry the header
 * go to the new pool through the balancer (the acceptance command gets PREVIEW_URL and PREVIEW_HEADER); when the run
 * ends (success, abort, failure, cancel) the route is emptied again. A platform that reaches each new pool on an
 * address of its own (Kubernetes: the preview Service) needs no route: PREVIEW_URL is that address.
 */


const NONE = { stage: undefined, close: () => Promise.resolve() };
async function openPreview(d, version) {
    const header = d.cfg.delivery.previewHeader;
    if (!header)
        return NONE;
    const router = d.router;
    if (!router?.preview)
        return { stage: { header, url: undefined }, close: () => Promise.resolve() };
    const preview = router.preview.bind(router);
    // A run killed while its preview route was filled left it pointing at a pool that converge has removed.
    await preview({ header, addresses: [] });
    let filled = false;
    // One emptying, shared: a cancel (the interrupt task) and the run's own end (a failure the cancel caused) may
    // both close; the interrupt handler must wait for the same emptying, not return while it is still in flight.
    let closing;
    const empty = async () => {
        try {
            await preview({ header, addresses: [] });
            d.log.info(`Preview route emptied: requests with ${header} go where every other request goes.`);
        }
        catch (err) {
            d.log.warning(`Could not empty the preview route of ${router.describe()} (${(0,errors/* errorMessage */.gJ)(err)}): requests with ${header} may still reach ${version}. ` +
                'The next deploy with preview-header empties it first.', 'Preview route not emptied');
        }
    };
    const close = () => (filled ? (closing ??= empty()) : Promise.resolve());
    const forget = (0,interrupt/* onInterrupt */.nA)(close, 'route');
    return {
        stage: {
            header,
            url: d.cfg.delivery.previewUrl,
            fill: async (instances) => {
                filled = true;
                const addresses = instances.flatMap((i) => (i.address ? [i.address] : []));
                await preview({ header, addresses, version });
                d.log.info(`Preview: requests with ${header} go to ${version} through ${router.describe()}; every other request as before.`);
            },
        },
        close: async () => {
            forget();
            await close();
        },
    };
}

// EXTERNAL MODULE: ./src/config/freeze.ts
var freeze = __webpack_require__(5855);
;// CONCATENATED MODULE: ./src/release/freeze.ts
/**
 * Deploy freezes (issue 21): a deploy or a recycle inside a `freeze` window is refused before anything is
 * built, naming the window and when it ends, unless `freeze-override` gives a reason (then the summary, the
 * GitHub Deployment and the notifications carry it). Rollback and maintenance are never frozen (incidents).
 */


/** Throws when a window holds now and no override is given; returns the override's reason when one was used. */
function checkFreeze(d, now = Date.now()) {
    const { cfg } = d;
    const f = (0,freeze/* activeFreeze */.WO)(cfg.ops.freeze, now);
    if (!f)
        return undefined;
    const holds = `the freeze window "${f.window.line}" holds until ${(0,freeze/* describeEnd */.lA)(f)}`;
    const override = cfg.ops.freezeOverride;
    if (!override)
        throw new errors/* DeployError */.sH(`command: ${cfg.command} of ${cfg.app} in ${cfg.environment} is frozen: ${holds}. Nothing was built or changed.`, 'Deploy after the window ends, or give freeze-override with the reason (it goes into the job summary, the GitHub Deployment and the notifications). ' +
            'Rollbacks are never frozen.');
    d.log.warning(`Deploying inside a freeze: ${holds}. freeze-override: ${override}`, 'Freeze overridden');
    d.report.section(`### Freeze overridden\n\n${holds.replace(/^t/, 'T')}.\n\nReason (freeze-override): ${override}`);
    return `freeze override: ${override}`;
}

;// CONCATENATED MODULE: ./src/release/deploy.ts
/** command: deploy — build (or take an existing version), then launch → verify → switch → retire, under the lock. */

















async function deploy(d) {
    const state = { version: d.cfg.version };
    const paused = await withEvents(d, state, () => deployVersion(d, state));
    // Paused at a human gate: the release is not done; people are told how to go on.
    if (paused)
        return emitPaused(d, state, paused);
    // After the release (outside withEvents): a failing post-deploy-command fails the job, the release stays.
    await events(d).emit('succeeded', state);
}
/** Returns the pause the canary waits at, if it does (this run's, or the same version's a re-run found). */
async function deployVersion(d, state) {
    const { cfg, log, platform } = d;
    const replicas = cfg.run.replicas;
    // A freeze window refuses before anything is built (unless overridden: the reason goes everywhere).
    const override = checkFreeze(d);
    if (override)
        state.reason = override;
    // Canary steps need a router that can weigh: say so before anything is built or started.
    checkStrategy(cfg, d.router);
    // Waves need a balancer per host and a fleet; a balancer per host needs a platform that does not route itself.
    checkWaves(cfg, platform, d.router);
    checkReleaseCommand(d);
    // Too few balancer slots for the pool (canary steps serve the stable pool beside the new one), or a slot
    // that serves another app or environment: say so before anything is built or started.
    // (baseline: true adds a third pool of the canary's size.)
    await checkCapacity(d, platform.targets.length * replicas * (cfg.delivery.strategy === 'canary' ? (cfg.delivery.baseline ? 3 : 2) : 1));
    // Testers first and sticky users need the balancer's preview route and a hash: say so before anything starts.
    await checkPreview(cfg, d.router, platform, platform.targets.length * replicas);
    await checkSticky(cfg, d.router);
    const seen = await observe(d, true);
    await refuseForeign(d, seen);
    // Canary weights the balancer cannot give (HAProxy: whole server weights) refuse before anything is built.
    checkShares(d, seen.observed.live?.instances.length, platform.targets.length * replicas);
    let img;
    if (cfg.version === undefined) {
        const b = await d.report.timed('build', () => d.build());
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
    // A canary paused at a human gate: another version fails here, before anything is started.
    refusePaused(d, seen.records, img.version, false);
    const version = withSpec(img, runSpec(cfg));
    state.version = img.version;
    // The bytes reach every target once, before the lock is taken (a pull under it would hold up other runs). In
    // waves, each wave's hosts get them when the wave starts (a version stopped in a wave never reaches later hosts).
    if (cfg.delivery.waves.length === 0)
        await d.report.timed('provide', () => platform.provide(version));
    return withLock(d, async () => {
        const { o, remaining, paused } = await converge(d);
        // Paused within its pause-timeout: the same version is this canary (a re-run changes nothing); another fails.
        if (paused && refusePaused(d, o.records, img.version))
            return paused;
        await refuseForeign(d, o);
        const previous = o.observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.instances.map((i) => i.name).join(', ')})` : 'Nothing of this app is live yet.');
        const closed = maintenanceState(o.records);
        if (closed?.on)
            log.info(`Maintenance mode is on (since ${closed.at}) and stays on: the new version serves only ${(0,maintenance/* describeAllow */.L9)(closed.allow)} until command: maintenance switches it off.`);
        state.previousVersion = previous?.version;
        await events(d).emit('started', state);
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false, reason: state.reason };
        // Testers first: the preview route, from verification to the end of the run (emptied however it ends).
        const preview = await openPreview(d, img.version);
        const delivery = await steps_recorded(d, what, async () => {
            // Hosts with their own balancer, in waves: the same launch, verify and flip, one group of hosts at a time.
            if (cfg.delivery.waves.length > 0) {
                let waved;
                try {
                    waved = await d.report.timed('waves', () => deliverInWaves(d, version, previous, replicas));
                }
                finally {
                    await preview.close();
                }
                d.report.output('paused', 'false');
                const kept = await dropPending(d, o, waved.next);
                await settle(d, [...remaining, ...kept, ...waved.next.instances], waved.next, previous, waved.delivery.flipMs, true);
                return waved.delivery;
            }
            let launched;
            let delivery;
            try {
                launched = await launchWithBaseline(d, version, previous, replicas, preview.stage);
                const { next, baseline } = launched;
                // Migrations: once, after verification, before any traffic (a failure removes the new pool, and the baseline with it).
                await releaseCommand(d, version, next, previous).catch(async (err) => {
                    if (baseline)
                        await d.platform.remove(baseline.instances);
                    throw err;
                });
                delivery = await d.report.timed(cfg.delivery.strategy === 'canary' && previous ? 'canary steps' : 'flip', () => deliver(d, next, previous, baseline));
            }
            finally {
                await preview.close();
            }
            // Paused at a human gate: nothing settles (the stable pool and the canary both serve) until promote or abort.
            if (delivery.paused)
                return delivery;
            d.report.output('paused', 'false');
            const { next } = launched;
            const kept = await dropPending(d, o, next);
            await settle(d, [...remaining, ...kept, ...next.instances], next, previous, delivery.flipMs, true);
            return delivery;
        }, { open: (r) => !!r.paused });
        return delivery.paused;
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
    const restarts = facts.restarts ?? 0;
    return {
        instance,
        drifted: image !== undefined || changed.length > 0 || execSessions.length > 0 || restarts > 0,
        ...(image ? { image } : {}),
        changed,
        execSessions,
        ...(restarts > 0 ? { restarts } : {}),
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
    if (d.restarts)
        parts.push(`its process restarted ${d.restarts} time(s) since it was verified`);
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
        (0,summary/* table */.tp)(['instance', 'image', 'filesystem', 'exec sessions', 'restarts'], drift.map((d) => [
            d.instance,
            d.image ? `CHANGED: ${d.image}` : 'as deployed',
            d.changed.length ? `CHANGED: ${d.changed.map((c) => `\`${c}\``).join(', ')}` : 'unchanged',
            d.execSessions.length ? `OPEN: ${d.execSessions.map((e) => `\`${e}\``).join(', ')}` : 'none',
            d.restarts ? `RESTARTED ${d.restarts}x` : 'none',
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
    const state = {};
    await withEvents(given, state, () => recycleLive(given, state));
    await events(given).emit('succeeded', state);
}
async function recycleLive(given, state) {
    // A freeze window refuses before anything starts (unless overridden).
    const override = checkFreeze(given);
    if (override)
        state.reason = override;
    // The settings the live version was deployed with (its recorded run spec), under the inputs given.
    const { d, seen } = await withRecordedSpec(given);
    const { cfg, log, platform } = d;
    const replicas = cfg.run.replicas;
    const first = await observe(d, false, seen);
    if (!first.observed.live)
        throw new errors/* DeployError */.sH(`Nothing of ${cfg.app} is live in ${cfg.environment}: there is nothing to recycle.`, 'Deploy a version first (command: deploy).');
    const known = (await platform.listVersions([first.observed.live.version]))[0];
    const img = liveImage(first.observed.live, cfg.image, known?.created ?? '');
    state.version = state.previousVersion = img.version;
    // The same bytes the live instances run, on every target; and the image policy as for any launch.
    await platform.provide(img);
    await d.checkImage(img);
    await withLock(d, async () => {
        const { o, remaining, paused } = await converge(d);
        if (paused)
            throw blocked(d, paused, 'command: recycle');
        const previous = o.observed.live;
        if (!previous || previous.version !== img.version)
            throw new errors/* DeployError */.sH(`While this run waited for the lock, ${previous ? `${previous.version} went live` : 'the live version went away'} instead of ${img.version}. Nothing was recycled.`, 'Run recycle again: it replaces whatever is live then.');
        const drift = await checkDrift(previous.instances, cfg.drift.writablePaths, platform);
        const drifted = [...drift.values()].filter((x) => x.drifted);
        if (drifted.length)
            log.warning(`Replacing instance(s) that drifted:\n${drifted.map(describeDrift).join('\n')}`, 'Snowflake replaced');
        // The fresh pool stands beside the live one until the switch: the balancer needs the slots for both.
        await checkCapacity(d, platform.targets.length * replicas);
        log.info(`Recycling ${img.version}: a fresh pool from ${img.imageId} replaces ${previous.instances.map((i) => i.name).join(', ')}.`);
        await events(d).emit('started', state);
        const what = { sha: img.revision, version: img.version, digest: img.digest, previousVersion: previous.version, rollback: false, reason: state.reason };
        await steps_recorded(d, what, async () => {
            const next = await launchPool(withSpec(img, runSpec(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            const flipMs = await switchOrUndo(d, next, previous, true);
            await settle(d, [...remaining, ...next.instances], next, previous, flipMs, false);
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
    const state = { version: given.cfg.version };
    // A failed rollback is announced (webhooks); on-failure-command is for deploys.
    const done = await withEvents(given, state, () => rollBack(given, state), false);
    if (done)
        await events(given).emit('rolled back', state);
}
/** Resolves to true when it flipped (false: the version was live already). */
async function rollBack(given, state) {
    const { d: base, seen } = await withRecordedSpec(given);
    const replicas = base.cfg.run.replicas;
    if (!base.router)
        throw new errors/* DeployError */.sH('command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back' +
            ' (and no deploy of this app and environment recorded one).', 'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.');
    const { log } = base;
    const first = await observe(base, false, seen);
    await refuseForeign(base, first);
    const { live } = first.observed;
    const version = given.cfg.version ??
        defaultRollbackVersion(first.records, live, first.observed.warm) ??
        // No flip records yet (instances from before they existed): the newest warm pool.
        (first.records.length === 0 ? first.observed.warm[0]?.version : undefined);
    // Only for a message, and listed once at most (every image of the engine: hundreds of ms on a full one).
    let listed;
    const restorable = () => (listed ??= base.platform
        .listVersions()
        .then((images) => [...new Set([...first.observed.warm.map((p) => p.version), ...images.map((i) => i.version)])].filter((v) => v !== live?.version)));
    if (!version) {
        throw new errors/* DeployError */.sH(`There is no previous version of ${base.cfg.app} in ${base.cfg.environment} to roll back to: ` +
            `${live ? `the flip that made ${live.version} live replaced nothing` : 'nothing is live'}.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    state.version = version;
    state.previousVersion = live?.version;
    // Going back past an irreversible version needs force and a reason (before anything changes).
    const forced = checkIrreversible(base, first.records, version);
    if (forced)
        state.reason = forced;
    // The settings of the version gone back to (explicit inputs win); the router stays the one that serves now.
    const spec = specOf(version, first.instances, first.records);
    const d = spec ? { ...base, cfg: { ...(0,recorded/* applySpec */.wn)(given.cfg, spec), router: base.cfg.router } } : base;
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
    return withLock(d, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { o, remaining, paused } = await converge(d);
        if (paused)
            throw blocked(d, paused, `command: rollback to ${version}`);
        await refuseForeign(d, o);
        const previous = o.observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await settle(d, remaining, previous, undefined, undefined, false);
            return false;
        }
        state.previousVersion = previous?.version;
        let next = o.observed.warm.find((p) => p.version === version);
        // A warm pool without an instance on every host cannot take the traffic: a fresh pool is started instead
        // (the incomplete one goes with retention, after the flip).
        const missing = next ? platform.targets.filter((t) => !next.instances.some((i) => i.target === t.name)) : [];
        if (next && missing.length > 0) {
            log.warning(`The warm pool of ${version} has no instance on ${missing.map((t) => t.name).join(', ')}: starting a fresh one instead.`);
            next = undefined;
        }
        if (next) {
            const answer = await probe(next, cfg.verify.healthPath, platform);
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
            reason: state.reason,
        };
        await steps_recorded(d, what, async () => {
            if (next) {
                log.info(`Rolling back to the warm ${next.instances.length > 1 ? `pool of ${version} (${next.instances.length} instances)` : `instance ${next.instances[0].name} of ${version}`}: one flip, no build, no pull.`);
            }
            else {
                log.info(`${version} is not running: starting a fresh instance from ${img.imageId} and verifying it first.`);
                await checkCapacity(d, platform.targets.length * replicas);
                await d.checkImage(img);
                next = await launchPool(withSpec(img, runSpec(cfg)), { cfg, platform: d.platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            }
            const pool = next;
            const flipMs = await d.report.timed('flip', () => switchOrUndo(d, pool, previous, fresh));
            const kept = await dropPending(d, o, pool);
            const gone = new Set(pool.instances.map((i) => i.id));
            await settle(d, [...remaining.filter((i) => !gone.has(i.id)), ...kept, ...pool.instances], pool, previous, flipMs, false);
        });
        return true;
    });
}

;// CONCATENATED MODULE: ./src/release/status.ts













/** What runs and what can be restored. Changes nothing. */
async function status_status(given) {
    const { d, seen: read } = await withRecordedSpec(given);
    const { cfg } = d;
    // The versions worth showing are those the records and instances name: each looked up by name, never a
    // list of every image on the engine.
    const names = [...new Set([...read.instances.map((i) => i.version), ...recordedVersions(read.records)])];
    const [o, images] = await Promise.all([observe(d, true, read), d.platform.listVersions(names)]);
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
    // A fleet: the instance count per host in the table, every instance folded away below it.
    const fleet = d.platform.targets.length > 1 || versions.some((v) => (v.instances?.length ?? 0) > 1);
    const everyInstance = versions.flatMap((v) => (v.instances ?? []).map((i) => [v.state, v.version, i.host, i.name, i.url]));
    const instancesCell = (list) => {
        if (!fleet)
            return list.map((i) => i.url).join('<br>');
        const perHost = new Map();
        for (const i of list)
            perHost.set(i.host, (perHost.get(i.host) ?? 0) + 1);
        return [...perHost].map(([host, n]) => `${n} on ${host}`).join('<br>');
    };
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,summary/* table */.tp)(['state', 'version', 'commit', 'digest', 'built', 'instances', 'instance started', 'started by', 'drift'], versions.map((v) => [
            v.state,
            v.version,
            (0,summary/* commitLink */.wn)(d.ctx, v.revision),
            `\`${v.digest.slice(0, 19)}\``,
            v.created,
            instancesCell(v.instances ?? []),
            v.deployed ?? '',
            runLink(v.runUrl),
            driftCell(v),
        ])) +
        (fleet ? `\n\n${(0,summary/* details */.zH)(`Every instance (${everyInstance.length})`, (0,summary/* table */.tp)(['state', 'version', 'host', 'instance', 'address'], everyInstance))}` : ''));
    const snowflakes = reportDrift([...drift.values()], cfg.drift.writablePaths, d.report);
    // A canary paused at a human gate: its share and time left; past its pause-timeout, a problem.
    const paused = pausedCanary(o.records);
    if (paused)
        reportPause(d, paused);
    else
        d.report.output('paused', 'false');
    const problems = d.router ? await liveProblems(d, d.router, o) : [];
    problems.push(...(await maintenanceStatus(d, o)));
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
    const open = openIntent(o.records);
    const paused = pausedCanary(o.records);
    const pausedPool = paused ? pools(o.instances).find((p) => p.id === paused.next.pool) : undefined;
    if (paused) {
        const left = pauseLeftMs(paused, new Date());
        if (left <= 0)
            problems.push(`The canary of ${paused.next.version} paused at ${pausedAt(paused.pause)} ran out of its pause-timeout at ${paused.pause.until} (${formatLeft(-left)} ago) ` +
                `without promote or abort. The next deploy, promote, rollback or recycle aborts it first (${paused.stable?.version ?? 'the stable version'} gets all traffic back, ${paused.next.version} is removed); ` +
                'command: abort does it now.');
    }
    else if (open) {
        const next = pools(o.instances).find((p) => p.id === open.next.pool);
        const share = next ? Math.round(poolShare(next, o.routing) * 10) / 10 : 0;
        const decision = resumeDecision(open, o.instances, o.routing, true);
        const kind = { step: 'canary', bake: 'bake', switch: 'switch', back: 'shift back', pause: 'paused canary' }[open.step];
        const then = decision.action === 'back'
            ? `gives ${decision.stable.version} all traffic back first${decision.other && decision.other.id === open.next.pool ? ` and removes ${open.next.version} (never judged)` : ''}`
            : decision.action === 'record-flip'
                ? `records the switch to ${open.next.version} as the flip it was (it took effect)`
                : `leaves what serves as it is (${open.stable?.version ?? 'the stable version'} is not running)`;
        problems.push(`An interrupted ${kind}: ${open.next.version} has ${share}% of the traffic (${open.name}` +
            `${open.stable ? `; the stable version is ${open.stable.version}` : ''}), left by ${runLink(open.runUrl) || 'a run'} that did not finish. ` +
            `The next deploy, rollback or recycle ${then}.`);
    }
    const addrs = (0,core_routing/* served */.EZ)(o.routing);
    if (addrs.length === 0) {
        if (o.records.length > 0 || o.observed.warm.length > 0)
            problems.push(`${router.describe()} points at nothing, while ${cfg.app} has been deployed to ${cfg.environment}.`);
    }
    for (const a of addrs) {
        const mine = o.instances.find((i) => (0,model/* sameAddress */.xU)(i.address, a));
        if (mine && live && live.instances.includes(mine))
            continue;
        // The paused canary's share, reported above.
        if (mine && pausedPool?.instances.includes(mine))
            continue;
        const owner = mine ? undefined : (await foreignOwners(d, [{ addresses: [a], weight: 100 }]))[0];
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
        const path = spec ? (0,recorded/* applySpec */.wn)(cfg, spec).verify.healthPath : cfg.verify.healthPath;
        const answer = await probe(live, path, d.platform);
        if (!answer.ok)
            problems.push(`The live pool of ${live.version} does not answer GET ${path} (${answer.detail}).`);
    }
    for (const x of o.divergence)
        problems.push(x.problem);
    return problems;
}
/**
 * Maintenance mode as recorded (and as the balancer has it, where it can tell): a line in the summary, the
 * `maintenance` output; a problem when the balancer differs from the record (HAProxy restarted: its maps came back empty).
 */
async function maintenanceStatus(d, o) {
    const rec = maintenanceState(o.records);
    const view = d.router?.readMaintenance ? await d.router.readMaintenance().catch(() => undefined) : undefined;
    const on = rec?.on ?? view?.on ?? false;
    d.report.output('maintenance', on ? 'on' : 'off');
    if (rec?.on)
        d.report.section(`### Maintenance is on

Since ${rec.at} (${runLink(rec.runUrl) || 'a run'}): everyone gets 503 and ${rec.page?.source === 'default' || !rec.page ? 'the default page' : `\`${rec.page.source}\``}; ` +
            `${(0,maintenance/* describeAllow */.L9)(rec.allow)} reach the live version. Switch it off with \`command: maintenance\`, \`maintenance: off\`.`);
    if (view && rec && view.on !== rec.on)
        return [
            `Maintenance is recorded as ${rec.on ? 'on' : 'off'} (${rec.at}), but ${d.router.describe()} has it ${view.on ? 'on' : 'off'} (restarted or changed by hand?). ` +
                `Run command: maintenance with maintenance: ${rec.on ? 'on' : 'off'} again to put it back, or the opposite to change it.`,
        ];
    return [];
}
function driftCell(v) {
    const checked = (v.instances ?? []).filter((i) => i.drift);
    if (checked.length === 0)
        return v.instances?.length ? 'not checked' : '';
    return checked.some((i) => i.drift.drifted) ? 'DRIFTED' : 'none';
}

// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/release/maintenance.ts
/**
 * command: maintenance — switch maintenance mode on or off (issue 21 §3): everyone but the allowed clients gets
 * 503 with Retry-After and the page; the allowed (maintenance-allow: address ranges, headers) reach the live pool.
 * The router does it (src/routers/<name>: HAProxy map, nginx njs routes file, Caddy route, ROUTER_ACTION=maintenance);
 * a router that cannot refuses before anything changes. The switch happens under the deploy lock and is recorded
 * (a `maintenance` record): `status` shows it, a later run knows it; notify-webhook gets `maintenance on|off`.
 * Never frozen: an incident needs it.
 * A plain function over ReleaseDeps, like the other use cases, so any front end (the action, a CLI) calls it.
 */








async function maintenance_maintenance(given) {
    // The router of the app's newest record when this workflow names none (a `maintenance: off` given only app and environment).
    const { d, seen } = await withRecordedSpec(given);
    const { cfg, log } = d;
    const mode = cfg.maintenance.mode;
    if (!mode)
        throw new errors/* DeployError */.sH('command: maintenance needs "maintenance": on or off. Nothing was changed.');
    const on = mode === 'on';
    // A router that cannot, or a balancer without what it needs (HAProxy: the map and the line): before anything changes.
    checkMaintenance(cfg, d.router);
    await d.router.checkMaintenance?.();
    const page = on ? await readPage(cfg.maintenance.pageFile, cfg.app) : undefined;
    const m = page && { page: page.html, allow: cfg.maintenance.allow, retryAfterSec: maintenance/* MAINTENANCE_RETRY_AFTER_SEC */.Ao };
    const before = maintenanceState(seen.records)?.on;
    const record = {
        kind: 'maintenance',
        ...recordHead(d),
        on,
        allow: on ? { cidrs: cfg.maintenance.allow.cidrs, headers: cfg.maintenance.allow.headers } : { cidrs: [], headers: [] },
        page: page && { source: page.source, sha256: page.sha256 },
    };
    await withLock(d, async () => {
        const router = d.router;
        await log.group(`Maintenance ${mode}: ${router.describe()}`, () => router.maintenance(m));
        const old = (await d.platform.listRecords(cfg.app, cfg.environment)).filter((r) => r.kind === 'maintenance');
        record.at = new Date().toISOString();
        await d.platform.writeRecord(record);
        await d.platform.removeRecords(old.map((r) => r.key));
    });
    const who = (0,maintenance/* describeAllow */.L9)(cfg.maintenance.allow);
    log.info(on
        ? `Maintenance is on for ${cfg.app} in ${cfg.environment}: everyone gets 503 (Retry-After: ${maintenance/* MAINTENANCE_RETRY_AFTER_SEC */.Ao}) and ${page.source === 'default' ? 'the default page' : page.source}; ${who} reach${who === 'nobody' ? 'es' : ''} the live version.`
        : `Maintenance is off for ${cfg.app} in ${cfg.environment}: everyone reaches the live version again.`);
    d.report.output('maintenance', mode);
    // notify-webhook and the hooks: maintenance on/off, with the version that serves the allowed.
    const live = flips(seen.records)[0]?.live.version;
    await events(d).emit(on ? 'maintenance on' : 'maintenance off', {
        version: live,
        previousVersion: undefined,
        reason: cfg.ops.reason ?? '',
        detail: on ? `503 for everyone but ${who}` : 'everyone reaches the live version again',
    });
    d.report.section(`### Maintenance ${mode}: ${cfg.app} in ${cfg.environment}\n\n` +
        (0,summary/* table */.tp)(['', ''], [
            ['Balancer', d.router.describe()],
            ['Was', before === undefined ? 'never switched' : before ? 'on' : 'off'],
            ...(on
                ? [
                    ['Answer', `503, Retry-After: ${maintenance/* MAINTENANCE_RETRY_AFTER_SEC */.Ao}`],
                    ['Page', page.source === 'default' ? 'the default page' : `\`${page.source}\` (sha256 ${page.sha256.slice(0, 12)})`],
                    ['Let through to the live version', who],
                ]
                : []),
            ['Switched by', runLink(record.runUrl) || 'this run'],
        ]));
    return { on, before, record };
}
/** The page: maintenance-page (a file on the runner, relative to the working directory), else the default. */
async function readPage(file, app) {
    let html;
    if (file === undefined)
        html = (0,maintenance/* defaultMaintenancePage */.SV)(app);
    else {
        try {
            html = await (0,external_node_fs_promises_.readFile)(file, 'utf8');
        }
        catch (e) {
            throw new errors/* DeployError */.sH(`Could not read maintenance-page ${file}: ${e.code ?? e.message}. Nothing was changed.`, 'Give the path of an HTML file in the checkout (relative to the working directory), or leave maintenance-page out for a plain page.');
        }
        if (html.trim() === '')
            throw new errors/* DeployError */.sH(`maintenance-page ${file} is empty. Nothing was changed.`, 'Give an HTML page, or leave the input out for a plain page.');
    }
    // node:crypto only when a maintenance page is read: a deploy or rollback loads none of it (src/support/ids.ts).
    const sha256 = process.getBuiltinModule('node:crypto').createHash('sha256').update(html).digest('hex');
    return { html, source: file ?? 'default', sha256 };
}

;// CONCATENATED MODULE: ./src/release/index.ts
/** The release commands, loaded together as one chunk of the bundle (their shared steps are not duplicated). */








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
 * One HTTP request with a time limit (health, checks, probes; a webhook's JSON body). Node's http module rather than
 * fetch: the first fetch of a process loads undici (30-150 ms measured here, more under load), and a
 * warm rollback makes exactly one request (the warm instance's health) on its way to the flip.
 * Redirects are not followed (a 3xx is an answer).
 */

/**
 * One request with a time limit: resolves with the status and the answer; rejects on network errors and when
 * no answer came in time (a TimeoutError). Redirects are not followed.
 */
function request(url, options = {}) {
    const started = performance.now();
    const data = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
    const method = options.method ?? (data ? 'POST' : 'GET');
    const headers = { 'user-agent': 'immutable-deploy' };
    if (data)
        Object.assign(headers, { 'content-type': 'application/json', 'content-length': data.length });
    // node:https (and tls) loaded only for an https URL: most checks and every probe of an instance are plain HTTP.
    const send = url.startsWith('https:') ? process.getBuiltinModule('node:https').request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })), options.timeoutMs ?? 5000);
        const fail = (err) => {
            clearTimeout(timer);
            reject(err);
        };
        const req = send(url, { method, agent: false, headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                clearTimeout(timer);
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Math.round(performance.now() - started) });
            });
            res.on('error', fail);
        });
        req.on('error', fail);
        req.end(data);
    });
}
/** What went wrong, in a word or two: a timeout, a socket error code (ECONNREFUSED), or the message (fetch's errors too). */
function describeFetchError(err) {
    const e = err;
    if (e?.name === 'TimeoutError')
        return 'no answer in time';
    return e?.code ?? e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}


/***/ })

};

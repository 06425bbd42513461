export const id = 377;
export const ids = [377];
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

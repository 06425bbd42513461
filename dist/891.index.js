export const id = 891;
export const ids = [891];
export const modules = {

/***/ 3891:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CommandSource: () => (/* binding */ CommandSource),
/* harmony export */   analysisEnv: () => (/* binding */ analysisEnv),
/* harmony export */   parsePrintedNumbers: () => (/* binding */ parsePrintedNumbers)
/* harmony export */ });
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6894);
/* harmony import */ var _core_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4146);
/**
 * metrics: command — the user's analysis-command, run in bash like a `run:` step when a window ends.
 * It gets the window and the new pool in its environment (never in the command text), exits 0 for pass
 * and non-zero for fail, and may print its numbers as `requests=N`, `errors=N`, `error-rate=P`
 * (percent), `response-ms=M` lines; printed numbers are judged against the thresholds too.
 */


const TIMEOUT_MS = 120_000;
function analysisEnv(s, startMs, endMs) {
    return {
        APP: s.app,
        ENVIRONMENT: s.environment,
        VERSION: s.version,
        STABLE_VERSION: s.stableVersion ?? '',
        SHARE: String(s.share),
        // baseline: true: the command runs for the canary and for its baseline (a fresh pool of STABLE_VERSION) over the same window.
        ROLE: s.role ?? 'canary',
        TARGETS: s.targets.map(_core_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatAddress */ .M0).join(' '),
        TARGET_URLS: s.targets.map((t) => `http://${(0,_core_model_js__WEBPACK_IMPORTED_MODULE_1__/* .formatAddress */ .M0)(t)}`).join(' '),
        SERVERS: s.servers.join(' '),
        BACKEND: s.backend ?? '',
        WINDOW_START: String(Math.floor(startMs / 1000)),
        WINDOW_END: String(Math.ceil(endMs / 1000)),
        WINDOW_SECONDS: String(Math.max(1, Math.round((endMs - startMs) / 1000))),
    };
}
const KEYS = { requests: 'requests', errors: 'errors', 'error-rate': 'errorRate', 'response-ms': 'responseMs' };
/** `key=number` lines of the command's stdout (the last one of each key wins). */
function parsePrintedNumbers(stdout) {
    const n = {};
    for (const line of stdout.split('\n')) {
        const m = /^\s*(requests|errors|error-rate|response-ms)\s*[=:]\s*(-?[\d.]+)\s*(%|ms)?\s*$/.exec(line);
        const v = m ? Number(m[2]) : NaN;
        if (m && Number.isFinite(v))
            n[KEYS[m[1]]] = v;
    }
    return n;
}
class CommandSource {
    command;
    run;
    now;
    kind = 'command';
    /** analysis-command-every-poll: run on every poll (a failure ends the window at once), else when the window ends. */
    continuous;
    constructor(command, run, now = Date.now, everyPoll = false) {
        this.command = command;
        this.run = run;
        this.now = now;
        this.continuous = everyPoll;
    }
    describe() {
        const first = this.command.split('\n')[0] ?? '';
        return `analysis command \`${first}${this.command.includes('\n') ? ' …' : ''}\``;
    }
    open(subject) {
        const start = this.now();
        return Promise.resolve({
            read: async () => {
                const r = await this.run(['bash', '-e', '-o', 'pipefail', '-c', this.command], {
                    env: analysisEnv(subject, start, this.now()),
                    allowFailure: true,
                    timeoutMs: TIMEOUT_MS,
                });
                const output = (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .lastLines */ .w$)([r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n'), 20);
                return {
                    numbers: parsePrintedNumbers(r.stdout),
                    says: r.exitCode === 0 && !r.timedOut ? 'pass' : 'fail',
                    output: r.timedOut ? `(timed out after ${TIMEOUT_MS / 1000}s)\n${output}` : output,
                };
            },
        });
    }
}


/***/ })

};

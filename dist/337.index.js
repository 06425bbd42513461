export const id = 337;
export const ids = [337];
export const modules = {

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(235);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _config_read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2000);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6894);
/* harmony import */ var _support_step_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9217);
/**
 * The post step: log out of every registry this run logged in to, unless `logout: false` keeps the
 * credentials for later steps (docker/login-action's default and input). On a self-hosted runner the
 * docker config outlives the job; a registry token left there is usable by the next job on the machine.
 *
 * Through the one exec boundary (src/support/exec.ts): the environment of a `run:` step, and a timeout, so a
 * hung credential helper cannot hold the job.
 */





/** One `docker logout` (a credential helper may ask a keychain): killed after this long. */
const LOGOUT_TIMEOUT_MS = 60_000;
/** `get`: where inputs come from (the runner's INPUT_* variables; the command line's flags). */
async function post(get) {
    const servers = (0,_support_step_state_js__WEBPACK_IMPORTED_MODULE_3__/* .loggedIn */ .e)();
    if (servers.length === 0)
        return;
    const names = servers.map((s) => s || 'Docker Hub').join(', ');
    if (!(0,_config_read_js__WEBPACK_IMPORTED_MODULE_1__/* .readInput */ .R5)('logout', get)) {
        _actions_core__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq(`logout: false, so the credentials for ${names} stay in the runner's docker config.`);
        return;
    }
    for (const server of servers) {
        const r = await (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .run */ .eF)(['docker', 'logout', ...(server ? [server] : [])], { allowFailure: true, timeoutMs: LOGOUT_TIMEOUT_MS }).catch((e) => ({ exitCode: -1, stdout: '', stderr: (0,_support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e), timedOut: false }));
        if (r.exitCode === 0)
            _actions_core__WEBPACK_IMPORTED_MODULE_4__/* .info */ .pq(`Logged out of ${server || 'Docker Hub'}.`);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_4__/* .warning */ .$e(`Could not log out of ${server || 'Docker Hub'}: ${r.timedOut ? `no answer within ${LOGOUT_TIMEOUT_MS / 1000}s` : (r.stderr || r.stdout).trim()}`);
    }
}


/***/ }),

/***/ 9217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ loggedIn),
/* harmony export */   h: () => (/* binding */ recordLogin)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(235);
/**
 * What the main step leaves for the post step (action.yml `post:`, dist/post.js), through the runner's step
 * state (GITHUB_STATE, read back as STATE_* variables): the registries the run logged in to. The post step
 * knows it is one by its entry (src/index.ts), so a run that logs in nowhere writes no state.
 */

const LOGINS = 'registry-logins';
/** Registries logged in to by this run ('' is Docker Hub, `docker login` without a server). */
function loggedIn() {
    const raw = (0,_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu)(LOGINS);
    if (!raw)
        return [];
    const parsed = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((s) => typeof s === 'string') : [];
}
function recordLogin(server) {
    const all = new Set(loggedIn());
    all.add(server ?? '');
    // getState reads STATE_* (set by the runner for the post step only): keep our own copy for this run.
    process.env[`STATE_${LOGINS}`] = JSON.stringify([...all]);
    (0,_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(LOGINS, JSON.stringify([...all]));
}


/***/ })

};

export const id = 563;
export const ids = [563];
export const modules = {

/***/ 2563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  start: () => (/* binding */ start)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 3 modules
var core = __webpack_require__(235);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/summary.js
var summary = __webpack_require__(1170);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/config/read.ts
var read = __webpack_require__(2000);
// EXTERNAL MODULE: ./src/support/interrupt.ts
var interrupt = __webpack_require__(7508);
// EXTERNAL MODULE: ./src/support/secrets.ts
var secrets = __webpack_require__(1442);
;// CONCATENATED MODULE: ./src/support/log.ts
/**
 * Logging through the runner's commands (@actions/core), behind a small interface that tests can replace.
 * Every message is redacted here: the runner masks registered secrets too, but only the ones it was told.
 */


const actionsLog = {
    info: (m) => core/* info */.pq((0,secrets/* redact */.E$)(m)),
    warning: (m, title) => core/* warning */.$e((0,secrets/* redact */.E$)(m), title ? { title } : {}),
    error: (m, title) => core/* error */.z3((0,secrets/* redact */.E$)(m), title ? { title } : {}),
    group: (name, fn) => core/* group */.Os((0,secrets/* redact */.E$)(name), fn),
    debug: core/* isDebug */._o() ? (m) => core/* debug */.Yz((0,secrets/* redact */.E$)(m)) : undefined,
};

// EXTERNAL MODULE: ./src/github/summary.ts
var github_summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/support/step-state.ts
var step_state = __webpack_require__(9217);
;// CONCATENATED MODULE: ./src/action/main.ts
/**
 * The action: read inputs -> run a command -> outputs and job summary. run() is called by src/index.ts
 * (the bundle's entry), and by @github/local-action, which imports this module and calls run().
 */









async function run() {
    (0,step_state/* markMainStarted */.UM)();
    (0,interrupt/* installInterruptHandlers */.cE)((m) => core/* warning */.$e(m), exec/* killRunning */.wp);
    // Keep the event loop alive until the run is over. Some waits hold no handle of their own: on Node 20,
    // a fetch to a port that accepted the connection but does not answer yet waits only on an unref'd
    // AbortSignal timer, and Node would exit with code 13 (unsettled top-level await) in the middle.
    const alive = setInterval(() => undefined, 60_000);
    let report = new github_summary/* Report */.pl('immutable-deploy');
    try {
        const cfg = (0,read/* readConfig */.Xg)();
        report = new github_summary/* Report */.pl(`immutable-deploy: ${title(cfg.command, cfg.app, cfg.environment)}`);
        // The command's wiring (engines, platforms, routers) loads once the inputs are read: a run that fails on
        // its inputs, and the start of every run, compile none of it.
        const { execute } = await __webpack_require__.e(/* import() */ 674).then(__webpack_require__.bind(__webpack_require__, 7674));
        await execute(cfg, report, actionsLog);
    }
    catch (err) {
        const message = (0,errors/* errorMessage */.gJ)(err);
        report.section(`### Failed\n\n${(0,github_summary/* codeBlock */.DV)(message)}`);
        core/* setFailed */.C1((0,secrets/* redact */.E$)(message));
    }
    finally {
        clearInterval(alive);
        for (const [name, value] of Object.entries(report.outputs))
            core/* setOutput */.uH(name, value);
        if (process.env.GITHUB_STEP_SUMMARY) {
            try {
                await summary/* summary */.z.addRaw(report.markdown()).write();
            }
            catch (err) {
                core/* warning */.$e((0,secrets/* redact */.E$)(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(err)}`));
            }
        }
    }
}
function title(command, app, environment) {
    switch (command) {
        case 'build':
            return `build ${app}`;
        case 'deploy':
            return `deploy ${app} to ${environment}`;
        case 'rollback':
            return `roll back ${app} in ${environment}`;
        case 'recycle':
            return `recycle ${app} in ${environment}`;
        case 'promote':
            return `promote the paused canary of ${app} in ${environment}`;
        case 'abort':
            return `abort the paused canary of ${app} in ${environment}`;
        case 'maintenance':
            return `maintenance of ${app} in ${environment}`;
        default:
            return `status of ${app} in ${environment}`;
    }
}

;// CONCATENATED MODULE: ./src/action/start.ts
/** The post step, or run(): loaded by src/index.ts once the compile cache is on. */


async function start() {
    if ((0,step_state/* isPost */.tl)()) {
        const { post } = await __webpack_require__.e(/* import() */ 718).then(__webpack_require__.bind(__webpack_require__, 7718));
        await post();
    }
    else {
        await run();
    }
}


/***/ }),

/***/ 9217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UM: () => (/* binding */ markMainStarted),
/* harmony export */   eY: () => (/* binding */ loggedIn),
/* harmony export */   hY: () => (/* binding */ recordLogin),
/* harmony export */   tl: () => (/* binding */ isPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(235);
/**
 * What the main step leaves for the post step (action.yml `post:`), through the runner's step state
 * (GITHUB_STATE, read back as STATE_* variables): whether this is the post run, and the registries the
 * run logged in to. The same bundle runs both (as docker/login-action does).
 */

const IS_POST = 'isPost';
const LOGINS = 'registry-logins';
function isPost() {
    return (0,_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu)(IS_POST) === 'true';
}
function markMainStarted() {
    (0,_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ)(IS_POST, 'true');
}
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

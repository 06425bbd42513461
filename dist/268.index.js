export const id = 268;
export const ids = [268];
export const modules = {

/***/ 268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
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
;// CONCATENATED MODULE: ./src/action/main.ts
/**
 * The action: read inputs -> run a command -> outputs and job summary. run() is called by src/index.ts
 * (the bundle's entry), and by @github/local-action, which imports this module and calls run().
 */








async function run() {
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


/***/ }),

/***/ 2935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   pl: () => (/* binding */ Report),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   wn: () => (/* binding */ commitLink),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* unused harmony exports duration, timelineSection, escapeCell */
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6894);

class Report {
    title;
    outputs = {};
    sections = [];
    phases = [];
    constructor(title) {
        this.title = title;
    }
    /** Time `fn` as a phase of the run's time line (recorded when it fails too: the time line shows how far it got). */
    async timed(name, fn) {
        const start = Date.now();
        try {
            return await fn();
        }
        finally {
            this.phases.push({ name, start, end: Date.now() });
        }
    }
    output(name, value) {
        this.outputs[name] = (0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(value);
    }
    section(markdown) {
        this.sections.push((0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(markdown));
    }
    /** The summary: the title, the run's time line (when it had phases), then the sections in the order they came. */
    markdown() {
        const timeline = this.phases.length > 0 ? [(0,_support_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(timelineSection(this.phases))] : [];
        return [`## ${this.title}`, ...timeline, ...this.sections].join('\n\n') + '\n';
    }
}
/** A duration for people: 850 ms, 12.3 s, 2 min 5 s. */
function duration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)} min ${s % 60} s`;
}
/**
 * The phases on a time line: a Mermaid gantt chart (GitHub renders it) and the same numbers as a table.
 * Times are offsets from the run's first phase (dateFormat x: milliseconds), so the axis reads mm:ss.
 */
function timelineSection(phases) {
    const t0 = Math.min(...phases.map((p) => p.start));
    const end = Math.max(...phases.map((p) => p.end));
    // Mermaid task names may not hold ":" or "#" (they end the name or start a comment).
    const name = (p) => `${p.name.replace(/[:#;]/g, ' ')} ${duration(p.end - p.start)}`;
    const chart = [
        '```mermaid',
        'gantt',
        `  title ${duration(end - t0)} in all`,
        '  dateFormat x',
        '  axisFormat %M:%S',
        ...phases.map((p, i) => `  ${name(p)} :p${i}, ${p.start - t0}, ${Math.max(p.end - t0, p.start - t0 + 1)}`),
        '```',
    ].join('\n');
    return `### Time line\n\n${chart}\n\n${table(['phase', 'started at', 'took'], phases.map((p) => [p.name, `+${duration(p.start - t0)}`, duration(p.end - p.start)]))}`;
}
/** Detail folded away (GitHub shows the summary line; a click opens it). */
function details(summary, markdown) {
    return `<details>\n<summary>${summary}</summary>\n\n${markdown}\n\n</details>`;
}
function escapeCell(s) {
    return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function table(header, rows) {
    const line = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
function codeBlock(text) {
    return '```\n' + text.replace(/```/g, "'''") + '\n```';
}
/** A commit as a markdown link to it on GitHub (plain short sha outside Actions). */
function commitLink(ctx, sha) {
    if (!sha)
        return 'unknown';
    return ctx.repository ? `[${sha.slice(0, 7)}](${ctx.serverUrl}/${ctx.repository}/commit/${sha})` : sha.slice(0, 7);
}


/***/ }),

/***/ 7508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cE: () => (/* binding */ installInterruptHandlers),
/* harmony export */   nA: () => (/* binding */ onInterrupt)
/* harmony export */ });
/* unused harmony export CLEANUP_ORDER */
/** The order an interrupt runs tasks in: traffic away first, then the pools, the lock last. */
const CLEANUP_ORDER = ['route', 'instances', 'lock'];
const tasks = new Set();
let installed = false;
let interrupted = false;
/** Run `task` if the process is interrupted; call the returned function once it is no longer needed. */
function onInterrupt(task, kind) {
    const entry = { task, kind };
    tasks.add(entry);
    return () => {
        tasks.delete(entry);
    };
}
/** The registered tasks in the order an interrupt runs them: by kind (CLEANUP_ORDER), newest first within one. */
function pending() {
    const newestFirst = [...tasks].reverse();
    return CLEANUP_ORDER.flatMap((kind) => newestFirst.filter((e) => e.kind === kind).map((e) => e.task));
}
function installInterruptHandlers(warn, beforeTasks) {
    if (installed)
        return;
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
            if (interrupted)
                return;
            interrupted = true;
            warn(`Received ${signal} (run cancelled?): releasing what this run holds before stopping.`);
            beforeTasks();
            const ordered = pending();
            void (async () => {
                for (const task of ordered)
                    await task().catch(() => undefined);
                process.exit(signal === 'SIGINT' ? 130 : 143);
            })();
            // Never hang on cleanup: the runner kills us a few seconds after the signal anyway.
            setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 5000).unref();
        });
    }
}


/***/ })

};

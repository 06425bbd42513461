export const id = 783;
export const ids = [783];
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

/***/ 3451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ readOptional),
/* harmony export */   v: () => (/* binding */ writeAtomic)
/* harmony export */ });
/* harmony import */ var _support_ids_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9277);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/** Reading and atomically replacing small files the routers own. */



/** The file's text, or undefined when it does not exist. */
async function readOptional(path) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** Write a temp file in the same directory, then rename it over the target (readers see old or new, never half). */
async function writeAtomic(path, text) {
    const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)}.${process.pid}.${(0,_support_ids_js__WEBPACK_IMPORTED_MODULE_2__/* .randomHex */ .n)(4)}.tmp`);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(tmp, text, { mode: 0o644 });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(tmp, path);
    }
    catch (e) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.unlink)(tmp).catch(() => undefined);
        throw new Error(`Could not write ${path}: ${e.message}. The runner needs write access to that directory.`, {
            cause: e,
        });
    }
}


/***/ }),

/***/ 7783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NginxRouter: () => (/* binding */ NginxRouter)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/support/failpoint.ts
var failpoint = __webpack_require__(4845);
// EXTERNAL MODULE: ./src/core/routing.ts
var routing = __webpack_require__(3441);
// EXTERNAL MODULE: ./src/core/model.ts
var model = __webpack_require__(4146);
;// CONCATENATED MODULE: ./src/routers/nginx/processes.ts
/**
 * Knowing when `nginx -s reload` has taken effect. The signal returns at once; the master then starts
 * new workers with the new config and tells the old ones to stop. An old worker renames itself
 * "nginx: worker process is shutting down" in the same step in which it closes its listening sockets,
 * so once no worker of the master still has the old plain title and a new worker runs, every new
 * connection is accepted by a worker with the new config. Pure helpers over /proc text.
 */
/** ppid from the text of /proc/<pid>/stat (the command name in parentheses may hold spaces or ')'). */
function parseStatPpid(stat) {
    const close = stat.lastIndexOf(')');
    if (close < 0)
        return undefined;
    const fields = stat.slice(close + 2).split(' ');
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
}
/** Start time in clock ticks after boot, from the text of /proc/<pid>/stat. */
function parseStatStart(stat) {
    const close = stat.lastIndexOf(')');
    if (close < 0)
        return undefined;
    const ticks = Number(stat.slice(close + 2).split(' ')[19]);
    return Number.isInteger(ticks) ? ticks : undefined;
}
/**
 * Whether the upstream file was written after nginx last loaded its config: its modification time is
 * later than the start of the newest active worker of the master (workers start right after the master
 * has read the config). `slackMs` absorbs the clocks' granularity; two flips are never that close.
 */
function writtenAfterLoad(fileMtimeMs, workerStartsMs, slackMs = 1000) {
    if (workerStartsMs.length === 0)
        return false;
    return fileMtimeMs > Math.max(...workerStartsMs) + slackMs;
}
/** /proc/<pid>/cmdline (NUL-separated) as one readable title. */
function parseCmdline(raw) {
    return raw.replace(/\0+$/, '').split('\0').join(' ').trim();
}
function isActiveWorker(p) {
    return /^nginx: worker process$/.test(p.title);
}
function isMaster(p) {
    return /^nginx: master process\b/.test(p.title);
}
/** Active (not shutting down) workers of `master`. */
function activeWorkers(procs, master) {
    return procs.filter((p) => p.ppid === master && isActiveWorker(p)).map((p) => p.pid);
}
/**
 * The reload took effect when at least one active worker runs and none of the active workers existed
 * before the signal (old ones have closed their listeners and are only finishing requests).
 */
function reloadDone(procs, master, before) {
    const now = activeWorkers(procs, master);
    return now.length > 0 && now.every((pid) => !before.has(pid));
}
/** The pid in an nginx pid file, or undefined. */
function parsePidFile(text) {
    const t = text.trim();
    return /^\d+$/.test(t) ? Number(t) : undefined;
}

// EXTERNAL MODULE: ./src/routers/nginx/atomic-file.ts
var atomic_file = __webpack_require__(3451);
;// CONCATENATED MODULE: ./src/routers/nginx/upstream.ts

const MANAGED_HEADER = '# Managed by immutable-deploy: this file is rewritten on every flip; edits are lost.';
/**
 * One `server` line per address of the pool. `servingBefore`: what nginx served when the file was written,
 * so that after a run killed before the reload, the next run knows what nginx still serves.
 */
function renderUpstream(name, targets, version, servingBefore = []) {
    return [
        MANAGED_HEADER,
        ...(version ? [`# version: ${version.replace(/[\r\n]/g, ' ')}`] : []),
        ...(servingBefore.length ? [`# serving-before: ${servingBefore.map(model/* formatAddress */.M0).join(' ')}`] : []),
        `upstream ${name} {`,
        ...targets.map((t) => `    server ${(0,model/* formatAddress */.M0)(t)};`),
        '}',
        '',
    ].join('\n');
}
/** Remove `#` comments (nginx has no quoted `#` in the parts we read). */
function stripComments(text) {
    return text
        .split('\n')
        .map((l) => l.replace(/#.*$/, ''))
        .join('\n');
}
/**
 * The servers of `upstream <name> { ... }` in `text`, in order.
 * [] when the file is empty, has no such block or the block has no usable server
 * (only `down` or `backup` servers, such as the placeholder `server 127.0.0.1:1 down;`).
 * Throws when a server is not a host:port the router can report.
 */
function parseUpstream(text, name) {
    const body = stripComments(text);
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const block = new RegExp(`(?:^|[\\s;}])upstream\\s+${escaped}\\s*\\{([^}]*)\\}`).exec(body);
    if (!block)
        return [];
    const out = [];
    for (const stmt of block[1].split(';')) {
        const words = stmt.trim().split(/\s+/);
        if (words[0] !== 'server' || !words[1])
            continue;
        if (words.slice(2).includes('down') || words.slice(2).includes('backup'))
            continue;
        const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(words[1]);
        if (!m)
            throw new Error(`server address ${JSON.stringify(words[1])} in upstream "${name}" is not host:port`);
        out.push({ host: (m[1] ?? m[2]), port: Number(m[3]) });
    }
    return out;
}
/** The addresses of the `# serving-before:` line of a file the router wrote ([] when there is none). */
function parseServingBefore(text) {
    const line = /^# serving-before: (.*)$/m.exec(text)?.[1] ?? '';
    return line
        .split(/\s+/)
        .map((w) => /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(w))
        .flatMap((m) => (m ? [{ host: (m[1] ?? m[2]), port: Number(m[3]) }] : []));
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/routers/nginx/index.ts
/**
 * router: nginx. Owns one file holding `upstream <name> { server host:port; ... }` (one server line per
 * instance of the pool), included from nginx's config.
 * flip: write the file atomically, validate with the test command, reload, and wait until nginx's workers
 * run the new config. Any failure puts the previous file back, so nginx never keeps a broken config.
 */









/** Linux's USER_HZ: /proc/<pid>/stat counts start times in these ticks. */
const CLOCK_TICKS_PER_SEC = 100;
const RELOAD_WAIT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 60_000;
class NginxRouter {
    cfg;
    deps;
    opts;
    kind = 'nginx';
    weighted = false;
    unweightedBecause = 'nginx in reload mode writes one upstream of one pool; canary steps on nginx need nginx-routes-file (the njs mode, see docs/routers.md)';
    constructor(cfg, deps, opts = {}) {
        this.cfg = cfg;
        this.deps = deps;
        this.opts = opts;
    }
    describe() {
        return `nginx upstream "${this.cfg.upstreamName}" in ${this.cfg.upstreamFile}`;
    }
    async current() {
        const { serving } = await this.fileState();
        return serving.length ? (0,routing/* allTo */.jT)(serving) : [];
    }
    async divergence() {
        const s = await this.fileState();
        if (!s.unapplied)
            return [];
        const at = (a) => (a.length ? a.map(model/* formatAddress */.M0).join(', ') : 'nothing');
        return [
            {
                addresses: s.written,
                problem: `${this.cfg.upstreamFile} points at ${at(s.written)}, but nginx has not loaded it: the file was written after nginx's last ` +
                    `reload (a run killed in the middle of a flip?), so nginx still serves ${at(s.serving)} and its next reload would switch to ${at(s.written)}.`,
            },
        ];
    }
    async fileState() {
        const text = await (0,atomic_file/* readOptional */.T)(this.cfg.upstreamFile);
        if (text === undefined || text.trim() === '')
            return { written: [], unapplied: false, serving: [] };
        const written = this.parse(text);
        const mtime = (await (0,promises_.stat)(this.cfg.upstreamFile)).mtimeMs;
        const unapplied = writtenAfterLoad(mtime, await this.workerStarts());
        return { written, unapplied, serving: unapplied ? parseServingBefore(text) : written };
    }
    /** Wall-clock start times (ms) of the master's active workers; [] when the master is not found. */
    async workerStarts() {
        let master;
        try {
            master = await this.findMaster();
        }
        catch {
            return [];
        }
        if (master === undefined)
            return [];
        const uptime = Number((await (0,atomic_file/* readOptional */.T)((0,external_node_path_.join)(this.opts.procRoot ?? '/proc', 'uptime')))?.split(' ')[0]);
        if (!Number.isFinite(uptime))
            return [];
        const bootMs = Date.now() - uptime * 1000;
        const procs = await this.processes();
        const workers = new Set(activeWorkers(procs, master));
        return procs
            .filter((p) => workers.has(p.pid) && p.startTicks !== undefined)
            .map((p) => bootMs + (p.startTicks * 1000) / CLOCK_TICKS_PER_SEC);
    }
    parse(text) {
        try {
            return parseUpstream(text, this.cfg.upstreamName);
        }
        catch (e) {
            throw new Error(`Could not read the live target from ${this.cfg.upstreamFile}: ${e.message}. ` +
                `The file is owned by the action; let it write \`upstream ${this.cfg.upstreamName} { server host:port; }\` there.`, { cause: e });
        }
    }
    async shift(to) {
        const group = (0,routing/* singleGroup */._k)(this.kind, to);
        const file = this.cfg.upstreamFile;
        const previous = await (0,atomic_file/* readOptional */.T)(file);
        const previousTimes = previous === undefined ? undefined : await (0,promises_.stat)(file);
        const serving = previous === undefined ? [] : (await this.fileState()).serving;
        const master = await this.findMaster();
        const next = renderUpstream(this.cfg.upstreamName, group.addresses, group.version, serving);
        const what = `${group.addresses.map(model/* formatAddress */.M0).join(', ')}${group.version ? ` for version ${group.version}` : ''}`;
        await (0,atomic_file/* writeAtomic */.v)(file, next);
        (0,failpoint/* failpoint */.Z)('nginx-after-write');
        const restore = () => this.restore(previous, previousTimes);
        const test = await this.exec(this.cfg.testCommand);
        if (test.exitCode !== 0) {
            await restore();
            throw new Error(`nginx rejected the new upstream (${what}): ` +
                `${(0,exec/* formatArgv */.gL)(this.cfg.testCommand)} ${why(test)}.\n${output(test)}\n` +
                `${file} was restored and nginx was not reloaded, so it still serves the previous target. ` +
                `Fix the nginx configuration (or nginx-test-command) so that the test passes, then re-run.`);
        }
        const before = master ? new Set(activeWorkers(await this.processes(), master)) : new Set();
        const reload = await this.exec(this.cfg.reloadCommand);
        if (reload.exitCode !== 0) {
            await restore();
            throw new Error(`Reloading nginx failed: ${(0,exec/* formatArgv */.gL)(this.cfg.reloadCommand)} ${why(reload)}.\n${output(reload)}\n` +
                `${file} was restored to the previous target. Check that nginx is running and that nginx-reload-command ` +
                `can signal it (pid file, permissions), then re-run.`);
        }
        if (master === undefined) {
            this.deps.log.warning(`Could not find the nginx master process${this.cfg.pidFile ? '' : ' (set nginx-pid-file)'}, so the action cannot ` +
                `confirm when the reload has taken effect; waiting 2 seconds instead.`, 'nginx reload not confirmed');
            await (0,external_node_timers_promises_.setTimeout)(2000);
            return;
        }
        const waitMs = this.opts.reloadWaitMs ?? RELOAD_WAIT_MS;
        const deadline = Date.now() + waitMs;
        for (;;) {
            const procs = await this.processes();
            if (reloadDone(procs, master, before))
                return;
            if (!procs.some((p) => p.pid === master)) {
                await restore();
                throw new Error(`The nginx master process ${master} exited during the reload. ${file} was restored; start nginx and re-run.`);
            }
            if (Date.now() > deadline) {
                await restore();
                await this.exec(this.cfg.reloadCommand);
                throw new Error(`nginx did not start new worker processes within ${waitMs / 1000}s ` +
                    `after ${(0,exec/* formatArgv */.gL)(this.cfg.reloadCommand)} (master pid ${master}); it probably rejected the new configuration. ` +
                    `${file} was restored and nginx reloaded again. Look at nginx's error log for the reason.`);
            }
            await (0,external_node_timers_promises_.setTimeout)(25);
        }
    }
    async exec(argv) {
        return this.deps.run(argv, { allowFailure: true, timeoutMs: COMMAND_TIMEOUT_MS });
    }
    /** The previous file back, with its modification time (so that it still reads as the config nginx loaded). */
    async restore(previous, times) {
        if (previous === undefined)
            await (0,promises_.unlink)(this.cfg.upstreamFile).catch(() => undefined);
        else {
            await (0,atomic_file/* writeAtomic */.v)(this.cfg.upstreamFile, previous);
            if (times)
                await (0,promises_.utimes)(this.cfg.upstreamFile, times.atime, times.mtime).catch(() => undefined);
        }
    }
    /** The master pid: from nginx-pid-file when given, else the only nginx master on this machine. */
    async findMaster() {
        if (this.cfg.pidFile) {
            const text = await (0,atomic_file/* readOptional */.T)(this.cfg.pidFile);
            const pid = text === undefined ? undefined : parsePidFile(text);
            if (pid === undefined) {
                throw new Error(`The nginx pid file ${this.cfg.pidFile} ${text === undefined ? 'does not exist' : 'does not hold a pid'}. ` +
                    `Is nginx running? Set nginx-pid-file to the path of nginx's \`pid\` directive.`);
            }
            return pid;
        }
        const masters = (await this.processes()).filter(isMaster);
        return masters.length === 1 ? masters[0]?.pid : undefined;
    }
    async processes() {
        const root = this.opts.procRoot ?? '/proc';
        let names;
        try {
            names = await (0,promises_.readdir)(root);
        }
        catch {
            return [];
        }
        const out = [];
        await Promise.all(names
            .filter((n) => /^\d+$/.test(n))
            .map(async (n) => {
            try {
                const cmdline = parseCmdline(await (0,promises_.readFile)((0,external_node_path_.join)(root, n, 'cmdline'), 'utf8'));
                if (!cmdline.startsWith('nginx'))
                    return;
                const stat = await (0,promises_.readFile)((0,external_node_path_.join)(root, n, 'stat'), 'utf8');
                const ppid = parseStatPpid(stat);
                if (ppid !== undefined)
                    out.push({ pid: Number(n), ppid, title: cmdline, startTicks: parseStatStart(stat) });
            }
            catch {
                // the process exited while we looked
            }
        }));
        return out;
    }
}
function why(r) {
    return r.timedOut ? 'timed out' : `failed with exit code ${r.exitCode}`;
}
function output(r) {
    return (0,exec/* lastLines */.w$)([r.stderr.trim(), r.stdout.trim()].filter(Boolean).join('\n'), 20) || '(no output)';
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

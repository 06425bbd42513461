export const id = 538;
export const ids = [538,500,218];
export const modules = {

/***/ 4500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  build: () => (/* binding */ build),
  loginIfConfigured: () => (/* binding */ loginIfConfigured),
  pushImmutably: () => (/* binding */ pushImmutably),
  reportBuild: () => (/* binding */ reportBuild)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/drivers/docker/argv.ts
var docker_argv = __webpack_require__(9616);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
// EXTERNAL MODULE: ./src/github/context.ts + 1 modules
var context = __webpack_require__(2309);
// EXTERNAL MODULE: ./src/core/labels.ts
var core_labels = __webpack_require__(6236);
// EXTERNAL MODULE: ./src/build/tags.ts
var tags = __webpack_require__(6587);
;// CONCATENATED MODULE: ./src/build/metadata.ts




function defaultVersion(sha) {
    return `sha-${sha.slice(0, 7)}`;
}
function buildMetadata(input, ctx) {
    const version = input.version ?? defaultVersion(ctx.sha);
    const tagNames = [version];
    for (const tag of (0,tags/* evalTagRules */.KI)(input.tagRules, ctx))
        if (!tagNames.includes(tag))
            tagNames.push(tag);
    const source = ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : '';
    const oci = 'org.opencontainers.image';
    const labels = {
        [`${oci}.title`]: input.app,
        [`${oci}.description`]: ctx.description ?? '',
        [`${oci}.url`]: ctx.homepage ?? source,
        [`${oci}.source`]: source,
        [`${oci}.version`]: version,
        [`${oci}.created`]: input.created,
        [`${oci}.revision`]: ctx.sha,
        [`${oci}.licenses`]: ctx.license ?? '',
        [`${core_labels/* LABEL_PREFIX */.A}.app`]: input.app,
        [`${core_labels/* LABEL_PREFIX */.A}.ref`]: ctx.ref,
        [`${core_labels/* LABEL_PREFIX */.A}.run-url`]: (0,context/* runUrl */.Vp)(ctx),
        [`${core_labels/* LABEL_PREFIX */.A}.actor`]: ctx.actor,
        [`${core_labels/* LABEL_PREFIX */.A}.workflow`]: ctx.workflow,
    };
    for (const [k, v] of Object.entries(labels))
        if (v === '')
            delete labels[k];
    Object.assign(labels, input.extraLabels);
    return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

// EXTERNAL MODULE: ./src/policy/check.ts
var check = __webpack_require__(8218);
// EXTERNAL MODULE: ./src/support/step-state.ts
var step_state = __webpack_require__(9217);
;// CONCATENATED MODULE: ./src/build/index.ts
/** The build phase: commit metadata -> an image with tags and labels, optionally pushed without moving a version tag. */










/** Log in to the registry when credentials are given (password on stdin, masked); the post step logs out. */
async function loginIfConfigured(cfg, docker, log) {
    const { username, password, server } = cfg.registry;
    if (username && password) {
        await log.group(`Log in to ${server ?? 'the registry'}`, () => docker.login(server, username, password));
        // The post step logs out again (unless logout: false).
        (0,step_state/* recordLogin */.hY)(server);
    }
    else if (username || password) {
        throw new errors/* DeployError */.sH('registry-username and registry-password go together: one of them is empty.', 'Set both (the password from a secret), or neither to use the credentials already on the runner.');
    }
}
/** Packer builds the image; the stamp context turns it into the version's image (same layers, our tags and labels). */
async function packerImage(cfg, packer, meta, ctx, log, dir) {
    const { packerBuild, stampContext } = await __webpack_require__.e(/* import() */ 362).then(__webpack_require__.bind(__webpack_require__, 7124));
    const id = await packerBuild(packer, cfg.build.context, {
        app: cfg.app,
        image: cfg.image,
        version: meta.version,
        revision: ctx.sha,
        created: meta.labels['org.opencontainers.image.created'] ?? '',
        labels: meta.labels,
    }, log);
    log.info(`Packer built ${id}: stamping it as ${meta.tags.join(', ')}`);
    return stampContext(dir, id);
}
async function build(cfg, ctx, docker, log, report, now = new Date()) {
    const meta = buildMetadata({
        app: cfg.app,
        image: cfg.image,
        version: cfg.version,
        tagRules: cfg.build.tagRules,
        extraLabels: cfg.build.extraLabels,
        created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }, ctx);
    log.info(`Version ${meta.version} from commit ${ctx.sha.slice(0, 12)} (${ctx.ref || 'no ref'})`);
    if (ctx.provenanceWarning) {
        log.warning(ctx.provenanceWarning, 'Built commit differs from the event');
        report.section(`> [!WARNING]\n> ${ctx.provenanceWarning}`);
    }
    await loginIfConfigured(cfg, docker, log);
    const buildx = await docker.hasBuildx();
    if (cfg.build.secrets.length > 0 && !buildx)
        throw new errors/* DeployError */.sH('build-secrets need BuildKit, but "docker buildx" is not installed on this runner.', 'Add docker/setup-buildx-action before this step, or remove build-secrets.');
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'immutable-deploy-'));
    let imageId;
    try {
        const iidFile = (0,external_node_path_.join)(dir, 'iid');
        // builder: packer — the template builds the image; the docker build below only stamps it (FROM <id>, tags, labels).
        const source = cfg.build.packer
            ? { ...(await packerImage(cfg, cfg.build.packer, meta, ctx, log, dir)), buildArgs: {}, secrets: [], target: undefined }
            : {};
        const argv = (0,docker_argv/* buildArgv */.v$)({ ...cfg.build, ...source, tags: meta.tags, labels: meta.labels, iidFile, buildx });
        const r = await log.group(`Build ${meta.tags[0]}`, () => (0,exec/* run */.eF)(argv, { echo: true, allowFailure: true, env: buildx ? {} : { DOCKER_BUILDKIT: '0' } }));
        if (r.exitCode !== 0) {
            const why = (0,exec/* lastLines */.w$)((r.stderr.trim() || r.stdout.trim()).replace(/^DEPRECATED:[\s\S]*?environment-variable\.\n*/m, ''), 12);
            throw new errors/* DeployError */.sH(`The image build failed (${buildx ? 'docker buildx build' : 'docker build'} exited with ${r.exitCode}) for ${meta.tags[0]} from ${cfg.build.context}:\n${why}`, 'The full build log is in the "Build" group above. Nothing was deployed.');
        }
        imageId = (0,external_node_fs_.readFileSync)(iidFile, 'utf8').trim();
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
    // The image policy looks at what was built before it goes anywhere (pushed, or started).
    await (0,check.policyGate)(cfg.policy, docker, imageId, meta.version, log, report);
    if (!cfg.build.push) {
        return { ...meta, image: cfg.image, digest: imageId, imageId, pushed: false };
    }
    const pushed = await log.group(`Push ${cfg.image}`, () => pushImmutably(meta, imageId, ctx.sha, docker, log));
    return { ...meta, image: cfg.image, digest: pushed.digest, imageId: pushed.imageId, pushed: true };
}
/**
 * Push every tag, but never move the version tag. When the registry already has it:
 * - the same bytes: nothing to push;
 * - an image built from the same commit (a re-run: labels such as the run URL differ): that image
 *   stays the version; it is pulled by digest and our tags point at it, so the version keeps one digest;
 * - anything else: fail, the tag is not moved.
 */
async function pushImmutably(meta, imageId, revision, docker, log) {
    const [versionRef, ...otherRefs] = meta.tags;
    const repo = versionRef.slice(0, versionRef.lastIndexOf(':'));
    const existing = await docker.remoteManifest(versionRef);
    let finalId = imageId;
    if (existing && existing.configDigest !== imageId) {
        const pinned = `${repo}@${existing.digest}`;
        await docker.pull(pinned);
        const theirs = await docker.inspectImage(pinned);
        const theirRevision = theirs?.Config.Labels?.['org.opencontainers.image.revision'];
        if (!theirs || theirRevision !== revision) {
            throw new errors/* DeployError */.sH(`${versionRef} already exists in the registry as ${existing.digest}, built from ${theirRevision ? `commit ${theirRevision}` : 'another source'}, not from ${revision}. Version tags are never moved.`, 'Deploy the existing version as it is, or build a new commit (or set a new "version").');
        }
        log.info(`${versionRef} was already built from commit ${revision.slice(0, 12)} (${existing.digest}): keeping that image as the version, not pushing a rebuild`);
        finalId = theirs.Id;
        for (const ref of meta.tags)
            await docker.tag(pinned, ref);
    }
    else if (existing) {
        log.info(`${versionRef} is already in the registry with the same content (${existing.digest}): not pushed again`);
    }
    else {
        await docker.push(versionRef);
    }
    for (const ref of otherRefs)
        await docker.push(ref);
    const pushed = existing ?? (await docker.remoteManifest(versionRef));
    if (!pushed)
        throw new errors/* DeployError */.sH(`${versionRef} was pushed but the registry does not list it`);
    return { digest: pushed.digest, imageId: finalId };
}
function reportBuild(b, ctx, report) {
    report.output('version', b.version);
    report.output('image', b.image);
    report.output('digest', b.digest);
    report.output('tags', b.tags.join('\n'));
    report.output('labels', Object.entries(b.labels).map(([k, v]) => `${k}=${v}`).join('\n'));
    const commit = (0,summary/* commitLink */.wn)(ctx, ctx.sha);
    report.section(`### Built ${b.version}\n\n` +
        (0,summary/* table */.tp)(['', ''], [
            ['Commit', commit],
            ['Image', `\`${b.image}\``],
            [b.pushed ? 'Digest' : 'Image id', `\`${b.digest}\``],
            ['Tags', b.tags.map((t) => `\`${t}\``).join('<br>')],
        ]));
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
            lastError = (0,_support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err);
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
                    log.warning(`Could not release the deploy lock ${store.describe}: ${(0,_support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(err)}. The next run takes it over once its lease ends ` +
                        `(${leaseMs / 1000}s after the last renewal), or remove it by hand (${store.removeHint}).`);
                }
            })();
            return releasing;
        },
    };
}


/***/ }),

/***/ 8218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPolicy: () => (/* binding */ checkPolicy),
/* harmony export */   policyGate: () => (/* binding */ policyGate),
/* harmony export */   policyImage: () => (/* binding */ policyImage)
/* harmony export */ });
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7700);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2935);
/* harmony import */ var _rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1821);



function policyImage(i) {
    return {
        user: i.Config.User ?? '',
        env: i.Config.Env ?? [],
        healthcheck: i.Config.Healthcheck?.Test ?? undefined,
        labels: i.Config.Labels ?? {},
        sizeBytes: i.Size ?? 0,
    };
}
/**
 * Checks `image` (inspected) of `version` against the policy. Warn mode logs failed rules as warnings;
 * enforce mode throws before anything starts. Does nothing without rules.
 */
function checkPolicy(policy, ref, version, image, log, report) {
    if (policy.rules.length === 0)
        return [];
    const results = (0,_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .evaluatePolicy */ .Uz)(policy.rules, policyImage(image), version);
    const failed = results.filter((r) => !r.ok);
    const verdict = failed.length === 0 ? 'passed' : policy.mode === 'enforce' ? 'FAILED (enforced: nothing was started)' : 'failed (warn only)';
    report.section(`### Image policy for ${version}: ${verdict}\n\n` +
        (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])));
    for (const r of results)
        log.info(`policy ${r.ok ? 'pass' : 'FAIL'}  ${r.rule}  (${r.detail})`);
    if (failed.length === 0)
        return results;
    const list = failed.map((r) => `${r.rule}: ${r.detail}`).join('; ');
    const what = `The image of ${version} (${ref.startsWith('sha256:') ? ref.slice(0, 19) : ref})`;
    if (policy.mode === 'warn') {
        log.warning(`${what} breaks ${failed.length} policy rule(s): ${list}. policy-mode is warn, so the run goes on.`, 'Image policy');
        return results;
    }
    throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`, 'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.');
}
/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
async function policyGate(policy, docker, ref, version, log, report) {
    if (policy.rules.length === 0)
        return;
    const image = await docker.inspectImage(ref);
    if (!image)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
    checkPolicy(policy, ref, version, image, log, report);
}


/***/ })

};

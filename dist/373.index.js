export const id = 373;
export const ids = [373,286,218];
export const modules = {

/***/ 6286:
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
// EXTERNAL MODULE: ./src/docker/argv.ts
var docker_argv = __webpack_require__(6708);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var exec = __webpack_require__(4981);
// EXTERNAL MODULE: ./src/report.ts
var src_report = __webpack_require__(665);
// EXTERNAL MODULE: ./src/context.ts
var context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/labels.ts
var src_labels = __webpack_require__(4584);
;// CONCATENATED MODULE: ./src/metadata.ts


class TagRuleError extends Error {
}
function defaultVersion(sha) {
    return `sha-${sha.slice(0, 7)}`;
}
/** Branch or PR ref -> a valid Docker tag piece (as metadata-action does: invalid characters become "-"). */
function sanitizeTag(s) {
    return s.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '').slice(0, 128);
}
function parseTagRule(line) {
    const attrs = {};
    for (const part of line.split(',')) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            throw new TagRuleError(`tag rule ${JSON.stringify(line)}: "${part}" is not key=value`);
        attrs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const type = attrs.type;
    if (!type || !['sha', 'ref', 'semver', 'raw'].includes(type))
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type must be one of sha, ref, semver, raw (for example type=ref,event=branch)`);
    if (type === 'ref' && !['branch', 'tag', 'pr'].includes(attrs.event ?? ''))
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=ref needs event=branch, event=tag or event=pr`);
    if (type === 'raw' && !attrs.value)
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=raw needs value=...`);
    if (type === 'semver' && !attrs.pattern)
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=semver needs pattern=..., e.g. pattern={{version}}`);
    if (attrs.enable !== undefined && !['true', 'false'].includes(attrs.enable))
        throw new TagRuleError(`tag rule ${JSON.stringify(line)}: enable must be true or false`);
    return { type, attrs };
}
const SEMVER_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
/** One rule -> the tag it yields for this context, or undefined when it does not apply. */
function evalTagRule(rule, ctx) {
    const { type, attrs } = rule;
    if (attrs.enable === 'false')
        return undefined;
    const prefix = attrs.prefix ?? '';
    const suffix = attrs.suffix ?? '';
    let value;
    switch (type) {
        case 'sha':
            value = attrs.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7);
            if (attrs.prefix === undefined)
                return `sha-${value}${suffix}`;
            break;
        case 'raw':
            value = attrs.value;
            break;
        case 'ref':
            if (attrs.event === 'branch' && ctx.ref.startsWith('refs/heads/'))
                value = sanitizeTag(ctx.ref.slice(11));
            else if (attrs.event === 'tag' && ctx.ref.startsWith('refs/tags/'))
                value = sanitizeTag(ctx.ref.slice(10));
            else if (attrs.event === 'pr' && ctx.prNumber !== undefined) {
                value = String(ctx.prNumber);
                if (attrs.prefix === undefined)
                    return `pr-${value}${suffix}`;
            }
            break;
        case 'semver': {
            const m = ctx.ref.startsWith('refs/tags/') ? SEMVER_RE.exec(ctx.ref.slice(10)) : null;
            if (!m)
                return undefined;
            const [, major, minor, patch, pre] = m;
            // Like metadata-action: a pre-release only yields the full {{version}}.
            if (pre && attrs.pattern !== '{{version}}')
                return undefined;
            value = attrs.pattern
                .replace(/\{\{\s*version\s*\}\}/g, `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`)
                .replace(/\{\{\s*major\s*\}\}/g, major)
                .replace(/\{\{\s*minor\s*\}\}/g, minor)
                .replace(/\{\{\s*patch\s*\}\}/g, patch);
            break;
        }
    }
    if (value === undefined || value === '')
        return undefined;
    return `${prefix}${value}${suffix}`;
}
function buildMetadata(input, ctx) {
    const version = input.version ?? defaultVersion(ctx.sha);
    const tagNames = [version];
    for (const line of input.tagRules) {
        const tag = evalTagRule(parseTagRule(line), ctx);
        if (tag === undefined)
            continue;
        if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
            throw new TagRuleError(`tag rule ${JSON.stringify(line)} gave "${tag}", which is not a valid Docker tag`);
        if (!tagNames.includes(tag))
            tagNames.push(tag);
    }
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
        [`${src_labels/* LABEL_PREFIX */.A}.app`]: input.app,
        [`${src_labels/* LABEL_PREFIX */.A}.ref`]: ctx.ref,
        [`${src_labels/* LABEL_PREFIX */.A}.run-url`]: (0,context/* runUrl */.Vp)(ctx),
        [`${src_labels/* LABEL_PREFIX */.A}.actor`]: ctx.actor,
        [`${src_labels/* LABEL_PREFIX */.A}.workflow`]: ctx.workflow,
    };
    for (const [k, v] of Object.entries(labels))
        if (v === '')
            delete labels[k];
    Object.assign(labels, input.extraLabels);
    return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

// EXTERNAL MODULE: ./src/policy/check.ts
var check = __webpack_require__(8218);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/build.ts
/** The build phase: commit metadata -> an image with tags and labels, optionally pushed without moving a version tag. */










/** Log in to the registry when credentials are given (password on stdin, masked); the post step logs out. */
async function loginIfConfigured(cfg, docker, log) {
    const { username, password, server } = cfg.registry;
    if (username && password) {
        await log.group(`Log in to ${server ?? 'the registry'}`, () => docker.login(server, username, password));
        // The post step logs out again (unless logout: false).
        (0,state/* recordLogin */.hY)(server);
    }
    else if (username || password) {
        throw new errors/* DeployError */.sH('registry-username and registry-password go together: one of them is empty.', 'Set both (the password from a secret), or neither to use the credentials already on the runner.');
    }
}
/** Packer builds the image; the stamp context turns it into the version's image (same layers, our tags and labels). */
async function packerImage(cfg, packer, meta, ctx, log, dir) {
    const { packerBuild, stampContext } = await __webpack_require__.e(/* import() */ 743).then(__webpack_require__.bind(__webpack_require__, 7124));
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
    const commit = (0,src_report/* commitLink */.wn)(ctx, ctx.sha);
    report.section(`### Built ${b.version}\n\n` +
        (0,src_report/* table */.tp)(['', ''], [
            ['Commit', commit],
            ['Image', `\`${b.image}\``],
            [b.pushed ? 'Digest' : 'Image id', `\`${b.digest}\``],
            ['Tags', b.tags.map((t) => `\`${t}\``).join('<br>')],
        ]));
}


/***/ }),

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LR: () => (/* binding */ poolAddresses),
/* harmony export */   M0: () => (/* binding */ formatAddress),
/* harmony export */   Xq: () => (/* binding */ instanceUrl),
/* harmony export */   xU: () => (/* binding */ sameAddress)
/* harmony export */ });
/**
 * The core model (see DESIGN.md "The core model"). From one container on one engine to pools on many
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
 *             lock (src/platform/types.ts). Release orchestration (src/release/) sees only Platform and
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

/***/ 8218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPolicy: () => (/* binding */ checkPolicy),
/* harmony export */   policyGate: () => (/* binding */ policyGate),
/* harmony export */   policyImage: () => (/* binding */ policyImage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(665);
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
        (0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .table */ .tp)(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])));
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`, 'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.');
}
/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
async function policyGate(policy, docker, ref, version, log, report) {
    if (policy.rules.length === 0)
        return;
    const image = await docker.inspectImage(ref);
    if (!image)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
    checkPolicy(policy, ref, version, image, log, report);
}


/***/ }),

/***/ 373:
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

// EXTERNAL MODULE: ./src/build.ts + 1 modules
var build = __webpack_require__(6286);
// EXTERNAL MODULE: ./src/context.ts
var context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/report.ts
var src_report = __webpack_require__(665);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/release/messages.ts
/** Errors the release commands share. */

function unknownVersion(image, version, restorable) {
    return new errors/* DeployError */.sH(`Version ${version} of ${image} is not on the target${restorable.length ? '' : ' and nothing can be restored'}.`, restorable.length
        ? `Versions that can be restored: ${restorable.join(', ')}.`
        : 'Deploy a version first (command: deploy).');
}

;// CONCATENATED MODULE: ./src/acceptance/http.ts
async function request(url, method = 'GET', timeoutMs = 5000) {
    const started = performance.now();
    const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const body = method === 'HEAD' ? '' : await res.text();
    return { status: res.status, body, ms: Math.round(performance.now() - started) };
}
function describeFetchError(err) {
    const e = err;
    if (e?.name === 'TimeoutError')
        return 'no answer in time';
    return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}

// EXTERNAL MODULE: ./src/interrupt.ts
var interrupt = __webpack_require__(8476);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/routers/types.ts
var types = __webpack_require__(7707);
;// CONCATENATED MODULE: ./src/release/plan.ts

const newestFirst = (a, b) => b.deployedAt.localeCompare(a.deployedAt);
const newest = (p) => p.instances.reduce((m, i) => (i.deployedAt > m ? i.deployedAt : m), '');
const newestPoolFirst = (a, b) => newest(b).localeCompare(newest(a));
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
 * The live pool is the one whose instances the router serves (the most of them, if the router serves
 * several pools). Without a router (router: none), it is the newest verified running pool.
 */
function classify(instances, routing, hasRouter) {
    const usable = pools(instances.filter((i) => i.verified && i.running));
    const debris = instances.filter((i) => !i.verified || !i.running);
    const addrs = (0,types/* served */.EZ)(routing);
    const routedCount = (p) => p.instances.filter((i) => addrs.some((a) => (0,model/* sameAddress */.xU)(a, i.address))).length;
    const live = hasRouter
        ? usable.filter((p) => routedCount(p) > 0).sort((a, b) => routedCount(b) - routedCount(a))[0]
        : usable[0];
    return { live, warm: usable.filter((p) => p !== live), debris };
}
/** Routed addresses that are no instance of the app (for a message). */
function strangers(instances, routing) {
    return (0,types/* served */.EZ)(routing)
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
    const candidates = pools(others.filter((i) => i.verified && i.running)).sort((a, b) => a.id === previous?.id ? -1 : b.id === previous?.id ? 1 : newestPoolFirst(a, b));
    const warm = [];
    const drain = [];
    const remove = others.filter((i) => !i.verified || !i.running);
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
/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
function planImagePrune(images, protect, keepImages) {
    const sorted = [...images].sort((a, b) => b.created.localeCompare(a.created));
    return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}

;// CONCATENATED MODULE: ./src/release/steps.ts
/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, shift, settle
 * (retention, pruning, report), record a GitHub Deployment. They see only the core model's interfaces
 * (Platform, Router: see src/model.ts), never docker or a balancer protocol.
 */








/** A run URL as a short markdown link, or '' when there is none (a local run). */
function runLink(url) {
    const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
    return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The run specification of this run's config (the values of secret variables stay out of it). */
function runSpec(cfg) {
    return {
        port: cfg.run.port,
        env: cfg.run.env,
        secretEnvNames: Object.keys(cfg.run.secretEnv),
        network: cfg.run.network,
        memory: cfg.run.memory,
        cpus: cfg.run.cpus,
        restart: cfg.run.restart,
        ...(cfg.run.readOnly ? { readOnly: true } : {}),
        ...(cfg.run.tmpfs.length ? { tmpfs: cfg.run.tmpfs } : {}),
        healthPath: cfg.verify.healthPath,
    };
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
/** What runs on every target and what the router serves. */
async function observe(d) {
    const { router } = d;
    const [instances, routing] = await Promise.all([
        d.platform.list(d.cfg.app, d.cfg.environment),
        router ? router.current() : Promise.resolve([]),
    ]);
    const observed = classify(instances, routing, !!router);
    const unknown = strangers(instances, routing);
    if (router && unknown.length)
        d.log.info(`${router.describe()} sends traffic to ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is no instance' : 'are no instances'} of ${d.cfg.app} in ${d.cfg.environment}.`);
    return { instances, observed };
}
async function withLock(d, image, fn) {
    const { cfg } = d;
    const leaseSec = cfg.verify.healthTimeoutSec + cfg.verify.acceptanceTimeoutSec + cfg.release.drainSeconds + cfg.release.stopTimeoutSec + 600;
    const release = await d.platform.lock({ image, runUrl: (0,context/* runUrl */.Vp)(d.ctx), leaseSec, timeoutSec: cfg.release.lockTimeoutSec });
    const forget = (0,interrupt/* onInterrupt */.n)(release);
    try {
        return await fn();
    }
    finally {
        forget();
        await release();
    }
}
/**
 * Leftovers of a killed or failed run (unverified candidates, stopped instances) go first: converge.
 * Returns the instances that remain (live and warm).
 */
async function clearDebris(d, observed) {
    if (observed.debris.length > 0) {
        d.log.info(`Removing ${observed.debris.length} leftover instance(s): ${observed.debris.map((i) => i.name).join(', ')}`);
        await d.platform.remove(observed.debris);
    }
    return [...(observed.live?.instances ?? []), ...observed.warm.flatMap((p) => p.instances)];
}
/** Fails before anything starts when the router cannot serve a pool of `size` instances. */
async function checkCapacity(d, size) {
    await d.router?.checkCapacity?.(size);
}
/** Blue-green: the whole of `next` at once (one step, 0 -> 100). Returns how long the shift took. */
async function switchTo(d, next) {
    const { router } = d;
    if (!router)
        return undefined;
    const started = performance.now();
    const to = (0,types/* allTo */.jT)((0,model/* poolAddresses */.LR)(next), next.version);
    await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => router.shift(to));
    const ms = Math.round(performance.now() - started);
    d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${(0,types/* formatRouting */.YN)(to)} (flip took ${ms} ms)`);
    return ms;
}
/** The shift to `next` (a new pool, removed when the shift fails; a warm one stays warm). */
async function switchOrUndo(d, next, fresh, failed) {
    try {
        return await switchTo(d, next);
    }
    catch (err) {
        if (fresh)
            await d.platform.remove(next.instances);
        throw new errors/* DeployError */.sH(failed((0,errors/* errorMessage */.gJ)(err)));
    }
}
/**
 * After a shift: keep `keep` previous versions warm, drain and stop the rest, prune old images (after a
 * deploy: a rollback adds no image); report. `instances` are those running under the lock, `live` among them.
 */
async function settle(d, instances, live, previous, flipMs, pruneImages) {
    const { cfg, platform, log, report } = d;
    const plan = planRetention(instances, live, previous, cfg.release.keep);
    await platform.remove(plan.remove);
    if (plan.drain.length > 0) {
        log.info(`Draining ${plan.drain.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping ${plan.drain.length === 1 ? 'it' : 'them'}`);
        await sleep(cfg.release.drainSeconds * 1000);
        await platform.retire(plan.drain, cfg.release.stopTimeoutSec);
    }
    const retired = [...plan.remove, ...plan.drain];
    if (retired.length)
        log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);
    const images = pruneImages ? await platform.listVersions() : [];
    const protect = new Set([live.version, ...plan.warm.map((p) => p.version)]);
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
    const fleet = platform.targets.length > 1 || live.instances.length > 1;
    const row = (state, i, url) => [
        state,
        i.version,
        (0,src_report/* commitLink */.wn)(d.ctx, i.revision),
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
    const back = plan.warm[0]?.version;
    report.section(`### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', ...(fleet ? ['host'] : []), 'instance', 'started', 'started by'], rows) +
        (back
            ? `\n\nRoll back with one flip: run your rollback workflow with \`version: ${back}\`` +
                ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
                ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
            : ''));
}
/** Every instance of the pool answers its health path (a warm pool is only switched to when it does). */
async function answers(p, path) {
    const each = await Promise.all(p.instances.map(async (i) => {
        try {
            const a = await request((0,model/* instanceUrl */.Xq)(i) + path, 'GET', 2000);
            return a.status >= 200 && a.status < 400;
        }
        catch {
            return false;
        }
    }));
    return each.every(Boolean);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/acceptance/checks.ts

function lookup(value, path) {
    let v = value;
    for (const key of path) {
        if (v === null || typeof v !== 'object')
            return undefined;
        v = v[key];
    }
    return v;
}
/** Pure: judge one answer against one check. Returns the failure reason, or undefined when it passes. */
function judge(check, status, body, ms) {
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
            const a = await request(baseUrl + check.path, check.method, Math.max(10_000, (check.maxMs ?? 0) * 2));
            const why = judge(check, a.status, a.body, a.ms);
            results.push({ check: check.source, ok: !why, detail: why ?? `${a.status} in ${a.ms} ms`, ms: a.ms });
        }
        catch (err) {
            results.push({ check: check.source, ok: false, detail: describeFetchError(err), ms: undefined });
        }
    }
    return results;
}

// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var src_exec = __webpack_require__(4981);
;// CONCATENATED MODULE: ./src/acceptance/command.ts
/**
 * The user's acceptance command. It is written by the workflow author (like a `run:` step), so it runs
 * in bash; the data it needs is passed in environment variables, never spliced into the text.
 */

async function runAcceptanceCommand(command, env, timeoutSec, exec = src_exec/* run */.eF, 
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
        output: (0,src_exec/* lastLines */.w$)((r.stdout + r.stderr).trimEnd(), 30),
    };
}

;// CONCATENATED MODULE: ./src/acceptance/health.ts
/**
 * Wait until a fresh instance is healthy: its health path answers 2xx/3xx and, when the image declares
 * a Docker HEALTHCHECK, Docker reports it healthy. Fails at once when the container exits or restarts.
 */



const health_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
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
                const a = await request(url, 'GET', Math.min(5000, Math.max(500, deadline - Date.now())));
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
                last = `${url}: ${describeFetchError(err)}`;
            }
        }
        if (Date.now() + delay > deadline) {
            throw new errors/* DeployError */.sH(`Instance ${inst.name} did not become healthy within ${w.timeoutSec}s (last: ${last}).`, 'Check that the app listens on the "port" input on all interfaces (0.0.0.0), that "health-path" answers 2xx/3xx, or raise "health-timeout".');
        }
        await health_sleep(delay);
        delay = Math.min(delay * 2, w.maxMs ?? 1000);
    }
}

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
    const rows = results.flatMap((r) => r.steps.map((s) => (single ? s : [r.instance.target, r.instance.name, ...s])));
    const head = single ? ['step', 'what', 'result', 'detail'] : ['host', 'instance', 'step', 'what', 'result', 'detail'];
    report.output('url', (0,model/* instanceUrl */.Xq)(pool.instances[0]));
    report.section(`### Verified ${v.version} in ${Date.now() - started} ms\n\n${(0,src_report/* table */.tp)(head, rows)}`);
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
        const results = await group('Built-in checks', () => runChecks(url, cfg.verify.checks));
        for (const r of results) {
            log.info(`${at}${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
            steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
        }
        const failed = results.filter((r) => !r.ok);
        if (failed.length > 0)
            throw checksFailed(failed, log, at);
    }
    if (cfg.verify.acceptanceCommand) {
        const outcome = await group('Acceptance command', () => runAcceptanceCommand(cfg.verify.acceptanceCommand, { TARGET_URL: url, VERSION: v.version, APP: cfg.app, ENVIRONMENT: cfg.environment, IMAGE: cfg.image, DIGEST: v.digest }, cfg.verify.acceptanceTimeoutSec, undefined, single));
        if (!single && outcome.output)
            log.info(`${at}acceptance command against ${url}:\n${outcome.output}`);
        const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
        steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
        if (!outcome.ok) {
            log.error(`${at}The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
            throw new errors/* DeployError */.sH(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
        }
    }
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
            report.section(`### ${v.version} could not start${at ? ` on ${f.target.name}` : ''}\n\n${(0,src_report/* codeBlock */.DV)(f.reason)}`);
            continue;
        }
        // log-lines: 0 shows none (public repositories: anyone can read the job log and summary). Redacted when printed.
        const lines = cfg.verify.logLines;
        const logs = lines > 0
            ? (await platform.logs(f.instance, lines).catch((e) => `(could not read the log: ${(0,errors/* errorMessage */.gJ)(e)})`)) || '(no output)'
            : '';
        const heading = lines > 0 ? `Last log lines of ${f.instance.name}:` : `(log-lines: 0, so the log of ${f.instance.name} is not shown)`;
        report.section(`### ${v.version} failed verification${at ? ` on ${f.target.name}` : ''}\n\n${f.steps.length ? (0,src_report/* table */.tp)(['step', 'what', 'result', 'detail'], f.steps) + '\n\n' : ''}` +
            `${(0,src_report/* codeBlock */.DV)(f.reason)}\n\n${heading}${lines > 0 ? `\n\n${(0,src_report/* codeBlock */.DV)(logs)}` : ''}`);
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
    const replicas = 1;
    // Too few balancer slots for the pool: say so before anything is built or started.
    await checkCapacity(d, platform.targets.length * replicas);
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
            (0,src_report/* table */.tp)(['', ''], [['Commit', (0,src_report/* commitLink */.wn)(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]));
    }
    const version = withSpec(img, runSpec(cfg));
    // The bytes reach every target once (the lock lives on the first one and is made from this image).
    await platform.provide(version);
    await withLock(d, img.imageId, async () => {
        const { observed } = await observe(d);
        const remaining = await clearDebris(d, observed);
        const previous = observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.instances.map((i) => i.name).join(', ')})` : 'Nothing of this app is live yet.');
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await recorded(d, what, async () => {
            const next = await launchPool(version, { cfg, platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            const flipMs = await switchOrUndo(d, next, true, (why) => `The flip to ${next.version} failed: ${why}\nThe new instance${next.instances.length > 1 ? 's were' : ' was'} removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`);
            await settle(d, [...remaining, ...next.instances], next, previous, flipMs, true);
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

;// CONCATENATED MODULE: ./src/drift/check.ts
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
        (0,src_report/* table */.tp)(['instance', 'image', 'filesystem', 'exec sessions'], drift.map((d) => [
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
async function recycle(d) {
    const { cfg, log, platform } = d;
    const replicas = 1;
    const first = await observe(d);
    if (!first.observed.live)
        throw new errors/* DeployError */.sH(`Nothing of ${cfg.app} is live in ${cfg.environment}: there is nothing to recycle.`, 'Deploy a version first (command: deploy).');
    const known = (await platform.listVersions()).find((i) => i.version === first.observed.live.version);
    const img = liveImage(first.observed.live, cfg.image, known?.created ?? '');
    // The same bytes the live instances run, on every target; and the image policy as for any launch.
    await platform.provide(img);
    await d.checkImage(img);
    await withLock(d, img.imageId, async () => {
        const { observed } = await observe(d);
        const remaining = await clearDebris(d, observed);
        const previous = observed.live;
        if (!previous || previous.version !== img.version)
            throw new errors/* DeployError */.sH(`While this run waited for the lock, ${previous ? `${previous.version} went live` : 'the live version went away'} instead of ${img.version}. Nothing was recycled.`, 'Run recycle again: it replaces whatever is live then.');
        const drift = await checkDrift(previous.instances, cfg.drift.writablePaths, platform);
        const drifted = [...drift.values()].filter((x) => x.drifted);
        if (drifted.length)
            log.warning(`Replacing instance(s) that drifted:\n${drifted.map(describeDrift).join('\n')}`, 'Snowflake replaced');
        log.info(`Recycling ${img.version}: a fresh pool from ${img.imageId} replaces ${previous.instances.map((i) => i.name).join(', ')}.`);
        const what = { sha: img.revision, version: img.version, digest: img.digest, previousVersion: previous.version, rollback: false };
        await recorded(d, what, async () => {
            const next = await launchPool(withSpec(img, runSpec(cfg)), { cfg, platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            const flipMs = await switchOrUndo(d, next, true, (why) => `The switch to the fresh pool of ${img.version} failed: ${why}\nThe fresh instances were removed; the old ones still serve.`);
            await settle(d, [...remaining, ...next.instances], next, previous, flipMs, false);
            d.report.section(`### Recycled ${img.version}\n\nFresh: ${next.instances.map((i) => `\`${i.name}\``).join(', ')}. ` +
                `Replaced and retired: ${previous.instances.map((i) => `\`${i.name}\`${drift.get(i.id)?.drifted ? ' (had drifted)' : ''}`).join(', ')}.`);
        });
    });
}

;// CONCATENATED MODULE: ./src/release/rollback.ts
/**
 * command: rollback — to a warm version: one switch of the whole pool (no build, no pull); to a version
 * whose image is on the targets or in its registry: a fresh pool, verified, then the switch; to an unknown
 * one: a clear failure. Every target is read first, so one that cannot be reached fails the rollback
 * before anything changes.
 */





async function rollback(d) {
    const { cfg, log, platform } = d;
    const replicas = 1;
    const first = await observe(d);
    const version = cfg.version ?? first.observed.warm[0]?.version;
    const restorable = async () => [...new Set([...first.observed.warm.map((p) => p.version), ...(await platform.listVersions()).map((i) => i.version)])].filter((v) => v !== first.observed.live?.version);
    if (!version) {
        throw new errors/* DeployError */.sH(`There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    const warmOne = first.observed.warm.find((p) => p.version === version);
    const isLive = first.observed.live?.version === version;
    let img = warmOne || isLive ? undefined : await platform.findVersion(version);
    if (!warmOne && !img && !isLive)
        throw unknownVersion(cfg.image, version, await restorable());
    if (img)
        await platform.provide(img);
    const lockImage = warmOne?.instances[0].image ?? img?.imageId ?? first.observed.live.instances[0].image;
    await withLock(d, lockImage, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { observed } = await observe(d);
        let remaining = await clearDebris(d, observed);
        const previous = observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await settle(d, remaining, previous, undefined, undefined, false);
            return;
        }
        let next = observed.warm.find((p) => p.version === version);
        if (next && !(await answers(next, cfg.verify.healthPath))) {
            log.warning(`The warm pool of ${version} (${next.instances.map((i) => i.name).join(', ')}) does not answer: starting a fresh one instead.`);
            await platform.remove(next.instances);
            const gone = new Set(next.instances.map((i) => i.id));
            remaining = remaining.filter((i) => !gone.has(i.id));
            next = undefined;
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
        await recorded(d, what, async () => {
            if (next) {
                log.info(`Rolling back to the warm ${next.instances.length > 1 ? `pool of ${version} (${next.instances.length} instances)` : `instance ${next.instances[0].name} of ${version}`}: one flip, no build, no pull.`);
            }
            else {
                log.info(`${version} is not running: starting a fresh instance from ${img.imageId} and verifying it first.`);
                await d.checkImage(img);
                next = await launchPool(withSpec(img, runSpec(cfg)), { cfg, platform, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx), replicas });
            }
            const pool = next;
            const flipMs = await switchOrUndo(d, pool, fresh, (why) => `The flip back to ${version} failed: ${why}${previous ? `\n${previous.version} is still live.` : ''}`);
            await settle(d, fresh ? [...remaining, ...pool.instances] : remaining, pool, previous, flipMs, false);
        });
    });
}

;// CONCATENATED MODULE: ./src/release/status.ts




/** What runs and what can be restored. Changes nothing. */
async function status_status(d) {
    const { cfg } = d;
    const [{ observed }, images] = await Promise.all([observe(d), d.platform.listVersions()]);
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
    const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
    for (const i of inspected)
        versions.push({ version: i.version, digest: i.digest, revision: i.revision, created: i.created, state: 'image-only' });
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', 'digest', 'built', 'instances', 'instance started', 'started by', 'drift'], versions.map((v) => [
            v.state,
            v.version,
            (0,src_report/* commitLink */.wn)(d.ctx, v.revision),
            `\`${v.digest.slice(0, 19)}\``,
            v.created,
            (v.instances ?? []).map((i) => (d.platform.targets.length > 1 ? `${i.host}: ${i.url}` : i.url)).join('<br>'),
            v.deployed ?? '',
            runLink(v.runUrl),
            driftCell(v),
        ])));
    const snowflakes = reportDrift([...drift.values()], cfg.drift.writablePaths, d.report);
    if (snowflakes)
        throw snowflakes;
    return versions;
}
function driftCell(v) {
    const checked = (v.instances ?? []).filter((i) => i.drift);
    if (checked.length === 0)
        return v.instances?.length ? 'not checked' : '';
    return checked.some((i) => i.drift.drifted) ? 'DRIFTED' : 'none';
}

;// CONCATENATED MODULE: ./src/release/index.ts
/** The release commands, loaded together as one chunk of the bundle (their shared steps are not duplicated). */






/***/ }),

/***/ 7707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EZ: () => (/* binding */ served),
/* harmony export */   YN: () => (/* binding */ formatRouting),
/* harmony export */   _k: () => (/* binding */ singleGroup),
/* harmony export */   jT: () => (/* binding */ allTo)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(182);


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


/***/ })

};

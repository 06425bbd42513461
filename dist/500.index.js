export const id = 500;
export const ids = [500,218];
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

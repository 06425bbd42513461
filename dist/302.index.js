export const id = 302;
export const ids = [302,182];
export const modules = {

/***/ 302:
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
// EXTERNAL MODULE: ./src/config/tag-rules.ts
var tag_rules = __webpack_require__(8464);
;// CONCATENATED MODULE: ./src/build/tags.ts


function sanitizeTag(s) {
    return s.replace(/[^a-zA-Z0-9._-]+/g, '-');
}
/** The ref tag rules see: on pull_request_target (whose GITHUB_REF is the base branch) the PR's merge ref, as metadata-action. */
function ruleRef(ctx) {
    return /pull_request_target/.test(ctx.eventName) && ctx.prNumber !== undefined ? `refs/pull/${ctx.prNumber}/merge` : ctx.ref;
}
/** Global expressions: {{branch}} {{tag}} {{sha}} {{base_ref}} {{is_default_branch}}. */
function expand(text, ctx, rule) {
    const ref = ruleRef(ctx);
    return text.replace(/\{\{\s*([A-Za-z_]+)([^}]*)\}\}/g, (_m, name) => {
        switch (name) {
            case 'branch':
                return ref.startsWith('refs/heads/') ? ref.slice(11) : '';
            case 'tag':
                return ref.startsWith('refs/tags/') ? ref.slice(10) : '';
            case 'sha':
                return ctx.sha.slice(0, 7);
            case 'base_ref':
                return (ref.startsWith('refs/tags/') || ref.startsWith('refs/pull/')) && ctx.baseRef ? ctx.baseRef : '';
            case 'is_default_branch': {
                const branch = ref.replace(/^refs\/heads\//, '');
                if (!branch)
                    return 'false';
                if (ctx.defaultBranch === branch)
                    return 'true';
                return /create|discussion|issues|schedule/.test(ctx.eventName) ? 'true' : 'false';
            }
            default:
                throw new tag_rules/* TagRuleError */.lq(`tag rule ${JSON.stringify(rule)}: {{${name}}} is not supported here (use {{branch}}, {{tag}}, {{sha}}, {{base_ref}} or {{is_default_branch}})`);
        }
    });
}
const SEMVER_RE = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
function semverValue(rule, ctx) {
    const ref = ruleRef(ctx);
    const given = rule.attrs.value ?? '';
    if (given === '' && !ref.startsWith('refs/tags/'))
        return undefined;
    const raw = given !== '' ? expand(given, ctx, rule.source) : ref.slice(10).replace(/\//g, '-');
    const m = SEMVER_RE.exec(raw);
    if (!m)
        return undefined;
    const [, major, minor, patch, pre] = m;
    const fields = { version: `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`, major, minor, patch, raw };
    const pattern = rule.attrs.pattern;
    // A pre-release only ever yields {{version}}, or {{raw}} when that is the whole pattern: it moves too often.
    const effective = pre ? (/^\{\{\s*raw\s*\}\}$/.test(pattern) ? pattern : '{{version}}') : pattern;
    return effective.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (_m, name) => {
        const v = fields[name];
        if (v === undefined)
            throw new tag_rules/* TagRuleError */.lq(`tag rule ${JSON.stringify(rule.source)}: {{${name}}} is not a semver field ({{version}}, {{major}}, {{minor}}, {{patch}}, {{raw}})`);
        return v;
    });
}
/** One rule -> the tag it yields for this context, or undefined when it does not apply. */
function evalTagRule(rule, ctx) {
    const { attrs } = rule;
    const enable = expand(attrs.enable ?? 'true', ctx, rule.source);
    if (enable !== 'true' && enable !== 'false')
        throw new tag_rules/* TagRuleError */.lq(`tag rule ${JSON.stringify(rule.source)}: enable must be true or false, not "${enable}"`);
    if (enable === 'false')
        return undefined;
    const ref = ruleRef(ctx);
    let value;
    switch (rule.type) {
        case 'sha':
            value = ctx.sha ? (attrs.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7)) : undefined;
            break;
        case 'raw':
            value = expand(attrs.value, ctx, rule.source);
            break;
        case 'ref':
            if (attrs.event === 'branch' && ref.startsWith('refs/heads/'))
                value = ref.slice(11);
            else if (attrs.event === 'tag' && ref.startsWith('refs/tags/'))
                value = ref.slice(10);
            else if (attrs.event === 'pr' && ref.startsWith('refs/pull/'))
                value = ref.slice(10).replace(/\/merge$/, '');
            break;
        case 'semver':
            value = semverValue(rule, ctx);
            break;
    }
    if (value === undefined || value === '')
        return undefined;
    const prefix = attrs.prefix !== undefined ? expand(attrs.prefix, ctx, rule.source) : '';
    const suffix = attrs.suffix !== undefined ? expand(attrs.suffix, ctx, rule.source) : '';
    return sanitizeTag(`${prefix}${value}${suffix}`);
}
/** The tags of all rules for this context: by priority (highest first, then as written), without duplicates. */
function evalTagRules(lines, ctx) {
    const rules = lines.map(tag_rules/* parseTagRule */.G9);
    const sorted = rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
    const tags = [];
    for (const { r } of sorted) {
        const tag = evalTagRule(r, ctx);
        if (tag === undefined)
            continue;
        if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
            throw new tag_rules/* TagRuleError */.lq(`tag rule ${JSON.stringify(r.source)} gave "${tag}", which is not a valid Docker tag`);
        if (!tags.includes(tag))
            tags.push(tag);
    }
    return tags;
}

;// CONCATENATED MODULE: ./src/build/metadata.ts




function defaultVersion(sha) {
    return `sha-${sha.slice(0, 7)}`;
}
function buildMetadata(input, ctx) {
    const version = input.version ?? defaultVersion(ctx.sha);
    const tagNames = [version];
    for (const tag of evalTagRules(input.tagRules, ctx))
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
        [(0,core_labels/* dockerLabel */.jb)('app')]: input.app,
        [(0,core_labels/* dockerLabel */.jb)('ref')]: ctx.ref,
        [(0,core_labels/* dockerLabel */.jb)('runUrl')]: (0,context/* runUrl */.Vp)(ctx),
        [(0,core_labels/* dockerLabel */.jb)('actor')]: ctx.actor,
        [(0,core_labels/* dockerLabel */.jb)('workflow')]: ctx.workflow,
    };
    for (const [k, v] of Object.entries(labels))
        if (v === '')
            delete labels[k];
    Object.assign(labels, input.extraLabels);
    return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

// EXTERNAL MODULE: ./src/policy/check.ts + 1 modules
var check = __webpack_require__(182);
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
        (0,step_state/* recordLogin */.h)(server);
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

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkPolicy: () => (/* binding */ checkPolicy),
  policyGate: () => (/* binding */ policyGate),
  policyImage: () => (/* binding */ policyImage)
});

// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/github/summary.ts
var summary = __webpack_require__(2935);
;// CONCATENATED MODULE: ./src/policy/rules.ts
/**
 * Image policy: rules checked on an image's own config (what `docker image inspect` says), before any
 * instance of it runs. Pure: the image comes in as data, results go out as data.
 */

/** The OCI labels every build of this action sets (metadata.ts): a policy `labels` rule wants all of them. */
const PROMISED_LABELS = [
    'org.opencontainers.image.title',
    'org.opencontainers.image.version',
    'org.opencontainers.image.created',
    'org.opencontainers.image.revision',
];
/** ENV names that say "secret": *_PASSWORD, *_TOKEN, *_SECRET, API/private/access keys, credentials. */
const SECRET_NAME_RE = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|SECRET_ACCESS_KEY|CREDENTIALS?|AUTH)$/i;
/** Values that are secrets whatever their name: cloud and forge key formats, PEM private keys, URLs with a password. */
const SECRET_VALUE_RES = [
    [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
    [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
    [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/, 'a GitHub token'],
    [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
    [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
    [/\bsk_live_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
    [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'a URL with a password'],
];
function isRootUser(user) {
    const u = user.split(':')[0].trim();
    return u === '' || u === 'root' || u === '0';
}
/** The ENV entries that look secret, as "NAME (why)": names, never values. */
function secretLookingEnv(env) {
    const found = [];
    for (const entry of env) {
        const eq = entry.indexOf('=');
        const name = eq < 0 ? entry : entry.slice(0, eq);
        const value = eq < 0 ? '' : entry.slice(eq + 1);
        const byValue = SECRET_VALUE_RES.find(([re]) => re.test(value));
        if (byValue)
            found.push(`${name} (its value looks like ${byValue[1]})`);
        // A secret-looking name with an empty value holds no secret (a placeholder the platform fills in).
        else if (value !== '' && SECRET_NAME_RE.test(name))
            found.push(`${name} (a secret-looking name with a value)`);
    }
    return found;
}
function evaluate(rule, img, version) {
    const r = (ok, detail) => ({ rule: rule.source, ok, detail });
    switch (rule.kind) {
        case 'non-root':
            return isRootUser(img.user)
                ? r(false, img.user ? `USER is ${img.user}` : 'no USER: the image runs as root')
                : r(true, `USER is ${img.user}`);
        case 'no-secret-env': {
            const found = secretLookingEnv(img.env);
            return found.length ? r(false, `ENV holds ${found.join(', ')}`) : r(true, `${img.env.length} ENV entries, none secret-looking`);
        }
        case 'healthcheck': {
            const t = img.healthcheck;
            if (!t || t.length === 0 || t[0] === 'NONE')
                return r(false, 'no HEALTHCHECK declared');
            return r(true, `HEALTHCHECK ${t.slice(1).join(' ')}`);
        }
        case 'labels': {
            const missing = PROMISED_LABELS.filter((l) => !img.labels[l]);
            const labelled = img.labels['org.opencontainers.image.version'];
            if (labelled && labelled !== version)
                missing.push(`org.opencontainers.image.version (is ${labelled}, not ${version})`);
            return missing.length ? r(false, `missing or wrong: ${missing.join(', ')}`) : r(true, `${PROMISED_LABELS.length} OCI labels present`);
        }
        case 'max-size': {
            const mb = img.sizeBytes / 1e6;
            return r(mb <= rule.maxMB, `${mb.toFixed(1)} MB ${mb <= rule.maxMB ? '<=' : '>'} ${rule.maxMB} MB`);
        }
    }
}
function evaluatePolicy(rules, img, version) {
    return rules.map((rule) => evaluate(rule, img, version));
}

;// CONCATENATED MODULE: ./src/policy/check.ts



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
    const results = evaluatePolicy(policy.rules, policyImage(image), version);
    const failed = results.filter((r) => !r.ok);
    const verdict = failed.length === 0 ? 'passed' : policy.mode === 'enforce' ? 'FAILED (enforced: nothing was started)' : 'failed (warn only)';
    report.section(`### Image policy for ${version}: ${verdict}\n\n` +
        (0,summary/* table */.tp)(['rule', 'result', 'detail'], results.map((r) => [r.rule, r.ok ? 'pass' : policy.mode === 'enforce' ? 'FAIL' : 'warn', r.detail])));
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
    throw new errors/* DeployError */.sH(`${what} breaks ${failed.length} policy rule(s): ${list}. Nothing was started; the live version was not touched.`, 'Fix the image (Dockerfile or Packer template), or remove the rule from "policy", or set policy-mode: warn.');
}
/** Inspect `ref` (an image id or reference on the target) and check it: the hook release and build call before anything starts. */
async function policyGate(policy, docker, ref, version, log, report) {
    if (policy.rules.length === 0)
        return;
    const image = await docker.inspectImage(ref);
    if (!image)
        throw new errors/* DeployError */.sH(`The image policy could not inspect ${ref} (${version}): it is not on the target.`);
    checkPolicy(policy, ref, version, image, log, report);
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

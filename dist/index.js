import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 136:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  g: () => (/* binding */ execute)
});

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/docker/argv.ts
/** Pure builders of docker CLI argv arrays. Nothing here runs anything. */
function buildArgv(a) {
    const argv = a.buildx ? ['docker', 'buildx', 'build', '--load'] : ['docker', 'build'];
    argv.push('--iidfile', a.iidFile);
    if (a.dockerfile)
        argv.push('--file', a.dockerfile);
    if (a.target)
        argv.push('--target', a.target);
    for (const t of a.tags)
        argv.push('--tag', t);
    for (const [k, v] of Object.entries(a.labels))
        argv.push('--label', `${k}=${v}`);
    for (const [k, v] of Object.entries(a.buildArgs))
        argv.push('--build-arg', `${k}=${v}`);
    for (const s of a.secrets)
        argv.push('--secret', s);
    argv.push(a.context);
    return argv;
}
function loginArgv(server, username) {
    const argv = ['docker', 'login', '--username', username, '--password-stdin'];
    if (server)
        argv.push(server);
    return argv;
}
const pushArgv = (ref) => ['docker', 'push', ref];
const tagArgv = (source, target) => ['docker', 'tag', source, target];
function manifestInspectArgv(ref) {
    const argv = ['docker', 'manifest', 'inspect', '--verbose'];
    if (isLoopbackRegistry(ref))
        argv.push('--insecure');
    argv.push(ref);
    return argv;
}
/** Docker itself treats registries on loopback as insecure (plain HTTP); the manifest client needs to be told. */
function isLoopbackRegistry(ref) {
    const host = ref.includes('/') ? ref.split('/')[0] : '';
    return /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(host);
}
const imageInspectArgv = (ref) => ['docker', 'image', 'inspect', ref];
function runArgv(a) {
    const argv = ['docker', 'run', '--detach', '--name', a.name];
    for (const [k, v] of Object.entries(a.labels))
        argv.push('--label', `${k}=${v}`);
    for (const n of a.envNames)
        argv.push('--env', n);
    // An empty host port lets Docker pick a free one.
    const host = a.publishHost.includes(':') ? `[${a.publishHost}]` : a.publishHost;
    argv.push('--publish', `${host}::${a.containerPort}`);
    if (a.network)
        argv.push('--network', a.network);
    if (a.memory)
        argv.push('--memory', a.memory);
    if (a.cpus)
        argv.push('--cpus', a.cpus);
    argv.push('--restart', a.restart);
    argv.push(a.image);
    return argv;
}
function psArgv(filters, all = true) {
    const argv = ['docker', 'ps', '--no-trunc', '--format', '{{.ID}}'];
    if (all)
        argv.push('--all');
    for (const [k, v] of Object.entries(filters))
        argv.push('--filter', `label=${k}=${v}`);
    return argv;
}
const inspectArgv = (ids) => ['docker', 'container', 'inspect', ...ids];
const portArgv = (id, port) => ['docker', 'port', id, `${port}/tcp`];
const logsArgv = (id, tail) => ['docker', 'logs', '--tail', String(tail), id];
const rmArgv = (ids) => ['docker', 'rm', '--force', '--volumes', ...ids];
const stopArgv = (ids, seconds) => ['docker', 'stop', '--time', String(seconds), ...ids];
const imageRmArgv = (refs) => ['docker', 'image', 'rm', ...refs];
function imagesArgv(repository) {
    return ['docker', 'image', 'ls', '--no-trunc', '--format', '{{json .}}', repository];
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var src_exec = __nccwpck_require__(981);
// EXTERNAL MODULE: ./src/report.ts
var src_report = __nccwpck_require__(665);
;// CONCATENATED MODULE: ./src/context.ts
/**
 * Where the run comes from: the commit the workflow checked out, the ref, the run URL.
 * On GitHub it is read from the runner's environment and event payload; outside Actions
 * from the local git repository.
 */


function readPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path || !(0,external_node_fs_namespaceObject.existsSync)(path))
        return {};
    try {
        return JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        throw new Error(`Could not read the event payload ${path}: ${e.message}`);
    }
}
/** Pure: the context from the runner's environment and the event payload. */
function contextFromEnv(env, payload) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const pr = payload.pull_request;
    const wr = payload.workflow_run;
    let sha = env.GITHUB_SHA ?? '';
    let headRef;
    if (pr && /^pull_request/.test(eventName)) {
        sha = pr.head?.sha ?? sha;
        headRef = pr.head?.ref ?? env.GITHUB_HEAD_REF;
    }
    else if (wr && eventName === 'workflow_run') {
        sha = wr.head_sha ?? sha;
    }
    const repo = payload.repository ?? {};
    return {
        sha,
        ref: eventName === 'workflow_run' && wr?.head_branch ? `refs/heads/${wr.head_branch}` : (env.GITHUB_REF ?? ''),
        eventName,
        serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, ''),
        repository: env.GITHUB_REPOSITORY ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        actor: env.GITHUB_ACTOR ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        prNumber: typeof pr?.number === 'number' ? pr.number : undefined,
        headRef,
        description: typeof repo.description === 'string' && repo.description ? repo.description : undefined,
        license: typeof repo.license?.spdx_id === 'string' && repo.license.spdx_id !== 'NOASSERTION' ? repo.license.spdx_id : undefined,
        homepage: typeof repo.homepage === 'string' && repo.homepage ? repo.homepage : undefined,
    };
}
function runUrl(ctx) {
    return ctx.repository && ctx.runId ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}
/** The context of this run: the runner's when on Actions, else the local git repository's in `dir`. */
async function readContext(dir, requireCommit, env = process.env) {
    const ctx = contextFromEnv(env, readPayload(env));
    if (ctx.sha && ctx.ref)
        return ctx;
    const git = async (...args) => (await (0,src_exec/* run */.eF)(['git', '-C', dir, ...args], { allowFailure: true })).stdout.trim();
    const sha = ctx.sha || (await git('rev-parse', 'HEAD'));
    if (!/^[0-9a-f]{40}$/.test(sha)) {
        if (!requireCommit)
            return { ...ctx, actor: ctx.actor || env.USER || '' };
        throw new Error(`Could not tell which commit to build: GITHUB_SHA is not set and "git rev-parse HEAD" in ${dir} gave no commit. ` +
            'Run inside a git checkout (actions/checkout) or set the "version" input.');
    }
    const branch = ctx.ref || (await git('symbolic-ref', '-q', 'HEAD'));
    return { ...ctx, sha, ref: branch, actor: ctx.actor || env.USER || '' };
}

;// CONCATENATED MODULE: ./src/metadata.ts

const LABEL_PREFIX = 'dev.immutable-deploy';
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
        [`${LABEL_PREFIX}.app`]: input.app,
        [`${LABEL_PREFIX}.ref`]: ctx.ref,
        [`${LABEL_PREFIX}.run-url`]: runUrl(ctx),
        [`${LABEL_PREFIX}.actor`]: ctx.actor,
        [`${LABEL_PREFIX}.workflow`]: ctx.workflow,
    };
    for (const [k, v] of Object.entries(labels))
        if (v === '')
            delete labels[k];
    Object.assign(labels, input.extraLabels);
    return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

;// CONCATENATED MODULE: ./src/build.ts
/** The build phase: commit metadata -> an image with tags and labels, optionally pushed without moving a version tag. */








async function build(cfg, ctx, docker, log, now = new Date()) {
    const meta = buildMetadata({
        app: cfg.app,
        image: cfg.image,
        version: cfg.version,
        tagRules: cfg.build.tagRules,
        extraLabels: cfg.build.extraLabels,
        created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }, ctx);
    log.info(`Version ${meta.version} from commit ${ctx.sha.slice(0, 12)} (${ctx.ref || 'no ref'})`);
    if (cfg.registry.username && cfg.registry.password) {
        const { username, password, server } = cfg.registry;
        await log.group(`Log in to ${server ?? 'the registry'}`, () => docker.login(server, username, password));
    }
    else if (cfg.registry.username || cfg.registry.password) {
        throw new errors/* DeployError */.sH('registry-username and registry-password go together: one of them is empty.', 'Set both (the password from a secret), or neither to use the credentials already on the runner.');
    }
    const buildx = await docker.hasBuildx();
    if (cfg.build.secrets.length > 0 && !buildx)
        throw new errors/* DeployError */.sH('build-secrets need BuildKit, but "docker buildx" is not installed on this runner.', 'Add docker/setup-buildx-action before this step, or remove build-secrets.');
    const dir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_namespaceObject.tmpdir)(), 'immutable-deploy-'));
    let imageId;
    try {
        const iidFile = (0,external_node_path_.join)(dir, 'iid');
        const argv = buildArgv({ ...cfg.build, tags: meta.tags, labels: meta.labels, iidFile, buildx });
        await log.group(`Build ${meta.tags[0]}`, async () => {
            await (0,src_exec/* run */.eF)(argv, { echo: true, env: buildx ? {} : { DOCKER_BUILDKIT: '0' } });
        });
        imageId = (0,external_node_fs_namespaceObject.readFileSync)(iidFile, 'utf8').trim();
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(dir, { recursive: true, force: true });
    }
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
    const commit = commitLink(ctx, ctx.sha);
    report.section(`### Built ${b.version}\n\n` +
        (0,src_report/* table */.tp)(['', ''], [
            ['Commit', commit],
            ['Image', `\`${b.image}\``],
            [b.pushed ? 'Digest' : 'Image id', `\`${b.digest}\``],
            ['Tags', b.tags.map((t) => `\`${t}\``).join('<br>')],
        ]));
}
/** A commit as a markdown link to it on GitHub (plain short sha outside Actions). */
function commitLink(ctx, sha) {
    if (!sha)
        return 'unknown';
    return ctx.repository ? `[${sha.slice(0, 7)}](${ctx.serverUrl}/${ctx.repository}/commit/${sha})` : sha.slice(0, 7);
}

;// CONCATENATED MODULE: ./src/docker/client.ts
/** Docker operations over the CLI, through the one exec boundary. Honours DOCKER_HOST / DOCKER_CONTEXT. */


class Docker {
    exec;
    constructor(exec = src_exec/* run */.eF) {
        this.exec = exec;
    }
    async hasBuildx() {
        const r = await this.exec(['docker', 'buildx', 'version'], { allowFailure: true }).catch(() => undefined);
        return r?.exitCode === 0;
    }
    async login(server, username, password) {
        await this.exec(loginArgv(server, username), { input: password });
    }
    /** The manifest of `ref` in its registry, or undefined when the registry has no such tag. */
    async remoteManifest(ref) {
        const r = await this.exec(manifestInspectArgv(ref), { allowFailure: true });
        if (r.exitCode !== 0) {
            if (/no such manifest|manifest unknown|not found/i.test(r.stderr + r.stdout))
                return undefined;
            throw new Error(`Could not ask the registry about ${ref}: ${(r.stderr || r.stdout).trim()}`);
        }
        const parsed = JSON.parse(r.stdout);
        const first = (Array.isArray(parsed) ? parsed[0] : parsed);
        const digest = first?.Descriptor?.digest;
        if (!digest)
            throw new Error(`The registry answered for ${ref} without a manifest digest`);
        const configDigest = Array.isArray(parsed)
            ? undefined
            : (first.SchemaV2Manifest?.config?.digest ?? first.OCIManifest?.config?.digest);
        return { digest, configDigest };
    }
    async push(ref) {
        await this.exec(pushArgv(ref), { echo: true });
    }
    async pull(ref) {
        await this.exec(['docker', 'pull', ref], { echo: true });
    }
    async tag(source, target) {
        await this.exec(tagArgv(source, target));
    }
    /** `docker image inspect` of one image, or undefined when it is not present locally. */
    async inspectImage(ref) {
        const r = await this.exec(imageInspectArgv(ref), { allowFailure: true });
        if (r.exitCode !== 0)
            return undefined;
        return JSON.parse(r.stdout)[0];
    }
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

;// CONCATENATED MODULE: ./src/routers/factory.ts
async function createRouter(cfg, deps) {
    switch (cfg.kind) {
        case 'none':
            return undefined;
        case 'nginx':
            return new (await __nccwpck_require__.e(/* import() */ 783).then(__nccwpck_require__.bind(__nccwpck_require__, 783))).NginxRouter(cfg, deps);
        case 'haproxy':
            return new (await __nccwpck_require__.e(/* import() */ 146).then(__nccwpck_require__.bind(__nccwpck_require__, 146))).HaproxyRouter(cfg, deps);
        case 'caddy':
            return new (await __nccwpck_require__.e(/* import() */ 894).then(__nccwpck_require__.bind(__nccwpck_require__, 894))).CaddyRouter(cfg, deps);
        case 'command':
            return new (await __nccwpck_require__.e(/* import() */ 124).then(__nccwpck_require__.bind(__nccwpck_require__, 124))).CommandRouter(cfg, deps);
    }
}

// EXTERNAL MODULE: ./src/routers/types.ts
var types = __nccwpck_require__(707);
;// CONCATENATED MODULE: ./src/release/images.ts



function fromInspect(image, version, i) {
    const labels = i.Config.Labels ?? {};
    const repoDigest = (i.RepoDigests ?? []).find((d) => d.startsWith(`${image}@`));
    return {
        image,
        version,
        digest: repoDigest ? repoDigest.slice(image.length + 1) : i.Id,
        imageId: i.Id,
        revision: labels['org.opencontainers.image.revision'] ?? '',
        created: labels['org.opencontainers.image.created'] ?? i.Created,
    };
}
/** An image repository with a registry host in front (ghcr.io/x, 127.0.0.1:5000/x) can be pulled. */
function hasRegistry(image) {
    const first = image.split('/')[0];
    return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}
/** `<image>:<version>` on the target; pulled from its registry when not present and `pull` is allowed. */
async function resolveVersion(docker, image, version, opts) {
    const ref = `${image}:${version}`;
    let found = await docker.inspectImage(ref);
    if (!found && opts.pull && hasRegistry(image)) {
        const r = await (opts.exec ?? src_exec/* run */.eF)(['docker', 'pull', ref], { allowFailure: true });
        if (r.exitCode === 0)
            found = await docker.inspectImage(ref);
    }
    return found ? fromInspect(image, version, found) : undefined;
}
/** The version images of `app` in `image` present on the target. */
async function listVersionImages(app, image, exec = src_exec/* run */.eF) {
    const r = await exec([
        'docker', 'image', 'ls', '--filter', `label=${LABEL_PREFIX}.app=${app}`, '--format', '{{.Repository}}:{{.Tag}}', image,
    ]);
    const refs = r.stdout.split('\n').map((s) => s.trim()).filter((s) => s && !s.endsWith(':<none>'));
    if (refs.length === 0)
        return [];
    const inspected = JSON.parse((await exec(['docker', 'image', 'inspect', ...refs])).stdout);
    const out = [];
    refs.forEach((ref, n) => {
        const labels = inspected[n]?.Config.Labels ?? {};
        const version = labels['org.opencontainers.image.version'];
        // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
        if (version && ref === `${image}:${version}`)
            out.push({ ref, version, created: labels['org.opencontainers.image.created'] ?? inspected[n].Created });
    });
    return out;
}
async function removeImageTags(refs, exec = src_exec/* run */.eF) {
    const failed = [];
    for (const ref of refs) {
        const r = await exec(['docker', 'image', 'rm', ref], { allowFailure: true });
        if (r.exitCode !== 0)
            failed.push(ref);
    }
    return failed;
}
function unknownVersion(image, version, restorable) {
    return new errors/* DeployError */.sH(`Version ${version} of ${image} is not on the target${restorable.length ? '' : ' and nothing can be restored'}.`, restorable.length
        ? `Versions that can be restored: ${restorable.join(', ')}.`
        : 'Deploy a version first (command: deploy).');
}

;// CONCATENATED MODULE: ./src/release/lock.ts
/**
 * A lock per app and environment, held on the target itself (the Docker engine), so two runs on
 * different runners still exclude each other. The lock is a created-but-never-started container
 * with a fixed name: creating it is atomic, and it carries its holder in labels.
 */




const LOCK_LABEL = `${LABEL_PREFIX}.lock`;
function lockName(app, environment) {
    return `${app}-${environment}-lock`;
}
function holderLabels(h) {
    return {
        [`${LABEL_PREFIX}.role`]: 'lock',
        [LOCK_LABEL]: JSON.stringify(h),
    };
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
/** Pure (given the clock and a pid check): is the holder gone? */
function isStale(h, now, myHost, alive) {
    if (!h)
        return true;
    if (h.host === myHost && !alive(h.pid))
        return true;
    return now.getTime() > Date.parse(h.leaseUntil);
}
function describeHolder(h) {
    if (!h)
        return 'an unknown holder';
    return `${h.runUrl || `pid ${h.pid} on ${h.host}`} (since ${h.acquiredAt})`;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
class DockerLock {
    name;
    log;
    exec;
    constructor(name, log, exec = src_exec/* run */.eF) {
        this.name = name;
        this.log = log;
        this.exec = exec;
    }
    /**
     * Take the lock, waiting up to `timeoutSec` for another holder. `image` is any local image (the
     * container is never started). Returns a function that releases it.
     */
    async acquire(image, runUrl, leaseSec, timeoutSec) {
        const deadline = Date.now() + timeoutSec * 1000;
        let announced = false;
        for (;;) {
            const now = new Date();
            const holder = {
                runUrl,
                host: (0,external_node_os_namespaceObject.hostname)(),
                pid: process.pid,
                acquiredAt: now.toISOString(),
                leaseUntil: new Date(now.getTime() + leaseSec * 1000).toISOString(),
            };
            const argv = ['docker', 'create', '--name', this.name, '--entrypoint', '/immutable-deploy-lock'];
            for (const [k, v] of Object.entries(holderLabels(holder)))
                argv.push('--label', `${k}=${v}`);
            argv.push(image);
            const r = await this.exec(argv, { allowFailure: true });
            if (r.exitCode === 0) {
                const id = r.stdout.trim();
                return async () => {
                    await this.exec(['docker', 'rm', '--force', id], { allowFailure: true });
                };
            }
            if (!/already in use|Conflict/i.test(r.stderr)) {
                throw new errors/* DeployError */.sH(`Could not take the deploy lock ${this.name}: ${r.stderr.trim()}`);
            }
            const current = await this.holder();
            if (current && isStale(current.holder, new Date(), (0,external_node_os_namespaceObject.hostname)(), pidAlive)) {
                this.log.warning(`Taking over the deploy lock ${this.name} from ${describeHolder(current.holder)}: its holder is gone.`);
                // Remove by id: if another run took it over meanwhile, its new lock has another id and stays.
                await this.exec(['docker', 'rm', '--force', current.id], { allowFailure: true });
                continue;
            }
            if (Date.now() >= deadline) {
                throw new errors/* DeployError */.sH(`Another run holds the deploy lock ${this.name}: ${describeHolder(current?.holder)}. Waited ${timeoutSec}s.`, 'Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically once its lease ends.');
            }
            if (!announced) {
                this.log.info(`Waiting for the deploy lock ${this.name}, held by ${describeHolder(current?.holder)}`);
                announced = true;
            }
            await sleep(1000);
        }
    }
    async holder() {
        const r = await this.exec(['docker', 'container', 'inspect', this.name], { allowFailure: true });
        if (r.exitCode !== 0)
            return undefined;
        const c = JSON.parse(r.stdout)[0];
        let holder;
        try {
            holder = JSON.parse(c.Config.Labels?.[LOCK_LABEL] ?? '');
        }
        catch {
            holder = undefined;
        }
        return { id: c.Id, holder };
    }
}

;// CONCATENATED MODULE: ./src/release/plan.ts
/** Pure decisions of the release model: what is live, what stays warm, what goes. */

const newestFirst = (a, b) => b.deployedAt.localeCompare(a.deployedAt);
/**
 * The live instance is the one the router points at. Without a router (router: none), it is the
 * newest verified running instance.
 */
function classify(instances, routed, hasRouter) {
    const usable = instances.filter((i) => i.verified && i.running).sort(newestFirst);
    const debris = instances.filter((i) => !i.verified || !i.running);
    const live = hasRouter ? usable.find((i) => (0,types/* sameTarget */.c)(i.target, routed)) : usable[0];
    return { live, warm: usable.filter((i) => i !== live), debris };
}
/**
 * After `live` took over from `previous`: keep `keep` previous versions warm (the one that was just
 * live first, then the newest), one instance per version; everything else goes.
 */
function planRetention(instances, live, previous, keep) {
    const candidates = instances
        .filter((i) => i.id !== live.id && i.verified && i.running)
        .sort((a, b) => (a.id === previous?.id ? -1 : b.id === previous?.id ? 1 : newestFirst(a, b)));
    const warm = [];
    const drain = [];
    const remove = instances.filter((i) => i.id !== live.id && (!i.verified || !i.running));
    const versions = new Set([live.version]);
    for (const i of candidates) {
        if (!versions.has(i.version) && warm.length < keep) {
            warm.push(i);
            versions.add(i.version);
        }
        else if (i.id === previous?.id)
            drain.push(i);
        else
            remove.push(i);
    }
    return { warm, drain, remove };
}
/** Version tags beyond the newest `keepImages` go, never one of `protect`. */
function planImagePrune(images, protect, keepImages) {
    const sorted = [...images].sort((a, b) => b.created.localeCompare(a.created));
    return sorted.slice(keepImages).filter((i) => !protect.has(i.version));
}

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

;// CONCATENATED MODULE: ./src/acceptance/command.ts
/**
 * The user's acceptance command. It is written by the workflow author (like a `run:` step), so it runs
 * in bash; the data it needs is passed in environment variables, never spliced into the text.
 */

async function runAcceptanceCommand(command, env, timeoutSec, exec = src_exec/* run */.eF) {
    const started = Date.now();
    const r = await exec(['bash', '-e', '-o', 'pipefail', '-c', command], {
        env: { ...env },
        echo: true,
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
    let last = 'no answer yet';
    for (;;) {
        attempts++;
        const inst = await w.probe();
        if (!inst.running || inst.restarting || inst.restartCount > 0) {
            throw new errors/* DeployError */.sH(`Instance ${inst.name} ${inst.restartCount > 0 || inst.restarting ? 'restarted' : 'exited'} with exit code ${inst.exitCode} while waiting for it to become healthy.`, 'Its process stopped: see its log below, fix the app or its environment, and deploy again.');
        }
        const url = inst.target ? `http://${(0,types/* formatTarget */.P)(inst.target)}${w.path}` : undefined;
        if (!url) {
            last = 'Docker has not published its port yet';
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
 * Launch a fresh instance of an exact image and put it through health and acceptance.
 * A version that fails never receives traffic: its instance is removed (unless keep-failed)
 * and the error carries the reason and the instance's last log lines.
 */






function instanceUrl(i) {
    return i.target ? `http://${(0,types/* formatTarget */.P)(i.target)}` : '';
}
async function launchAndVerify(img, v) {
    const { cfg, runtime, log, report } = v;
    const started = Date.now();
    const instance = await log.group(`Start a fresh instance of ${img.version}`, async () => {
        const i = await runtime.launch({
            app: cfg.app,
            environment: cfg.environment,
            version: img.version,
            digest: img.digest,
            image: img.imageId,
            revision: img.revision,
            deployedAt: new Date().toISOString(),
            runUrl: v.runUrl,
            containerPort: cfg.run.port,
            publishHost: cfg.run.upstreamHost,
            env: cfg.run.env,
            secretEnv: cfg.run.secretEnv,
            network: cfg.run.network,
            memory: cfg.run.memory,
            cpus: cfg.run.cpus,
            restart: cfg.run.restart,
        });
        log.info(`Started ${i.name} from ${img.imageId}`);
        return i;
    });
    const steps = [];
    try {
        const health = await log.group(`Wait until ${instance.name} is healthy`, () => waitHealthy({
            path: cfg.verify.healthPath,
            timeoutSec: cfg.verify.healthTimeoutSec,
            probe: () => runtime.inspect(instance.id),
        }));
        const url = instanceUrl(health.instance);
        report.output('url', url);
        log.info(`Healthy at ${url} after ${health.ms} ms (${health.attempts} probes)`);
        steps.push(['health', `GET ${cfg.verify.healthPath}`, 'pass', `${health.ms} ms`]);
        if (cfg.verify.checks.length > 0) {
            const results = await log.group('Built-in checks', () => runChecks(url, cfg.verify.checks));
            for (const r of results) {
                log.info(`${r.ok ? 'pass' : 'FAIL'}  ${r.check}  (${r.detail})`);
                steps.push(['check', r.check, r.ok ? 'pass' : 'FAIL', r.detail]);
            }
            const failed = results.filter((r) => !r.ok);
            if (failed.length > 0)
                throw checksFailed(failed, log);
        }
        if (cfg.verify.acceptanceCommand) {
            const outcome = await log.group('Acceptance command', () => runAcceptanceCommand(cfg.verify.acceptanceCommand, {
                TARGET_URL: url,
                VERSION: img.version,
                APP: cfg.app,
                ENVIRONMENT: cfg.environment,
                IMAGE: cfg.image,
                DIGEST: img.digest,
            }, cfg.verify.acceptanceTimeoutSec));
            const why = outcome.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s` : `exit code ${outcome.exitCode}`;
            steps.push(['command', 'acceptance-command', outcome.ok ? 'pass' : 'FAIL', outcome.ok ? `${outcome.ms} ms` : why]);
            if (!outcome.ok) {
                log.error(`The acceptance command failed (${why}):\n${outcome.output}`, 'Acceptance failed');
                throw new errors/* DeployError */.sH(`The acceptance command failed against ${url} (${why}). Its last lines:\n${outcome.output}`);
            }
        }
        report.section(`### Verified ${img.version} in ${Date.now() - started} ms\n\n${(0,src_report/* table */.tp)(['step', 'what', 'result', 'detail'], steps)}`);
        return await runtime.markVerified(health.instance, cfg.run.restart);
    }
    catch (err) {
        const logs = await runtime.logs(instance.id, 40);
        report.section(`### ${img.version} failed verification\n\n${steps.length ? (0,src_report/* table */.tp)(['step', 'what', 'result', 'detail'], steps) + '\n\n' : ''}` +
            `${(0,src_report/* codeBlock */.DV)((0,errors/* errorMessage */.gJ)(err))}\n\nLast log lines of ${instance.name}:\n\n${(0,src_report/* codeBlock */.DV)(logs || '(no output)')}`);
        if (cfg.verify.keepFailed)
            log.warning(`keep-failed: leaving ${instance.name} in place for debugging; it receives no traffic.`);
        else
            await runtime.remove([instance.id]);
        const reason = (0,errors/* errorMessage */.gJ)(err);
        throw new errors/* DeployError */.sH(`${reason}\nThe live version was not touched.${cfg.verify.keepFailed ? '' : ` Instance ${instance.name} was removed.`}\n` +
            `Last log lines of ${instance.name}:\n${logs || '(no output)'}`);
    }
}
function checksFailed(failed, log) {
    for (const f of failed)
        log.error(`${f.check}: ${f.detail}`, 'Check failed');
    return new errors/* DeployError */.sH(`${failed.length} built-in check${failed.length > 1 ? 's' : ''} failed: ${failed.map((f) => `${f.check} (${f.detail})`).join('; ')}`);
}

;// CONCATENATED MODULE: ./src/release/release.ts
/** Deploy, rollback and status: the release model over a runtime and a router. */











const release_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Run `fn` as a GitHub Deployment of `what` when a token is given: in_progress, then success or failure.
 * The GitHub client is loaded only then; its errors are warnings, never a failed deploy.
 */
async function recorded(d, what, fn) {
    if (!d.cfg.githubToken || !d.ctx.repository)
        return fn();
    const { createDeploymentRecorder } = await __nccwpck_require__.e(/* import() */ 887).then(__nccwpck_require__.bind(__nccwpck_require__, 887));
    const rec = await createDeploymentRecorder({
        token: d.cfg.githubToken,
        repository: d.ctx.repository,
        apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
        log: d.log,
    });
    await rec.start({ ...what, environment: d.cfg.environment, logUrl: runUrl(d.ctx) || undefined });
    try {
        const result = await fn();
        await rec.finish('success', { description: `${what.version} is live${what.rollback ? ' (rollback)' : ''}` });
        return result;
    }
    catch (err) {
        await rec.finish('failure', { description: (0,errors/* errorMessage */.gJ)(err).split('\n')[0] });
        throw err;
    }
}
async function observe(d, router) {
    const [instances, routed] = await Promise.all([
        d.runtime.list(d.cfg.app, d.cfg.environment),
        router ? router.current() : Promise.resolve(undefined),
    ]);
    const observed = classify(instances, routed, !!router);
    if (router && routed && !observed.live)
        d.log.info(`${router.describe()} points at ${(0,types/* formatTarget */.P)(routed)}, which is no instance of ${d.cfg.app} in ${d.cfg.environment}.`);
    return { instances, observed };
}
async function withLock(d, image, fn) {
    const { cfg } = d;
    const lease = cfg.verify.healthTimeoutSec + cfg.verify.acceptanceTimeoutSec + cfg.release.drainSeconds + 600;
    const release = await new DockerLock(lockName(cfg.app, cfg.environment), d.log, d.exec).acquire(image, runUrl(d.ctx), lease, cfg.release.lockTimeoutSec);
    try {
        return await fn();
    }
    finally {
        await release();
    }
}
/** Leftovers of a killed or failed run (unverified candidates, stopped instances) go first: converge. */
async function clearDebris(d, observed) {
    if (observed.debris.length === 0)
        return;
    d.log.info(`Removing ${observed.debris.length} leftover instance(s): ${observed.debris.map((i) => i.name).join(', ')}`);
    await d.runtime.remove(observed.debris.map((i) => i.id));
}
async function flip(d, router, next) {
    if (!router)
        return undefined;
    const started = performance.now();
    await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => router.flip(next.target, { version: next.version, url: instanceUrl(next) }));
    const ms = Math.round(performance.now() - started);
    d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${instanceUrl(next)} (flip took ${ms} ms)`);
    return ms;
}
/** After a flip: keep `keep` previous versions warm, drain and stop the rest, prune old images; report. */
async function settle(d, live, previous, flipMs) {
    const { cfg, runtime, log, report } = d;
    const instances = await runtime.list(cfg.app, cfg.environment);
    const plan = planRetention(instances, live, previous, cfg.release.keep);
    await runtime.remove(plan.remove.map((i) => i.id));
    if (plan.drain.length > 0) {
        log.info(`Draining ${plan.drain.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping it`);
        await release_sleep(cfg.release.drainSeconds * 1000);
        await runtime.retire(plan.drain.map((i) => i.id), 10);
    }
    const retired = [...plan.remove, ...plan.drain];
    if (retired.length)
        log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);
    const images = await listVersionImages(cfg.app, cfg.image, d.exec);
    const protect = new Set([live.version, ...plan.warm.map((i) => i.version)]);
    const prune = planImagePrune(images, protect, cfg.release.keepImages);
    if (prune.length) {
        const failed = await removeImageTags(prune.map((i) => i.ref), d.exec);
        log.info(`Pruned image tags: ${prune.map((i) => i.ref).join(', ')}`);
        if (failed.length)
            log.warning(`Could not remove image tags ${failed.join(', ')} (still in use?). They are left as they are.`);
    }
    report.output('version', live.version);
    report.output('digest', live.digest);
    report.output('live-version', live.version);
    report.output('previous-version', previous?.version ?? '');
    report.output('url', instanceUrl(live));
    const rows = [
        ['live', live.version, live.revision.slice(0, 7), instanceUrl(live), live.deployedAt],
        ...plan.warm.map((i) => ['warm', i.version, i.revision.slice(0, 7), instanceUrl(i), i.deployedAt]),
        ...retired.map((i) => ['retired', i.version, i.revision.slice(0, 7), '', i.deployedAt]),
    ];
    const back = plan.warm[0]?.version;
    report.section(`### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', 'instance', 'deployed'], rows) +
        (back
            ? `\n\nRoll back with one flip:\n\n\`\`\`\ngh workflow run rollback.yml -f app=${cfg.app} -f environment=${cfg.environment} -f version=${back}\n\`\`\``
            : ''));
}
async function deploy(d) {
    const { cfg, log } = d;
    let img;
    if (cfg.version === undefined) {
        const b = await build(cfg, d.ctx, d.docker, log);
        reportBuild(b, d.ctx, d.report);
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
        const found = await resolveVersion(d.docker, cfg.image, cfg.version, { pull: true, exec: d.exec });
        if (!found) {
            const known = (await listVersionImages(cfg.app, cfg.image, d.exec)).map((i) => i.version);
            throw unknownVersion(cfg.image, cfg.version, known);
        }
        img = found;
        log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
        d.report.output('version', img.version);
        d.report.output('image', img.image);
        d.report.output('digest', img.digest);
        d.report.section(`### Deploying ${img.version} as built (no build)\n\n` +
            (0,src_report/* table */.tp)(['', ''], [['Commit', commitLink(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]));
    }
    const router = await createRouter(cfg.router, { run: d.exec, log });
    await withLock(d, img.imageId, async () => {
        const { observed } = await observe(d, router);
        await clearDebris(d, observed);
        const previous = observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.name})` : 'Nothing of this app is live yet.');
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await recorded(d, what, async () => {
            const next = await launchAndVerify(img, { cfg, runtime: d.runtime, log, report: d.report, runUrl: runUrl(d.ctx) });
            let flipMs;
            try {
                flipMs = await flip(d, router, next);
            }
            catch (err) {
                await d.runtime.remove([next.id]);
                throw new errors/* DeployError */.sH(`The flip to ${next.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}\nThe new instance was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`);
            }
            await settle(d, next, previous, flipMs);
        });
    });
}
async function rollback(d) {
    const { cfg, log } = d;
    const router = await createRouter(cfg.router, { run: d.exec, log });
    const first = await observe(d, router);
    const version = cfg.version ?? first.observed.warm[0]?.version;
    const restorable = async () => [
        ...new Set([
            ...first.observed.warm.map((i) => i.version),
            ...(await listVersionImages(cfg.app, cfg.image, d.exec)).map((i) => i.version),
        ]),
    ].filter((v) => v !== first.observed.live?.version);
    if (!version) {
        throw new errors/* DeployError */.sH(`There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    const warmOne = first.observed.warm.find((i) => i.version === version);
    const img = warmOne ? undefined : await resolveVersion(d.docker, cfg.image, version, { pull: false });
    if (!warmOne && !img && first.observed.live?.version !== version)
        throw unknownVersion(cfg.image, version, await restorable());
    const lockImage = warmOne?.image ?? img?.imageId ?? first.observed.live.image;
    await withLock(d, lockImage, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { observed } = await observe(d, router);
        await clearDebris(d, observed);
        const previous = observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await settle(d, previous, undefined, undefined);
            return;
        }
        let next = observed.warm.find((i) => i.version === version);
        if (next && !(await answers(next, cfg.verify.healthPath))) {
            log.warning(`The warm instance ${next.name} of ${version} does not answer: starting a fresh one instead.`);
            await d.runtime.remove([next.id]);
            next = undefined;
        }
        const resolved = next ? undefined : (img ?? (await resolveVersion(d.docker, cfg.image, version, { pull: false })));
        if (!next && !resolved)
            throw unknownVersion(cfg.image, version, await restorable());
        const what = {
            sha: next?.revision ?? resolved.revision,
            version,
            digest: next?.digest ?? resolved.digest,
            previousVersion: previous?.version,
            rollback: true,
        };
        await recorded(d, what, async () => {
            if (next) {
                log.info(`Rolling back to the warm instance ${next.name} of ${version}: one flip, no build, no pull.`);
            }
            else {
                log.info(`${version} is not running: starting a fresh instance from ${resolved.imageId} and verifying it first.`);
                next = await launchAndVerify(resolved, { cfg, runtime: d.runtime, log, report: d.report, runUrl: runUrl(d.ctx) });
            }
            let flipMs;
            try {
                flipMs = await flip(d, router, next);
            }
            catch (err) {
                // A fresh instance started for this rollback goes; a warm one stays warm.
                if (resolved)
                    await d.runtime.remove([next.id]);
                throw new errors/* DeployError */.sH(`The flip back to ${version} failed: ${(0,errors/* errorMessage */.gJ)(err)}${previous ? `\n${previous.version} is still live.` : ''}`);
            }
            await settle(d, next, previous, flipMs);
        });
    });
}
async function answers(i, path) {
    try {
        const a = await request(instanceUrl(i) + path, 'GET', 2000);
        return a.status >= 200 && a.status < 400;
    }
    catch {
        return false;
    }
}
/** What runs and what can be restored. Changes nothing. */
async function release_status(d) {
    const { cfg } = d;
    const router = await createRouter(cfg.router, { run: d.exec, log: d.log });
    const [{ observed }, images] = await Promise.all([observe(d, router), listVersionImages(cfg.app, cfg.image, d.exec)]);
    const versions = [];
    const seen = new Set();
    const add = async (i, state) => {
        if (seen.has(i.version))
            return;
        seen.add(i.version);
        const image = await d.docker.inspectImage(i.image);
        const created = image?.Config.Labels?.['org.opencontainers.image.created'] ?? image?.Created ?? '';
        versions.push({ version: i.version, digest: i.digest, revision: i.revision, created, state, deployed: i.deployedAt });
    };
    if (observed.live)
        await add(observed.live, 'live');
    for (const i of observed.warm)
        await add(i, 'warm');
    const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
    for (const i of inspected) {
        const r = await resolveVersion(d.docker, cfg.image, i.version, { pull: false });
        versions.push({ version: i.version, digest: r?.digest ?? '', revision: r?.revision ?? '', created: i.created, state: 'image-only' });
    }
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', 'digest', 'built', 'instance started'], versions.map((v) => [v.state, v.version, v.revision.slice(0, 7), `\`${v.digest.slice(0, 19)}\``, v.created, v.deployed ?? ''])));
    return versions;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
;// CONCATENATED MODULE: ./src/runtime/docker.ts
/** The Docker runtime: instances are containers whose labels say what they are. */




const L = {
    role: `${LABEL_PREFIX}.role`,
    app: `${LABEL_PREFIX}.app`,
    environment: `${LABEL_PREFIX}.environment`,
    version: `${LABEL_PREFIX}.version`,
    digest: `${LABEL_PREFIX}.digest`,
    image: `${LABEL_PREFIX}.image`,
    revision: `${LABEL_PREFIX}.revision`,
    deployedAt: `${LABEL_PREFIX}.deployed-at`,
    runUrl: `${LABEL_PREFIX}.run-url`,
};
const CANDIDATE_SUFFIX = '-candidate';
/** Pure: the labels an instance carries. */
function instanceLabels(l) {
    return {
        [L.role]: 'instance',
        [L.app]: l.app,
        [L.environment]: l.environment,
        [L.version]: l.version,
        [L.digest]: l.digest,
        [L.image]: l.image,
        [L.revision]: l.revision,
        [L.deployedAt]: l.deployedAt,
        [L.runUrl]: l.runUrl,
    };
}
/** Pure: a unique container name that begins with `<app>-`. Candidates carry a suffix until verified. */
function instanceName(app, environment, version, random) {
    return `${app}-${environment}-${version}-${random}${CANDIDATE_SUFFIX}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
function toInstance(c, containerPort) {
    const labels = c.Config.Labels ?? {};
    const name = c.Name.replace(/^\//, '');
    const ports = c.NetworkSettings.Ports ?? {};
    const key = containerPort ? `${containerPort}/tcp` : Object.keys(ports).find((k) => (ports[k]?.length ?? 0) > 0);
    const binding = key ? ports[key]?.[0] : undefined;
    const health = c.State.Health?.Status;
    return {
        id: c.Id,
        name,
        app: labels[L.app] ?? '',
        environment: labels[L.environment] ?? '',
        version: labels[L.version] ?? '',
        digest: labels[L.digest] ?? '',
        image: labels[L.image] ?? '',
        revision: labels[L.revision] ?? '',
        deployedAt: labels[L.deployedAt] ?? '',
        runUrl: labels[L.runUrl] ?? '',
        verified: !name.endsWith(CANDIDATE_SUFFIX),
        running: c.State.Running,
        restarting: c.State.Restarting,
        exitCode: c.State.ExitCode,
        restartCount: c.RestartCount,
        health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : undefined,
        target: binding?.HostPort ? { host: binding.HostIp || '127.0.0.1', port: Number(binding.HostPort) } : undefined,
    };
}
class DockerRuntime {
    exec;
    constructor(exec = src_exec/* run */.eF) {
        this.exec = exec;
    }
    async launch(spec) {
        const name = instanceName(spec.app, spec.environment, spec.version, (0,external_node_crypto_.randomBytes)(3).toString('hex'));
        const env = { ...spec.env, ...spec.secretEnv };
        const r = await this.exec(runArgv({
            name,
            image: spec.image,
            labels: instanceLabels(spec),
            envNames: Object.keys(env),
            publishHost: spec.publishHost,
            containerPort: spec.containerPort,
            network: spec.network,
            memory: spec.memory,
            cpus: spec.cpus,
            // No restart policy while it is verified: a crash must show as a crash, with its exit code.
            // The policy is applied once it passes (markVerified).
            restart: 'no',
        }), 
        // Values reach docker through its environment (`--env NAME`), never through argv.
        { env });
        // A process that dies at start may leave no published port yet: the health wait tells why.
        return this.inspect(r.stdout.trim());
    }
    async list(app, environment) {
        const ids = (await this.exec(psArgv({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }))).stdout
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
        if (ids.length === 0)
            return [];
        const r = await this.exec(inspectArgv(ids), { allowFailure: true });
        // A container removed between ps and inspect is simply gone.
        const parsed = r.stdout.trim() ? JSON.parse(r.stdout) : [];
        return parsed.map((c) => toInstance(c));
    }
    async inspect(id) {
        const r = await this.exec(inspectArgv([id]));
        return toInstance(JSON.parse(r.stdout)[0]);
    }
    async markVerified(instance, restart) {
        if (instance.verified)
            return instance;
        const name = instance.name.slice(0, -CANDIDATE_SUFFIX.length);
        if (restart !== 'no')
            await this.exec(['docker', 'update', '--restart', restart, instance.id]);
        await this.exec(['docker', 'rename', instance.id, name]);
        return { ...instance, name, verified: true };
    }
    async logs(id, lines) {
        const r = await this.exec(logsArgv(id, lines), { allowFailure: true });
        return (r.stdout + r.stderr).trimEnd();
    }
    async retire(ids, graceSec) {
        if (ids.length === 0)
            return;
        await this.exec(stopArgv(ids, graceSec), { allowFailure: true });
        await this.remove(ids);
    }
    async remove(ids) {
        if (ids.length === 0)
            return;
        await this.exec(rmArgv(ids), { allowFailure: true });
    }
}

;// CONCATENATED MODULE: ./src/commands.ts
/** Runs one command (build, deploy, rollback, status) over the typed config. */







async function execute(cfg, report, log) {
    const docker = new Docker(src_exec/* run */.eF);
    // Only a build needs to know the commit; rollback and status work anywhere.
    const building = cfg.command === 'build' || (cfg.command === 'deploy' && cfg.version === undefined);
    const ctx = await readContext(cfg.build.context, building);
    if (cfg.command === 'build') {
        reportBuild(await build(cfg, ctx, docker, log), ctx, report);
        return;
    }
    const deps = { cfg, ctx, docker, runtime: new DockerRuntime(src_exec/* run */.eF), exec: src_exec/* run */.eF, log, report };
    switch (cfg.command) {
        case 'deploy':
            return deploy(deps);
        case 'rollback':
            if (cfg.router.kind === 'none')
                throw new errors/* DeployError */.sH('command: rollback needs a router: with router: none nothing sends traffic, so there is nothing to flip back.', 'Set "router" (nginx, haproxy, caddy or command) and its options, as in your deploy step.');
            return rollback(deps);
        case 'status':
            await release_status(deps);
            return;
    }
}


/***/ }),

/***/ 916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   sH: () => (/* binding */ DeployError)
/* harmony export */ });
/** An action input has a value we cannot accept. The message names the input, the value and what is accepted. */
class InputError extends Error {
    input;
    value;
    accepted;
    constructor(input, value, accepted) {
        super(`Input "${input}" has the value ${JSON.stringify(value)}, which is not accepted: ${accepted}`);
        this.input = input;
        this.value = value;
        this.accepted = accepted;
        this.name = 'InputError';
    }
}
/** A step of the deploy failed; `hint` tells the person what to do next. */
class DeployError extends Error {
    hint;
    details;
    constructor(message, hint, details) {
        super(hint ? `${message}\n${hint}` : message);
        this.hint = hint;
        this.details = details;
        this.name = 'DeployError';
    }
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 981:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  gL: () => (/* binding */ formatArgv),
  w$: () => (/* binding */ lastLines),
  E$: () => (/* binding */ redact),
  cl: () => (/* binding */ registerSecret),
  eF: () => (/* binding */ run)
});

// UNUSED EXPORTS: CommandError

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/exec.ts
/**
 * The one boundary that runs external commands. Commands are always argv arrays,
 * spawned without a shell: nothing here builds a shell line from input.
 * Secrets registered with registerSecret() are redacted from everything returned or printed.
 */

class CommandError extends Error {
    argv;
    result;
    constructor(argv, result) {
        const tail = lastLines(result.stderr.trim() || result.stdout.trim(), 15);
        const why = result.timedOut ? 'timed out' : `failed with exit code ${result.exitCode}`;
        super(`Command ${why}: ${formatArgv(argv)}${tail ? `\n${tail}` : ''}`);
        this.argv = argv;
        this.result = result;
        this.name = 'CommandError';
    }
}
function lastLines(text, n) {
    return text.split('\n').slice(-n).join('\n');
}
/** Values that must never appear in anything we return or print. */
const secrets = new Set();
function registerSecret(value) {
    if (value.length >= 3)
        secrets.add(value);
}
function redact(text) {
    let out = text;
    for (const s of secrets)
        out = out.split(s).join('***');
    return out;
}
/** A readable rendering of an argv array for messages (quoted where needed; secrets redacted). */
function formatArgv(argv) {
    return redact(argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '));
}
const run = (argv, options = {}) => new Promise((resolve, reject) => {
    const [cmd, ...args] = argv;
    if (!cmd)
        return reject(new Error('run() needs a command'));
    const child = (0,external_node_child_process_namespaceObject.spawn)(cmd, args, {
        cwd: options.cwd,
        env: options.env ? { ...process.env, ...options.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: options.timeoutMs !== undefined,
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => {
        out.push(b);
        if (options.echo)
            process.stdout.write(redact(b.toString()));
    });
    child.stderr.on('data', (b) => {
        err.push(b);
        if (options.echo)
            process.stdout.write(redact(b.toString()));
    });
    let timedOut = false;
    const timer = options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        }, options.timeoutMs)
        : undefined;
    child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(e.code === 'ENOENT'
            ? `Command not found: ${cmd}. Install it on the runner or put it on PATH.`
            : `Could not start ${formatArgv(argv)}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
        clearTimeout(timer);
        const result = {
            exitCode: code ?? (signal ? 128 : 1),
            stdout: redact(Buffer.concat(out).toString()),
            stderr: redact(Buffer.concat(err).toString()),
            ...(timedOut ? { timedOut } : {}),
        };
        if ((result.exitCode !== 0 || timedOut) && !options.allowFailure)
            reject(new CommandError(argv, result));
        else
            resolve(result);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
});


/***/ }),

/***/ 922:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  X: () => (/* binding */ readConfig)
});

// UNUSED EXPORTS: TAG_RE

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 5 modules
var core = __nccwpck_require__(49);
;// CONCATENATED MODULE: ./src/text.ts
/** Small pure parsers for the text formats our inputs use. */
/**
 * Split a line into words, honouring single and double quotes and backslash escapes
 * inside double quotes. Used to turn a command input into an argv array (no shell involved).
 * Throws on an unterminated quote.
 */
function splitWords(line) {
    const words = [];
    let cur = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && i + 1 < line.length)
                cur += line[++i];
            else
                cur += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(cur);
            cur = '';
            inWord = false;
        }
        else {
            cur += c;
            inWord = true;
        }
    }
    if (quote)
        throw new Error(`unterminated ${quote} quote`);
    if (inWord)
        words.push(cur);
    return words;
}
/** Non-empty, non-comment lines of a multi-line input, trimmed. Commas also separate items when `commas`. */
function listItems(text, commas = false) {
    return text
        .split(commas ? /[\n,]/ : /\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/**
 * Parse `KEY=VALUE` lines. Returns the map, or the first line that is not KEY=VALUE
 * so the caller can name it in an error.
 */
function parseKeyValues(text, keyPattern) {
    const values = {};
    for (const line of listItems(text)) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (!key || !keyPattern.test(key))
            return { values, bad: line };
        values[key] = line.slice(eq + 1);
    }
    return { values };
}

;// CONCATENATED MODULE: ./src/acceptance/checks-parse.ts

class CheckSyntaxError extends Error {
}
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']);
function parseChecks(text) {
    return listItems(text).map(parseCheck);
}
function parseCheck(line) {
    let words;
    try {
        words = splitWords(line);
    }
    catch (e) {
        throw new CheckSyntaxError(`${e.message} in check ${JSON.stringify(line)}`);
    }
    const fail = (why) => {
        throw new CheckSyntaxError(`check ${JSON.stringify(line)}: ${why}. Expected: METHOD /path STATUS [contains "text"] [json .field == value] [within 500ms]`);
    };
    const [method, path, statusWord, ...rest] = words;
    if (!method || !METHODS.has(method.toUpperCase()))
        fail(`"${method ?? ''}" is not an HTTP method`);
    if (!path || !path.startsWith('/'))
        fail(`the path must start with "/"`);
    if (!statusWord || !/^[1-5]\d\d$/.test(statusWord))
        fail(`"${statusWord ?? ''}" is not an HTTP status code`);
    const check = { source: line, method: method.toUpperCase(), path: path, status: Number(statusWord) };
    while (rest.length > 0) {
        const word = rest.shift();
        if (word === 'contains') {
            const text = rest.shift();
            if (text === undefined || text === '')
                fail('"contains" needs a text');
            check.contains = text;
        }
        else if (word === 'json') {
            const field = rest.shift();
            const op = rest.shift();
            const raw = rest.shift();
            if (!field || !/^\.([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)?$/.test(field))
                fail('"json" needs a field like .status or .data.ok');
            if (op !== '==' && op !== '!=')
                fail('"json" needs == or != after the field');
            if (raw === undefined)
                fail('"json" needs a value to compare with');
            check.json = { path: field.split('.').filter(Boolean), op: op, value: parseJsonValue(raw) };
        }
        else if (word === 'within') {
            const budget = rest.shift() ?? '';
            const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(budget);
            if (!m)
                fail(`"within" needs a duration like 500ms or 2s, got "${budget}"`);
            check.maxMs = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
        }
        else {
            fail(`unknown word "${word}"`);
        }
    }
    return check;
}
/** `true`, `42`, `"text"`, `null` as JSON; a bare word as a string. */
function parseJsonValue(raw) {
    try {
        return JSON.parse(raw);
    }
    catch {
        return raw;
    }
}

;// CONCATENATED MODULE: ./src/config.ts
/** The typed, validated configuration of one run. Built only by src/inputs.ts. */
const COMMANDS = ['build', 'deploy', 'rollback', 'status'];
const ROUTER_KINDS = ['none', 'nginx', 'haproxy', 'caddy', 'command'];

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(916);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var exec = __nccwpck_require__(981);
;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * The ONLY module that reads action inputs. It returns a typed, validated Config;
 * every error names the input, the value and what is accepted.
 */






const APP_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ENV_NAME_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,62})$/;
/** A Docker tag: https://docs.docker.com/reference/cli/docker/image/tag/ */
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A repository reference without tag or digest: optional registry host[:port], then lowercase path components. */
const IMAGE_RE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function readConfig(get = (n) => (0,core/* getInput */.V4)(n)) {
    const raw = (name) => get(name).trim();
    const optional = (name) => raw(name) || undefined;
    const choice = (name, allowed, dflt) => {
        const v = raw(name) || dflt;
        if (!allowed.includes(v))
            throw new errors/* InputError */.dz(name, v, `one of ${allowed.join(', ')}`);
        return v;
    };
    const bool = (name, dflt) => {
        const v = raw(name);
        if (v === '')
            return dflt;
        if (/^(true|yes|1)$/i.test(v))
            return true;
        if (/^(false|no|0)$/i.test(v))
            return false;
        throw new errors/* InputError */.dz(name, v, 'true or false');
    };
    const int = (name, dflt, min, max) => {
        const v = raw(name);
        if (v === '')
            return dflt;
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < min || n > max)
            throw new errors/* InputError */.dz(name, v, `a whole number from ${min} to ${max}`);
        return n;
    };
    const pattern = (name, re, accepted, dflt) => {
        const v = raw(name) || dflt || '';
        if (!re.test(v))
            throw new errors/* InputError */.dz(name, v, accepted);
        return v;
    };
    const keyValues = (name, keyRe, what) => {
        const { values, bad } = parseKeyValues(get(name), keyRe);
        if (bad !== undefined)
            throw new errors/* InputError */.dz(name, bad, `one ${what}=VALUE per line`);
        return values;
    };
    const argv = (name, dflt) => {
        const v = raw(name) || dflt;
        try {
            const words = splitWords(v);
            if (words.length === 0)
                throw new Error('empty');
            return words;
        }
        catch (e) {
            throw new errors/* InputError */.dz(name, v, `a command line (words, optionally quoted; no shell): ${e.message}`);
        }
    };
    const command = choice('command', COMMANDS, 'deploy');
    const app = pattern('app', APP_RE, 'lowercase letters, digits and "-" (1 to 63, starting and ending with a letter or digit)');
    const environment = pattern('environment', ENV_NAME_RE, 'letters, digits, ".", "_" and "-" (up to 63)', 'production');
    const image = pattern('image', IMAGE_RE, 'an image repository without tag, such as ghcr.io/acme/shop or shop', app);
    const versionRaw = optional('version');
    if (versionRaw !== undefined && !TAG_RE.test(versionRaw))
        throw new errors/* InputError */.dz('version', versionRaw, 'a Docker tag: letters, digits, "_", "." and "-", up to 128, not starting with "." or "-"');
    // Secrets first, so nothing later can print them.
    const password = optional('registry-password');
    const githubToken = optional('github-token');
    const secretEnv = keyValues('secret-env', ENV_KEY_RE, 'KEY');
    for (const s of [password, githubToken, ...Object.values(secretEnv)]) {
        if (s) {
            (0,core/* setSecret */.Pq)(s);
            (0,exec/* registerSecret */.cl)(s);
        }
    }
    const env = keyValues('env', ENV_KEY_RE, 'KEY');
    for (const key of Object.keys(env))
        if (key in secretEnv)
            throw new errors/* InputError */.dz('env', key, 'a key that is not also in secret-env');
    // Instance environment reaches `docker run` through the docker CLI's own environment (`--env NAME`,
    // so values never sit in argv): keys that would change how the CLI itself runs are refused.
    for (const [input, values] of [['env', env], ['secret-env', secretEnv]])
        for (const key of Object.keys(values))
            if (key === 'PATH' || key === 'HOME' || key.startsWith('DOCKER_'))
                throw new errors/* InputError */.dz(input, key, 'a variable name other than PATH, HOME or DOCKER_* (those steer the docker CLI itself)');
    let checks;
    try {
        checks = parseChecks(get('checks'));
    }
    catch (e) {
        if (e instanceof CheckSyntaxError)
            throw new errors/* InputError */.dz('checks', e.message, 'one check per line');
        throw e;
    }
    const restart = raw('restart') || 'unless-stopped';
    if (!/^(no|always|unless-stopped|on-failure(:\d{1,3})?)$/.test(restart))
        throw new errors/* InputError */.dz('restart', restart, 'no, always, unless-stopped, on-failure or on-failure:N');
    const memory = optional('memory');
    if (memory !== undefined && !/^\d+(\.\d+)?[bkmg]?$/i.test(memory))
        throw new errors/* InputError */.dz('memory', memory, 'a size such as 512m or 1g');
    const cpus = optional('cpus');
    if (cpus !== undefined && !(/^\d+(\.\d+)?$/.test(cpus) && Number(cpus) > 0))
        throw new errors/* InputError */.dz('cpus', cpus, 'a positive number such as 0.5 or 2');
    const network = optional('network');
    if (network !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(network))
        throw new errors/* InputError */.dz('network', network, 'a Docker network name');
    const upstreamHost = raw('upstream-host') || '127.0.0.1';
    if (!/^[A-Za-z0-9.:-]+$/.test(upstreamHost))
        throw new errors/* InputError */.dz('upstream-host', upstreamHost, 'an IP address or host name');
    const healthPath = raw('health-path') || '/';
    if (!healthPath.startsWith('/'))
        throw new errors/* InputError */.dz('health-path', healthPath, 'a path starting with "/"');
    const buildSecrets = listItems(get('build-secrets'));
    for (const s of buildSecrets)
        if (!/^id=[A-Za-z0-9_.-]+,(env|src)=[^,]+$/.test(s))
            throw new errors/* InputError */.dz('build-secrets', s, 'one per line: id=NAME,env=VARIABLE or id=NAME,src=PATH');
    const routerKind = choice('router', ROUTER_KINDS, 'none');
    return {
        command,
        app,
        environment,
        image,
        version: versionRaw,
        build: {
            context: raw('context') || '.',
            dockerfile: optional('dockerfile'),
            buildArgs: keyValues('build-args', /^[A-Za-z_][A-Za-z0-9_]*$/, 'NAME'),
            secrets: buildSecrets,
            target: optional('target'),
            extraLabels: keyValues('labels', LABEL_KEY_RE, 'KEY'),
            tagRules: listItems(get('tags')),
            push: bool('push', false),
        },
        registry: { server: optional('registry'), username: optional('registry-username'), password },
        run: {
            port: int('port', 8080, 1, 65535),
            upstreamHost,
            env,
            secretEnv,
            network,
            memory,
            cpus,
            restart,
        },
        verify: {
            healthPath,
            healthTimeoutSec: int('health-timeout', 60, 1, 3600),
            acceptanceCommand: optional('acceptance-command'),
            acceptanceTimeoutSec: int('acceptance-timeout', 300, 1, 6 * 3600),
            checks,
            keepFailed: bool('keep-failed', false),
        },
        router: readRouter(routerKind, app, raw, argv),
        release: {
            keep: int('keep', 1, 0, 50),
            keepImages: int('keep-images', 5, 1, 1000),
            drainSeconds: int('drain-seconds', 5, 0, 3600),
            lockTimeoutSec: int('lock-timeout', 300, 0, 6 * 3600),
        },
        githubToken,
    };
}
function readRouter(kind, app, raw, argv) {
    const required = (name) => {
        const v = raw(name);
        if (!v)
            throw new errors/* InputError */.dz(name, v, `a value: router "${kind}" needs it`);
        return v;
    };
    switch (kind) {
        case 'none':
            return { kind };
        case 'nginx': {
            const upstreamName = raw('nginx-upstream-name') || app;
            if (!/^[A-Za-z0-9_.-]+$/.test(upstreamName))
                throw new errors/* InputError */.dz('nginx-upstream-name', upstreamName, 'letters, digits, ".", "_" and "-"');
            return {
                kind,
                upstreamFile: required('nginx-upstream-file'),
                upstreamName,
                testCommand: argv('nginx-test-command', 'nginx -t'),
                reloadCommand: argv('nginx-reload-command', 'nginx -s reload'),
                pidFile: raw('nginx-pid-file') || undefined,
            };
        }
        case 'haproxy': {
            const name = (input, dflt) => {
                const v = raw(input) || dflt;
                if (!/^[A-Za-z0-9_.:-]+$/.test(v))
                    throw new errors/* InputError */.dz(input, v, 'letters, digits, ".", ":", "_" and "-"');
                return v;
            };
            return {
                kind,
                socket: required('haproxy-socket'),
                backend: name('haproxy-backend', app),
                server: name('haproxy-server', 'live'),
                stateFile: raw('haproxy-state-file') || undefined,
            };
        }
        case 'caddy': {
            const adminUrl = raw('caddy-admin-url') || 'http://127.0.0.1:2019';
            if (!/^https?:\/\/[^\s/]+\/?$/.test(adminUrl))
                throw new errors/* InputError */.dz('caddy-admin-url', adminUrl, 'an http(s) URL of the admin API, such as http://127.0.0.1:2019');
            const upstreamId = raw('caddy-upstream-id') || app;
            if (!/^[A-Za-z0-9_.-]+$/.test(upstreamId))
                throw new errors/* InputError */.dz('caddy-upstream-id', upstreamId, 'letters, digits, ".", "_" and "-"');
            return { kind, adminUrl: adminUrl.replace(/\/$/, ''), upstreamId };
        }
        case 'command':
            return { kind, command: required('router-command') };
    }
}


/***/ }),

/***/ 625:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ actionsLog)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(49);
/** Logging through the runner's commands (@actions/core), behind a small interface that tests can replace. */

const actionsLog = {
    info: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(m),
    warning: (m, title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(m, title ? { title } : {}),
    error: (m, title) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(m, title ? { title } : {}),
    group: (name, fn) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(name, fn),
};


/***/ }),

/***/ 730:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(49);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(170);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(136);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(916);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(922);
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(625);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(665);
/** The action's entry: read inputs -> run a command -> outputs and job summary. */






async function main() {
    let report = new _report_js__WEBPACK_IMPORTED_MODULE_4__/* .Report */ .pl('immutable-deploy');
    try {
        const cfg = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_2__/* .readConfig */ .X)();
        report = new _report_js__WEBPACK_IMPORTED_MODULE_4__/* .Report */ .pl(`immutable-deploy: ${cfg.command} ${cfg.app} to ${cfg.environment}`);
        await (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .execute */ .g)(cfg, report, _log_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsLog */ ._);
    }
    catch (err) {
        const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err);
        report.section(`### Failed\n\n${(0,_report_js__WEBPACK_IMPORTED_MODULE_4__/* .codeBlock */ .DV)(message)}`);
        _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .setFailed */ .C1(message);
    }
    finally {
        for (const [name, value] of Object.entries(report.outputs))
            _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .setOutput */ .uH(name, value);
        if (process.env.GITHUB_STEP_SUMMARY) {
            try {
                await _actions_core__WEBPACK_IMPORTED_MODULE_6__/* .summary */ .z.addRaw(report.markdown()).write();
            }
            catch (err) {
                _actions_core__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`Could not write the job summary: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}`);
            }
        }
    }
}
await main();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 665:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ codeBlock),
/* harmony export */   pl: () => (/* binding */ Report),
/* harmony export */   tp: () => (/* binding */ table)
/* harmony export */ });
/* unused harmony export escapeCell */
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(981);
/**
 * What a run tells the world: step outputs and the job summary. Filled as the run goes,
 * so a failed run still reports what it learned before failing.
 */

class Report {
    title;
    outputs = {};
    sections = [];
    constructor(title) {
        this.title = title;
    }
    output(name, value) {
        this.outputs[name] = (0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(value);
    }
    section(markdown) {
        this.sections.push((0,_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(markdown));
    }
    markdown() {
        return [`## ${this.title}`, ...this.sections].join('\n\n') + '\n';
    }
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


/***/ }),

/***/ 707:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ formatTarget),
/* harmony export */   c: () => (/* binding */ sameTarget)
/* harmony export */ });
function formatTarget(t) {
    return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}
function sameTarget(a, b) {
    return !!a && !!b && a.host === b.host && a.port === b.port;
}


/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 30:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 49:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, debug, endGroup, exportVariable, getBooleanInput, getIDToken, getMultilineInput, getState, isDebug, markdownSummary, notice, platform, saveState, setCommandEcho, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return __awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return __awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 170:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ summary)
/* harmony export */ });
/* unused harmony exports SUMMARY_ENV_VAR, SUMMARY_DOCS_URL, markdownSummary */
/* harmony import */ var os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(857);
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(896);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = fs__WEBPACK_IMPORTED_MODULE_1__.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(os__WEBPACK_IMPORTED_MODULE_0__.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(730);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

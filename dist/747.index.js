export const id = 747;
export const ids = [747,286];
export const modules = {

/***/ 6286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  build: () => (/* binding */ build),
  B: () => (/* binding */ loginIfConfigured),
  reportBuild: () => (/* binding */ reportBuild)
});

// UNUSED EXPORTS: pushImmutably

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
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
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

;// CONCATENATED MODULE: ./src/build.ts
/** The build phase: commit metadata -> an image with tags and labels, optionally pushed without moving a version tag. */








/** Log in to the registry when credentials are given (password on stdin, masked). */
async function loginIfConfigured(cfg, docker, log) {
    const { username, password, server } = cfg.registry;
    if (username && password) {
        await log.group(`Log in to ${server ?? 'the registry'}`, () => docker.login(server, username, password));
    }
    else if (username || password) {
        throw new errors/* DeployError */.sH('registry-username and registry-password go together: one of them is empty.', 'Set both (the password from a secret), or neither to use the credentials already on the runner.');
    }
}
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
    await loginIfConfigured(cfg, docker, log);
    const buildx = await docker.hasBuildx();
    if (cfg.build.secrets.length > 0 && !buildx)
        throw new errors/* DeployError */.sH('build-secrets need BuildKit, but "docker buildx" is not installed on this runner.', 'Add docker/setup-buildx-action before this step, or remove build-secrets.');
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'immutable-deploy-'));
    let imageId;
    try {
        const iidFile = (0,external_node_path_.join)(dir, 'iid');
        const argv = (0,docker_argv/* buildArgv */.v$)({ ...cfg.build, tags: meta.tags, labels: meta.labels, iidFile, buildx });
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

/***/ 4826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GI: () => (/* binding */ labelFilters),
/* harmony export */   Sl: () => (/* binding */ instanceCreateBody),
/* harmony export */   aJ: () => (/* binding */ restartPolicy),
/* harmony export */   wQ: () => (/* binding */ tarOneFile)
/* harmony export */ });
/* unused harmony exports memoryBytes, nanoCpus */
/** `--memory` sizes as the CLI reads them (RAMInBytes): binary units, `512m`, `1g`, `1.5g`, `100k`, `2048`. */
function memoryBytes(size) {
    const m = /^(\d+(?:\.\d+)?)\s*([bkmgtp])?i?b?$/i.exec(size.trim());
    if (!m)
        throw new Error(`not a size: ${size}`);
    const exp = 'bkmgtp'.indexOf((m[2] ?? 'b').toLowerCase());
    return Math.floor(Number(m[1]) * 1024 ** exp);
}
/** `--cpus` as the CLI sends it: billionths of a CPU. */
const nanoCpus = (cpus) => Math.round(Number(cpus) * 1e9);
/** `--restart` as the API takes it: no, always, unless-stopped, on-failure[:N]. */
function restartPolicy(restart) {
    const [name, count] = restart.split(':');
    return count !== undefined ? { Name: name, MaximumRetryCount: Number(count) } : { Name: name };
}
/** Label filters: every `key=value` must match. */
function labelFilters(labels, extra = {}) {
    return { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`), ...extra };
}
/** POST /containers/create for an instance: what `docker run --detach` with the same flags sends. */
function instanceCreateBody(a) {
    const port = `${a.containerPort}/tcp`;
    const hostConfig = {
        PortBindings: { [port]: [{ HostIp: a.publishHost, HostPort: a.hostPort ? String(a.hostPort) : '' }] },
        RestartPolicy: restartPolicy(a.restart),
        NetworkMode: a.network ?? 'default',
    };
    if (a.memory)
        hostConfig.Memory = memoryBytes(a.memory);
    if (a.cpus)
        hostConfig.NanoCpus = nanoCpus(a.cpus);
    return {
        Image: a.image,
        Labels: a.labels,
        Env: Object.entries(a.env).map(([k, v]) => `${k}=${v}`),
        ExposedPorts: { [port]: {} },
        HostConfig: hostConfig,
    };
}
/**
 * A tar archive holding one regular file (PUT /containers/{id}/archive takes a tar). Hand-written: one
 * 512-byte ustar header and the data, padded; a tar library would add more code than this.
 */
function tarOneFile(name, data, mtime) {
    if (Buffer.byteLength(name) > 100)
        throw new Error(`file name too long for a tar header: ${name}`);
    const header = Buffer.alloc(512);
    const field = (offset, length, value) => header.write(value, offset, length, 'ascii');
    const octal = (offset, length, n) => field(offset, length, n.toString(8).padStart(length - 1, '0') + '\0');
    field(0, 100, name);
    octal(100, 8, 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, data.length);
    octal(136, 12, Math.floor(mtime.getTime() / 1000));
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    let sum = 0;
    for (const b of header)
        sum += b;
    field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    const pad = Buffer.alloc((512 - (data.length % 512)) % 512);
    return Buffer.concat([header, data, pad, Buffer.alloc(1024)]);
}


/***/ }),

/***/ 4584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ LABEL_PREFIX)
/* harmony export */ });
/** The prefix of every label this action writes on images, instances and locks. */
const LABEL_PREFIX = 'dev.immutable-deploy';


/***/ }),

/***/ 4747:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deploy: () => (/* reexport */ deploy),
  rollback: () => (/* reexport */ rollback),
  status: () => (/* reexport */ status_status)
});

// EXTERNAL MODULE: ./src/build.ts + 1 modules
var build = __webpack_require__(6286);
// EXTERNAL MODULE: ./src/context.ts
var context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/report.ts
var src_report = __webpack_require__(665);
;// CONCATENATED MODULE: ./src/routers/factory.ts
async function createRouter(cfg, deps) {
    switch (cfg.kind) {
        case 'none':
            return undefined;
        case 'nginx':
            return new (await __webpack_require__.e(/* import() */ 783).then(__webpack_require__.bind(__webpack_require__, 7783))).NginxRouter(cfg, deps);
        case 'haproxy':
            return new (await __webpack_require__.e(/* import() */ 146).then(__webpack_require__.bind(__webpack_require__, 7146))).HaproxyRouter(cfg, deps);
        case 'caddy':
            return new (await __webpack_require__.e(/* import() */ 894).then(__webpack_require__.bind(__webpack_require__, 894))).CaddyRouter(cfg, deps);
        case 'command':
            return new (await __webpack_require__.e(/* import() */ 124).then(__webpack_require__.bind(__webpack_require__, 4124))).CommandRouter(cfg, deps);
    }
}

// EXTERNAL MODULE: ./src/docker/bodies.ts
var bodies = __webpack_require__(4826);
// EXTERNAL MODULE: ./src/labels.ts
var labels = __webpack_require__(4584);
;// CONCATENATED MODULE: ./src/release/images.ts
/** Version images on the target: find one, list them, prune old ones. */



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
/** `<image>:<version>` on the target, or undefined. */
async function resolveVersion(docker, image, version) {
    const found = await docker.inspectImage(`${image}:${version}`);
    return found ? fromInspect(image, version, found) : undefined;
}
/** The version images of `app` in `image` on the target: one filtered list, no inspect per image. */
async function listVersionImages(app, image, engine) {
    const found = await engine.listImages((0,bodies/* labelFilters */.GI)({ [`${labels/* LABEL_PREFIX */.A}.app`]: app }, { reference: [image] }));
    const out = [];
    for (const i of found) {
        const labels = i.Labels ?? {};
        const version = labels['org.opencontainers.image.version'];
        // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
        const ref = version ? `${image}:${version}` : undefined;
        if (!ref || !(i.RepoTags ?? []).includes(ref))
            continue;
        const created = new Date(i.Created * 1000).toISOString();
        const { digest, revision } = fromInspect(image, version, { ...i, Created: created, Config: { Labels: i.Labels } });
        out.push({ ref, version: version, created: labels['org.opencontainers.image.created'] ?? created, digest, revision });
    }
    return out;
}
/** Untags each ref (the image goes with its last tag); returns those the engine refused (in use). */
async function removeImageTags(refs, engine) {
    const failed = [];
    for (const ref of refs)
        if (!(await engine.removeImage(ref)))
            failed.push(ref);
    return failed;
}
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

// EXTERNAL MODULE: ./src/docker/engine.ts + 2 modules
var engine = __webpack_require__(7920);
;// CONCATENATED MODULE: ./src/docker/lock-store.ts
/**
 * The deploy lock on a Docker engine: a created, never started container with a fixed name (creating
 * it is atomic: a second create is a 409), its holder in a label. Labels cannot change, so the lease is
 * renewed by writing a small file into the container (PUT .../archive, allowed on a created container)
 * and read back from its modification time (HEAD .../archive), both on the engine's clock.
 */



const HOLDER_LABEL = `${labels/* LABEL_PREFIX */.A}.lock`;
const LEASE_FILE = 'immutable-deploy-lease';
/** Pure: the labels of a lock container. App and environment let cleanup find it; the holder says who. */
function lockLabels(app, environment, h) {
    return {
        [`${labels/* LABEL_PREFIX */.A}.role`]: 'lock',
        [`${labels/* LABEL_PREFIX */.A}.app`]: app,
        [`${labels/* LABEL_PREFIX */.A}.environment`]: environment,
        [HOLDER_LABEL]: JSON.stringify(h),
    };
}
function parseHolder(labels) {
    try {
        const h = JSON.parse(labels?.[HOLDER_LABEL] ?? '');
        return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
    }
    catch {
        return undefined;
    }
}
class DockerLeaseStore {
    engine;
    name;
    app;
    environment;
    image;
    constructor(engine, name, app, environment, 
    /** Any image on the engine: the container is never started. */
    image) {
        this.engine = engine;
        this.name = name;
        this.app = app;
        this.environment = environment;
        this.image = image;
    }
    get describe() {
        return `${this.name} (on ${this.engine.name})`;
    }
    now() {
        return this.engine.now();
    }
    async create(holder) {
        let id;
        try {
            id = await this.engine.createContainer(this.name, {
                Image: this.image,
                Entrypoint: ['/immutable-deploy-lock'],
                Labels: lockLabels(this.app, this.environment, holder),
                NetworkDisabled: true,
            });
        }
        catch (err) {
            if ((0,engine/* isStatus */.zM)(err, 409))
                return undefined;
            throw err;
        }
        await this.renew(id);
        return id;
    }
    async read() {
        const c = await this.engine.inspectContainer(this.name);
        if (!c)
            return undefined;
        // Between the create and the first lease file, the container's creation time is the renewal.
        const stat = await this.engine.statPath(c.Id, `/${LEASE_FILE}`);
        const renewedAt = new Date(stat?.mtime ?? c.Created);
        return { token: c.Id, holder: parseHolder(c.Config.Labels), renewedAt };
    }
    async renew(token) {
        try {
            await this.engine.putArchive(token, '/', (0,bodies/* tarOneFile */.wQ)(LEASE_FILE, Buffer.alloc(0), this.engine.now()));
            return true;
        }
        catch (err) {
            if ((0,engine/* isStatus */.zM)(err, 404))
                return false;
            throw err;
        }
    }
    async remove(token) {
        await this.engine.removeContainer(token);
    }
    async waitGone(since, _until, signal) {
        // One second back: event times have whole seconds.
        await this.engine.nextEvent({ type: ['container'], container: [this.name], event: ['destroy', 'rename'] }, new Date(since.getTime() - 1000), signal);
    }
}

// EXTERNAL MODULE: ./src/interrupt.ts
var interrupt = __webpack_require__(8476);
// EXTERNAL MODULE: ./src/routers/types.ts
var types = __webpack_require__(7707);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/release/lock.ts
/**
 * One run at a time per app and environment. The lock lives on the target itself, so runs on different
 * runners exclude each other; where and how it is stored is a `LeaseStore` (a Docker engine now:
 * src/docker/lock-store.ts; a Kubernetes Lease would be another).
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
    const stat = read(`/proc/${pid}/stat`, (p) => (0,external_node_fs_.readFileSync)(p, 'utf8'));
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
function myIdentity() {
    return {
        host: (0,external_node_os_.hostname)(),
        pid: process.pid,
        bootId: read('/proc/sys/kernel/random/boot_id', (p) => (0,external_node_fs_.readFileSync)(p, 'utf8')),
        pidNamespace: read('/proc/self/ns/pid', external_node_fs_.readlinkSync),
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
/** Takes the lock in `store`, waiting up to `timeoutSec` for another holder; renews it until released. */
async function acquireLock(store, o) {
    const me = o.identity ?? myIdentity();
    const alive = o.alive ?? processAlive;
    const leaseSec = o.leaseSec ?? LEASE_SEC;
    const deadline = Date.now() + o.timeoutSec * 1000;
    const holder = {
        runUrl: o.runUrl,
        ...me,
        runId: (0,external_node_crypto_.randomBytes)(8).toString('hex'),
        acquiredAt: new Date().toISOString(),
        leaseSec,
    };
    let announced = false;
    for (;;) {
        const since = store.now();
        const token = await store.create(holder);
        if (token)
            return hold(store, token, o.log, (o.renewSec ?? RENEW_SEC) * 1000);
        const current = await store.read();
        if (!current)
            continue; // gone meanwhile: try again at once
        const now = store.now();
        if (isStale(current, now, me, alive)) {
            const why = now > leaseEnd(current) ? `its lease ended at ${leaseEnd(current).toISOString()}` : 'its process is gone';
            o.log.warning(`Taking over the deploy lock ${store.describe} from ${describeHolder(current.holder)}: ${why}.`);
            // By token: if another run took it over meanwhile, its lock stays.
            await store.remove(current.token);
            continue;
        }
        if (Date.now() >= deadline) {
            throw new errors/* DeployError */.sH(`Another run holds the deploy lock ${store.describe}: ${describeHolder(current.holder)}. Waited ${o.timeoutSec}s.`, `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
                `once its lease ends (${leaseEnd(current).toISOString()}, unless renewed); if you know the holder is gone, remove the lock by hand ` +
                `(for Docker: docker rm -f ${store.describe.split(' ')[0]}).`);
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
function hold(store, token, log, renewMs) {
    let lost;
    let renewing = Promise.resolve();
    const timer = setInterval(() => {
        renewing = store.renew(token).then((ok) => {
            if (!ok && !lost) {
                lost = `The deploy lock ${store.describe} was taken over by another run while this one held it (its lease was not renewed in time?).`;
                log.error(lost, 'Deploy lock lost');
            }
        }, (err) => log.warning(`Could not renew the deploy lock ${store.describe}: ${(0,errors/* errorMessage */.gJ)(err)}. Trying again in ${renewMs / 1000}s.`));
    }, renewMs);
    timer.unref();
    let released = false;
    return {
        check() {
            if (lost)
                throw new errors/* DeployError */.sH(lost, 'Nothing was changed after that. Run again once the other run is done.');
        },
        async release() {
            if (released)
                return;
            released = true;
            clearInterval(timer);
            await renewing;
            await store.remove(token);
        },
    };
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

// EXTERNAL MODULE: ./src/exec.ts
var src_exec = __webpack_require__(3190);
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



const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
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
        await sleep(delay);
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
    // Cancelled before it is verified: the candidate goes (it never received traffic).
    const forget = (0,interrupt/* onInterrupt */.n)(() => runtime.remove([instance.id]));
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
        const verified = await runtime.markVerified(health.instance, cfg.run.restart);
        forget();
        return verified;
    }
    catch (err) {
        forget();
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

;// CONCATENATED MODULE: ./src/release/steps.ts
/**
 * The steps deploy and rollback share: read what runs, take the lock, clear leftovers, flip, settle
 * (retention, pruning, report), record a GitHub Deployment, find a version's image.
 */












/** A run URL as a short markdown link, or '' when there is none (a local run). */
function runLink(url) {
    const id = url ? /\/runs\/(\d+)/.exec(url)?.[1] : undefined;
    return url ? `[${id ? `run ${id}` : 'run'}](${url})` : '';
}
const steps_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
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
    const store = new DockerLeaseStore(d.engine, lockName(cfg.app, cfg.environment), cfg.app, cfg.environment, image);
    const held = await acquireLock(store, { runUrl: (0,context/* runUrl */.Vp)(d.ctx), timeoutSec: cfg.release.lockTimeoutSec, log: d.log });
    const forget = (0,interrupt/* onInterrupt */.n)(() => held.release());
    d.held = held;
    try {
        return await fn();
    }
    finally {
        d.held = undefined;
        forget();
        await held.release();
    }
}
/**
 * Leftovers of a killed or failed run (unverified candidates, stopped instances) go first: converge.
 * Returns the instances that remain (live and warm).
 */
async function clearDebris(d, observed) {
    if (observed.debris.length > 0) {
        d.log.info(`Removing ${observed.debris.length} leftover instance(s): ${observed.debris.map((i) => i.name).join(', ')}`);
        await d.runtime.remove(observed.debris.map((i) => i.id));
    }
    return [...(observed.live ? [observed.live] : []), ...observed.warm];
}
async function flip(d, router, next) {
    if (!router)
        return undefined;
    d.held?.check();
    const started = performance.now();
    await d.log.group(`Flip ${router.describe()} to ${next.version}`, () => router.flip(next.target, { version: next.version, url: instanceUrl(next) }));
    const ms = Math.round(performance.now() - started);
    d.log.info(`${router.describe()} now sends traffic to ${next.version} at ${instanceUrl(next)} (flip took ${ms} ms)`);
    return ms;
}
/**
 * After a flip: keep `keep` previous versions warm, drain and stop the rest, prune old images (after a
 * deploy: a rollback adds no image); report. `instances` are those running under the lock, `live` among them.
 */
async function settle(d, instances, live, previous, flipMs, pruneImages) {
    const { cfg, runtime, log, report } = d;
    const plan = planRetention(instances, live, previous, cfg.release.keep);
    await runtime.remove(plan.remove.map((i) => i.id));
    if (plan.drain.length > 0) {
        log.info(`Draining ${plan.drain.map((i) => i.name).join(', ')} for ${cfg.release.drainSeconds}s before stopping it`);
        await steps_sleep(cfg.release.drainSeconds * 1000);
        await runtime.retire(plan.drain.map((i) => i.id), cfg.release.stopTimeoutSec);
    }
    const retired = [...plan.remove, ...plan.drain];
    if (retired.length)
        log.info(`Retired: ${retired.map((i) => `${i.version} (${i.name})`).join(', ')}`);
    const images = pruneImages ? await listVersionImages(cfg.app, cfg.image, d.engine) : [];
    const protect = new Set([live.version, ...plan.warm.map((i) => i.version)]);
    const prune = planImagePrune(images, protect, cfg.release.keepImages);
    if (prune.length) {
        const failed = await removeImageTags(prune.map((i) => i.ref), d.engine);
        log.info(`Pruned image tags: ${prune.map((i) => i.ref).join(', ')}`);
        if (failed.length)
            log.warning(`Could not remove image tags ${failed.join(', ')} (still in use?). They are left as they are.`);
    }
    report.output('version', live.version);
    report.output('digest', live.digest);
    report.output('live-version', live.version);
    report.output('previous-version', previous?.version ?? '');
    report.output('url', instanceUrl(live));
    const row = (state, i, url) => [
        state,
        i.version,
        (0,src_report/* commitLink */.wn)(d.ctx, i.revision),
        url,
        i.deployedAt,
        runLink(i.runUrl),
    ];
    const rows = [
        row('live', live, instanceUrl(live)),
        ...plan.warm.map((i) => row('warm', i, instanceUrl(i))),
        ...retired.map((i) => row('retired', i, '')),
    ];
    const back = plan.warm[0]?.version;
    report.section(`### Live: ${live.version}${flipMs !== undefined ? ` (flip took ${flipMs} ms)` : ''}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', 'instance', 'started', 'started by'], rows) +
        (back
            ? `\n\nRoll back with one flip: run your rollback workflow with \`version: ${back}\`` +
                ` (\`command: rollback\`, app \`${cfg.app}\`, environment \`${cfg.environment}\`). With the example` +
                ` examples/workflows/manual-rollback.yml:\n\n\`\`\`\ngh workflow run manual-rollback.yml -f environment=${cfg.environment} -f version=${back}\n\`\`\``
            : ''));
}
/** `<image>:<version>` on the target, else pulled from its registry (logging in when credentials are given). */
async function findVersion(d, version) {
    const local = await resolveVersion(d.docker, d.cfg.image, version);
    if (local || !hasRegistry(d.cfg.image))
        return local;
    await (0,build/* loginIfConfigured */.B)(d.cfg, d.docker, d.log);
    d.log.info(`${d.cfg.image}:${version} is not on the target: pulling it from the registry.`);
    try {
        await d.docker.pull(`${d.cfg.image}:${version}`);
    }
    catch (err) {
        // Not in the registry either: the caller lists what can be restored. Anything else (auth, network) is news.
        if (/not found|manifest unknown/i.test((0,errors/* errorMessage */.gJ)(err)))
            return undefined;
        throw err;
    }
    return resolveVersion(d.docker, d.cfg.image, version);
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

;// CONCATENATED MODULE: ./src/release/deploy.ts
/** command: deploy — build (or take an existing version), then launch → verify → flip → retire, under the lock. */








async function deploy(d) {
    const { cfg, log } = d;
    let img;
    if (cfg.version === undefined) {
        const b = await (0,build.build)(cfg, d.ctx, d.docker, log);
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
        const found = await findVersion(d, cfg.version);
        if (!found) {
            const known = (await listVersionImages(cfg.app, cfg.image, d.engine)).map((i) => i.version);
            throw unknownVersion(cfg.image, cfg.version, known);
        }
        img = found;
        log.info(`Deploying the existing ${cfg.image}:${img.version} (${img.digest}) without a build`);
        d.report.output('version', img.version);
        d.report.output('image', img.image);
        d.report.output('digest', img.digest);
        d.report.section(`### Deploying ${img.version} as built (no build)\n\n` +
            (0,src_report/* table */.tp)(['', ''], [['Commit', (0,src_report/* commitLink */.wn)(d.ctx, img.revision)], ['Image', `\`${img.image}\``], ['Digest', `\`${img.digest}\``], ['Built', img.created]]));
    }
    const router = await createRouter(cfg.router, { run: d.exec, log });
    await withLock(d, img.imageId, async () => {
        const { observed } = await observe(d, router);
        const remaining = await clearDebris(d, observed);
        const previous = observed.live;
        log.info(previous ? `Live now: ${previous.version} (${previous.name})` : 'Nothing of this app is live yet.');
        const what = { sha: img.revision || d.ctx.sha, version: img.version, digest: img.digest, previousVersion: previous?.version, rollback: false };
        await recorded(d, what, async () => {
            const next = await launchAndVerify(img, { cfg, runtime: d.runtime, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx) });
            let flipMs;
            try {
                flipMs = await flip(d, router, next);
            }
            catch (err) {
                await d.runtime.remove([next.id]);
                throw new errors/* DeployError */.sH(`The flip to ${next.version} failed: ${(0,errors/* errorMessage */.gJ)(err)}\nThe new instance was removed; ${previous ? `${previous.version} is still live` : 'nothing was live before'}.`);
            }
            await settle(d, [...remaining, next], next, previous, flipMs, true);
        });
    });
}

;// CONCATENATED MODULE: ./src/release/rollback.ts
/**
 * command: rollback — to a warm version: one flip (no build, no pull); to a version whose image is on the
 * host or in its registry: a fresh instance, verified, then the flip; to an unknown one: a clear failure.
 */






async function rollback(d) {
    const { cfg, log } = d;
    const router = await createRouter(cfg.router, { run: d.exec, log });
    const first = await observe(d, router);
    const version = cfg.version ?? first.observed.warm[0]?.version;
    const restorable = async () => [
        ...new Set([
            ...first.observed.warm.map((i) => i.version),
            ...(await listVersionImages(cfg.app, cfg.image, d.engine)).map((i) => i.version),
        ]),
    ].filter((v) => v !== first.observed.live?.version);
    if (!version) {
        throw new errors/* DeployError */.sH(`There is no previous version of ${cfg.app} in ${cfg.environment} to roll back to.`, `Name one with the "version" input. Versions that can be restored: ${(await restorable()).join(', ') || 'none'}.`);
    }
    const warmOne = first.observed.warm.find((i) => i.version === version);
    const img = warmOne || first.observed.live?.version === version ? undefined : await findVersion(d, version);
    if (!warmOne && !img && first.observed.live?.version !== version)
        throw unknownVersion(cfg.image, version, await restorable());
    const lockImage = warmOne?.image ?? img?.imageId ?? first.observed.live.image;
    await withLock(d, lockImage, async () => {
        // Read again under the lock: another run may have changed things while we waited.
        const { observed } = await observe(d, router);
        let remaining = await clearDebris(d, observed);
        const previous = observed.live;
        if (previous?.version === version) {
            log.info(`${version} is already live: nothing to do.`);
            await settle(d, remaining, previous, undefined, undefined, false);
            return;
        }
        let next = observed.warm.find((i) => i.version === version);
        if (next && !(await answers(next, cfg.verify.healthPath))) {
            log.warning(`The warm instance ${next.name} of ${version} does not answer: starting a fresh one instead.`);
            await d.runtime.remove([next.id]);
            remaining = remaining.filter((i) => i.id !== next.id);
            next = undefined;
        }
        const resolved = next ? undefined : (img ?? (await resolveVersion(d.docker, cfg.image, version)));
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
                next = await launchAndVerify(resolved, { cfg, runtime: d.runtime, log, report: d.report, runUrl: (0,context/* runUrl */.Vp)(d.ctx) });
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
            await settle(d, resolved ? [...remaining, next] : remaining, next, previous, flipMs, false);
        });
    });
}

;// CONCATENATED MODULE: ./src/release/status.ts
/** command: status — what runs, what can be restored, and why. Changes nothing. */




/** What runs and what can be restored. Changes nothing. */
async function status_status(d) {
    const { cfg } = d;
    const router = await createRouter(cfg.router, { run: d.exec, log: d.log });
    const [{ observed }, images] = await Promise.all([observe(d, router), listVersionImages(cfg.app, cfg.image, d.engine)]);
    const versions = [];
    const seen = new Set();
    const add = async (i, state) => {
        if (seen.has(i.version))
            return;
        seen.add(i.version);
        const image = await d.docker.inspectImage(i.image);
        const created = image?.Config.Labels?.['org.opencontainers.image.created'] ?? image?.Created ?? '';
        versions.push({
            version: i.version,
            digest: i.digest,
            revision: i.revision,
            created,
            state,
            deployed: i.deployedAt,
            ...(i.runUrl ? { runUrl: i.runUrl } : {}),
        });
    };
    if (observed.live)
        await add(observed.live, 'live');
    for (const i of observed.warm)
        await add(i, 'warm');
    const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
    for (const i of inspected)
        versions.push({ version: i.version, digest: i.digest, revision: i.revision, created: i.created, state: 'image-only' });
    d.report.output('live-version', observed.live?.version ?? '');
    d.report.output('versions', JSON.stringify(versions));
    d.report.section(`### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
        (0,src_report/* table */.tp)(['state', 'version', 'commit', 'digest', 'built', 'instance started', 'started by'], versions.map((v) => [
            v.state,
            v.version,
            (0,src_report/* commitLink */.wn)(d.ctx, v.revision),
            `\`${v.digest.slice(0, 19)}\``,
            v.created,
            v.deployed ?? '',
            runLink(v.runUrl),
        ])));
    return versions;
}

;// CONCATENATED MODULE: ./src/release/index.ts
/** The release commands, loaded together as one chunk of the bundle (their shared steps are not duplicated). */





/***/ }),

/***/ 7707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ formatTarget),
/* harmony export */   c: () => (/* binding */ sameTarget)
/* harmony export */ });
function formatTarget(t) {
    return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}
function sameTarget(a, b) {
    return !!a && !!b && a.host === b.host && a.port === b.port;
}


/***/ })

};

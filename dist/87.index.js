export const id = 87;
export const ids = [87,286,218];
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

/***/ 87:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DockerPlatform: () => (/* binding */ DockerPlatform),
  engine: () => (/* binding */ engine),
  engineRunner: () => (/* binding */ engineRunner),
  localTarget: () => (/* binding */ localTarget)
});

// EXTERNAL MODULE: ./src/build.ts + 1 modules
var build = __webpack_require__(6286);
// EXTERNAL MODULE: ./src/docker/client.ts
var client = __webpack_require__(9949);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/docker/argv.ts
var argv = __webpack_require__(6708);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/docker/env-file.ts
/**
 * Instance environment for `docker run`, in a private file (--env-file): values never sit in argv, and
 * never in the docker CLI's own environment, where an app's HTTP_PROXY/NO_PROXY or DOCKER_* would steer
 * the CLI itself (with DOCKER_HOST=tcp:// the create request, secret env included, would go through the
 * app's proxy). The file is 0600 in a 0700 directory of its own and is removed as soon as docker has read it.
 */



/** Pure: docker's env-file format, one KEY=VALUE per line, values taken literally (they hold no newline). */
function envFileText(env) {
    return Object.entries(env)
        .map(([k, v]) => {
        if (/[\r\n]/.test(v))
            throw new Error(`The value of ${k} holds a line break, which an env file cannot carry`);
        return `${k}=${v}\n`;
    })
        .join('');
}
/** Calls `fn` with the path of a private env file holding `env`, and removes it afterwards, whatever happens. */
async function withEnvFile(env, fn) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'immutable-deploy-env-'));
    try {
        const path = (0,external_node_path_.join)(dir, 'env');
        (0,external_node_fs_.writeFileSync)(path, envFileText(env), { mode: 0o600 });
        return await fn(path);
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var src_exec = __webpack_require__(4981);
// EXTERNAL MODULE: ./src/labels.ts
var labels = __webpack_require__(4584);
;// CONCATENATED MODULE: ./src/platform/docker/containers.ts
/** Instances on one Docker engine: containers whose labels say what they are. */






const L = {
    role: `${labels/* LABEL_PREFIX */.A}.role`,
    app: `${labels/* LABEL_PREFIX */.A}.app`,
    environment: `${labels/* LABEL_PREFIX */.A}.environment`,
    version: `${labels/* LABEL_PREFIX */.A}.version`,
    digest: `${labels/* LABEL_PREFIX */.A}.digest`,
    image: `${labels/* LABEL_PREFIX */.A}.image`,
    revision: `${labels/* LABEL_PREFIX */.A}.revision`,
    deployedAt: `${labels/* LABEL_PREFIX */.A}.deployed-at`,
    runUrl: `${labels/* LABEL_PREFIX */.A}.run-url`,
    pool: `${labels/* LABEL_PREFIX */.A}.pool`,
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
        [L.pool]: l.pool,
    };
}
/** Pure: a unique container name that begins with `<app>-`. Candidates carry a suffix until verified. */
function instanceName(app, environment, version, random) {
    return `${app}-${environment}-${version}-${random}${CANDIDATE_SUFFIX}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
/** Pure: an instance from `docker container inspect`, on the target named `target`. */
function toInstance(c, target, containerPort) {
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
        // Instances from before pools were labelled are pools of their own.
        pool: labels[L.pool] ?? c.Id,
        target,
        verified: !name.endsWith(CANDIDATE_SUFFIX),
        running: c.State.Running,
        restarting: c.State.Restarting,
        exitCode: c.State.ExitCode,
        restartCount: c.RestartCount,
        health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : undefined,
        address: binding?.HostPort ? { host: binding.HostIp || '127.0.0.1', port: Number(binding.HostPort) } : undefined,
    };
}
/** The container operations of one engine; `exec` runs docker against that engine. */
class DockerContainers {
    exec;
    target;
    constructor(exec, 
    /** The name of the engine's target, recorded on every instance read. */
    target) {
        this.exec = exec;
        this.target = target;
    }
    async launch(spec) {
        const name = instanceName(spec.app, spec.environment, spec.version, (0,external_node_crypto_.randomBytes)(3).toString('hex'));
        const env = { ...spec.spec.env, ...spec.secretEnv };
        const r = await withEnvFile(env, (envFile) => this.exec(argv/* runArgv */.my({
            name,
            image: spec.image,
            labels: instanceLabels(spec),
            envFile: Object.keys(env).length > 0 ? envFile : undefined,
            publishHost: spec.target.address,
            containerPort: spec.spec.port,
            network: spec.spec.network,
            memory: spec.spec.memory,
            cpus: spec.spec.cpus,
            readOnly: spec.spec.readOnly,
            tmpfs: spec.spec.tmpfs,
            // No restart policy while it is verified: a crash must show as a crash, with its exit code.
            // The policy is applied once it passes (markVerified).
            restart: 'no',
        }), 
        // Values reach docker in a private env file, never argv or the CLI's environment.
        { allowFailure: true }));
        if (r.exitCode !== 0) {
            // docker run may leave a created container behind (e.g. when the network does not exist).
            await this.exec(argv/* rmArgv */.O3([name]), { allowFailure: true });
            throw new errors/* DeployError */.sH(`Docker could not start an instance of ${spec.version} (docker run exited with ${r.exitCode}): ${(0,src_exec/* lastLines */.w$)(r.stderr.trim(), 5)}`, 'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.');
        }
        // A process that dies at start may leave no published port yet: the health wait tells why.
        return this.inspect(r.stdout.trim());
    }
    async list(app, environment) {
        const ids = (await this.exec(argv/* psArgv */.kY({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }))).stdout
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
        if (ids.length === 0)
            return [];
        const r = await this.exec(argv/* inspectArgv */.TT(ids), { allowFailure: true });
        // A container removed between ps and inspect is simply gone.
        const parsed = r.stdout.trim() ? JSON.parse(r.stdout) : [];
        return parsed.map((c) => toInstance(c, this.target));
    }
    async inspect(id) {
        const r = await this.exec(argv/* inspectArgv */.TT([id]));
        return toInstance(JSON.parse(r.stdout)[0], this.target);
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
        const r = await this.exec(argv/* logsArgv */.k5(id, lines), { allowFailure: true });
        return (r.stdout + r.stderr).trimEnd();
    }
    async retire(ids, graceSec) {
        if (ids.length === 0)
            return;
        await this.exec(argv/* stopArgv */.Zr(ids, graceSec), { allowFailure: true });
        await this.remove(ids);
    }
    async remove(ids) {
        if (ids.length === 0)
            return;
        await this.exec(argv/* rmArgv */.O3(ids), { allowFailure: true });
    }
}

;// CONCATENATED MODULE: ./src/platform/docker/drift.ts
/**
 * The facts drift is judged on, read from the Docker engine of the instance: the image the container
 * runs, its filesystem changes since it started (docker container diff), and its open exec sessions.
 */

const KINDS = { C: 0, A: 1, D: 2 };
/** Pure: `docker container diff` output (`A /path` lines) as the API's change list. */
function parseDiff(text) {
    return text
        .split('\n')
        .map((l) => /^([CAD]) (.+)$/.exec(l.trim()))
        .filter((m) => m !== null)
        .map((m) => ({ Kind: KINDS[m[1]], Path: m[2] }));
}
/**
 * Pure: the exec sessions among `docker top <id> -o pid,ppid,args` rows. A session's first process is
 * started by the runtime beside the container's init (its parent is outside the container); processes
 * the app starts descend from init. The command is the ps text, split on spaces.
 */
function parseTopSessions(text, initPid) {
    const rows = text
        .split('\n')
        .slice(1)
        .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3].trim() }));
    const pids = new Set(rows.map((r) => r.pid));
    return rows
        .filter((r) => r.pid !== initPid && !pids.has(r.ppid))
        .map((r) => ({ id: `pid ${r.pid}`, running: true, argv: r.args.split(/\s+/) }));
}
/** The drift facts of one container, or undefined when it is gone. */
async function readDriftFacts(id, exec = src_exec/* run */.eF) {
    const inspected = await exec(['docker', 'container', 'inspect', id], { allowFailure: true });
    if (inspected.exitCode !== 0)
        return undefined;
    const c = JSON.parse(inspected.stdout)[0];
    const [diff, image, top] = await Promise.all([
        exec(['docker', 'container', 'diff', id]),
        exec(['docker', 'image', 'inspect', '--format', '{{json .RepoDigests}}', c.Image], { allowFailure: true }),
        // The engine lists running exec sessions in ExecIDs; their commands come from the process table.
        (c.ExecIDs?.length ?? 0) > 0 && c.State.Running
            ? exec(['docker', 'container', 'top', id, '-o', 'pid,ppid,args'], { allowFailure: true })
            : Promise.resolve(undefined),
    ]);
    return {
        imageId: c.Image,
        repoDigests: image.exitCode === 0 ? (JSON.parse(image.stdout) ?? []) : [],
        changes: parseDiff(diff.stdout),
        execs: top && top.exitCode === 0 ? parseTopSessions(top.stdout, c.State.Pid) : [],
        healthcheck: c.Config.Healthcheck?.Test ?? undefined,
        mounts: [...Object.keys(c.HostConfig.Tmpfs ?? {}), ...(c.Mounts ?? []).map((m) => m.Destination)],
    };
}

;// CONCATENATED MODULE: ./src/platform/docker/images.ts

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
/** `<image>:<version>` on the engine, or undefined. */
async function resolveVersion(docker, image, version) {
    const found = await docker.inspectImage(`${image}:${version}`);
    return found ? fromInspect(image, version, found) : undefined;
}
/** The version images of `app` in `image` present on the engine. */
async function listVersionImages(app, image, exec) {
    const r = await exec([
        'docker', 'image', 'ls', '--filter', `label=${labels/* LABEL_PREFIX */.A}.app=${app}`, '--format', '{{.Repository}}:{{.Tag}}', image,
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
            out.push({ ref, ...fromInspect(image, version, inspected[n]) });
    });
    return out;
}
async function removeImageTags(refs, exec) {
    const failed = [];
    for (const ref of refs) {
        const r = await exec(['docker', 'image', 'rm', ref], { allowFailure: true });
        if (r.exitCode !== 0)
            failed.push(ref);
    }
    return failed;
}

;// CONCATENATED MODULE: ./src/platform/docker/lock.ts
/**
 * A lock per app and environment, held on the target itself (the Docker engine; for a fleet, its first
 * host), so two runs on different runners still exclude each other. The lock is a created-but-never-started container
 * with a fixed name: creating it is atomic, and it carries its holder in labels.
 */



const LOCK_LABEL = `${labels/* LABEL_PREFIX */.A}.lock`;
function lockName(app, environment) {
    return `${app}-${environment}-lock`;
}
function holderLabels(h) {
    return {
        [`${labels/* LABEL_PREFIX */.A}.role`]: 'lock',
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
    constructor(name, log, exec) {
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
                host: (0,external_node_os_.hostname)(),
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
            if (current && isStale(current.holder, new Date(), (0,external_node_os_.hostname)(), pidAlive)) {
                this.log.warning(`Taking over the deploy lock ${this.name} from ${describeHolder(current.holder)}: its holder is gone.`);
                // Remove by id: if another run took it over meanwhile, its new lock has another id and stays.
                await this.exec(['docker', 'rm', '--force', current.id], { allowFailure: true });
                continue;
            }
            if (Date.now() >= deadline) {
                throw new errors/* DeployError */.sH(`Another run holds the deploy lock ${this.name}: ${describeHolder(current?.holder)}. Waited ${timeoutSec}s.`, `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
                    `${current?.holder ? `once its lease ends (${current.holder.leaseUntil})` : 'once its lease ends'}; if you know the holder is gone, ` +
                    `remove the lock by hand: docker rm -f ${this.name}`);
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

;// CONCATENATED MODULE: ./src/platform/docker/index.ts
/**
 * The Docker platform: a fleet of Docker engines (the runner's own, or `hosts`: tcp://, ssh://, unix://).
 * Every docker call names its engine (DOCKER_HOST in the command's environment), fans out in parallel,
 * and names the target when it fails. Builds and pulls land on the runner's own engine (the source);
 * `provide` moves a version's bytes from there (or from the registry) to each target once.
 */







/** A runner whose docker commands go to `endpoint` (unset: the runner's own DOCKER_HOST / DOCKER_CONTEXT). */
function engineRunner(base, endpoint) {
    if (!endpoint)
        return base;
    return (argv, options = {}) => base(argv, { ...options, env: { ...options.env, DOCKER_HOST: endpoint } });
}
function engine(target, base) {
    const exec = engineRunner(base, target.endpoint);
    return { target, exec, docker: new client/* Docker */.J(exec), containers: new DockerContainers(exec, target.name) };
}
/** The runner's own engine as a target, with instances published on `address`. */
function localTarget(address) {
    return { name: 'local', endpoint: undefined, address };
}
class DockerPlatform {
    cfg;
    targets;
    log;
    kind = 'docker';
    /** Docker engines do not route: the configured router does. */
    routes = undefined;
    engines;
    /** Where builds and pulls land: the runner's own engine (a target too, when no hosts are given). */
    source;
    constructor(cfg, targets, log, base) {
        this.cfg = cfg;
        this.targets = targets;
        this.log = log;
        if (targets.length === 0)
            throw new Error('The Docker platform needs at least one target');
        this.engines = targets.map((t) => engine(t, base));
        this.source = this.engines.find((e) => !e.target.endpoint) ?? engine(localTarget('127.0.0.1'), base);
    }
    async lock(req) {
        // One lock for the whole fleet, on its first target: every run of this app and environment asks there.
        return new DockerLock(lockName(this.cfg.app, this.cfg.environment), this.log, this.engines[0].exec).acquire(req.image, req.runUrl, req.leaseSec, req.timeoutSec);
    }
    async findVersion(version) {
        const { image } = this.cfg;
        const local = await resolveVersion(this.source.docker, image, version);
        if (local || !hasRegistry(image))
            return local;
        await (0,build.loginIfConfigured)(this.cfg, this.source.docker, this.log);
        this.log.info(`${image}:${version} is not on the runner's engine: pulling it from the registry.`);
        try {
            await this.source.docker.pull(`${image}:${version}`);
        }
        catch (err) {
            // Not in the registry either: the caller lists what can be restored. Anything else (auth, network) is news.
            if (/not found|manifest unknown/i.test((0,errors/* errorMessage */.gJ)(err)))
                return undefined;
            throw err;
        }
        return resolveVersion(this.source.docker, image, version);
    }
    async provide(version) {
        await this.each(this.engines.filter((e) => e !== this.source), async (e) => {
            if ((await e.docker.inspectImage(version.imageId))?.Id === version.imageId)
                return;
            throw new errors/* DeployError */.sH(`${version.image}:${version.version} (${version.imageId}) is not on ${e.target.name}.`);
        });
    }
    async listVersions() {
        const lists = await this.each(this.imageEngines(), (e) => listVersionImages(this.cfg.app, this.cfg.image, e.exec));
        const byRef = new Map();
        for (const i of lists.flat())
            if (!byRef.has(i.ref))
                byRef.set(i.ref, i);
        return [...byRef.values()];
    }
    async removeVersions(refs) {
        const failed = await this.each(this.imageEngines(), (e) => removeImageTags(refs, e.exec));
        return [...new Set(failed.flat())];
    }
    launch(spec) {
        return this.on(spec.target.name).containers.launch(spec);
    }
    async list(app, environment) {
        return (await this.each(this.engines, (e) => e.containers.list(app, environment))).flat();
    }
    inspect(instance) {
        return this.on(instance.target).containers.inspect(instance.id);
    }
    markVerified(instance, restart) {
        return this.on(instance.target).containers.markVerified(instance, restart);
    }
    logs(instance, lines) {
        return this.on(instance.target).containers.logs(instance.id, lines);
    }
    async retire(instances, graceSec) {
        await this.byEngine(instances, (e, ids) => e.containers.retire(ids, graceSec));
    }
    async remove(instances) {
        await this.byEngine(instances, (e, ids) => e.containers.remove(ids));
    }
    driftFacts(instance) {
        return readDriftFacts(instance.id, this.on(instance.target).exec);
    }
    /** The engines that hold version images: every target, and the runner's engine where builds land. */
    imageEngines() {
        return this.engines.includes(this.source) ? this.engines : [this.source, ...this.engines];
    }
    on(name) {
        const e = this.engines.find((x) => x.target.name === name);
        if (!e)
            throw new Error(`No target named ${name} in this run (targets: ${this.targets.map((t) => t.name).join(', ')})`);
        return e;
    }
    async byEngine(instances, fn) {
        const names = [...new Set(instances.map((i) => i.target))];
        await this.each(names.map((n) => this.on(n)), (e) => fn(e, instances.filter((i) => i.target === e.target.name).map((i) => i.id)));
    }
    /** `fn` on every engine at once; a failure names its target (all failures, when several fail). */
    async each(engines, fn) {
        const settled = await Promise.allSettled(engines.map(fn));
        const failed = settled.flatMap((s, n) => (s.status === 'rejected' ? [{ e: engines[n], why: (0,errors/* errorMessage */.gJ)(s.reason) }] : []));
        if (failed.length === 0)
            return settled.map((s) => s.value);
        if (engines.length === 1 && !engines[0].target.endpoint)
            throw settled[0].reason;
        throw new errors/* DeployError */.sH(failed.map((f) => `On ${f.e.target.name}: ${f.why}`).join('\n'));
    }
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


/***/ })

};

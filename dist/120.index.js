export const id = 120;
export const ids = [120,934];
export const modules = {

/***/ 8300:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bv: () => (/* binding */ unpackRecords),
/* harmony export */   hA: () => (/* binding */ keptRecords),
/* harmony export */   rX: () => (/* binding */ unitsToRemove),
/* harmony export */   ud: () => (/* binding */ packRecords)
/* harmony export */ });
const timed = (r) => typeof r === 'object' && r !== null && typeof r.at === 'string';
/**
 * Pure: the stored records of one unit (`value` as parsed: a record, or an array of them); anything else, or a
 * record `accept` refuses (default: one without its time), is none.
 */
function unpackRecords(unit, value, accept = timed) {
    const ok = (r) => accept(r);
    if (!Array.isArray(value))
        return ok(value) ? [{ ...value, key: unit }] : [];
    const n = value.length;
    return value.flatMap((r, i) => (ok(r) ? [{ ...r, key: `${unit}#${i}/${n}/${r.kind ?? 'flip'}` }] : []));
}
/** Pure: what a unit of these records holds (one record alone, or the array), to store as JSON. */
const packRecords = (records) => (records.length === 1 ? records[0] : records);
/** Pure: what to do for these keys: a unit of one record goes; a batch goes once all its records are among them (see above). */
function unitsToRemove(keys) {
    const remove = [];
    const parts = new Map();
    for (const k of keys) {
        const m = /^(.*)#(\d+)\/(\d+)\/([a-z]+)$/.exec(k);
        if (!m) {
            remove.push(k);
            continue;
        }
        const p = parts.get(m[1]) ?? { n: Number(m[3]), seen: new Set(), flip: false };
        p.seen.add(Number(m[2]));
        if (m[4] === 'flip')
            p.flip = true;
        parts.set(m[1], p);
    }
    const rewrite = [];
    for (const [unit, p] of parts) {
        if (p.seen.size >= p.n)
            remove.push(unit);
        else if (p.flip)
            rewrite.push({ unit, keep: Array.from({ length: p.n }, (_, i) => i).filter((i) => !p.seen.has(i)) });
    }
    return { remove: [...new Set(remove)], rewrite };
}
/** Pure: the records of a unit's stored value at `keep`. */
function keptRecords(value, keep) {
    return Array.isArray(value) ? keep.flatMap((i) => (value[i] !== undefined ? [value[i]] : [])) : [];
}


/***/ }),

/***/ 934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   endpointHost: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.GN),
/* harmony export */   hostLineProblem: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.CW),
/* harmony export */   localTarget: () => (/* binding */ localTarget),
/* harmony export */   parseHosts: () => (/* reexport safe */ _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__.tB),
/* harmony export */   targetsOf: () => (/* binding */ targetsOf)
/* harmony export */ });
/* harmony import */ var _config_hosts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6593);

/** The runner's own engine as a target, with instances published on `address`. */
function localTarget(address) {
    return { name: 'local', endpoint: undefined, address };
}
/** The targets of a run: the `hosts`, or the runner's own engine publishing on `upstream-host`. */
function targetsOf(hosts, upstreamHost) {
    if (hosts.length === 0)
        return [localTarget(upstreamHost)];
    return hosts.map((h) => ({ name: h.endpoint, endpoint: h.endpoint, address: h.address }));
}


/***/ }),

/***/ 2120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DockerPlatform: () => (/* binding */ DockerPlatform),
  engine: () => (/* binding */ engine),
  engineEnv: () => (/* binding */ engineEnv),
  engineRunner: () => (/* binding */ engineRunner),
  localTarget: () => (/* reexport */ hosts.localTarget),
  recordOrigin: () => (/* binding */ recordOrigin)
});

// EXTERNAL MODULE: ./src/build/index.ts + 2 modules
var build = __webpack_require__(302);
// EXTERNAL MODULE: ./src/drivers/docker/client.ts
var client = __webpack_require__(9881);
// EXTERNAL MODULE: ./src/drivers/docker/engine.ts
var docker_engine = __webpack_require__(3248);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/exec.ts
var exec = __webpack_require__(6894);
// EXTERNAL MODULE: ./src/support/ids.ts
var ids = __webpack_require__(9277);
;// CONCATENATED MODULE: ./src/platforms/docker/bodies.ts
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
/** `--tmpfs /path:options` as the API takes it: path -> options. */
function tmpfsMounts(mounts) {
    return Object.fromEntries(mounts.map((m) => (m.includes(':') ? [m.slice(0, m.indexOf(':')), m.slice(m.indexOf(':') + 1)] : [m, ''])));
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
    if (a.readOnly)
        hostConfig.ReadonlyRootfs = true;
    if (a.tmpfs?.length)
        hostConfig.Tmpfs = tmpfsMounts(a.tmpfs);
    return {
        Image: a.image,
        Labels: a.labels,
        Env: Object.entries(a.env).map(([k, v]) => `${k}=${v}`),
        ExposedPorts: { [port]: {} },
        HostConfig: hostConfig,
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/core/labels.ts
var labels = __webpack_require__(6236);
// EXTERNAL MODULE: ./src/core/ports.ts
var ports = __webpack_require__(4119);
// EXTERNAL MODULE: ./src/core/run-spec.ts
var run_spec = __webpack_require__(4880);
;// CONCATENATED MODULE: ./src/platforms/docker/ports.ts
/** What holds host ports on a Docker engine and its host, and what Docker says when one is taken. Pure. */
/**
 * Host ports in LISTEN state in the text of /proc/net/tcp or /proc/net/tcp6
 * (`sl local_address rem_address st ...`, addresses as hex `ADDR:PORT`, state 0A = LISTEN).
 */
function listeningPorts(procNetTcp) {
    const out = [];
    for (const line of procNetTcp.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 4 || f[3] !== '0A')
            continue;
        const port = parseInt(f[1].split(':').pop() ?? '', 16);
        if (port > 0)
            out.push(port);
    }
    return out;
}
/** Host ports named by a container's `HostConfig.PortBindings` (explicit bindings it claims on every start). */
function boundPorts(bindings) {
    const out = [];
    for (const list of Object.values(bindings ?? {}))
        for (const b of list ?? []) {
            const port = Number(b.HostPort);
            if (Number.isInteger(port) && port > 0)
                out.push(port);
        }
    return out;
}
/** Docker refused the port because something else holds it (another container, or a process on the host). */
function isPortConflict(stderr) {
    return /port is already allocated|address already in use|bind: .*in use/i.test(stderr);
}
/**
 * Whether the Docker engine runs on this machine (so its host ports are this machine's ports):
 * no DOCKER_HOST, or a unix socket, and no other context than the default one.
 */
function engineIsLocal(env) {
    const host = env['DOCKER_HOST'] ?? '';
    const context = env['DOCKER_CONTEXT'] ?? '';
    return (host === '' || host.startsWith('unix://')) && (context === '' || context === 'default');
}

;// CONCATENATED MODULE: ./src/platforms/docker/containers.ts
/**
 * Instances on one Docker engine: containers whose labels say what they are. Every call goes to the
 * engine's API (one connection for the run, src/drivers/docker/engine.ts); none spawns the CLI.
 */








const L = {
    role: (0,labels/* dockerLabel */.jb)('role'),
    app: (0,labels/* dockerLabel */.jb)('app'),
    environment: (0,labels/* dockerLabel */.jb)('environment'),
    version: (0,labels/* dockerLabel */.jb)('version'),
    digest: (0,labels/* dockerLabel */.jb)('digest'),
    image: (0,labels/* dockerLabel */.jb)('image'),
    revision: (0,labels/* dockerLabel */.jb)('revision'),
    deployedAt: (0,labels/* dockerLabel */.jb)('deployedAt'),
    runUrl: (0,labels/* dockerLabel */.jb)('runUrl'),
    pool: (0,labels/* dockerLabel */.jb)('pool'),
    spec: (0,labels/* dockerLabel */.jb)('spec'),
};
/** Tries at another port when the engine finds the chosen one taken (a race with another launch or a process). */
const PORT_ATTEMPTS = 8;
const CANDIDATE_SUFFIX = '-candidate';
/** Pure: the labels an instance carries (its run spec among them: never a secret value). */
function instanceLabels(l) {
    return {
        ...(l.spec ? { [L.spec]: JSON.stringify(l.spec) } : {}),
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
/** Pure: what the labels and the name say (the same from an inspect and from the list). */
function labelled(id, rawName, labels, target) {
    const l = labels ?? {};
    const name = rawName.replace(/^\//, '');
    return {
        id,
        name,
        app: l[L.app] ?? '',
        environment: l[L.environment] ?? '',
        version: l[L.version] ?? '',
        digest: l[L.digest] ?? '',
        image: l[L.image] ?? '',
        revision: l[L.revision] ?? '',
        deployedAt: l[L.deployedAt] ?? '',
        runUrl: l[L.runUrl] ?? '',
        // Instances from before pools were labelled are pools of their own.
        pool: l[L.pool] ?? id,
        target,
        verified: !name.endsWith(CANDIDATE_SUFFIX),
        spec: (0,run_spec/* parseSpec */.F9)(l[L.spec]),
    };
}
/**
 * The first binding with a host port: the explicit one the action chose (in HostConfig, kept for the
 * container's life and known while it is stopped), else the one the engine picked (older instances).
 */
function firstBinding(...maps) {
    for (const ports of maps)
        for (const list of Object.values(ports ?? {})) {
            const b = list?.find((x) => x.HostPort);
            if (b)
                return b;
        }
    return undefined;
}
/** Pure: an instance from `docker container inspect`, on the target named `target`. */
function toInstance(c, target) {
    const binding = firstBinding(c.HostConfig?.PortBindings, c.NetworkSettings.Ports);
    const health = c.State.Health?.Status;
    return {
        ...labelled(c.Id, c.Name, c.Config.Labels, target),
        running: c.State.Running,
        restarting: c.State.Restarting,
        exitCode: c.State.ExitCode,
        restartCount: c.RestartCount,
        health: health === 'starting' || health === 'healthy' || health === 'unhealthy' ? health : undefined,
        address: binding?.HostPort ? { host: binding.HostIp || '127.0.0.1', port: Number(binding.HostPort) } : undefined,
    };
}
/** Pure: an instance from one entry of the filtered container list (no inspect per container). */
function fromSummary(c, target) {
    const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1];
    const exit = /^Exited \((-?\d+)\)/.exec(c.Status)?.[1];
    const binding = (c.Ports ?? []).find((p) => p.PublicPort && p.Type === 'tcp');
    return {
        ...labelled(c.Id, c.Names[0] ?? '', c.Labels, target),
        // As in inspect: a container the engine is restarting counts as running (and restarting).
        running: c.State === 'running' || c.State === 'restarting',
        restarting: c.State === 'restarting',
        exitCode: exit ? Number(exit) : 0,
        // Not in the list; the health wait inspects the one instance it watches.
        restartCount: 0,
        health: health === 'health: starting' ? 'starting' : health === 'healthy' || health === 'unhealthy' ? health : undefined,
        address: binding?.PublicPort
            ? { host: binding.IP && binding.IP !== '0.0.0.0' ? binding.IP : '127.0.0.1', port: binding.PublicPort }
            : undefined,
    };
}
/** The container operations of one engine. */
class DockerContainers {
    engine;
    target;
    constructor(engine, 
    /** The name of the engine's target, recorded on every instance read. */
    target) {
        this.engine = engine;
        this.target = target;
    }
    async launch(spec) {
        const name = instanceName(spec.app, spec.environment, spec.version, (0,ids/* randomHex */.n)(3));
        const range = spec.spec.portRange ?? ports/* DEFAULT_PORT_RANGE */.YW;
        const used = await this.usedPorts();
        for (let attempt = 1;; attempt++) {
            const hostPort = (0,ports/* pickPort */.Rn)(range, used);
            if (hostPort === undefined)
                throw new errors/* DeployError */.sH(`No free host port in port-range ${(0,ports/* formatPortRange */.QM)(range)} to publish the new instance of ${spec.version} on ${this.target}: ` +
                    `all ${range.to - range.from + 1} are used by containers of the engine or processes on its host.`, 'Widen "port-range", or remove containers that hold ports in it.');
            const body = instanceCreateBody({
                image: spec.image,
                labels: instanceLabels(spec),
                // Values go in the request body to the engine only (never argv, never a log line).
                env: { ...spec.spec.env, ...spec.secretEnv },
                publishHost: spec.target.address,
                // Chosen here and published explicitly: the engine binds the same port on every start of the container.
                hostPort,
                containerPort: spec.spec.port,
                network: spec.spec.network,
                memory: spec.spec.memory,
                cpus: spec.spec.cpus,
                readOnly: spec.spec.readOnly,
                tmpfs: spec.spec.tmpfs,
                // No restart policy while it is verified: a crash must show as a crash, with its exit code.
                // The policy is applied once it passes (markVerified).
                restart: 'no',
            });
            let id;
            try {
                id = await this.engine.createContainer(name, body);
                await this.engine.startContainer(id);
            }
            catch (err) {
                // A container that was created but could not start (port taken, network gone) goes.
                if (id)
                    await this.engine.removeContainer(id).catch(() => undefined);
                if (err instanceof errors/* DeployError */.sH)
                    throw err;
                // Taken since we looked (another launch, or a process on the host): another port.
                if (isPortConflict((0,errors/* errorMessage */.gJ)(err)) && attempt < PORT_ATTEMPTS) {
                    used.add(hostPort);
                    continue;
                }
                throw new errors/* DeployError */.sH(`Docker could not start an instance of ${spec.version} on ${this.target}: ${(0,errors/* errorMessage */.gJ)(err)}`, 'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.');
            }
            // A process that dies at start may leave no published port yet: the health wait tells why.
            return this.inspect(id);
        }
    }
    /**
     * Host ports a new instance must not take: every binding of every container of the engine (a stopped
     * one binds its explicit port again when it starts), and, when the engine runs on this machine, every port
     * a process here listens on. (A remote engine refuses a port its host uses: the launch then tries another.)
     */
    async usedPorts() {
        const used = new Set();
        const all = await this.engine.listContainers({});
        for (const c of all)
            for (const p of c.Ports ?? [])
                if (p.PublicPort)
                    used.add(p.PublicPort);
        // Stopped containers list no ports: their explicit bindings are in their HostConfig.
        const stopped = all.filter((c) => c.State !== 'running' && c.State !== 'restarting');
        const inspected = await Promise.all(stopped.map((c) => this.engine.inspectContainer(c.Id).catch(() => undefined)));
        for (const c of inspected)
            for (const p of boundPorts(c?.HostConfig?.PortBindings))
                used.add(p);
        if (this.target === 'local' && engineIsLocal(process.env))
            for (const file of ['/proc/net/tcp', '/proc/net/tcp6'])
                for (const p of listeningPorts(await (0,promises_.readFile)(file, 'utf8').catch(() => '')))
                    used.add(p);
        return used;
    }
    /** Every instance of every app and environment on this engine. */
    async listAll() {
        return this.withAddresses(await this.engine.listContainers(labelFilters({ [L.role]: 'instance' })));
    }
    /**
     * Instances from the container list; the ones that are not running list no published port, so they are
     * inspected for their explicit binding (the address they come back on).
     */
    async withAddresses(found) {
        return Promise.all(found.map(async (c) => {
            const i = fromSummary(c, this.target);
            if (i.address)
                return i;
            const full = await this.engine.inspectContainer(c.Id).catch(() => undefined);
            return full ? { ...i, address: toInstance(full, this.target).address } : i;
        }));
    }
    async list(app, environment) {
        // One filtered list answers for all of them (state, health, published port and labels).
        const found = await this.engine.listContainers(labelFilters({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }));
        return this.withAddresses(found);
    }
    async inspect(id) {
        const c = await this.engine.inspectContainer(id);
        if (!c)
            throw new errors/* DeployError */.sH(`Instance ${id} is gone from ${this.target} (removed by someone else?).`);
        return toInstance(c, this.target);
    }
    async markVerified(instance, restart) {
        if (instance.verified)
            return instance;
        const name = instance.name.slice(0, -CANDIDATE_SUFFIX.length);
        if (restart !== 'no')
            await this.engine.updateContainer(instance.id, { RestartPolicy: restartPolicy(restart) });
        await this.engine.renameContainer(instance.id, name);
        return { ...instance, name, verified: true };
    }
    async logs(id, lines) {
        try {
            return (await this.engine.logs(id, lines)).trimEnd();
        }
        catch (err) {
            return `(could not read the log: ${(0,errors/* errorMessage */.gJ)(err)})`;
        }
    }
    async retire(ids, graceSec) {
        await Promise.all(ids.map((id) => this.engine.stopContainer(id, graceSec).catch(() => undefined)));
        await this.remove(ids);
    }
    async remove(ids) {
        await Promise.all(ids.map((id) => this.engine.removeContainer(id).catch(() => undefined)));
    }
}

;// CONCATENATED MODULE: ./src/platforms/docker/oneoff.ts
/**
 * A one-off container of a version on one engine (the release command, issue 21): the instance's image, env,
 * secret env, network and limits, no published port, the command in place of the image's CMD; run to its end
 * (killed after its timeout), its output read, then removed. Labelled with its app, environment and version
 * (role release-command), so a leftover of a killed run is found by label.
 */




/** Pure: POST /containers/create for a one-off run (`docker run --rm IMAGE COMMAND...` with the instance's settings). */
function oneOffBody(s) {
    const hostConfig = { NetworkMode: s.spec.network ?? 'default', RestartPolicy: { Name: 'no' } };
    if (s.spec.memory)
        hostConfig.Memory = memoryBytes(s.spec.memory);
    if (s.spec.cpus)
        hostConfig.NanoCpus = nanoCpus(s.spec.cpus);
    if (s.spec.readOnly)
        hostConfig.ReadonlyRootfs = true;
    if (s.spec.tmpfs?.length)
        hostConfig.Tmpfs = tmpfsMounts(s.spec.tmpfs);
    return {
        Image: s.image,
        Cmd: s.command,
        Labels: {
            [(0,labels/* dockerLabel */.jb)('role')]: 'release-command',
            [(0,labels/* dockerLabel */.jb)('app')]: s.app,
            [(0,labels/* dockerLabel */.jb)('environment')]: s.environment,
            [(0,labels/* dockerLabel */.jb)('version')]: s.version,
            [(0,labels/* dockerLabel */.jb)('runUrl')]: s.runUrl,
        },
        // Values go in the request body to the engine only (never argv, never a log line).
        Env: Object.entries({ ...s.spec.env, ...s.secretEnv }).map(([k, v]) => `${k}=${v}`),
        HostConfig: hostConfig,
    };
}
async function runOnce(engine, s) {
    const name = `${s.app}-${s.environment}-${s.version}-release-${(0,ids/* randomHex */.n)(3)}`.replace(/[^A-Za-z0-9_.-]/g, '-');
    const id = await engine.createContainer(name, oneOffBody(s));
    try {
        await engine.startContainer(id);
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            engine.killContainer(id).catch(() => undefined);
        }, s.timeoutSec * 1000);
        // Its output as it comes, line by line; the whole of it is read once more when it stopped (the follow may miss the end).
        const stop = new AbortController();
        let pending = '';
        const following = s.onLine
            ? engine
                .followLogs(id, (chunk) => {
                pending += chunk.toString();
                const lines = pending.split('\n');
                pending = lines.pop();
                for (const line of lines)
                    s.onLine(line);
            }, stop.signal)
                .catch(() => undefined)
            : Promise.resolve();
        let exitCode;
        try {
            exitCode = await engine.waitContainer(id, s.timeoutSec + 60);
        }
        finally {
            clearTimeout(timer);
            // The stream ends when the container stops; a second at most for its last lines.
            await Promise.race([following, new Promise((r) => setTimeout(r, 1000))]);
            stop.abort();
            if (pending)
                s.onLine?.(pending);
        }
        let output;
        try {
            output = (await engine.logs(id, 10_000)).trimEnd();
        }
        catch (err) {
            output = `(could not read its output: ${(0,errors/* errorMessage */.gJ)(err)})`;
        }
        return { exitCode, timedOut, output };
    }
    finally {
        await engine.removeContainer(id).catch(() => undefined);
    }
}
/** The one-off containers of the app and environment on this engine (running or not), removed; resolves to their names. */
async function removeOneOffs(engine, app, environment) {
    const found = await engine.listContainers(labelFilters({ [(0,labels/* dockerLabel */.jb)('role')]: 'release-command', [(0,labels/* dockerLabel */.jb)('app')]: app, [(0,labels/* dockerLabel */.jb)('environment')]: environment }));
    await Promise.all(found.map((c) => engine.removeContainer(c.Id)));
    return found.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
}

;// CONCATENATED MODULE: ./src/platforms/docker/drift.ts
/**
 * The facts drift is judged on, read from the Docker engine of the instance through its API: the image
 * the container runs, its filesystem changes since it started (GET .../changes), and its open exec
 * sessions (the container's ExecIDs, each inspected with GET /exec/{id}/json for its state and command).
 */

/** Pure: an exec inspect as a session (its command as the engine started it). */
function execSession(e) {
    return { id: e.ID, running: e.Running, argv: [e.ProcessConfig.entrypoint, ...(e.ProcessConfig.arguments ?? [])] };
}
/** The drift facts of one container, or undefined when it is gone. */
async function readDriftFacts(id, engine) {
    const c = (await engine.inspectContainer(id));
    if (!c)
        return undefined;
    const path = `/containers/${encodeURIComponent(id)}`;
    const [changes, image, execs] = await Promise.all([
        engine.json('GET', `${path}/changes`),
        engine.inspectImage(c.Image).catch(() => undefined),
        // ExecIDs lists the exec sessions the engine runs in the container (its own HEALTHCHECK probes too);
        // one that ended between the two calls is gone (404): not open.
        Promise.all((c.ExecIDs ?? []).map((x) => engine.json('GET', `/exec/${encodeURIComponent(x)}/json`).then(execSession, (err) => {
            if ((0,docker_engine/* isStatus */.zM)(err, 404))
                return undefined;
            throw err;
        }))),
    ]);
    return {
        imageId: c.Image,
        repoDigests: image?.RepoDigests ?? [],
        changes: changes ?? [],
        execs: execs.filter((e) => e !== undefined),
        healthcheck: c.Config.Healthcheck?.Test ?? undefined,
        mounts: [...Object.keys(c.HostConfig.Tmpfs ?? {}), ...(c.Mounts ?? []).map((m) => m.Destination)],
    };
}

// EXTERNAL MODULE: ./src/platforms/docker/hosts.ts
var hosts = __webpack_require__(934);
// EXTERNAL MODULE: ./src/core/text.ts
var core_text = __webpack_require__(2020);
// EXTERNAL MODULE: ./src/platforms/batch.ts
var batch = __webpack_require__(8300);
;// CONCATENATED MODULE: ./src/platforms/docker/records.ts
/**
 * Release state records on a Docker engine: labelled volumes (created atomically, listed by label, cheap,
 * and no image needed, so they never keep an image from being pruned). One volume per record; a label
 * carries the record as the JSON it was given (whatever its kind: src/core/model.ts ReleaseRecord). They
 * live on the engine of the lock (the fleet's first target): any runner reads them.
 */





const records_L = {
    role: (0,labels/* dockerLabel */.jb)('role'),
    app: (0,labels/* dockerLabel */.jb)('app'),
    environment: (0,labels/* dockerLabel */.jb)('environment'),
    flip: (0,labels/* dockerLabel */.jb)('flip'),
};
/** Pure: the labels of a record's volume (the role and label names are those of the first, flip-only records). */
function recordLabels(r) {
    return { [records_L.role]: 'flip', [records_L.app]: r.app, [records_L.environment]: r.environment, [records_L.flip]: JSON.stringify(r) };
}
/** Pure: a unique volume name for a record. */
function recordName(r, random) {
    return `${r.app}-${r.environment}-${r.kind ?? 'flip'}-${Date.parse(r.at)}-${random}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
class DockerRecords {
    engine;
    constructor(engine) {
        this.engine = engine;
    }
    async write(record) {
        await this.writeAll([record]);
    }
    /** Several records in one volume (one call); resolves to them as listed, with their keys. */
    async writeAll(records) {
        if (records.length === 0)
            return [];
        // Named after its flip record when it has one (what a person looks for), else its first.
        const first = records.find((r) => r.kind === undefined || r.kind === 'flip') ?? records[0];
        const name = recordName(first, (0,ids/* randomHex */.n)(3));
        await this.engine.createVolume(name, { ...recordLabels(first), [records_L.flip]: JSON.stringify((0,batch/* packRecords */.ud)(records)) });
        return (0,batch/* unpackRecords */.Bv)(name, records.length === 1 ? records[0] : records);
    }
    /** Newest first. */
    async list(app, environment) {
        const volumes = await this.engine.listVolumes(labelFilters({ [records_L.role]: 'flip', [records_L.app]: app, [records_L.environment]: environment }));
        const out = [];
        for (const v of volumes) {
            try {
                out.push(...(0,batch/* unpackRecords */.Bv)(v.Name, JSON.parse(v.Labels?.[records_L.flip] ?? '')));
            }
            catch {
                // Not a record this action wrote: ignore it.
            }
        }
        return out.sort((a, b) => (0,core_text/* compareText */.n6)(b.at, a.at) || (0,core_text/* compareText */.n6)(b.key, a.key));
    }
    async remove(keys) {
        const { remove, rewrite } = (0,batch/* unitsToRemove */.rX)(keys);
        // A flip leaving the history while its unit's served record stays: that record goes to a unit of its own first.
        for (const { unit, keep } of rewrite) {
            const v = await this.engine.inspectVolume(unit);
            const kept = (0,batch/* keptRecords */.hA)(JSON.parse(v?.Labels?.[records_L.flip] ?? 'null'), keep);
            if (kept.length > 0)
                await this.writeAll(kept);
            remove.push(unit);
        }
        await Promise.all(remove.map((k) => this.engine.removeVolume(k).catch(() => undefined)));
    }
}

;// CONCATENATED MODULE: ./src/platforms/docker/images.ts
/** Version images on one Docker engine: find one, list them, remove tags. */


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
/** The version images of `app` in `image` present on the engine: one filtered list, no inspect per image. */
async function listVersionImages(app, image, engine) {
    const found = await engine.listImages(labelFilters({ [(0,labels/* dockerLabel */.jb)('app')]: app }, { reference: [image] }));
    const out = [];
    for (const i of found) {
        const version = i.Labels?.['org.opencontainers.image.version'];
        // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
        const ref = version ? `${image}:${version}` : undefined;
        if (!ref || !(i.RepoTags ?? []).includes(ref))
            continue;
        const created = new Date(i.Created * 1000).toISOString();
        out.push({ ref, ...fromInspect(image, version, { ...i, Created: created, Config: { Labels: i.Labels } }) });
    }
    return out;
}
/**
 * The version images of `app` among `versions` on the engine: `<image>:<version>` inspected by name, all at
 * once (a few ms each), instead of a list of every image.
 */
async function findVersionImages(app, image, versions, docker) {
    const found = await Promise.all(versions.map(async (version) => {
        const i = await docker.inspectImage(`${image}:${version}`);
        // The same rule as the list: an image of this app whose version label is the tag.
        if (!i || i.Config.Labels?.[(0,labels/* dockerLabel */.jb)('app')] !== app || i.Config.Labels?.['org.opencontainers.image.version'] !== version)
            return [];
        return [{ ref: `${image}:${version}`, ...fromInspect(image, version, i) }];
    }));
    return found.flat();
}
/** Untags each ref (the image goes with its last tag); resolves to those the engine refused (in use). */
async function removeImageTags(refs, engine) {
    const failed = [];
    for (const ref of refs)
        if (!(await engine.removeImage(ref)))
            failed.push(ref);
    return failed;
}

// EXTERNAL MODULE: ./src/platforms/lock.ts
var lock = __webpack_require__(3869);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/platforms/docker/lock.ts
/**
 * The deploy lock on a Docker engine: a labelled volume with a fixed name.
 *
 * Creating a volume whose name exists is not an error: the engine answers with the existing volume, its
 * labels unchanged, and creates of one name are serialized in the engine. So the labels in the answer say
 * who won: our token there means we created it. Volumes rather than a created, never started container (as
 * before): a container's layers make its create and delete 80-250 ms each on a busy engine, a volume's
 * are a few ms (measured: docs/benchmarks.md), and a volume needs no image.
 *
 * Volumes cannot change, so the lease is renewed by creating a small renewal volume (and removing the one
 * before), whose creation time is the engine's clock. The lock and its renewals carry the lock's token in a
 * label, and are removed together by a prune filtered on that label: removal is conditional inside the
 * engine, so a run that lost its lock never removes the lock of the run that took it over.
 */





const lock_L = {
    role: (0,labels/* dockerLabel */.jb)('role'),
    app: (0,labels/* dockerLabel */.jb)('app'),
    environment: (0,labels/* dockerLabel */.jb)('environment'),
    holder: (0,labels/* dockerLabel */.jb)('lock'),
    name: (0,labels/* dockerLabel */.jb)('lockName'),
    token: (0,labels/* dockerLabel */.jb)('lockToken'),
};
/** Up to this many prunes (20 ms, 40 ms, ... apart, 0.9 s in all) while the engine runs another one. */
const PRUNE_ATTEMPTS = 10;
/** Pure: the labels of a lock volume. App and environment let cleanup find it; the holder says who. */
function lockLabels(name, app, environment, h, token) {
    return { [lock_L.role]: 'lock', [lock_L.app]: app, [lock_L.environment]: environment, [lock_L.name]: name, [lock_L.token]: token, [lock_L.holder]: JSON.stringify(h) };
}
/** Pure: the labels of one renewal of the lock `name` held with `token`. */
function renewalLabels(name, app, environment, token) {
    return { [lock_L.role]: 'lock-renewal', [lock_L.app]: app, [lock_L.environment]: environment, [lock_L.name]: name, [lock_L.token]: token };
}
function parseHolder(labels) {
    try {
        const h = JSON.parse(labels?.[lock_L.holder] ?? '');
        return typeof h.pid === 'number' && typeof h.host === 'string' ? h : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Pure: the lock `name` among the volumes labelled with it (the lock and its renewals). The engine gives a
 * volume's creation time in whole seconds: a second is added, so a lease never looks older than it is.
 */
function lockState(name, volumes) {
    const lock = volumes.find((v) => v.Name === name);
    const token = lock?.Labels?.[lock_L.token];
    if (!lock || !token)
        return undefined;
    const times = volumes.filter((v) => v.Labels?.[lock_L.token] === token).map((v) => Date.parse(v.CreatedAt ?? ''));
    const newest = Math.max(...times.filter((t) => !Number.isNaN(t)));
    return { token, holder: parseHolder(lock.Labels), renewedAt: new Date((Number.isFinite(newest) ? newest : 0) + 1000) };
}
/**
 * Pure: why the volume at the lock's name is not a deploy lock this action can judge, or undefined when it is
 * one. A volume made by hand or by another tool (no token), or a lock whose labels cannot be read, has no
 * holder to wait for and no lease that ends: waiting would never end, so the run stops and says so.
 */
function lockProblem(v) {
    const labels = v.Labels ?? {};
    if (!labels[lock_L.token] || labels[lock_L.role] !== 'lock')
        return `it is not a deploy lock of this action (it has no ${lock_L.role}=lock and ${lock_L.token} labels: made by hand, by another tool, or by something else that chose this name)`;
    if (!parseHolder(labels))
        return `it is a deploy lock whose holder label (${lock_L.holder}) cannot be read`;
    if (Number.isNaN(Date.parse(v.CreatedAt ?? '')))
        return `it is a deploy lock without a creation time (${JSON.stringify(v.CreatedAt ?? null)})`;
    return undefined;
}
class DockerLeaseStore {
    engine;
    name;
    app;
    environment;
    renewals = 0;
    /** The newest engine event a wait returned: one seen once does not wake the next wait again. */
    lastEvent = 0;
    constructor(engine, name, app, environment) {
        this.engine = engine;
        this.name = name;
        this.app = app;
        this.environment = environment;
    }
    get describe() {
        return `${this.name} (on ${this.engine.name})`;
    }
    get removeHint() {
        return `docker volume rm ${this.name}`;
    }
    now() {
        return this.engine.now();
    }
    async create(holder) {
        const token = (0,ids/* randomHex */.n)(8);
        const got = await this.engine.createVolume(this.name, lockLabels(this.name, this.app, this.environment, holder, token));
        return got.Labels?.[lock_L.token] === token ? token : undefined;
    }
    async read() {
        const volumes = await this.engine.listVolumes({ label: [`${lock_L.name}=${this.name}`] });
        // Not among the lock's volumes: gone, or a volume of that name without our labels (asked only then).
        const lock = volumes.find((v) => v.Name === this.name) ?? (await this.engine.inspectVolume(this.name));
        if (!lock)
            return undefined;
        const problem = lockProblem(lock);
        if (problem)
            throw new errors/* DeployError */.sH(`The volume ${this.name} on ${this.engine.name} is where the deploy lock of ${this.app} in ${this.environment} lives, but ${problem}. ` +
                'No run can take or wait for the lock while it is there. Nothing was changed.', `Look at it (docker volume inspect ${this.name} on that engine). If nothing needs it, remove it (${this.removeHint}) and run again; ` +
                'the name <app>.<environment>.lock is the lock\'s own.');
        return lockState(this.name, volumes);
    }
    async renew(token) {
        if ((await this.read())?.token !== token)
            return false;
        const n = ++this.renewals;
        await this.engine.createVolume(`${this.name}.renewal.${token}.${n}`, renewalLabels(this.name, this.app, this.environment, token));
        // The one before: its name holds our token, so it is ours to remove by name.
        if (n > 1)
            await this.engine.removeVolume(`${this.name}.renewal.${token}.${n - 1}`);
        return true;
    }
    async remove(token) {
        const mine = { label: [`${lock_L.token}=${token}`] };
        // The engine runs one volume prune at a time (another lock's release, a `docker volume prune`): a busy
        // one is asked again shortly, a few times.
        for (let attempt = 1;; attempt++) {
            try {
                await this.engine.pruneVolumes(mine);
                return;
            }
            catch (err) {
                if (!((0,docker_engine/* isStatus */.zM)(err, 409) && /prune operation is already running/i.test((0,errors/* errorMessage */.gJ)(err))))
                    throw err;
                if (attempt >= PRUNE_ATTEMPTS)
                    break;
                await (0,external_node_timers_promises_.setTimeout)(attempt * 20);
            }
        }
        // Still busy (a long prune of someone else's): the lock's volumes by name, the lock only while it has our
        // token. Not conditional in the engine as the prune is, so only the way out.
        for (const v of await this.engine.listVolumes(mine)) {
            if (v.Name !== this.name || (await this.read())?.token === token)
                await this.engine.removeVolume(v.Name);
        }
    }
    async waitGone(since, _until, signal) {
        // A release is a prune (its event names no volume); someone may also remove the lock by hand.
        const gone = (e) => (e.timeNano ?? 0) > this.lastEvent && (e.Action === 'prune' || (e.Action === 'destroy' && e.Actor.ID === this.name));
        // One second back: the engine's clock is known to about a second.
        const e = await this.engine.nextEvent({ type: ['volume'], event: ['destroy', 'prune'] }, new Date(since.getTime() - 1000), signal, gone);
        if (e?.timeNano)
            this.lastEvent = e.timeNano;
    }
}

;// CONCATENATED MODULE: ./src/platforms/docker/index.ts
/**
 * The Docker platform: a fleet of Docker engines (the runner's own, or `hosts`: tcp://, ssh://, unix://).
 * Every engine is spoken to through its API, one connection each for the run (engineFor(endpoint)); calls
 * fan out in parallel and name the target when they fail. Builds and pulls (the docker CLI, aimed at the
 * engine by DOCKER_HOST in its environment) land on the runner's own engine (the source); `provide`
 * moves a version's bytes from there (or from the registry) to each target once.
 */













/** `docker save | docker load` of one image to one target: killed after this long (a hung engine or ssh). */
const COPY_TIMEOUT_MS = 30 * 60_000;
/** The environment that points the docker CLI at `endpoint` (unset: the runner's own DOCKER_HOST / DOCKER_CONTEXT). */
function engineEnv(endpoint) {
    // DOCKER_HOST wins over a DOCKER_CONTEXT only when the context is not set as well: clear it.
    return endpoint ? { DOCKER_HOST: endpoint, DOCKER_CONTEXT: '' } : {};
}
/** A runner whose docker commands go to `endpoint`. */
function engineRunner(base, endpoint) {
    if (!endpoint)
        return base;
    const env = engineEnv(endpoint);
    return (argv, options = {}) => base(argv, { ...options, env: { ...options.env, ...env } });
}
function engine(target, base) {
    const exec = engineRunner(base, target.endpoint);
    const api = (0,docker_engine/* engineFor */.Ec)(target.endpoint);
    return { target, api, env: engineEnv(target.endpoint), exec, docker: new client/* Docker */.J(api, exec), containers: new DockerContainers(api, target.name) };
}

/**
 * Pure: where records and labels read from these engines come from. `runner` only when every engine is reached
 * through a unix socket on the runner (the default socket, or one DOCKER_HOST or a `hosts` line names); an
 * engine reached over tcp:// or ssh:// (a target, or DOCKER_HOST / a context pointing elsewhere) is `remote`.
 */
function recordOrigin(endpoints) {
    return endpoints.every((e) => e.kind === 'unix') ? 'runner' : 'remote';
}
class DockerPlatform {
    cfg;
    targets;
    log;
    kind = 'docker';
    /** Docker engines do not route: the configured router does. */
    routes = undefined;
    /** `runner` when every engine is a unix socket on the runner, else remote: see Platform.recordsFrom and recordOrigin. */
    recordsFrom;
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
        this.recordsFrom = recordOrigin(this.engines.map((e) => e.api.endpoint));
        this.source = this.engines.find((e) => !e.target.endpoint) ?? engine((0,hosts.localTarget)('127.0.0.1'), base);
        // Every engine will be asked: connect to all of them now, in parallel (an ssh handshake each).
        for (const e of this.engines)
            e.api.warm();
    }
    lock(req) {
        // One lock for the whole fleet, on its first target: every run of this app and environment asks there.
        const { app, environment } = this.cfg;
        const store = new DockerLeaseStore(this.engines[0].api, (0,lock/* lockName */.l4)(app, environment), app, environment);
        return (0,lock/* acquireLock */.IZ)(store, { runUrl: req.runUrl, timeoutSec: req.timeoutSec, log: this.log });
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
    /**
     * The version's bytes onto every target that lacks them, in parallel, once each: pulled by digest from
     * the registry when the version was pushed there, else `docker save` on the runner's engine streamed into
     * `docker load` on the target. Checked there: the image id must be the one the runner has.
     */
    async provide(version, only) {
        const ref = `${version.image}:${version.version}`;
        const pushed = hasRegistry(version.image) && version.digest.startsWith('sha256:') && version.digest !== version.imageId;
        await this.each(this.engines.filter((e) => e !== this.source && (!only || only.some((t) => t.name === e.target.name))), async (e) => {
            const there = await e.docker.inspectImage(ref);
            if (there?.Id === version.imageId)
                return;
            const started = Date.now();
            if (pushed) {
                const pinned = `${version.image}@${version.digest}`;
                await e.docker.pull(pinned);
                await e.docker.tag(pinned, ref);
            }
            else {
                await (0,exec/* pipe */.Fs)({ argv: ['docker', 'save', ref], env: this.source.env }, { argv: ['docker', 'load', '--quiet'], env: e.env }, COPY_TIMEOUT_MS);
            }
            const got = await e.docker.inspectImage(ref);
            if (got?.Id !== version.imageId)
                throw new errors/* DeployError */.sH(`${ref} on ${e.target.name} is ${got?.Id ?? 'missing'} after ${pushed ? 'the pull' : 'docker save | docker load'}, not ${version.imageId}: ` +
                    `the bytes that would start there are not the version's. Nothing was started.`);
            this.log.info(`${ref} reached ${e.target.name} ${pushed ? `from the registry (${version.digest})` : 'by docker save | docker load'} in ${Date.now() - started} ms`);
        });
    }
    async listVersions(only) {
        const { app, image } = this.cfg;
        const lists = await this.each(this.imageEngines(), (e) => (only ? findVersionImages(app, image, only, e.docker) : listVersionImages(app, image, e.api)));
        const byRef = new Map();
        for (const i of lists.flat())
            if (!byRef.has(i.ref))
                byRef.set(i.ref, i);
        return [...byRef.values()];
    }
    async removeVersions(refs) {
        const failed = await this.each(this.imageEngines(), (e) => removeImageTags(refs, e.api));
        return [...new Set(failed.flat())];
    }
    launch(spec) {
        return this.on(spec.target.name).containers.launch(spec);
    }
    runOnce(spec) {
        return runOnce(this.on(spec.target.name).api, spec);
    }
    async removeOneOffs(app, environment) {
        return (await this.each(this.engines, (e) => removeOneOffs(e.api, app, environment))).flat();
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
    async listAll() {
        return (await this.each(this.engines, (e) => e.containers.listAll())).flat();
    }
    /** Flip records live where the lock does (the first target): one history for the whole fleet. */
    get records() {
        return new DockerRecords(this.engines[0].api);
    }
    writeRecord(record) {
        return this.records.write(record);
    }
    writeRecords(records) {
        return this.records.writeAll(records);
    }
    listRecords(app, environment) {
        return this.records.list(app, environment);
    }
    removeRecords(keys) {
        return this.records.remove(keys);
    }
    driftFacts(instance) {
        return readDriftFacts(instance.id, this.on(instance.target).api);
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

/***/ 3869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   l4: () => (/* binding */ lockName),
/* harmony export */   sG: () => (/* binding */ describeHolder),
/* harmony export */   yx: () => (/* binding */ LockLostError)
/* harmony export */ });
/* unused harmony exports LEASE_SEC, RENEW_SEC, processStart, myIdentity, processAlive, sameProcessSpace, leaseEnd, isStale, testLease, fenceMarginMs */
/* harmony import */ var _support_ids_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9277);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7700);
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
    const stat = read(`/proc/${pid}/stat`, (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8'));
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
function myIdentity() {
    return {
        host: (0,node_os__WEBPACK_IMPORTED_MODULE_1__.hostname)(),
        pid: process.pid,
        bootId: read('/proc/sys/kernel/random/boot_id', (p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p, 'utf8')),
        pidNamespace: read('/proc/self/ns/pid', node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync),
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
class LockLostError extends _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH {
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
        runId: (0,_support_ids_js__WEBPACK_IMPORTED_MODULE_3__/* .randomHex */ .n)(8),
        acquiredAt: new Date().toISOString(),
        leaseSec,
    };
    let announced = false;
    const timedOut = (what) => new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Waited ${o.timeoutSec}s for the deploy lock ${store.describe}: ${what}.`, `Look at ${store.describe}; if no run holds it, remove it by hand (${store.removeHint}), or raise "lock-timeout".`);
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
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Another run holds the deploy lock ${store.describe}: ${describeHolder(current.holder)}. Waited ${o.timeoutSec}s.`, `Wait for that run to finish, or raise "lock-timeout". A lock whose holder died is taken over automatically ` +
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
    let renewing = Promise.resolve();
    let released = false;
    let timer;
    /** When the last warning about failing renewals was logged: one a renewal interval while they fail. */
    let warnedAt = -Infinity;
    // After a failed renewal the next try comes sooner than a whole interval (a blip of the engine or the ssh
    // connection should not eat a third of the lease); the warning still comes once an interval.
    const retryMs = Math.min(renewMs, Math.max(1000, renewMs / 10));
    const validUntil = () => renewedAt + leaseMs - fenceMarginMs(leaseMs / 1000);
    const schedule = (ms) => {
        if (released)
            return;
        timer = setTimeout(renew, ms);
        timer.unref();
    };
    // One renewal at a time: the next is scheduled when this one has an answer (an engine slow to answer never
    // gets two at once; one that never answers gets no more, and check() stops the run when the lease is over).
    function renew() {
        const sent = clock();
        renewing = store.renew(token).then((ok) => {
            if (ok) {
                renewedAt = Math.max(renewedAt, sent);
                lastError = undefined;
                warnedAt = -Infinity;
            }
            else if (!lost) {
                lost = `The deploy lock ${store.describe} was taken over by another run while this one held it (its lease was not renewed in time?).`;
                log.error(lost, 'Deploy lock lost');
            }
            schedule(renewMs);
        }, (err) => {
            lastError = (0,_support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err).replace(/\.$/, '');
            const now = clock();
            const left = Math.round((validUntil() - now) / 1000);
            if (now - warnedAt >= renewMs) {
                warnedAt = now;
                log.warning(`Could not renew the deploy lock ${store.describe}: ${lastError}. ` +
                    (left > 0
                        ? `Trying again every ${retryMs / 1000}s; this run stops changing anything in ${left}s unless a renewal succeeds.`
                        : 'Its lease has ended: this run changes nothing more.'));
            }
            schedule(retryMs);
        });
    }
    schedule(renewMs);
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
                released = true;
                clearTimeout(timer);
                await renewing;
                try {
                    // By token: a lock another run took over meanwhile stays.
                    await store.remove(token);
                }
                catch (err) {
                    log.warning(`Could not release the deploy lock ${store.describe}: ${(0,_support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err).replace(/\.$/, '')}. The next run takes it over once its lease ends ` +
                        `(${leaseMs / 1000}s after the last renewal), or remove it by hand (${store.removeHint}).`);
                }
            })();
            return releasing;
        },
    };
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

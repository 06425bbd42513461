export const id = 518;
export const ids = [518];
export const modules = {

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

/***/ 3518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CANDIDATE_SUFFIX: () => (/* binding */ CANDIDATE_SUFFIX),
/* harmony export */   DockerRuntime: () => (/* binding */ DockerRuntime),
/* harmony export */   fromSummary: () => (/* binding */ fromSummary),
/* harmony export */   instanceLabels: () => (/* binding */ instanceLabels),
/* harmony export */   instanceName: () => (/* binding */ instanceName),
/* harmony export */   toInstance: () => (/* binding */ toInstance)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _docker_bodies_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4826);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4584);
/**
 * The Docker runtime: instances are containers whose labels say what they are. Every call goes to the
 * engine's API (one connection for the run, see src/docker/engine.ts), none spawns the CLI.
 */




const L = {
    role: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.role`,
    app: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.app`,
    environment: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.environment`,
    version: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.version`,
    digest: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.digest`,
    image: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.image`,
    revision: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.revision`,
    deployedAt: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.deployed-at`,
    runUrl: `${_labels_js__WEBPACK_IMPORTED_MODULE_2__/* .LABEL_PREFIX */ .A}.run-url`,
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
/** Pure: an instance from one entry of the filtered container list (no inspect per container). */
function fromSummary(c) {
    const labels = c.Labels ?? {};
    const name = (c.Names[0] ?? '').replace(/^\//, '');
    const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.Status)?.[1];
    const exit = /^Exited \((-?\d+)\)/.exec(c.Status)?.[1];
    const binding = (c.Ports ?? []).find((p) => p.PublicPort && p.Type === 'tcp');
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
        // As in inspect: a container the engine is restarting counts as running (and restarting).
        running: c.State === 'running' || c.State === 'restarting',
        restarting: c.State === 'restarting',
        exitCode: exit ? Number(exit) : 0,
        // Not in the list; the health wait inspects the one instance it watches.
        restartCount: 0,
        health: health === 'health: starting' ? 'starting' : health === 'healthy' || health === 'unhealthy' ? health : undefined,
        target: binding?.PublicPort
            ? { host: binding.IP && binding.IP !== '0.0.0.0' ? binding.IP : '127.0.0.1', port: binding.PublicPort }
            : undefined,
    };
}
class DockerRuntime {
    engine;
    constructor(engine) {
        this.engine = engine;
    }
    async launch(spec) {
        const name = instanceName(spec.app, spec.environment, spec.version, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex'));
        const body = (0,_docker_bodies_js__WEBPACK_IMPORTED_MODULE_3__/* .instanceCreateBody */ .Sl)({
            image: spec.image,
            labels: instanceLabels(spec),
            // Values go in the request body to the engine only (never argv, never a log line).
            env: { ...spec.env, ...spec.secretEnv },
            publishHost: spec.publishHost,
            containerPort: spec.containerPort,
            network: spec.network,
            memory: spec.memory,
            cpus: spec.cpus,
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
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH)
                throw err;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Docker could not start an instance of ${spec.version} on ${this.engine.name}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}`, 'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.');
        }
        // A process that dies at start may leave no published port yet: the health wait tells why.
        return this.inspect(id);
    }
    async list(app, environment) {
        // One filtered list answers for all of them (state, health, published port and labels).
        const found = await this.engine.listContainers((0,_docker_bodies_js__WEBPACK_IMPORTED_MODULE_3__/* .labelFilters */ .GI)({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }));
        return found.map(fromSummary);
    }
    async inspect(id) {
        const c = await this.engine.inspectContainer(id);
        if (!c)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Instance ${id} is gone from ${this.engine.name} (removed by someone else?).`);
        return toInstance(c);
    }
    async markVerified(instance, restart) {
        if (instance.verified)
            return instance;
        const name = instance.name.slice(0, -CANDIDATE_SUFFIX.length);
        if (restart !== 'no')
            await this.engine.updateContainer(instance.id, { RestartPolicy: (0,_docker_bodies_js__WEBPACK_IMPORTED_MODULE_3__/* .restartPolicy */ .aJ)(restart) });
        await this.engine.renameContainer(instance.id, name);
        return { ...instance, name, verified: true };
    }
    async logs(id, lines) {
        try {
            return (await this.engine.logs(id, lines)).trimEnd();
        }
        catch (err) {
            return `(could not read the log: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)})`;
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


/***/ })

};

export const id = 518;
export const ids = [518];
export const modules = {

/***/ 518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CANDIDATE_SUFFIX: () => (/* binding */ CANDIDATE_SUFFIX),
/* harmony export */   DockerRuntime: () => (/* binding */ DockerRuntime),
/* harmony export */   instanceLabels: () => (/* binding */ instanceLabels),
/* harmony export */   instanceName: () => (/* binding */ instanceName),
/* harmony export */   toInstance: () => (/* binding */ toInstance)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _docker_argv_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(708);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(981);
/* harmony import */ var _labels_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(584);
/** The Docker runtime: instances are containers whose labels say what they are. */





const L = {
    role: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.role`,
    app: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.app`,
    environment: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.environment`,
    version: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.version`,
    digest: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.digest`,
    image: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.image`,
    revision: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.revision`,
    deployedAt: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.deployed-at`,
    runUrl: `${_labels_js__WEBPACK_IMPORTED_MODULE_3__/* .LABEL_PREFIX */ .A}.run-url`,
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
    constructor(exec = _exec_js__WEBPACK_IMPORTED_MODULE_2__/* .run */ .eF) {
        this.exec = exec;
    }
    async launch(spec) {
        const name = instanceName(spec.app, spec.environment, spec.version, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex'));
        const env = { ...spec.env, ...spec.secretEnv };
        const r = await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .runArgv */ .my({
            name,
            image: spec.image,
            labels: instanceLabels(spec),
            envNames: Object.keys(env),
            publishHost: spec.publishHost,
            containerPort: spec.containerPort,
            network: spec.network,
            memory: spec.memory,
            cpus: spec.cpus,
            readOnly: spec.readOnly,
            tmpfs: spec.tmpfs,
            // No restart policy while it is verified: a crash must show as a crash, with its exit code.
            // The policy is applied once it passes (markVerified).
            restart: 'no',
        }), 
        // Values reach docker through its environment (`--env NAME`), never through argv.
        { env, allowFailure: true });
        if (r.exitCode !== 0) {
            // docker run may leave a created container behind (e.g. when the network does not exist).
            await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .rmArgv */ .O3([name]), { allowFailure: true });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`Docker could not start an instance of ${spec.version} (docker run exited with ${r.exitCode}): ${(0,_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .lastLines */ .w$)(r.stderr.trim(), 5)}`, 'Check the run inputs (network, memory, cpus, port) and that the Docker engine can run this image.');
        }
        // A process that dies at start may leave no published port yet: the health wait tells why.
        return this.inspect(r.stdout.trim());
    }
    async list(app, environment) {
        const ids = (await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .psArgv */ .kY({ [L.role]: 'instance', [L.app]: app, [L.environment]: environment }))).stdout
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
        if (ids.length === 0)
            return [];
        const r = await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .inspectArgv */ .TT(ids), { allowFailure: true });
        // A container removed between ps and inspect is simply gone.
        const parsed = r.stdout.trim() ? JSON.parse(r.stdout) : [];
        return parsed.map((c) => toInstance(c));
    }
    async inspect(id) {
        const r = await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .inspectArgv */ .TT([id]));
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
        const r = await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .logsArgv */ .k5(id, lines), { allowFailure: true });
        return (r.stdout + r.stderr).trimEnd();
    }
    async retire(ids, graceSec) {
        if (ids.length === 0)
            return;
        await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .stopArgv */ .Zr(ids, graceSec), { allowFailure: true });
        await this.remove(ids);
    }
    async remove(ids) {
        if (ids.length === 0)
            return;
        await this.exec(_docker_argv_js__WEBPACK_IMPORTED_MODULE_4__/* .rmArgv */ .O3(ids), { allowFailure: true });
    }
}


/***/ })

};

export const id = 149;
export const ids = [149];
export const modules = {

/***/ 149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CANDIDATE_SUFFIX: () => (/* binding */ CANDIDATE_SUFFIX),
  DockerRuntime: () => (/* binding */ DockerRuntime),
  instanceLabels: () => (/* binding */ instanceLabels),
  instanceName: () => (/* binding */ instanceName),
  toInstance: () => (/* binding */ toInstance)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: ./src/docker/argv.ts
var argv = __webpack_require__(708);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
// EXTERNAL MODULE: ./src/exec.ts + 1 modules
var src_exec = __webpack_require__(981);
// EXTERNAL MODULE: ./src/labels.ts
var labels = __webpack_require__(584);
;// CONCATENATED MODULE: ./src/runtime/docker.ts
/** The Docker runtime: instances are containers whose labels say what they are. */






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
        const r = await withEnvFile(env, (envFile) => this.exec(argv/* runArgv */.my({
            name,
            image: spec.image,
            labels: instanceLabels(spec),
            envFile: Object.keys(env).length > 0 ? envFile : undefined,
            publishHost: spec.publishHost,
            containerPort: spec.containerPort,
            network: spec.network,
            memory: spec.memory,
            cpus: spec.cpus,
            // No restart policy while it is verified: a crash must show as a crash, with its exit code.
            // The policy is applied once it passes (markVerified).
            restart: 'no',
        }), { allowFailure: true }));
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
        return parsed.map((c) => toInstance(c));
    }
    async inspect(id) {
        const r = await this.exec(argv/* inspectArgv */.TT([id]));
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


/***/ })

};

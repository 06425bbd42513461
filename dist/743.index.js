export const id = 743;
export const ids = [743];
export const modules = {

/***/ 7124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   packerBuild: () => (/* binding */ packerBuild),
/* harmony export */   stampContext: () => (/* binding */ stampContext)
/* harmony export */ });
/* unused harmony exports packerUrl, installPacker, packerEnv, artifactId, hasInit */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7700);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6894);
/**
 * builder: packer — golden images. Packer is installed with @actions/tool-cache (downloaded once per
 * runner, then found in its tool cache), the template in the repository builds an image on the runner's
 * Docker engine, and the action reads the resulting image id from Packer's machine-readable output. The
 * Dockerfile build then stamps that image with the version's tags and labels (a `FROM <id>` with no other
 * instruction adds no layer), so a Packer image gets the same tags, labels, policy and never-move rule.
 */




/** Pure: the download URL for a version, os and arch (placeholders {version}, {os}, {arch}). */
function packerUrl(template, version, platform = process.platform, arch = process.arch) {
    const os = platform === 'win32' ? 'windows' : platform;
    const a = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
    return template.replace(/\{version\}/g, version).replace(/\{os\}/g, os).replace(/\{arch\}/g, a);
}
/**
 * The packer binary at `version`: from the runner's tool cache, or downloaded, extracted and cached there
 * (tool-cache is what setup-* actions use: RUNNER_TOOL_CACHE, keyed by tool, version and arch).
 */
async function installPacker(p, log) {
    const tc = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(955), __webpack_require__.e(249)]).then(__webpack_require__.bind(__webpack_require__, 4249));
    const bin = process.platform === 'win32' ? 'packer.exe' : 'packer';
    const cached = tc.find('packer', p.version);
    if (cached && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cached, bin))) {
        log.info(`Packer ${p.version} from the tool cache: ${cached}`);
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cached, bin);
    }
    const url = packerUrl(p.downloadUrl, p.version);
    log.info(`Downloading Packer ${p.version} from ${url}`);
    let dir;
    try {
        const zip = await tc.downloadTool(url);
        const extracted = await tc.extractZip(zip);
        dir = await tc.cacheDir(extracted, 'packer', p.version);
    }
    catch (err) {
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Could not install Packer ${p.version} from ${url}: ${err.message}`, 'Check packer-version, or point packer-download-url at a mirror that serves the release zip ({version}, {os} and {arch} are filled in).');
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, bin);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path))
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`The Packer download from ${url} has no ${bin} in it.`, 'packer-download-url must serve the release zip.');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)(path, 0o755);
    return path;
}
/**
 * Pure: the environment that hands the variables to the template. PKR_VAR_<name> (HCL2) is ignored for
 * variables a template does not declare, where `-var` would fail; JSON templates read them with
 * `{{env "PKR_VAR_version"}}`. labels is a JSON object (an HCL map(string) accepts it too).
 */
function packerEnv(v) {
    return {
        PKR_VAR_app: v.app,
        PKR_VAR_image: v.image,
        PKR_VAR_version: v.version,
        PKR_VAR_revision: v.revision,
        PKR_VAR_created: v.created,
        PKR_VAR_labels: JSON.stringify(v.labels),
        CHECKPOINT_DISABLE: '1',
    };
}
/**
 * Pure: the image Packer built, from its -machine-readable output (`time,builder,artifact,N,id,VALUE`):
 * the last artifact's id (the docker builder with commit = true gives the image id; a docker-tag
 * post-processor gives repo:tag, which the caller resolves).
 */
function artifactId(machineReadable) {
    let id;
    for (const line of machineReadable.split('\n')) {
        const f = line.split(',');
        if (f[2] === 'artifact' && f[4] === 'id' && f[5])
            id = f.slice(5).join(',').trim();
    }
    return id;
}
/** Pure: the major.minor of a version string, to know whether `packer init` exists (1.7+). */
function hasInit(version) {
    const [major, minor] = version.split('.').map(Number);
    return major > 1 || (major === 1 && minor >= 7);
}
/**
 * Build the template; returns the local image id of the result. Runs in the build context (the
 * template's relative paths, such as the playbook, are relative to it).
 */
async function packerBuild(p, context, vars, log, exec = _support_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF) {
    const packer = await installPacker(p, log);
    const env = packerEnv(vars);
    if (hasInit(p.version) && /\.hcl$/.test(p.template))
        await log.group('packer init', () => exec([packer, 'init', p.template], { cwd: context, env, echo: true }));
    const r = await log.group(`packer build ${p.template}`, () => exec([packer, 'build', '-machine-readable', '-color=false', p.template], { cwd: context, env, echo: true, allowFailure: true }));
    if (r.exitCode !== 0) {
        const errors = r.stdout
            .split('\n')
            .filter((l) => /,error,|,ui,error,/.test(l))
            .map((l) => l.split(',').slice(4).join(',').replace(/%!\(PACKER_COMMA\)/g, ','));
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`packer build ${p.template} exited with ${r.exitCode} in ${context}:\n${(0,_support_exec_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLines */ .w$)(errors.join('\n') || r.stderr.trim() || r.stdout.trim(), 12)}`, 'The full Packer log is in the "packer build" group above. Nothing was deployed.');
    }
    const id = artifactId(r.stdout);
    if (!id)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`packer build ${p.template} produced no image artifact.`, 'The template needs a docker source with commit = true (the image is read from its artifact).');
    return id;
}
/** A build context whose Dockerfile is `FROM <image>`: the version's tags and labels go onto Packer's image without a new layer. */
function stampContext(dir, image) {
    const dockerfile = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'Dockerfile.packer');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(dockerfile, `FROM ${image}\n`);
    return { context: dir, dockerfile };
}


/***/ })

};

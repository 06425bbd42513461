export const id = 743;
export const ids = [743];
export const modules = {

/***/ 7124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   packerBuild: () => (/* binding */ packerBuild),
/* harmony export */   stampContext: () => (/* binding */ stampContext)
/* harmony export */ });
/* unused harmony exports packerUrl, sumsUrl, zipName, sumFor, checksumSource, cacheVersion, installPacker, packerEnv, artifactId, hasInit */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7700);
/* harmony import */ var _support_exec_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6894);
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
/** Pure: the URL of the release's SHA256SUMS beside the zip (HashiCorp's layout: packer_<version>_SHA256SUMS). */
function sumsUrl(zipUrl, version) {
    const u = new URL(zipUrl);
    u.pathname = u.pathname.replace(/[^/]*$/, `packer_${version}_SHA256SUMS`);
    u.search = '';
    u.hash = '';
    return u.href;
}
/** Pure: the file name a SHA256SUMS line is for: the zip URL's last path segment. */
function zipName(zipUrl) {
    return decodeURIComponent(new URL(zipUrl).pathname.split('/').pop() ?? '');
}
/** Pure: the checksum of `name` in a SHA256SUMS file (`<hex>  <name>` or `<hex> *<name>` lines), lowercase. */
function sumFor(sums, name) {
    for (const line of sums.split('\n')) {
        const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
        if (m && m[2] === name)
            return m[1].toLowerCase();
    }
    return undefined;
}
/**
 * Pure: where the checksum of the download comes from. A checksum given (packer-sha256) wins; otherwise the
 * release's SHA256SUMS beside the zip, which is only trusted over https (or a local file): over plain http,
 * anyone on the path could change the zip and its sums alike, so plain http needs packer-sha256.
 */
function checksumSource(zipUrl, version, sha256) {
    if (sha256)
        return { kind: 'given', sha256: sha256.toLowerCase() };
    const scheme = new URL(zipUrl).protocol;
    if (scheme === 'https:' || scheme === 'file:')
        return { kind: 'sums', url: sumsUrl(zipUrl, version) };
    return { kind: 'refused', why: `${zipUrl} is plain http, and no packer-sha256 is given` };
}
/**
 * Pure: the tool-cache version a verified binary is kept under: the release and the checksum of its zip, so
 * that a binary is reused only for a download that verifies to the same bytes (never one from another URL
 * that verified to something else, nor one cached before checksums were checked).
 */
function cacheVersion(version, sha256) {
    return `${version}-sha256-${sha256.slice(0, 32)}`;
}
async function sha256Of(file) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file))
        h.update(chunk);
    return h.digest('hex');
}
async function fetchText(url) {
    if (url.startsWith('file:'))
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(url), 'utf8');
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
    if (!res.ok)
        throw new Error(`HTTP ${res.status}`);
    if (new URL(res.url || url).protocol !== 'https:')
        throw new Error(`it was redirected to ${res.url}, which is not https`);
    return res.text();
}
/** The checksum the zip must have, from packer-sha256 or the release's SHA256SUMS; throws when there is none to trust. */
async function expectedChecksum(p, url) {
    const how = checksumSource(url, p.version, p.sha256);
    if (how.kind === 'given')
        return how.sha256;
    if (how.kind === 'refused')
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`Packer ${p.version} will not be installed from ${url}: ${how.why}, so the download cannot be verified.`, 'Serve the release over https with its SHA256SUMS beside the zip, or give packer-sha256 (the SHA-256 of the zip, from the release\'s SHA256SUMS).');
    const sums = how.url;
    let text;
    try {
        text = await fetchText(sums);
    }
    catch (err) {
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`Could not read the checksums of Packer ${p.version} from ${sums}: ${err.message}. Packer was not installed.`, 'Serve packer_<version>_SHA256SUMS beside the zip (as releases.hashicorp.com does), or give packer-sha256.');
    }
    const sum = sumFor(text, zipName(url));
    if (!sum)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`${sums} has no checksum for ${zipName(url)}. Packer was not installed.`, 'Point packer-download-url at the release zip that SHA256SUMS lists, or give packer-sha256.');
    return sum;
}
/**
 * The packer binary at `version`, verified: its zip's SHA-256 must be the one packer-sha256 gives or the
 * release's SHA256SUMS lists (https only). From the runner's tool cache when a binary of that very checksum is
 * there, else downloaded, checked, extracted and cached (tool-cache is what setup-* actions use:
 * RUNNER_TOOL_CACHE, keyed here by tool, version and checksum, and arch).
 */
async function installPacker(p, log) {
    const tc = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(731)]).then(__webpack_require__.bind(__webpack_require__, 2731));
    const bin = process.platform === 'win32' ? 'packer.exe' : 'packer';
    const url = packerUrl(p.downloadUrl, p.version);
    const sha256 = await expectedChecksum(p, url);
    const key = cacheVersion(p.version, sha256);
    const cached = tc.find('packer', key);
    if (cached && (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(cached, bin))) {
        log.info(`Packer ${p.version} (zip SHA-256 ${sha256}) from the tool cache: ${cached}`);
        return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(cached, bin);
    }
    log.info(`Downloading Packer ${p.version} from ${url}`);
    let zip;
    try {
        zip = await tc.downloadTool(url);
    }
    catch (err) {
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`Could not install Packer ${p.version} from ${url}: ${err.message}`, 'Check packer-version, or point packer-download-url at a mirror that serves the release zip ({version}, {os} and {arch} are filled in).');
    }
    const got = await sha256Of(zip);
    if (got !== sha256)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`The Packer ${p.version} zip from ${url} has SHA-256 ${got}, not ${sha256} (${p.sha256 ? 'packer-sha256' : 'the release\'s SHA256SUMS'}): it was not installed or cached.`, 'Check packer-download-url and packer-sha256: the download is not the release it claims to be.');
    let dir;
    try {
        const extracted = await tc.extractZip(zip);
        dir = await tc.cacheDir(extracted, 'packer', key);
    }
    catch (err) {
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`Could not extract Packer ${p.version} from ${url}: ${err.message}`, 'packer-download-url must serve the release zip.');
    }
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, bin);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path))
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`The Packer download from ${url} has no ${bin} in it.`, 'packer-download-url must serve the release zip.');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(path, 0o755);
    log.info(`Packer ${p.version} verified (zip SHA-256 ${sha256}) and cached: ${dir}`);
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
async function packerBuild(p, context, vars, log, exec = _support_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .run */ .eF) {
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
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`packer build ${p.template} exited with ${r.exitCode} in ${context}:\n${(0,_support_exec_js__WEBPACK_IMPORTED_MODULE_6__/* .lastLines */ .w$)(errors.join('\n') || r.stderr.trim() || r.stdout.trim(), 12)}`, 'The full Packer log is in the "packer build" group above. Nothing was deployed.');
    }
    const id = artifactId(r.stdout);
    if (!id)
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`packer build ${p.template} produced no image artifact.`, 'The template needs a docker source with commit = true (the image is read from its artifact).');
    return id;
}
/** A build context whose Dockerfile is `FROM <image>`: the version's tags and labels go onto Packer's image without a new layer. */
function stampContext(dir, image) {
    const dockerfile = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'Dockerfile.packer');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(dockerfile, `FROM ${image}\n`);
    return { context: dir, dockerfile };
}


/***/ })

};

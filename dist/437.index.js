export const id = 437;
export const ids = [437];
export const modules = {

/***/ 4437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openTransport: () => (/* binding */ openTransport)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7133);
/* harmony import */ var docker_modem__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(docker_modem__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7700);
/* harmony import */ var _ssh_dial_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2920);
/**
 * The connection to one engine: a docker-modem instance over a keep-alive agent, so the whole run
 * reuses its connections (unix socket, tcp with or without TLS, or one ssh connection).
 *
 * docker-modem (dockerode's transport) rather than dockerode itself: dockerode loads gRPC and protobuf
 * for BuildKit sessions at start-up (2.3 MB bundled, against docker-modem's few tens of KB), and image
 * builds stay with the CLI anyway. docker-modem's own ssh transport opens a new ssh connection for every
 * request, so ssh:// goes through our agent over the run's one connection to the host (src/drivers/docker/ssh.ts,
 * loaded only then): channels forwarded to the engine's socket.
 */





/** Up to this many connections to one engine at a time (calls made together); idle ones are reused. */
const AGENT = { keepAlive: true, maxSockets: 8, maxFreeSockets: 8 };
/**
 * Without TLS there is no server name to send, but Node's agent works one out for every request anyway, with
 * net.isIP(), whose first call compiles the IPv4 and IPv6 patterns: ~10 ms of CPU in a run of ~160 ms
 * (measured with --cpu-prof). An empty `servername` skips that.
 */
const PLAIN = { ...AGENT, servername: '' };
const pem = (path, what, endpoint) => {
    if (!path)
        return undefined;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path);
    }
    catch (err) {
        if (err.code === 'ENOENT' && what !== 'CA')
            return undefined;
        throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .DeployError */ .sH(`Could not read the TLS ${what} file ${path} for the Docker engine ${endpoint}: ${err.message}`, 'Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) or the context\'s TLS files.');
    }
};
/**
 * docker-modem fills every option it is not given from DOCKER_HOST and DOCKER_CERT_PATH; the endpoint
 * is already resolved (and may be a fleet target, not DOCKER_HOST), so every option is given here.
 */
function modem(o) {
    return new (docker_modem__WEBPACK_IMPORTED_MODULE_2___default())({ socketPath: undefined, host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, version: undefined, ...o });
}
async function openTransport(e) {
    switch (e.kind) {
        case 'unix': {
            const agent = new node_http__WEBPACK_IMPORTED_MODULE_1__.Agent(PLAIN);
            const m = modem({ socketPath: e.socketPath, protocol: 'http', agent });
            return { modem: m, streams: m, close: () => agent.destroy() };
        }
        case 'tcp': {
            if (!e.tls) {
                const agent = new node_http__WEBPACK_IMPORTED_MODULE_1__.Agent(PLAIN);
                const m = modem({ host: e.host, port: e.port, protocol: 'http', agent });
                return { modem: m, streams: m, close: () => agent.destroy() };
            }
            const ca = e.tls.verify ? pem(e.tls.ca, 'CA', e.name) : pem(e.tls.ca, 'ca', e.name);
            const cert = pem(e.tls.cert, 'certificate', e.name);
            const key = pem(e.tls.key, 'key', e.name);
            // node:https (and with it tls) only for an engine over TLS: ~6 ms less at the start of every other run.
            const { Agent: HttpsAgent } = process.getBuiltinModule('node:https');
            const agent = new HttpsAgent({ ...AGENT, ca, cert, key, rejectUnauthorized: e.tls.verify });
            const m = modem({ host: e.host, port: e.port, protocol: 'https', ca, cert, key, agent });
            return { modem: m, streams: m, close: () => agent.destroy() };
        }
        case 'ssh': {
            const askedAt = performance.now();
            // The host's settings and TCP connection first: its sshd starts its session while ssh2 loads.
            (0,_ssh_dial_js__WEBPACK_IMPORTED_MODULE_4__/* .predial */ .sX)(e);
            const { connectSsh } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(166)]).then(__webpack_require__.bind(__webpack_require__, 8166));
            const conn = await connectSsh(e, PLAIN, askedAt);
            // The host and port only name the engine in the request line: the agent's channels carry the bytes.
            return {
                modem: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.agent }),
                streams: modem({ host: 'docker', port: 80, protocol: 'http', agent: conn.streams }),
                alive: () => conn.alive(),
                via: `ssh, ${conn.via}`,
                close: () => conn.close(),
            };
        }
    }
}


/***/ }),

/***/ 2920:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ou: () => (/* binding */ connectionKey),
  sX: () => (/* binding */ predial),
  HD: () => (/* binding */ readable),
  OA: () => (/* binding */ sshSettings),
  fz: () => (/* binding */ takeDialed)
});

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/support/secrets.ts
var secrets = __webpack_require__(1442);
;// CONCATENATED MODULE: ./src/drivers/ssh/config.ts
/**
 * The ssh client configuration that applies to one host, as OpenSSH's client works it out
 * (ssh_config(5)), read without spawning a process where the configuration allows it:
 *
 *   1. the user's ~/.ssh/config, then /etc/ssh/ssh_config (Debian's includes /etc/ssh/ssh_config.d/*.conf);
 *   2. `Host` blocks whose patterns match the host as written (`*`, `?`, `!negation`), `Include` files
 *      (relative to ~/.ssh or /etc/ssh, a `*`/`?` glob in the file name), `key value` and `key=value`,
 *      quoted arguments, the first value obtained for a keyword wins (IdentityFile adds up), the port and
 *      user given in the URL win over the files (they are `ssh -p` / `ssh -l`);
 *   3. `~` and the tokens %% %d %h %i %n %p %r %u in file names and HostName.
 *
 * What this reader cannot judge the way OpenSSH would makes it say why (`unsupported`), and the caller asks
 * `ssh -G` instead: `Match` blocks (they can run commands, test the canonical name, the local user...),
 * CanonicalizeHostname, HostKeyAlias, `${VAR}` and other tokens, an Include glob in a directory part.
 *
 * `~` is $HOME (os.homedir()); OpenSSH takes the account's home from the password database, which on a
 * runner is the same directory.
 *
 * Pure: files come in through `SshFiles`; tests pass a map.
 */
/** The defaults OpenSSH uses for what a configuration does not set (as `ssh -G` prints them). */
function sshDefaults(req, local) {
    const ssh = `${local.home}/.ssh`;
    return {
        hostname: req.host,
        user: req.user ?? local.user,
        port: req.port ?? 22,
        identityFiles: ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map((f) => `${ssh}/${f}`),
        knownHostsFiles: [`${ssh}/known_hosts`, `${ssh}/known_hosts2`, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
        userKnownHostsFiles: [`${ssh}/known_hosts`, `${ssh}/known_hosts2`],
        hashKnownHosts: false,
        strictHostKeyChecking: 'ask',
        proxy: undefined,
    };
}
/** Pure: parses `ssh -G` output (every keyword lower case, one per line, files already expanded). */
function parseSshG(text, fallback) {
    const s = { ...fallback, identityFiles: [], knownHostsFiles: [], userKnownHostsFiles: [] };
    let global = [];
    for (const line of text.split('\n')) {
        const [key, ...rest] = line.trim().split(/\s+/);
        const value = rest.join(' ');
        if (!key || !value)
            continue;
        switch (key.toLowerCase()) {
            case 'hostname':
                s.hostname = value;
                break;
            case 'user':
                s.user = value;
                break;
            case 'port':
                s.port = Number(value) || s.port;
                break;
            case 'identityfile':
                s.identityFiles.push(value);
                break;
            case 'userknownhostsfile':
                s.userKnownHostsFiles.push(...rest);
                break;
            case 'globalknownhostsfile':
                global = rest;
                break;
            case 'hashknownhosts':
                s.hashKnownHosts = value.toLowerCase() === 'yes';
                break;
            case 'stricthostkeychecking':
                s.strictHostKeyChecking = strictValue(value);
                break;
            case 'proxyjump':
            case 'proxycommand':
                if (value !== 'none')
                    s.proxy = `${key} ${value}`;
                break;
        }
    }
    if (s.identityFiles.length === 0)
        s.identityFiles = fallback.identityFiles;
    if (s.userKnownHostsFiles.length === 0)
        s.userKnownHostsFiles = fallback.userKnownHostsFiles;
    s.knownHostsFiles = [...s.userKnownHostsFiles, ...(global.length ? global : fallback.knownHostsFiles.filter((f) => !fallback.userKnownHostsFiles.includes(f)))];
    return s;
}
/** OpenSSH's spellings: `true` is `yes`, `false` is `no`. */
const strictValue = (v) => ({ true: 'yes', false: 'no' })[v.toLowerCase()] ?? v.toLowerCase();
/** Pure: splits a configuration line into its keyword and arguments (`key value`, `key=value`, "quoted args"). */
function splitConfigLine(line) {
    const text = line.trim();
    if (!text || text.startsWith('#'))
        return undefined;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(text);
    if (!m)
        return { key: text.toLowerCase(), args: [] };
    const args = [];
    const re = /"([^"]*)"|(\S+)/g;
    for (let a = re.exec(m[2]); a; a = re.exec(m[2]))
        args.push(a[1] ?? a[2]);
    return { key: m[1].toLowerCase(), args };
}
/** Pure: an ssh_config pattern (`*`, `?`) against a name, case-insensitively. */
function patternMatch(pattern, name) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return re.test(name);
}
/** Pure: a `Host` line's patterns: any positive one matches and no negated one does. */
function hostMatches(patterns, host) {
    let hit = false;
    for (const raw of patterns.flatMap((p) => p.split(','))) {
        if (!raw)
            continue;
        const negated = raw.startsWith('!');
        if (patternMatch(negated ? raw.slice(1) : raw, host)) {
            if (negated)
                return false;
            hit = true;
        }
    }
    return hit;
}
/** The configuration needs `ssh -G`: why, for the trace and the code's reader. */
class UnsupportedSshConfig extends Error {
}
/**
 * Pure (over `files`): the settings for `req` from the user's and the system's configuration, or throws
 * UnsupportedSshConfig saying what only `ssh -G` can judge.
 */
function resolveSshConfig(req, local, files) {
    const defaults = sshDefaults(req, local);
    // The URL's port and user are ssh's -p and -l: obtained before any file, so they win.
    const got = { identityFiles: [], port: req.port, user: req.user };
    const userDir = `${local.home}/.ssh`;
    let depth = 0;
    const tilde = (p) => p.replace(/^~(?=\/|$)/, local.home);
    /** Tokens in file names and HostName (ssh_config(5) TOKENS), with the values known at that point. */
    const expand = (value, keyword) => {
        if (value.includes('${'))
            throw new UnsupportedSshConfig(`${keyword} uses an environment variable (${value})`);
        return value.replace(/%(.)/g, (all, t) => {
            switch (t) {
                case '%':
                    return '%';
                case 'd':
                    return local.home;
                case 'h':
                    return got.hostname ?? req.host;
                case 'n':
                    return req.host;
                case 'i':
                    return String(local.uid);
                case 'p':
                    return String(got.port ?? 22);
                case 'r':
                    return got.user ?? local.user;
                case 'u':
                    return local.user;
                default:
                    throw new UnsupportedSshConfig(`${keyword} uses the token ${all} (${value})`);
            }
        });
    };
    const path = (p, keyword) => tilde(expand(p, keyword));
    const includeFiles = (pattern, base) => {
        const p = tilde(pattern);
        const full = p.startsWith('/') ? p : `${base}/${p}`;
        const slash = full.lastIndexOf('/');
        const dir = full.slice(0, slash) || '/';
        const name = full.slice(slash + 1);
        if (/[*?[]/.test(dir))
            throw new UnsupportedSshConfig(`Include ${pattern} has a wildcard in a directory`);
        if (!/[*?]/.test(name))
            return [full];
        return files
            .list(dir)
            .filter((f) => patternMatchCase(name, f))
            .sort()
            .map((f) => `${dir}/${f}`);
    };
    const readFile = (file, base, state) => {
        const text = files.read(file);
        if (text === undefined)
            return;
        if (++depth > 16)
            throw new UnsupportedSshConfig(`Include nests too deep at ${file}`);
        for (const line of text.split('\n')) {
            const parsed = splitConfigLine(line);
            if (!parsed)
                continue;
            const { key, args } = parsed;
            if (key === 'match')
                throw new UnsupportedSshConfig(`${file} has a Match block`);
            if (key === 'host') {
                state.active = hostMatches(args, req.host);
                continue;
            }
            if (!state.active)
                continue;
            if (key === 'include') {
                for (const pattern of args)
                    for (const f of includeFiles(pattern, base))
                        readFile(f, base, state);
                continue;
            }
            apply(key, args);
        }
        depth--;
    };
    const apply = (key, args) => {
        const value = args[0];
        if (value === undefined)
            return;
        switch (key) {
            case 'hostname':
                got.hostname ??= expand(value, 'HostName');
                return;
            case 'user':
                got.user ??= value;
                return;
            case 'port':
                got.port ??= Number(value) || undefined;
                return;
            case 'identityfile':
                got.identityFiles.push(path(value, 'IdentityFile'));
                return;
            case 'userknownhostsfile':
                got.userKnownHostsFiles ??= args.map((a) => path(a, 'UserKnownHostsFile'));
                return;
            case 'globalknownhostsfile':
                got.globalKnownHostsFiles ??= args.map((a) => path(a, 'GlobalKnownHostsFile'));
                return;
            case 'hashknownhosts':
                got.hashKnownHosts ??= value.toLowerCase() === 'yes';
                return;
            case 'stricthostkeychecking':
                got.strictHostKeyChecking ??= strictValue(value);
                return;
            case 'proxyjump':
            case 'proxycommand':
                // The first of either wins; `none` obtains "no proxy".
                if (got.proxy === undefined)
                    got.proxy = value.toLowerCase() === 'none' ? '' : `${key} ${args.join(' ')}`;
                return;
            case 'canonicalizehostname':
                if (value.toLowerCase() !== 'no')
                    throw new UnsupportedSshConfig(`CanonicalizeHostname ${value} (the name is worked out by ssh)`);
                return;
            case 'hostkeyalias':
                throw new UnsupportedSshConfig(`HostKeyAlias ${value}`);
            default:
                return;
        }
    };
    readFile(`${userDir}/config`, userDir, { active: true });
    readFile('/etc/ssh/ssh_config', '/etc/ssh', { active: true });
    const user = got.userKnownHostsFiles ?? defaults.userKnownHostsFiles;
    const global = got.globalKnownHostsFiles ?? defaults.knownHostsFiles.filter((f) => !defaults.userKnownHostsFiles.includes(f));
    return {
        hostname: got.hostname ?? req.host,
        user: got.user ?? defaults.user,
        port: got.port ?? defaults.port,
        identityFiles: got.identityFiles.length ? got.identityFiles : defaults.identityFiles,
        knownHostsFiles: [...user, ...global],
        userKnownHostsFiles: user,
        hashKnownHosts: got.hashKnownHosts ?? defaults.hashKnownHosts,
        strictHostKeyChecking: got.strictHostKeyChecking ?? defaults.strictHostKeyChecking,
        proxy: got.proxy || undefined,
    };
}
/** File globs are case-sensitive (glob(3)), host patterns are not. */
function patternMatchCase(pattern, name) {
    if (name.startsWith('.') && !pattern.startsWith('.'))
        return false;
    return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name);
}

// EXTERNAL MODULE: ./src/drivers/ssh/phases.ts
var ssh_phases = __webpack_require__(5292);
// EXTERNAL MODULE: ./src/drivers/ssh/registry.ts
var registry = __webpack_require__(7211);
;// CONCATENATED MODULE: ./src/drivers/ssh/dial.ts
/**
 * The first steps of an ssh connection that need no ssh2: the host's effective settings (./config.ts) and
 * its TCP connection. src/drivers/docker/transport.ts starts them for an ssh:// engine BEFORE it loads ssh2
 * (./connection.ts, a chunk of ~700 KB), so the host's sshd starts its session (it forks and re-executes
 * itself before it sends its banner) while ssh2 loads here; ./connection.ts then runs ssh over that socket.
 * Nothing is sent before ssh2 has it: the key exchange, the host key check and authentication are ssh2's,
 * exactly as when it connects by itself, which it does whenever no socket was opened here (or it failed).
 */







const readable = (p) => {
    try {
        return (0,external_node_fs_.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
};
/**
 * The effective settings for a host. Read from the configuration files here (no process): only a
 * configuration this reader cannot judge as OpenSSH would (a Match block, HostKeyAlias, an unknown
 * token...; see ./config.ts) is handed to `ssh -G`, which prints the effective configuration and
 * connects nowhere. No ssh client installed: the files' reading is all there is, so OpenSSH's defaults.
 */
function sshSettings(t) {
    const home = (0,external_node_os_.homedir)();
    const info = (0,external_node_os_.userInfo)();
    const local = { home, user: info.username, uid: info.uid };
    try {
        const list = (dir) => {
            try {
                return (0,external_node_fs_.readdirSync)(dir);
            }
            catch {
                return [];
            }
        };
        return { settings: resolveSshConfig(t, local, { read: readable, list }), source: 'config files' };
    }
    catch (err) {
        if (!(err instanceof UnsupportedSshConfig))
            throw err;
        const args = ['-G', ...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), '--', t.host];
        // The environment a `run:` step would have: never the action's inputs or runtime tokens. child_process
        // only here: most runs never load it.
        const { spawnSync } = process.getBuiltinModule('node:child_process');
        const r = spawnSync('ssh', args, { encoding: 'utf8', timeout: 5000, env: (0,secrets/* childEnv */.gf)() });
        const fallback = sshDefaults(t, local);
        return { settings: r.status === 0 ? parseSshG(r.stdout, fallback) : fallback, source: `ssh -G (${err.message})` };
    }
}
const pending = new Map();
/** The key connections are shared by (./connection.ts): the host as written, with its user and port. */
const connectionKey = (t) => `${t.user ?? ''}@${t.host}:${t.port ?? ''}`;
/**
 * Reads `t`'s settings and opens its TCP connection now (Nagle off), for ./connection.ts to take. Once per
 * host until taken. A configuration with a proxy gets no socket (./connection.ts refuses it with its message).
 * Returns the socket (for tests), or undefined.
 */
function predial(t) {
    const key = connectionKey(t);
    if (pending.has(key))
        return pending.get(key).socket;
    const phases = new ssh_phases/* Phases */.V(performance.now());
    const { settings, source } = sshSettings(t);
    phases.mark('settings');
    const entry = { settings, source, phases, socket: undefined, failed: false, unregister: () => undefined };
    if (!settings.proxy) {
        const socket = (0,external_node_net_.connect)({ host: settings.hostname, port: settings.port, noDelay: true });
        socket.once('connect', () => phases.mark('tcp'));
        // Until ssh2 takes it: a refused or failed connection is left to ssh2, which connects again and reports it.
        socket.on('error', () => {
            entry.failed = true;
        });
        entry.socket = socket;
        // Closed at the end of the run if nothing took it.
        entry.unregister = (0,registry/* registerConnection */.I)(() => {
            pending.delete(key);
            socket.destroy();
        });
    }
    pending.set(key, entry);
    return entry.socket;
}
/** What predial() opened for `t`, handed over once; undefined when nothing was (or it was taken). */
function takeDialed(t) {
    const key = connectionKey(t);
    const entry = pending.get(key);
    if (!entry)
        return undefined;
    pending.delete(key);
    entry.unregister();
    let socket = entry.socket;
    if (socket && (entry.failed || socket.destroyed)) {
        socket.destroy();
        socket = undefined;
    }
    return { settings: entry.settings, source: entry.source, phases: entry.phases, socket };
}


/***/ }),

/***/ 5292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ Phases)
/* harmony export */ });
/* unused harmony export formatPhases */
class Phases {
    start;
    clock;
    marks = [];
    constructor(
    /** When the work began (ms since the process started). */
    start, clock = () => performance.now()) {
        this.start = start;
        this.clock = clock;
    }
    /** `phase` ended now, or at `at` (a phase already marked keeps its first time). */
    mark(phase, at) {
        if (!this.marks.some((m) => m.phase === phase))
            this.marks.push({ phase, at: at ?? this.clock() });
    }
    toString() {
        return formatPhases(this.start, this.marks);
    }
}
/**
 * Pure: `start 120 ms, settings +0.4, tcp +2.1, kex +40.2, auth +9.8 = 52.5 ms`: when the work began (since
 * the process started), each phase's own time (since the one before, in the order they ended) and the total.
 */
function formatPhases(start, marks) {
    const sorted = [...marks].sort((a, b) => a.at - b.at);
    let prev = start;
    const parts = sorted.map((m) => {
        const part = `${m.phase} +${(m.at - prev).toFixed(1)}`;
        prev = m.at;
        return part;
    });
    return [`start ${start.toFixed(0)} ms`, ...parts].join(', ') + ` = ${(prev - start).toFixed(1)} ms`;
}


/***/ })

};

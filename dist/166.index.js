export const id = 166;
export const ids = [166];
export const modules = {

/***/ 8166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connectSsh: () => (/* binding */ connectSsh)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _support_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7700);
/* harmony import */ var _ssh_connection_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5923);
/* harmony import */ var _endpoint_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5763);
/**
 * ssh:// engines: the engine's unix socket on the host, reached over the run's one ssh connection to that
 * host (src/drivers/ssh/connection.ts, shared with anything else that reaches the host) by stream-local
 * forwarding: every HTTP connection the engine client opens is a channel forwarded by sshd to
 * /var/run/docker.sock (or the path in the URL, ssh://host/run/user/1000/docker.sock), and nothing runs
 * on the host. Channels are reused call after call (HTTP keep-alive), so only the first call pays the
 * handshake, and calls made together each get their own channel.
 *
 * Only when the host refuses to forward to the default socket (its sshd forbids stream-local forwarding,
 * or its engine listens elsewhere: rootless, a DOCKER_HOST of its own) does this fall back to what the
 * docker CLI runs, `docker system dial-stdio` on the host: the host's own docker then picks its engine.
 * Those channels are each a process there, so calls then queue for one channel. A socket path written in
 * the URL never falls back: exactly that socket or an error.
 *
 * This module (and ssh2 with it) is loaded only when an ssh:// engine is used.
 */





/**
 * Opens (or shares) the ssh connection to `t`'s host; its agents hand out channels to the engine as sockets.
 * `askedAt`: when this module was asked for (ms since the process started), for the trace.
 */
async function connectSsh(t, agentOptions, askedAt = _ssh_connection_js__WEBPACK_IMPORTED_MODULE_2__.loadedAt) {
    const conn = await (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_2__.sshConnection)(t);
    const path = t.socketPath ?? _endpoint_js__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_SOCKET */ .YE;
    // The first channel is opened now: it says whether the host forwards to the socket, and the first call uses it.
    let spare;
    let via = `forward ${path}`;
    try {
        spare = await conn.forward(path);
        conn.phases.mark('channel');
    }
    catch (err) {
        if (t.socketPath)
            throw new _support_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .DeployError */ .sH(`${t.name}: the ssh server did not forward to ${t.socketPath}: ${err.message}`, 'Allow it on the host (sshd_config: AllowStreamLocalForwarding yes), or leave the path out of the URL to let the host\'s docker pick its engine ("docker system dial-stdio").');
        via = `dial-stdio (no forward to ${path}: ${err.message})`;
    }
    const forwarding = spare !== undefined;
    const open = () => {
        const s = spare;
        spare = undefined;
        if (s && !s.destroyed)
            return Promise.resolve(s);
        return forwarding ? conn.forward(path) : conn.exec('docker system dial-stdio');
    };
    const channelAgent = (options) => {
        const agent = new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true, ...agentOptions, ...options });
        agent.createConnection = (_options, oncreate) => {
            open().then((ch) => oncreate?.(null, (0,_ssh_connection_js__WEBPACK_IMPORTED_MODULE_2__.socketLike)(ch)), (err) => oncreate?.(new Error(`ssh ${t.name}: could not open a channel to the engine: ${err.message}`), undefined));
            return undefined;
        };
        return agent;
    };
    // Forwarded channels are cheap (sshd connects to the socket): as many as the local engine's connections.
    // dial-stdio channels are each a `docker` process on the host (hundreds of ms on a busy host): one, reused.
    const agent = channelAgent(forwarding ? {} : { maxSockets: 1, maxFreeSockets: 1 });
    const streams = channelAgent({ keepAlive: false });
    return {
        agent,
        streams,
        // For the trace: the algorithms agreed, when ssh2 was asked for and loaded, then the connection's phases.
        via: `${via}; ${conn.algorithms}; ssh2 asked for at ${askedAt.toFixed(0)} ms, loaded at ${_ssh_connection_js__WEBPACK_IMPORTED_MODULE_2__.loadedAt.toFixed(0)} ms; connection ${conn.phases.toString()}`,
        alive: () => conn.alive(),
        close: () => {
            spare?.destroy();
            agent.destroy();
            streams.destroy();
            conn.close();
        },
    };
}


/***/ }),

/***/ 5923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  identityKey: () => (/* binding */ identityKey),
  loadedAt: () => (/* binding */ loadedAt),
  socketLike: () => (/* binding */ socketLike),
  sshConnection: () => (/* binding */ sshConnection)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/drivers/ssh/cjs-globals.ts
/**
 * ssh2's Poly1305 (an Emscripten build) reads `__dirname` when it loads, which an ES module bundle does
 * not have; it only uses it to name files it never reads (its WebAssembly is inlined). Imported by
 * src/drivers/ssh/connection.ts before ssh2, so it runs first.
 */


const g = globalThis;
g.__dirname ??= (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));

// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/drivers/ssh/registry.ts
var registry = __webpack_require__(7211);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/drivers/ssh/known-hosts.ts
/**
 * Host key checking for ssh connections (engines, remote sockets), the way OpenSSH checks it: the key the server shows must be
 * listed for that host in a known_hosts file. Pure: the files' text comes in.
 *
 * Hand-written because ssh2 leaves host key checking to its caller and no well-kept package reads
 * known_hosts files; the format is small (OpenSSH sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): plain,
 * comma-separated, wildcard (`*`, `?`), negated (`!`) and hashed (`|1|salt|hash`) host patterns,
 * `[host]:port` for ports other than 22, and the `@revoked` marker. `@cert-authority` lines are
 * skipped (ssh2 does not present host certificates).
 */

/** The name a host is looked up by: `host`, or `[host]:port` when the port is not 22. */
function hostKey(host, port) {
    return port === 22 ? host : `[${host}]:${port}`;
}
function globMatch(pattern, text) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return re.test(text);
}
function patternMatches(patterns, name) {
    if (patterns.startsWith('|1|')) {
        const [, , salt, hash] = patterns.split('|');
        if (!salt || !hash)
            return false;
        return (0,external_node_crypto_.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
    }
    let matched = false;
    for (const p of patterns.split(',')) {
        if (p.startsWith('!')) {
            if (globMatch(p.slice(1), name))
                return false;
        }
        else if (globMatch(p, name))
            matched = true;
    }
    return matched;
}
/**
 * What the known_hosts `files` say about `key` (the server's public key blob, base64) for `host`:
 * known (listed), changed (the host is listed with other keys of this type), revoked, or unknown.
 */
function checkHostKey(files, host, port, keyType, key) {
    const name = hostKey(host, port);
    let sameTypeOther = false;
    let known = false;
    for (const text of files) {
        for (const raw of text.split('\n')) {
            const line = raw.trim();
            if (!line || line.startsWith('#'))
                continue;
            const fields = line.split(/\s+/);
            let marker;
            if (fields[0].startsWith('@'))
                marker = fields.shift();
            const [patterns, type, blob] = fields;
            if (!patterns || !type || !blob || !patternMatches(patterns, name))
                continue;
            if (marker === '@revoked') {
                if (blob === key)
                    return 'revoked';
                continue;
            }
            if (marker)
                continue;
            if (blob === key)
                known = true;
            else if (type === keyType)
                sameTypeOther = true;
        }
    }
    if (known)
        return 'known';
    return sameTypeOther ? 'changed' : 'unknown';
}
/**
 * Pure (given the salt): the known_hosts line OpenSSH writes for a key it accepted (StrictHostKeyChecking
 * accept-new): `host` or `[host]:port`, hashed as `|1|salt|hmac` when HashKnownHosts is on.
 */
function knownHostsLine(host, port, keyType, key, hashed, salt = (0,external_node_crypto_.randomBytes)(20)) {
    const name = hostKey(host, port);
    const pattern = hashed ? `|1|${salt.toString('base64')}|${(0,external_node_crypto_.createHmac)('sha1', salt).update(name).digest('base64')}` : name;
    return `${pattern} ${keyType} ${key}`;
}

// EXTERNAL MODULE: ./src/drivers/ssh/dial.ts + 1 modules
var dial = __webpack_require__(2920);
// EXTERNAL MODULE: ./src/drivers/ssh/phases.ts
var ssh_phases = __webpack_require__(5292);
;// CONCATENATED MODULE: ./src/drivers/ssh/connection.ts
/**
 * ONE ssh connection (ssh2) per host for the whole run, shared by everything that reaches that host: the
 * Docker engine's socket, a balancer's runtime socket (HAProxy), a command. Unix sockets on the host are
 * reached by stream-local forwarding (direct-streamlocal@openssh.com, `ssh -L local:/remote.sock`): a
 * channel on the open connection, no process on the host.
 *
 * Like the system's ssh, it honours the ssh client configuration (./config.ts: host name, user, port,
 * identity files, known_hosts files, StrictHostKeyChecking), the ssh agent (SSH_AUTH_SOCK) and the
 * default keys, and it refuses a host whose key is not in known_hosts.
 *
 * This module (and ssh2 with it) is loaded only when something reaches a host over ssh.
 */









/** When this module, and ssh2 with it, had loaded (ms since the process started): for the trace. */
const loadedAt = performance.now();
/**
 * Adds a host key accepted under accept-new to the user's known_hosts (created 0600 in a 0700 directory,
 * as OpenSSH makes it), so the next connection checks against it. A file that cannot be written is an error:
 * accepting any key on every run is what accept-new must not come to.
 */
function saveHostKey(file, line, name) {
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(file), { recursive: true, mode: 0o700 });
        (0,external_node_fs_.appendFileSync)(file, `${line}\n`, { mode: 0o600 });
    }
    catch (err) {
        throw new errors/* DeployError */.sH(`${name}: the new ssh host key was accepted (StrictHostKeyChecking accept-new) but could not be saved to ${file}: ${err.message}`, 'Make the known_hosts file writable, or add the key beforehand (ssh-keyscan, checking the fingerprint).');
    }
}
/** The key type inside an SSH public key blob (its first string). */
function keyTypeOf(blob) {
    const n = blob.readUInt32BE(0);
    return blob.subarray(4, 4 + n).toString();
}
/** What http.Agent and net users expect of a socket beyond a Duplex. ssh channels have none of it; none is needed. */
function socketLike(ch) {
    const s = ch;
    for (const m of ['setKeepAlive', 'setNoDelay', 'ref', 'unref'])
        s[m] ??= () => s;
    s.setTimeout ??= (_ms, cb) => {
        if (cb)
            s.once('timeout', cb);
        return s;
    };
    return s;
}
/** Identity files read and parsed once per run: every host of a fleet usually names the same keys. */
const identities = new Map();
/**
 * The private key in the identity file `path`, parsed (what ssh2 is given: it would parse the text again), or
 * undefined when there is none, it cannot be read, or it needs a passphrase (the agent can hold it instead).
 * Read and parsed once per run (a few ms of CPU per key, which a fleet paid for every host, one after another).
 */
function identityKey(path) {
    if (!identities.has(path)) {
        const text = (0,dial/* readable */.HD)(path);
        const key = text === undefined ? undefined : lib.utils.parseKey(text);
        identities.set(path, key && !(key instanceof Error) ? key : undefined);
    }
    return identities.get(path);
}
const connections = new Map();
/**
 * The run's connection to `t`'s host, opened on first use and shared by every caller (the engine, a
 * balancer's socket); a connection that closed is opened anew by the next caller.
 */
function sshConnection(t) {
    const key = (0,dial/* connectionKey */.Ou)(t);
    const current = connections.get(key);
    if (current) {
        return current.then((c) => {
            if (c.alive())
                return c;
            if (connections.get(key) === current)
                connections.delete(key);
            return sshConnection(t);
        }, () => {
            if (connections.get(key) === current)
                connections.delete(key);
            return sshConnection(t);
        });
    }
    const opening = connect(t);
    connections.set(key, opening);
    // Closed at the end of the run (src/drivers/ssh/index.ts), even while it is still opening.
    const unregister = (0,registry/* registerConnection */.I)(() => {
        if (connections.get(key) === opening)
            connections.delete(key);
        void opening.then((c) => c.close()).catch(() => undefined);
    });
    opening.then((c) => c.onClose(unregister), () => {
        unregister();
        if (connections.get(key) === opening)
            connections.delete(key);
    });
    return opening;
}
async function connect(t) {
    // Settings read and the TCP connection opened while ssh2 loaded (./dial.ts), or both now.
    const dialed = (0,dial/* takeDialed */.fz)(t);
    const phases = dialed?.phases ?? new ssh_phases/* Phases */.V(performance.now());
    const { settings: s, source } = dialed ?? (0,dial/* sshSettings */.OA)(t);
    phases.mark('settings');
    // Dialed before ssh2 loaded: how long the connection waited for it.
    if (dialed)
        phases.mark('ssh2 loaded', Math.max(loadedAt, phases.start));
    if (s.proxy)
        throw new errors/* DeployError */.sH(`The ssh configuration for ${t.host} uses ${s.proxy}, which this action's ssh client does not support.`, 'Reach the host directly (or through a tunnel you start before this step), or use tcp:// with TLS.');
    const knownHosts = s.knownHostsFiles.map(dial/* readable */.HD).filter((x) => x !== undefined);
    let verdict;
    /** A new host key accepted under accept-new: saved once the connection is up, as OpenSSH does. */
    let accepted;
    const auth = [];
    if (process.env.SSH_AUTH_SOCK)
        auth.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
    for (const f of s.identityFiles) {
        const key = identityKey(f);
        if (key)
            auth.push({ type: 'publickey', username: s.user, key });
    }
    phases.mark('keys');
    let algorithms = '';
    const client = new lib.Client();
    client.once('connect', () => phases.mark('tcp'));
    client.once('handshake', (n) => {
        phases.mark('kex');
        algorithms = `${n.kex}, ${n.serverHostKey}, ${n.cs.cipher}${n.cs.mac ? ` + ${n.cs.mac}` : ''}`;
    });
    await new Promise((resolve, reject) => {
        const fail = (err) => {
            client.removeAllListeners('ready');
            reject(describe(err));
        };
        const describe = (err) => {
            const where = `${s.user}@${s.hostname}:${s.port} (${t.name})`;
            if (verdict === 'unknown')
                return new errors/* DeployError */.sH(`The ssh host key of ${where} is not in known_hosts (${s.knownHostsFiles.join(', ')}).`, `Add it first, for example: ssh-keyscan -p ${s.port} ${s.hostname} >> ~/.ssh/known_hosts (check the fingerprint).`);
            if (verdict === 'changed' || verdict === 'revoked')
                return new errors/* DeployError */.sH(`The ssh host key of ${where} does not match known_hosts (${verdict}): refusing to connect.`, 'If the host was rebuilt, replace its line in known_hosts after checking the new fingerprint.');
            return new errors/* DeployError */.sH(`Could not connect over ssh to ${where}: ${err.message}`, 'Check the host, the user and that the runner has a key the host accepts (ssh agent or ~/.ssh/id_*).');
        };
        client.once('ready', () => {
            phases.mark('auth');
            client.removeListener('error', fail);
            try {
                if (accepted)
                    saveHostKey(s.userKnownHostsFiles[0], accepted, t.name);
                resolve();
            }
            catch (err) {
                client.end();
                reject(err instanceof Error ? err : new Error(String(err)));
            }
        });
        client.once('error', fail);
        client.connect({
            sock: dialed?.socket,
            host: s.hostname,
            port: s.port,
            username: s.user,
            authHandler: auth,
            // Detect a dead host during long waits (the lock, a long acceptance run).
            keepaliveInterval: 15_000,
            readyTimeout: 20_000,
            hostVerifier: (key) => {
                phases.mark('host key');
                if (s.strictHostKeyChecking === 'no' || s.strictHostKeyChecking === 'off')
                    return true;
                verdict = checkHostKey(knownHosts, s.hostname, s.port, keyTypeOf(key), key.toString('base64'));
                if (verdict === 'unknown' && s.strictHostKeyChecking === 'accept-new') {
                    accepted = knownHostsLine(s.hostname, s.port, keyTypeOf(key), key.toString('base64'), s.hashKnownHosts);
                    return true;
                }
                return verdict === 'known';
            },
        });
        // Nagle's algorithm off (TCP_NODELAY), as for any request-and-answer protocol (Node's http does it for its
        // sockets; ssh2 leaves its socket as it is). With it on, a small packet written while the last one is
        // not yet acknowledged waits for that acknowledgement, which the host delays up to 40 ms (delayed ACK):
        // each step of the handshake and each engine call over the connection waited that long.
        client.setNoDelay(true);
    });
    let open = true;
    client.on('error', () => undefined);
    client.once('close', () => {
        open = false;
    });
    const channel = (start) => new Promise((resolve, reject) => {
        try {
            start((err, ch) => (err ? reject(err) : resolve(ch)));
        }
        catch (err) {
            // ssh2 throws at once on a connection that is already closed.
            reject(err instanceof Error ? err : new Error(String(err)));
        }
    });
    return {
        name: t.name,
        settingsSource: source,
        phases,
        algorithms,
        forward: (path) => channel((cb) => client.openssh_forwardOutStreamLocal(path, cb)),
        exec: (command) => channel((cb) => client.exec(command, cb)),
        alive: () => open,
        onClose: (f) => (open ? client.once('close', f) : f()),
        close: () => {
            open = false;
            client.end();
        },
    };
}


/***/ })

};

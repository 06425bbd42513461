export const id = 669;
export const ids = [669];
export const modules = {

/***/ 9669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectSsh: () => (/* binding */ connectSsh)
});

// UNUSED EXPORTS: parseSshConfig

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/drivers/docker/cjs-globals.ts
/**
 * ssh2's Poly1305 (an Emscripten build) reads `__dirname` when it loads, which an ES module bundle does
 * not have; it only uses it to name files it never reads (its WebAssembly is inlined). Imported by
 * src/drivers/docker/ssh.ts before ssh2, so it runs first.
 */


const g = globalThis;
g.__dirname ??= (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));

// EXTERNAL MODULE: ./node_modules/ssh2/lib/index.js
var lib = __webpack_require__(5472);
// EXTERNAL MODULE: ./src/support/errors.ts
var errors = __webpack_require__(7700);
// EXTERNAL MODULE: ./src/support/secrets.ts
var secrets = __webpack_require__(1442);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/drivers/docker/known-hosts.ts
/**
 * Host key checking for ssh:// engines, the way OpenSSH checks it: the key the server shows must be
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

;// CONCATENATED MODULE: ./src/drivers/docker/ssh.ts
/**
 * ssh:// engines: ONE ssh connection (ssh2) per engine for the whole run. Every HTTP connection the
 * engine client opens is a channel on it, running `docker system dial-stdio` there (what the docker CLI
 * runs), or, for ssh://host/path/to/docker.sock, a stream-local forward to that socket. Channels are
 * reused call after call (HTTP keep-alive), so only the first call pays the handshake.
 *
 * Like the CLI (which runs the system's ssh), it honours ~/.ssh/config through `ssh -G` (host name,
 * user, port, identity files, known_hosts files, StrictHostKeyChecking), the ssh agent
 * (SSH_AUTH_SOCK) and the default keys, and it refuses a host whose key is not in known_hosts.
 *
 * This module (and ssh2 with it) is loaded only when an ssh:// engine is used.
 */










/** Pure: parses `ssh -G` output. */
function parseSshConfig(text, fallback) {
    const s = { ...fallback, identityFiles: [], knownHostsFiles: [], userKnownHostsFiles: [] };
    const home = (0,external_node_os_.homedir)();
    const path = (p) => p.replace(/^~(?=\/|$)/, home);
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
                s.identityFiles.push(path(value));
                break;
            case 'userknownhostsfile':
                s.userKnownHostsFiles.push(...rest.map(path));
                s.knownHostsFiles.push(...rest.map(path));
                break;
            case 'globalknownhostsfile':
                s.knownHostsFiles.push(...rest.map(path));
                break;
            case 'hashknownhosts':
                s.hashKnownHosts = value.toLowerCase() === 'yes';
                break;
            case 'stricthostkeychecking':
                s.strictHostKeyChecking = value.toLowerCase();
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
    if (s.knownHostsFiles.length === 0)
        s.knownHostsFiles = fallback.knownHostsFiles;
    if (s.userKnownHostsFiles.length === 0)
        s.userKnownHostsFiles = fallback.userKnownHostsFiles;
    return s;
}
function sshSettings(t) {
    const home = (0,external_node_os_.homedir)();
    const fallback = {
        hostname: t.host,
        user: t.user ?? (0,external_node_os_.userInfo)().username,
        port: t.port ?? 22,
        identityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => `${home}/.ssh/${f}`),
        knownHostsFiles: [`${home}/.ssh/known_hosts`, '/etc/ssh/ssh_known_hosts'],
        userKnownHostsFiles: [`${home}/.ssh/known_hosts`],
        hashKnownHosts: false,
        strictHostKeyChecking: 'ask',
        proxy: undefined,
    };
    const args = ['-G', ...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), '--', t.host];
    // `ssh -G` only prints the effective configuration; it connects nowhere. No ssh client: the defaults.
    // The environment a `run:` step would have: never the action's inputs or runtime tokens.
    const r = (0,external_node_child_process_.spawnSync)('ssh', args, { encoding: 'utf8', timeout: 5000, env: (0,secrets/* childEnv */.gf)() });
    return r.status === 0 ? parseSshConfig(r.stdout, fallback) : fallback;
}
const readable = (p) => {
    try {
        return (0,external_node_fs_.readFileSync)(p, 'utf8');
    }
    catch {
        return undefined;
    }
};
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
/** What http.Agent expects of a socket beyond a Duplex. ssh channels have none of it; none is needed. */
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
/** Opens the one ssh connection to `t`; its agent hands out channels to the engine as sockets. */
async function connectSsh(t, agentOptions) {
    const s = sshSettings(t);
    if (s.proxy)
        throw new errors/* DeployError */.sH(`The ssh configuration for ${t.host} uses ${s.proxy}, which the engine client does not support.`, 'Reach the host directly (or through a tunnel you start before this step), or use tcp:// with TLS.');
    const knownHosts = s.knownHostsFiles.map(readable).filter((x) => x !== undefined);
    let verdict;
    /** A new host key accepted under accept-new: saved once the connection is up, as OpenSSH does. */
    let accepted;
    const auth = [];
    if (process.env.SSH_AUTH_SOCK)
        auth.push({ type: 'agent', username: s.user, agent: process.env.SSH_AUTH_SOCK });
    for (const f of s.identityFiles) {
        const key = readable(f);
        // A key that needs a passphrase cannot be used here (the agent can hold it instead).
        if (key && !(lib.utils.parseKey(key) instanceof Error))
            auth.push({ type: 'publickey', username: s.user, key });
    }
    const client = new lib.Client();
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
            return new errors/* DeployError */.sH(`Could not connect over ssh to the Docker engine at ${where}: ${err.message}`, 'Check the host, the user and that the runner has a key the host accepts (ssh agent or ~/.ssh/id_*).');
        };
        client.once('ready', () => {
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
            host: s.hostname,
            port: s.port,
            username: s.user,
            authHandler: auth,
            // Detect a dead host during long waits (the lock, a long acceptance run).
            keepaliveInterval: 15_000,
            readyTimeout: 20_000,
            hostVerifier: (key) => {
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
    });
    let open_ = true;
    client.on('error', () => undefined);
    // A dropped connection is never used again: the engine client opens a new one at its next call.
    client.once('close', () => {
        open_ = false;
        agent.destroy();
        streams.destroy();
    });
    // Like the CLI, `docker system dial-stdio` on the host: the engine is whichever the host's own docker
    // would use (its DOCKER_HOST, context, rootless socket). With a socket path in the URL
    // (ssh://host/run/docker.sock), a stream-local forward to exactly that socket: no process on the host.
    const open = (cb) => {
        if (!t.socketPath)
            return client.exec('docker system dial-stdio', (err, ch) => cb(err, ch));
        client.openssh_forwardOutStreamLocal(t.socketPath, (err, ch) => cb(err &&
            new errors/* DeployError */.sH(`${t.name}: the ssh server did not forward to ${t.socketPath}: ${err.message}`, 'Allow it on the host (sshd_config: AllowStreamLocalForwarding yes), or leave the path out of the URL to go through "docker system dial-stdio".'), ch));
    };
    const channelAgent = (options) => {
        const agent = new external_node_http_.Agent({ keepAlive: true, ...agentOptions, ...options });
        agent.createConnection = (_options, oncreate) => {
            const fail = (err) => oncreate?.(new Error(`ssh ${t.name}: could not open a channel to the engine: ${err?.message ?? 'no channel'}`), undefined);
            try {
                open((err, ch) => (err || !ch ? fail(err) : oncreate?.(null, socketLike(ch))));
            }
            catch (err) {
                // ssh2 throws at once on a connection that is already closed.
                fail(err);
            }
            return undefined;
        };
        return agent;
    };
    // Calls queue for the one channel: each takes a round trip and the engine's time, while a second
    // channel would cost a `docker system dial-stdio` process on the host (hundreds of ms on a busy host).
    const agent = channelAgent({ maxSockets: 1, maxFreeSockets: 1 });
    const streams = channelAgent({ keepAlive: false });
    return {
        agent,
        streams,
        alive: () => open_,
        close: () => {
            agent.destroy();
            streams.destroy();
            client.end();
        },
    };
}


/***/ })

};

export const id = 923;
export const ids = [923];
export const modules = {

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

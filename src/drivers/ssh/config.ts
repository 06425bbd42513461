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

/** What the engine client needs to know about a host: the effective configuration, with OpenSSH's defaults. */
export interface SshSettings {
  hostname: string;
  user: string;
  port: number;
  identityFiles: string[];
  knownHostsFiles: string[];
  /** Where a key accepted with accept-new is saved: the first of these (UserKnownHostsFile). */
  userKnownHostsFiles: string[];
  /** HashKnownHosts: save host names hashed. */
  hashKnownHosts: boolean;
  strictHostKeyChecking: string;
  proxy: string | undefined;
}

/** The host as the URL names it (ssh://[user@]host[:port]). */
export interface SshHostRequest {
  host: string;
  port: number | undefined;
  user: string | undefined;
}

export interface SshFiles {
  /** A file's text, or undefined when it does not exist (or cannot be read). */
  read(path: string): string | undefined;
  /** The names in a directory (for Include globs); empty when there is none. */
  list(dir: string): string[];
}

export interface SshLocal {
  home: string;
  /** The local account's name (%u, the default user). */
  user: string;
  uid: number;
}

/** The defaults OpenSSH uses for what a configuration does not set (as `ssh -G` prints them). */
export function sshDefaults(req: SshHostRequest, local: SshLocal): SshSettings {
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
export function parseSshG(text: string, fallback: SshSettings): SshSettings {
  const s = { ...fallback, identityFiles: [] as string[], knownHostsFiles: [] as string[], userKnownHostsFiles: [] as string[] };
  let global: string[] = [];
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    const value = rest.join(' ');
    if (!key || !value) continue;
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
        if (value !== 'none') s.proxy = `${key} ${value}`;
        break;
    }
  }
  if (s.identityFiles.length === 0) s.identityFiles = fallback.identityFiles;
  if (s.userKnownHostsFiles.length === 0) s.userKnownHostsFiles = fallback.userKnownHostsFiles;
  s.knownHostsFiles = [...s.userKnownHostsFiles, ...(global.length ? global : fallback.knownHostsFiles.filter((f) => !fallback.userKnownHostsFiles.includes(f)))];
  return s;
}

/** OpenSSH's spellings: `true` is `yes`, `false` is `no`. */
const strictValue = (v: string): string => ({ true: 'yes', false: 'no' })[v.toLowerCase()] ?? v.toLowerCase();

/** Pure: splits a configuration line into its keyword and arguments (`key value`, `key=value`, "quoted args"). */
export function splitConfigLine(line: string): { key: string; args: string[] } | undefined {
  const text = line.trim();
  if (!text || text.startsWith('#')) return undefined;
  const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(text);
  if (!m) return { key: text.toLowerCase(), args: [] };
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let a = re.exec(m[2]!); a; a = re.exec(m[2]!)) args.push(a[1] ?? a[2]!);
  return { key: m[1]!.toLowerCase(), args };
}

/** Pure: an ssh_config pattern (`*`, `?`) against a name, case-insensitively. */
export function patternMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

/** Pure: a `Host` line's patterns: any positive one matches and no negated one does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let hit = false;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    if (patternMatch(negated ? raw.slice(1) : raw, host)) {
      if (negated) return false;
      hit = true;
    }
  }
  return hit;
}

/** The configuration needs `ssh -G`: why, for the trace and the code's reader. */
export class UnsupportedSshConfig extends Error {}

interface Obtained {
  hostname?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  hashKnownHosts?: boolean;
  strictHostKeyChecking?: string;
  proxy?: string;
}

/**
 * Pure (over `files`): the settings for `req` from the user's and the system's configuration, or throws
 * UnsupportedSshConfig saying what only `ssh -G` can judge.
 */
export function resolveSshConfig(req: SshHostRequest, local: SshLocal, files: SshFiles): SshSettings {
  const defaults = sshDefaults(req, local);
  // The URL's port and user are ssh's -p and -l: obtained before any file, so they win.
  const got: Obtained = { identityFiles: [], port: req.port, user: req.user };
  const userDir = `${local.home}/.ssh`;
  let depth = 0;

  const tilde = (p: string) => p.replace(/^~(?=\/|$)/, local.home);
  /** Tokens in file names and HostName (ssh_config(5) TOKENS), with the values known at that point. */
  const expand = (value: string, keyword: string): string => {
    if (value.includes('${')) throw new UnsupportedSshConfig(`${keyword} uses an environment variable (${value})`);
    return value.replace(/%(.)/g, (all, t: string) => {
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
  const path = (p: string, keyword: string) => tilde(expand(p, keyword));

  const includeFiles = (pattern: string, base: string): string[] => {
    const p = tilde(pattern);
    const full = p.startsWith('/') ? p : `${base}/${p}`;
    const slash = full.lastIndexOf('/');
    const dir = full.slice(0, slash) || '/';
    const name = full.slice(slash + 1);
    if (/[*?[]/.test(dir)) throw new UnsupportedSshConfig(`Include ${pattern} has a wildcard in a directory`);
    if (!/[*?]/.test(name)) return [full];
    return files
      .list(dir)
      .filter((f) => patternMatchCase(name, f))
      .sort()
      .map((f) => `${dir}/${f}`);
  };

  const readFile = (file: string, base: string, state: { active: boolean }): void => {
    const text = files.read(file);
    if (text === undefined) return;
    if (++depth > 16) throw new UnsupportedSshConfig(`Include nests too deep at ${file}`);
    for (const line of text.split('\n')) {
      const parsed = splitConfigLine(line);
      if (!parsed) continue;
      const { key, args } = parsed;
      if (key === 'match') throw new UnsupportedSshConfig(`${file} has a Match block`);
      if (key === 'host') {
        state.active = hostMatches(args, req.host);
        continue;
      }
      if (!state.active) continue;
      if (key === 'include') {
        for (const pattern of args) for (const f of includeFiles(pattern, base)) readFile(f, base, state);
        continue;
      }
      apply(key, args);
    }
    depth--;
  };

  const apply = (key: string, args: string[]): void => {
    const value = args[0];
    if (value === undefined) return;
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
        if (got.proxy === undefined) got.proxy = value.toLowerCase() === 'none' ? '' : `${key} ${args.join(' ')}`;
        return;
      case 'canonicalizehostname':
        if (value.toLowerCase() !== 'no') throw new UnsupportedSshConfig(`CanonicalizeHostname ${value} (the name is worked out by ssh)`);
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
function patternMatchCase(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name);
}

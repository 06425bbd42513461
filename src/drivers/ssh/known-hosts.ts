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
import { createHmac, randomBytes } from 'node:crypto';

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

/** The name a host is looked up by: `host`, or `[host]:port` when the port is not 22. */
export function hostKey(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(text);
}

function patternMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) matched = true;
  }
  return matched;
}

/**
 * What the known_hosts `files` say about `key` (the server's public key blob, base64) for `host`:
 * known (listed), changed (the host is listed with other keys of this type), revoked, or unknown.
 */
export function checkHostKey(files: string[], host: string, port: number, keyType: string, key: string): HostKeyVerdict {
  const name = hostKey(host, port);
  let sameTypeOther = false;
  let known = false;
  for (const text of files) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      let marker: string | undefined;
      if (fields[0]!.startsWith('@')) marker = fields.shift();
      const [patterns, type, blob] = fields;
      if (!patterns || !type || !blob || !patternMatches(patterns, name)) continue;
      if (marker === '@revoked') {
        if (blob === key) return 'revoked';
        continue;
      }
      if (marker) continue;
      if (blob === key) known = true;
      else if (type === keyType) sameTypeOther = true;
    }
  }
  if (known) return 'known';
  return sameTypeOther ? 'changed' : 'unknown';
}

/**
 * Pure (given the salt): the known_hosts line OpenSSH writes for a key it accepted (StrictHostKeyChecking
 * accept-new): `host` or `[host]:port`, hashed as `|1|salt|hmac` when HashKnownHosts is on.
 */
export function knownHostsLine(host: string, port: number, keyType: string, key: string, hashed: boolean, salt: Buffer = randomBytes(20)): string {
  const name = hostKey(host, port);
  const pattern = hashed ? `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}` : name;
  return `${pattern} ${keyType} ${key}`;
}

/**
 * src/drivers/docker/known-hosts.ts: the line saved for a key accepted under accept-new is one that the
 * check (and OpenSSH) then finds: plain or hashed, port 22 or another.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHostKey, knownHostsLine } from '../../src/drivers/ssh/known-hosts.js';

describe('knownHostsLine', () => {
  const key = randomBytes(51).toString('base64');
  const other = randomBytes(51).toString('base64');
  it.each([
    ['plain, port 22', '10.77.0.2', 22, false, /^10\.77\.0\.2 ssh-ed25519 /],
    ['plain, another port', '10.77.0.2', 2222, false, /^\[10\.77\.0\.2\]:2222 ssh-ed25519 /],
    ['hashed', '10.77.0.2', 22, true, /^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 /],
    ['hashed, another port', 'web1', 2222, true, /^\|1\|/],
  ])('%s: the saved key is known afterwards, another key is "changed"', (_what, host, port, hashed, shape) => {
    const line = knownHostsLine(host, port, 'ssh-ed25519', key, hashed);
    expect(line).toMatch(shape);
    expect(line.endsWith(` ${key}`)).toBe(true);
    expect(checkHostKey([line], host, port, 'ssh-ed25519', key)).toBe('known');
    expect(checkHostKey([line], host, port, 'ssh-ed25519', other)).toBe('changed');
    expect(checkHostKey([line], `${host}x`, port, 'ssh-ed25519', key)).toBe('unknown');
  });
  it('a hashed line does not show the host name', () => {
    expect(knownHostsLine('secret-host.example', 22, 'ssh-ed25519', key, true)).not.toContain('secret-host');
  });
});

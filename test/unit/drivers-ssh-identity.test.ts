/**
 * src/drivers/ssh/connection.ts identityKey(): identity files read and parsed once per run (a fleet's hosts all
 * name the same keys), and what cannot be used (no file, a key that needs a passphrase) is left out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityKey } from '../../src/drivers/ssh/connection.js';

const dir = mkdtempSync(join(tmpdir(), 'identity-'));
const keygen = (name: string, passphrase = '') => {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', name, '-f', file]);
  return file;
};

describe('identity keys of the ssh connections', () => {
  it('parses a key once and gives every host the same parsed key, even after the file changed', () => {
    const file = keygen('id_ed25519');
    const first = identityKey(file);
    expect(first?.type).toBe('ssh-ed25519');
    expect(first?.isPrivateKey()).toBe(true);
    writeFileSync(file, 'not a key any more\n');
    expect(identityKey(file)).toBe(first);
  });

  it('leaves out a file that does not exist and a key that needs a passphrase', () => {
    expect(identityKey(join(dir, 'id_rsa'))).toBeUndefined();
    expect(identityKey(keygen('id_locked', 'a passphrase'))).toBeUndefined();
  });
});

/**
 * src/drivers/ssh/config.ts: the ssh client configuration read without a process, as OpenSSH reads it
 * (checked against `ssh -G` where the machine's ssh can say), and what is handed to `ssh -G`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hostMatches,
  parseSshG,
  resolveSshConfig,
  splitConfigLine,
  sshDefaults,
  UnsupportedSshConfig,
  type SshFiles,
  type SshSettings,
} from '../../src/drivers/ssh/config.js';

const local = { home: '/home/me', user: 'me', uid: 1001 };
const files = (map: Record<string, string>): SshFiles => ({
  read: (p) => map[p],
  list: (dir) => Object.keys(map).filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')).map((p) => p.slice(dir.length + 1)),
});
const req = (host: string, port?: number, user?: string) => ({ host, port, user });

describe('reading ssh_config without ssh', () => {
  it('with no files, is what OpenSSH defaults to', () => {
    const s = resolveSshConfig(req('web1'), local, files({}));
    expect(s).toEqual(sshDefaults(req('web1'), local));
    expect(s).toMatchObject({ hostname: 'web1', user: 'me', port: 22, strictHostKeyChecking: 'ask', proxy: undefined });
    expect(s.knownHostsFiles).toEqual(['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']);
  });

  it('takes the first value of a keyword from matching Host blocks, user file before system file; keys add up', () => {
    const s = resolveSshConfig(
      req('web1'),
      local,
      files({
        '/home/me/.ssh/config': [
          '# mine',
          'Host db* !web1',
          '  User nobody',
          'Host web?',
          '  HostName %h.example.org',
          '  User = deploy',
          '  IdentityFile ~/.ssh/deploy_%r',
          'Host *',
          '  User later',
          '  Port 2222',
          '  IdentityFile "/keys/all keys"',
          '  UserKnownHostsFile ~/.ssh/kh_%n /tmp/kh2',
          '  StrictHostKeyChecking accept-new',
        ].join('\n'),
        '/etc/ssh/ssh_config': 'Host *\n  HashKnownHosts yes\n  Port 22\n  StrictHostKeyChecking yes\n',
      }),
    );
    expect(s).toEqual({
      hostname: 'web1.example.org',
      user: 'deploy',
      port: 2222,
      identityFiles: ['/home/me/.ssh/deploy_deploy', '/keys/all keys'],
      knownHostsFiles: ['/home/me/.ssh/kh_web1', '/tmp/kh2', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      userKnownHostsFiles: ['/home/me/.ssh/kh_web1', '/tmp/kh2'],
      hashKnownHosts: true,
      strictHostKeyChecking: 'accept-new',
      proxy: undefined,
    });
  });

  it('lets the URL port and user win over the files (they are ssh -p and -l)', () => {
    const s = resolveSshConfig(req('web1', 2200, 'root'), local, files({ '/home/me/.ssh/config': 'User deploy\nPort 2222\n' }));
    expect([s.user, s.port]).toEqual(['root', 2200]);
  });

  it('follows Include globs (relative to ~/.ssh, in name order) inside the block that includes them', () => {
    const s = resolveSshConfig(
      req('web1'),
      local,
      files({
        '/home/me/.ssh/config': 'Host other\n  Include never.conf\nHost web1\n  Include conf.d/*.conf\n',
        '/home/me/.ssh/never.conf': 'User wrong\n',
        '/home/me/.ssh/conf.d/b.conf': 'User second\nPort 2\n',
        '/home/me/.ssh/conf.d/a.conf': 'User first\n',
        '/home/me/.ssh/conf.d/c.txt': 'Port 3\n',
        '/etc/ssh/ssh_config': 'Include /etc/ssh/ssh_config.d/*.conf\n',
        '/etc/ssh/ssh_config.d/x.conf': 'StrictHostKeyChecking no\n',
      }),
    );
    expect([s.user, s.port, s.strictHostKeyChecking]).toEqual(['first', 2, 'no']);
  });

  it('reports a proxy (which the client refuses); ProxyJump none obtains no proxy', () => {
    expect(resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': 'Host web1\nProxyJump bastion\n' })).proxy).toBe('proxyjump bastion');
    expect(resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': 'ProxyJump none\nHost *\nProxyCommand nc %h %p\n' })).proxy).toBeUndefined();
  });

  it.each([
    ['a Match block', 'Match host web1 exec "test -f /x"\n  User x\n', /Match block/],
    ['HostKeyAlias', 'HostKeyAlias web\n', /HostKeyAlias/],
    ['CanonicalizeHostname', 'CanonicalizeHostname yes\n', /CanonicalizeHostname/],
    ['an environment variable', 'IdentityFile ${KEYS}/id\n', /environment variable/],
    ['an unknown token', 'IdentityFile ~/.ssh/%C\n', /token %C/],
    ['a glob in an Include directory', 'Include */x.conf\n', /wildcard in a directory/],
  ])('hands %s to ssh -G, saying why', (_what, text, why) => {
    expect(() => resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': text }))).toThrow(UnsupportedSshConfig);
    expect(() => resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': text }))).toThrow(why);
  });

  it('ignores what only other hosts see', () => {
    expect(() => resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': 'Host db\n  HostKeyAlias x\n' }))).not.toThrow();
  });
});

describe('ssh_config lines and Host patterns', () => {
  it.each([
    ['User deploy', { key: 'user', args: ['deploy'] }],
    ['  port=2222', { key: 'port', args: ['2222'] }],
    ['IdentityFile = "/a b/key"', { key: 'identityfile', args: ['/a b/key'] }],
    ['UserKnownHostsFile /a /b', { key: 'userknownhostsfile', args: ['/a', '/b'] }],
  ])('%s', (line, parsed) => expect(splitConfigLine(line)).toEqual(parsed));

  it('skips comments and blank lines', () => {
    expect(splitConfigLine('# User x')).toBeUndefined();
    expect(splitConfigLine('   ')).toBeUndefined();
  });

  it.each([
    [['*'], 'web1', true],
    [['web?'], 'web1', true],
    [['web?'], 'web12', false],
    [['*.example.org', '!db.example.org'], 'db.example.org', false],
    [['*.example.org', '!db.example.org'], 'WEB.example.org', true],
    [['!db'], 'web', false],
    [['a,web1'], 'web1', true],
  ])('Host %j against %s: %s', (patterns, host, hit) => expect(hostMatches(patterns, host)).toBe(hit));
});

describe('ssh -G output', () => {
  const fallback: SshSettings = {
    hostname: 'web1',
    user: 'me',
    port: 22,
    identityFiles: ['/d/id'],
    knownHostsFiles: ['/d/kh', '/etc/ssh/ssh_known_hosts'],
    userKnownHostsFiles: ['/d/kh'],
    hashKnownHosts: false,
    strictHostKeyChecking: 'ask',
    proxy: undefined,
  };
  it('takes host name, user, port, keys and known_hosts files', () => {
    const s = parseSshG(
      'hostname 10.77.0.2\nuser deploy\nport 2222\nidentityfile /k/one\nidentityfile /k/two\n' +
        'globalknownhostsfile /etc/ssh/ssh_known_hosts\nuserknownhostsfile /u/kh /u/kh2\nstricthostkeychecking accept-new\nhashknownhosts yes\nproxyjump none\n',
      fallback,
    );
    expect(s).toEqual({
      hostname: '10.77.0.2',
      user: 'deploy',
      port: 2222,
      identityFiles: ['/k/one', '/k/two'],
      knownHostsFiles: ['/u/kh', '/u/kh2', '/etc/ssh/ssh_known_hosts'],
      userKnownHostsFiles: ['/u/kh', '/u/kh2'],
      hashKnownHosts: true,
      strictHostKeyChecking: 'accept-new',
      proxy: undefined,
    });
    expect(parseSshG('proxyjump bastion\n', fallback).proxy).toBe('proxyjump bastion');
    expect(parseSshG('stricthostkeychecking true\n', fallback).strictHostKeyChecking).toBe('yes');
  });

  // The reader against OpenSSH itself, on a config file of ours (ssh -F), where the machine has ssh.
  const ssh = spawnSync('ssh', ['-V']).status === 0;
  it.skipIf(!ssh)('agrees with ssh -G on a config of Host blocks, tokens and known_hosts files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssh-config-'));
    const text = [
      'Host web?',
      '  HostName %h.internal',
      '  User deploy',
      '  IdentityFile /keys/deploy',
      'Host *',
      '  Port 2201',
      '  UserKnownHostsFile /kh/one /kh/two',
      '  StrictHostKeyChecking accept-new',
      '  HashKnownHosts yes',
    ].join('\n');
    writeFileSync(join(dir, 'config'), text);
    const r = spawnSync('ssh', ['-F', join(dir, 'config'), '-G', 'web1'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fromSsh = parseSshG(r.stdout, sshDefaults(req('web1'), local));
    // Our reader, given the same text as the user file and no system file (ssh -G prints IdentityFile tokens unexpanded: none here).
    const ours = resolveSshConfig(req('web1'), local, files({ '/home/me/.ssh/config': text }));
    for (const k of ['hostname', 'user', 'port', 'identityFiles', 'userKnownHostsFiles', 'hashKnownHosts', 'strictHostKeyChecking', 'proxy'] as const)
      expect(ours[k], k).toEqual(fromSsh[k]);
  });
});

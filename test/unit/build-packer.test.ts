import { describe, expect, it } from 'vitest';
import { artifactId, cacheVersion, checksumSource, hasInit, packerEnv, packerUrl, sumFor, sumsUrl, zipName } from '../../src/build/packer.js';
import { InputError } from '../../src/support/errors.js';
import { readConfig } from '../../src/config/read.js';

const read = (inputs: Record<string, string>) => readConfig((name) => inputs[name] ?? '');
const HASHICORP = 'https://releases.hashicorp.com/packer/{version}/packer_{version}_{os}_{arch}.zip';

describe('packer', () => {
  it.each([
    ['linux', 'x64', 'https://releases.hashicorp.com/packer/1.11.2/packer_1.11.2_linux_amd64.zip'],
    ['darwin', 'arm64', 'https://releases.hashicorp.com/packer/1.11.2/packer_1.11.2_darwin_arm64.zip'],
    ['win32', 'x64', 'https://releases.hashicorp.com/packer/1.11.2/packer_1.11.2_windows_amd64.zip'],
  ])('the release zip for %s/%s', (platform, arch, url) => {
    expect(packerUrl(HASHICORP, '1.11.2', platform, arch)).toBe(url);
  });

  it('finds the release\'s SHA256SUMS beside the zip, and the zip\'s line in it', () => {
    const zip = packerUrl(HASHICORP, '1.11.2', 'linux', 'x64');
    expect(sumsUrl(zip, '1.11.2')).toBe('https://releases.hashicorp.com/packer/1.11.2/packer_1.11.2_SHA256SUMS');
    expect(zipName(zip)).toBe('packer_1.11.2_linux_amd64.zip');
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    const sums = `${a}  packer_1.11.2_darwin_arm64.zip\n${b} *packer_1.11.2_linux_amd64.zip\n`;
    expect(sumFor(sums, 'packer_1.11.2_linux_amd64.zip')).toBe('b'.repeat(64));
    expect(sumFor(sums, 'packer_1.11.2_linux_arm64.zip')).toBeUndefined();
    expect(sumFor(`${a}  packer_1.11.2_linux_amd64.zip.sig`, 'packer_1.11.2_linux_amd64.zip')).toBeUndefined();
  });

  it('plain http needs packer-sha256; https and file use SHA256SUMS; a given checksum always wins', () => {
    const sha = 'c'.repeat(64);
    expect(checksumSource('http://mirror/packer_1.11.2_linux_amd64.zip', '1.11.2', undefined)).toMatchObject({ kind: 'refused' });
    expect(checksumSource('http://mirror/packer_1.11.2_linux_amd64.zip', '1.11.2', sha)).toEqual({ kind: 'given', sha256: sha });
    expect(checksumSource('https://m/p/packer_1.11.2_linux_amd64.zip', '1.11.2', undefined)).toEqual({ kind: 'sums', url: 'https://m/p/packer_1.11.2_SHA256SUMS' });
    expect(checksumSource('https://m/p/packer_1.11.2_linux_amd64.zip', '1.11.2', sha)).toEqual({ kind: 'given', sha256: sha });
    expect(checksumSource('file:///srv/p/packer_1.11.2_linux_amd64.zip', '1.11.2', undefined)).toMatchObject({ kind: 'sums' });
  });

  it('keys the tool cache by version and checksum: another zip never shares a cached binary', () => {
    expect(cacheVersion('1.11.2', 'd'.repeat(64))).toBe(`1.11.2-sha256-${'d'.repeat(32)}`);
    expect(cacheVersion('1.11.2', 'd'.repeat(64))).not.toBe(cacheVersion('1.11.2', 'e'.repeat(64)));
  });

  it('reads packer-sha256 (64 hex digits, lowercased) and refuses anything else, naming the input', () => {
    const sha = 'AB'.repeat(32);
    expect(read({ app: 'shop', builder: 'packer', 'packer-template': 'p.hcl', 'packer-sha256': sha }).build.packer?.sha256).toBe(sha.toLowerCase());
    expect(read({ app: 'shop', builder: 'packer', 'packer-template': 'p.hcl' }).build.packer?.sha256).toBeUndefined();
    expect(() => read({ app: 'shop', builder: 'packer', 'packer-template': 'p.hcl', 'packer-sha256': 'abc' })).toThrow(/Input "packer-sha256"/);
  });

  it('hands the version, revision and labels to the template as PKR_VAR_*', () => {
    const env = packerEnv({ app: 'shop', image: 'ghcr.io/a/shop', version: 'sha-1', revision: 'abc', created: 'now', labels: { 'a.b': 'x "y"' } });
    expect(env).toMatchObject({ PKR_VAR_version: 'sha-1', PKR_VAR_revision: 'abc', PKR_VAR_image: 'ghcr.io/a/shop', PKR_VAR_app: 'shop' });
    expect(JSON.parse(env.PKR_VAR_labels!)).toEqual({ 'a.b': 'x "y"' });
  });

  it('reads the last artifact id from machine-readable output', () => {
    const out = [
      '1796112346,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:',
      '1796112346,docker.app,artifact-count,2',
      '1796112346,docker.app,artifact,0,id,sha256:7b69a63cb19c',
      '1796112346,docker.app,artifact,0,string,Imported Docker image: sha256:7b69a63cb19c',
      '1796112346,docker.app,artifact,1,id,acme/shop:golden',
    ].join('\n');
    expect(artifactId(out)).toBe('acme/shop:golden');
    expect(artifactId(out.split('\n').slice(0, 4).join('\n'))).toBe('sha256:7b69a63cb19c');
    expect(artifactId('1,,ui,say,nothing')).toBeUndefined();
  });

  it.each([
    ['1.6.6', false],
    ['1.7.0', true],
    ['1.11.2', true],
    ['2.0.0', true],
  ])('packer init exists in %s: %s', (v, yes) => expect(hasInit(v)).toBe(yes));

  it('builder: packer needs packer-template; defaults to HashiCorp releases', () => {
    expect(read({ app: 'shop' }).build).toMatchObject({ builder: 'docker', packer: undefined });
    expect(read({ app: 'shop', builder: 'packer', 'packer-template': 'golden.pkr.hcl' }).build.packer).toEqual({
      template: 'golden.pkr.hcl',
      version: '1.11.2',
      downloadUrl: HASHICORP,
      sha256: undefined,
    });
    for (const [inputs, name] of [
      [{ builder: 'packer' }, 'packer-template'],
      [{ builder: 'ansible' }, 'builder'],
      [{ builder: 'packer', 'packer-template': 'p.hcl', 'packer-version': 'latest' }, 'packer-version'],
      [{ builder: 'packer', 'packer-template': 'p.hcl', 'packer-download-url': 'ftp://mirror/p.zip' }, 'packer-download-url'],
      [{ builder: 'packer', 'packer-template': '-var=x' }, 'packer-template'],
    ] as const) {
      try {
        read({ app: 'shop', ...inputs });
        expect.unreachable(name);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).input).toBe(name);
      }
    }
  });
});

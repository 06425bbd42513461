/**
 * Issue 19, the Packer download: installPacker against release mirrors on 127.0.0.1 (an http one, and an https one
 * with a self-signed certificate), each serving a release zip and its SHA256SUMS, through the real
 * @actions/tool-cache download, extract and cache. Plain http needs packer-sha256; https is checked against
 * SHA256SUMS; a zip that does not verify is never installed nor cached; a binary is reused only for the same checksum.
 * No download leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersion, installPacker, packerUrl, zipName } from '../../src/build/packer.js';
import type { PackerConfig } from '../../src/config/types.js';
import { recordingLog } from '../helpers/router-deps.js';

const VERSION = '1.11.2';
const URL_PATH = '/packer/{version}/packer_{version}_{os}_{arch}.zip';
/** The zip this machine asks for (packer_<version>_<os>_<arch>.zip). */
const NAME = zipName(packerUrl(`http://127.0.0.1${URL_PATH}`, VERSION));

/** A release zip whose `packer` prints `says`, and its SHA-256. */
function releaseZip(says: string): { zip: Buffer; sha256: string } {
  const dir = mkdtempSync(join(tmpdir(), 'packer-zip-'));
  writeFileSync(join(dir, 'packer'), `#!/bin/sh\necho ${says}\n`);
  chmodSync(join(dir, 'packer'), 0o755);
  execFileSync('zip', ['-qj', join(dir, NAME), join(dir, 'packer')]);
  const zip = readFileSync(join(dir, NAME));
  return { zip, sha256: createHash('sha256').update(zip).digest('hex') };
}

interface Mirror {
  base: string;
  requests: string[];
  server: Server;
}

/** Serves `zip` and a SHA256SUMS that says `sums` (or 404 without it). */
async function mirror(scheme: 'http' | 'https', zip: Buffer, sums: string | undefined): Promise<Mirror> {
  const requests: string[] = [];
  const handler = (req: { url?: string }, res: import('node:http').ServerResponse) => {
    requests.push(req.url ?? '');
    if (req.url === `/packer/${VERSION}/${NAME}`) res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    else if (req.url === `/packer/${VERSION}/packer_${VERSION}_SHA256SUMS` && sums !== undefined) res.writeHead(200).end(sums);
    else res.writeHead(404).end('not found');
  };
  let server: Server;
  if (scheme === 'https') {
    const dir = mkdtempSync(join(tmpdir(), 'packer-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    server = createHttps({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, handler);
  } else {
    server = createHttp(handler);
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `${scheme}://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}

const config = (m: Mirror, sha256?: string): PackerConfig => ({ template: 't.pkr.hcl', version: VERSION, downloadUrl: m.base + URL_PATH, sha256 });
const says = (bin: string) => execFileSync(bin, { encoding: 'utf8' }).trim();

describe('installPacker verifies what it downloads', () => {
  const good = releaseZip('good');
  const evil = releaseZip('evil');
  const mirrors: Mirror[] = [];
  const env = { ...process.env };
  let cache: string;
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'toolcache-'));
    process.env.RUNNER_TOOL_CACHE = cache;
    process.env.RUNNER_TEMP = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  });
  afterAll(() => {
    process.env = env;
    for (const m of mirrors) m.server.close();
  });
  const serve = async (scheme: 'http' | 'https', zip: Buffer, sums?: string) => {
    const m = await mirror(scheme, zip, sums);
    mirrors.push(m);
    return m;
  };
  const cachedKeys = () => execFileSync('ls', [join(cache, 'packer')], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();

  it('plain http without packer-sha256 is refused before any request; with the right one it installs, with a wrong one nothing is kept', async () => {
    const m = await serve('http', good.zip, `${good.sha256}  ${NAME}\n`);
    await expect(installPacker(config(m), recordingLog())).rejects.toThrow(/is plain http, and no packer-sha256 is given/);
    expect(m.requests).toEqual([]);

    await expect(installPacker(config(m, evil.sha256), recordingLog())).rejects.toThrow(new RegExp(`has SHA-256 ${good.sha256}, not ${evil.sha256} \\(packer-sha256\\)`));
    expect(() => cachedKeys()).toThrow(); // nothing cached at all

    const bin = await installPacker(config(m, good.sha256), recordingLog());
    expect(says(bin)).toBe('good');
    expect(cachedKeys()).toEqual([cacheVersion(VERSION, good.sha256)]);
  });

  it('a binary is reused only for the same checksum: another URL with other bytes never gets the cached one, nor plants its own', async () => {
    const m = await serve('http', good.zip);
    const log = recordingLog();
    expect(says(await installPacker(config(m, good.sha256), log))).toBe('good');
    expect(m.requests).toEqual([]); // from the cache
    expect(log.lines.join('\n')).toContain('from the tool cache');

    // A workflow with its own mirror and its own checksum gets its own binary, under its own key...
    const other = await serve('http', evil.zip);
    expect(says(await installPacker(config(other, evil.sha256), recordingLog()))).toBe('evil');
    // ...and the next run with the release's checksum still gets the release's binary.
    expect(says(await installPacker(config(m, good.sha256), recordingLog()))).toBe('good');
    expect(cachedKeys()).toEqual([cacheVersion(VERSION, good.sha256), cacheVersion(VERSION, evil.sha256)].sort());
  });

  it('https: checked against the release\'s SHA256SUMS; a zip that does not match it, or no SHA256SUMS, is refused', async () => {
    // The mirrors' certificates are self-signed (made by the test): TLS trust is not what is tested here.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      process.env.RUNNER_TOOL_CACHE = mkdtempSync(join(tmpdir(), 'toolcache-'));
      const ok = await serve('https', good.zip, `${'0'.repeat(64)}  packer_${VERSION}_plan9_arm.zip\n${good.sha256}  ${NAME}\n`);
      expect(says(await installPacker(config(ok), recordingLog()))).toBe('good');
      expect(ok.requests).toEqual([`/packer/${VERSION}/packer_${VERSION}_SHA256SUMS`, `/packer/${VERSION}/${NAME}`]);

      process.env.RUNNER_TOOL_CACHE = mkdtempSync(join(tmpdir(), 'toolcache-'));
      const tampered = await serve('https', evil.zip, `${good.sha256}  ${NAME}\n`);
      await expect(installPacker(config(tampered), recordingLog())).rejects.toThrow(new RegExp(`has SHA-256 ${evil.sha256}, not ${good.sha256} \\(the release's SHA256SUMS\\)`));

      const bare = await serve('https', good.zip);
      await expect(installPacker(config(bare), recordingLog())).rejects.toThrow(/Could not read the checksums of Packer .*HTTP 404/);
      expect(bare.requests).not.toContain(`/packer/${VERSION}/${NAME}`);
      const unlisted = await serve('https', good.zip, `${good.sha256}  packer_${VERSION}_plan9_arm.zip\n`);
      await expect(installPacker(config(unlisted), recordingLog())).rejects.toThrow(new RegExp(`has no checksum for ${NAME}`));
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    }
  });
});

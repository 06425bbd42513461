/**
 * Real parts for the Packer tests: a Debian base image the test makes itself (debootstrap once, cached
 * outside the repository keyed by its inputs, then `docker import`; no image can be pulled here), and
 * Debian's packer binary zipped and served from 127.0.0.1 as a release mirror, so @actions/tool-cache's
 * real download, extract and cache path runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CACHE = process.env.IMMUTABLE_DEPLOY_TEST_CACHE ?? '/var/cache/immutable-deploy-tests';
const MIRROR = 'http://deb.debian.org/debian';
const BASE = { suite: 'bookworm', variant: 'minbase', include: ['python3'], mirror: MIRROR };

const dpkgVersion = (pkg: string) =>
  execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();

/** The cache key of the base rootfs: what debootstrap is asked for, and which debootstrap asks. */
export function baseKey(): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...BASE, debootstrap: dpkgVersion('debootstrap') }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * A minimal Debian with python3 (Ansible's docker connection runs its modules with the image's python)
 * as a local image `immdeb-base:<key>`. The first call on a machine runs debootstrap (a few minutes);
 * the rootfs tarball is kept in CACHE, the image in Docker.
 */
export function debianBaseImage(): string {
  const key = baseKey();
  const ref = `immdeb-base:${key}`;
  if (spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status === 0) return ref;
  mkdirSync(CACHE, { recursive: true });
  const tar = join(CACHE, `rootfs-${key}.tar`);
  if (!existsSync(tar)) {
    const dir = join(CACHE, `rootfs-${key}.d.tmp`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync('debootstrap', [`--variant=${BASE.variant}`, `--include=${BASE.include.join(',')}`, BASE.suite, dir, BASE.mirror], {
      stdio: 'ignore',
    });
    execFileSync('tar', ['-C', dir, '-cf', `${tar}.tmp`, '.']);
    renameSync(`${tar}.tmp`, tar);
    rmSync(dir, { recursive: true, force: true });
  }
  execFileSync('docker', ['import', '--change', 'CMD ["/bin/bash"]', tar, ref], { stdio: 'ignore' });
  return ref;
}

export interface PackerMirror {
  /** packer-download-url for the action. */
  url: string;
  version: string;
  /** The zip's SHA-256 (packer-sha256: the mirror is plain http). */
  sha256: string;
  /** Requests for the zip so far. */
  downloads(): number;
  stop(): Promise<void>;
}

/** Debian's packer (1.6.6, Docker builder built in) as a release zip, served on 127.0.0.1. */
export async function startPackerMirror(): Promise<PackerMirror> {
  const version = /Packer v(\d+\.\d+\.\d+)/.exec(execFileSync('packer', ['version'], { encoding: 'utf8' }))![1]!;
  const dir = mkdtempSync(join(tmpdir(), 'packer-mirror-'));
  execFileSync('cp', ['/usr/bin/packer', join(dir, 'packer')]);
  const name = `packer_${version}_linux_amd64.zip`;
  execFileSync('zip', ['-qj', join(dir, name), join(dir, 'packer')]);
  const zip = readFileSync(join(dir, name));
  let downloads = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === `/packer/${version}/${name}`) {
      downloads++;
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
      res.end(zip);
    } else {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/packer/{version}/packer_{version}_{os}_{arch}.zip`,
    version,
    sha256: createHash('sha256').update(zip).digest('hex'),
    downloads: () => downloads,
    stop: async () => {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

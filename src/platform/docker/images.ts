/** Version images on one Docker engine: find one, list them, remove tags. */
import type { Docker, ImageInspect } from '../../docker/client.js';
import type { Runner } from '../../exec.js';
import { LABEL_PREFIX } from '../../labels.js';
import type { KnownImage, VersionImage } from '../types.js';

export function fromInspect(image: string, version: string, i: ImageInspect): VersionImage {
  const labels = i.Config.Labels ?? {};
  const repoDigest = (i.RepoDigests ?? []).find((d) => d.startsWith(`${image}@`));
  return {
    image,
    version,
    digest: repoDigest ? repoDigest.slice(image.length + 1) : i.Id,
    imageId: i.Id,
    revision: labels['org.opencontainers.image.revision'] ?? '',
    created: labels['org.opencontainers.image.created'] ?? i.Created,
  };
}

/** An image repository with a registry host in front (ghcr.io/x, 127.0.0.1:5000/x) can be pulled. */
export function hasRegistry(image: string): boolean {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/** `<image>:<version>` on the engine, or undefined. */
export async function resolveVersion(docker: Docker, image: string, version: string): Promise<VersionImage | undefined> {
  const found = await docker.inspectImage(`${image}:${version}`);
  return found ? fromInspect(image, version, found) : undefined;
}

/** The version images of `app` in `image` present on the engine. */
export async function listVersionImages(app: string, image: string, exec: Runner): Promise<KnownImage[]> {
  const r = await exec([
    'docker', 'image', 'ls', '--filter', `label=${LABEL_PREFIX}.app=${app}`, '--format', '{{.Repository}}:{{.Tag}}', image,
  ]);
  const refs = r.stdout.split('\n').map((s) => s.trim()).filter((s) => s && !s.endsWith(':<none>'));
  if (refs.length === 0) return [];
  const inspected = JSON.parse((await exec(['docker', 'image', 'inspect', ...refs])).stdout) as ImageInspect[];
  const out: KnownImage[] = [];
  refs.forEach((ref, n) => {
    const labels = inspected[n]?.Config.Labels ?? {};
    const version = labels['org.opencontainers.image.version'];
    // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
    if (version && ref === `${image}:${version}`) out.push({ ref, ...fromInspect(image, version, inspected[n]!) });
  });
  return out;
}

export async function removeImageTags(refs: string[], exec: Runner): Promise<string[]> {
  const failed: string[] = [];
  for (const ref of refs) {
    const r = await exec(['docker', 'image', 'rm', ref], { allowFailure: true });
    if (r.exitCode !== 0) failed.push(ref);
  }
  return failed;
}

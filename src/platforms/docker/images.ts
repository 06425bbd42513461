/** Version images on one Docker engine: find one, list them, remove tags. */
import { labelFilters } from './bodies.js';
import type { Docker } from '../../drivers/docker/client.js';
import type { Engine } from '../../drivers/docker/engine.js';
import type { ImageInspect } from '../../drivers/docker/types.js';
import { dockerLabel } from '../../core/labels.js';
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

/** The version images of `app` in `image` present on the engine: one filtered list, no inspect per image. */
export async function listVersionImages(app: string, image: string, engine: Engine): Promise<KnownImage[]> {
  const found = await engine.listImages(labelFilters({ [dockerLabel('app')]: app }, { reference: [image] }));
  const out: KnownImage[] = [];
  for (const i of found) {
    const version = i.Labels?.['org.opencontainers.image.version'];
    // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
    const ref = version ? `${image}:${version}` : undefined;
    if (!ref || !(i.RepoTags ?? []).includes(ref)) continue;
    const created = new Date(i.Created * 1000).toISOString();
    out.push({ ref, ...fromInspect(image, version!, { ...i, Created: created, Config: { Labels: i.Labels } }) });
  }
  return out;
}

/**
 * The version images of `app` among `versions` on the engine: `<image>:<version>` inspected by name, all at
 * once (a few ms each), instead of a list of every image.
 */
export async function findVersionImages(app: string, image: string, versions: readonly string[], docker: Docker): Promise<KnownImage[]> {
  const found = await Promise.all(
    versions.map(async (version) => {
      const i = await docker.inspectImage(`${image}:${version}`);
      // The same rule as the list: an image of this app whose version label is the tag.
      if (!i || i.Config.Labels?.[dockerLabel('app')] !== app || i.Config.Labels?.['org.opencontainers.image.version'] !== version) return [];
      return [{ ref: `${image}:${version}`, ...fromInspect(image, version, i) }];
    }),
  );
  return found.flat();
}

/** Untags each ref (the image goes with its last tag); resolves to those the engine refused (in use). */
export async function removeImageTags(refs: string[], engine: Engine): Promise<string[]> {
  const failed: string[] = [];
  for (const ref of refs) if (!(await engine.removeImage(ref))) failed.push(ref);
  return failed;
}

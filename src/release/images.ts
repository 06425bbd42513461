/** Version images on the target: find one, list them, prune old ones. */
import { labelFilters } from '../docker/bodies.js';
import type { Docker } from '../docker/client.js';
import type { Engine } from '../docker/engine.js';
import type { ImageInspect, ImageSummary } from '../docker/types.js';
import { DeployError } from '../errors.js';
import { LABEL_PREFIX } from '../labels.js';
import type { LocalImage } from './plan.js';

export interface ResolvedImage {
  image: string;
  version: string;
  /** Manifest digest when the image came from a registry, else the image id. */
  digest: string;
  /** The local image id: instances start from exactly these bytes. */
  imageId: string;
  revision: string;
  created: string;
}

export function fromInspect(image: string, version: string, i: ImageInspect): ResolvedImage {
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

/** `<image>:<version>` on the target, or undefined. */
export async function resolveVersion(docker: Docker, image: string, version: string): Promise<ResolvedImage | undefined> {
  const found = await docker.inspectImage(`${image}:${version}`);
  return found ? fromInspect(image, version, found) : undefined;
}

/** The version images of `app` in `image` on the target: one filtered list, no inspect per image. */
export async function listVersionImages(app: string, image: string, engine: Engine): Promise<LocalImage[]> {
  const found: ImageSummary[] = await engine.listImages(labelFilters({ [`${LABEL_PREFIX}.app`]: app }, { reference: [image] }));
  const out: LocalImage[] = [];
  for (const i of found) {
    const labels = i.Labels ?? {};
    const version = labels['org.opencontainers.image.version'];
    // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
    const ref = version ? `${image}:${version}` : undefined;
    if (!ref || !(i.RepoTags ?? []).includes(ref)) continue;
    const created = new Date(i.Created * 1000).toISOString();
    const { digest, revision } = fromInspect(image, version!, { ...i, Created: created, Config: { Labels: i.Labels } });
    out.push({ ref, version: version!, created: labels['org.opencontainers.image.created'] ?? created, digest, revision });
  }
  return out;
}

/** Untags each ref (the image goes with its last tag); returns those the engine refused (in use). */
export async function removeImageTags(refs: string[], engine: Engine): Promise<string[]> {
  const failed: string[] = [];
  for (const ref of refs) if (!(await engine.removeImage(ref))) failed.push(ref);
  return failed;
}

export function unknownVersion(image: string, version: string, restorable: string[]): DeployError {
  return new DeployError(
    `Version ${version} of ${image} is not on the target${restorable.length ? '' : ' and nothing can be restored'}.`,
    restorable.length
      ? `Versions that can be restored: ${restorable.join(', ')}.`
      : 'Deploy a version first (command: deploy).',
  );
}

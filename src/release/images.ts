/** Version images on the target: find one, list them, prune old ones. */
import type { Docker, ImageInspect } from '../docker/client.js';
import { DeployError } from '../errors.js';
import { run, type Runner } from '../exec.js';
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

/** The version images of `app` in `image` present on the target. */
export async function listVersionImages(app: string, image: string, exec: Runner = run): Promise<LocalImage[]> {
  const r = await exec([
    'docker', 'image', 'ls', '--filter', `label=${LABEL_PREFIX}.app=${app}`, '--format', '{{.Repository}}:{{.Tag}}', image,
  ]);
  const refs = r.stdout.split('\n').map((s) => s.trim()).filter((s) => s && !s.endsWith(':<none>'));
  if (refs.length === 0) return [];
  const inspected = JSON.parse((await exec(['docker', 'image', 'inspect', ...refs])).stdout) as ImageInspect[];
  const out: LocalImage[] = [];
  refs.forEach((ref, n) => {
    const labels = inspected[n]?.Config.Labels ?? {};
    const version = labels['org.opencontainers.image.version'];
    // Only version tags count: moving tags (main, latest) point at a version image but are not versions.
    if (version && ref === `${image}:${version}`) {
      const { digest, revision, created } = fromInspect(image, version, inspected[n]!);
      out.push({ ref, version, created, digest, revision });
    }
  });
  return out;
}

export async function removeImageTags(refs: string[], exec: Runner = run): Promise<string[]> {
  const failed: string[] = [];
  for (const ref of refs) {
    const r = await exec(['docker', 'image', 'rm', ref], { allowFailure: true });
    if (r.exitCode !== 0) failed.push(ref);
  }
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

/**
 * The one table of label keys the action writes, on every platform: images (OCI labels beside ours),
 * Docker containers and volumes, Kubernetes objects. Each platform renders a key in its own syntax
 * (Docker: `dev.immutable-deploy.<name>`; Kubernetes: `dev.immutable-deploy/<name>`), so a key means the
 * same thing wherever it is read. Values are never secret (docs/architecture.md "Boundaries"). Pure.
 */

/** The prefix of every label this action writes on images, instances, records and locks. */
export const LABEL_PREFIX = 'dev.immutable-deploy';

/**
 * What each key holds. `kubernetes`: the name on Kubernetes where it differs (kept as earlier releases
 * wrote it, so their objects are still read).
 */
export const LABEL_KEYS = {
  /** What the object is: instance, lock, lock-renewal, flip (a release record), secret... */
  role: { name: 'role' },
  app: { name: 'app' },
  environment: { name: 'environment' },
  version: { name: 'version' },
  /** Manifest digest when pushed, else the image id. */
  digest: { name: 'digest' },
  /** What an instance was started from: an image id or `repo@sha256:...`. */
  image: { name: 'image' },
  /** The commit the image was built from. */
  revision: { name: 'revision' },
  deployedAt: { name: 'deployed-at' },
  runUrl: { name: 'run-url' },
  /** The pool an instance was launched in. */
  pool: { name: 'pool' },
  /** The run specification (JSON; never a secret value). */
  spec: { name: 'spec', kubernetes: 'run-spec' },
  /** Set once the instance passed verification. */
  verified: { name: 'verified' },
  /**
   * Kubernetes canary steps: on the pods of the stable and the new pool that the Service selects during the
   * steps; the value is the new pool's id (src/platforms/kubernetes/router.ts).
   */
  serving: { name: 'serving' },
  /** A release record (JSON). */
  flip: { name: 'flip' },
  /** The lock's holder (JSON), its name and its token. */
  lock: { name: 'lock' },
  lockName: { name: 'lock-name' },
  lockToken: { name: 'lock-token' },
  /** The Kubernetes Lease's holder record (JSON). */
  holder: { name: 'holder' },
  /** When a Kubernetes record was written (its ConfigMaps are listed newest first by it). */
  writtenAt: { name: 'written-at' },
  /** Build metadata on images. */
  ref: { name: 'ref' },
  actor: { name: 'actor' },
  workflow: { name: 'workflow' },
} as const satisfies Record<string, { name: string; kubernetes?: string }>;

export type LabelKey = keyof typeof LABEL_KEYS;

/** The key as a Docker label (images, containers, volumes). */
export function dockerLabel(key: LabelKey): string {
  return `${LABEL_PREFIX}.${LABEL_KEYS[key].name}`;
}

/** The key as a Kubernetes label or annotation. */
export function kubeLabel(key: LabelKey): string {
  const k: { name: string; kubernetes?: string } = LABEL_KEYS[key];
  return `${LABEL_PREFIX}/${k.kubernetes ?? k.name}`;
}

/** Every key in one platform's syntax, by name: `labelsFor(dockerLabel).app`. */
export function labelsFor(render: (key: LabelKey) => string): { readonly [K in LabelKey]: string } {
  return Object.fromEntries(Object.keys(LABEL_KEYS).map((k) => [k, render(k as LabelKey)])) as { [K in LabelKey]: string };
}

/**
 * Pure builders of what the action puts in a cluster: per pool (one launch of a version) a Deployment
 * (and a Secret for secret-env, owned by the Deployment), the preview Service, the production Service
 * when it does not exist yet, flip records (ConfigMaps), and the names, labels and selectors that tie
 * them together. No API calls here.
 */
import type { V1Deployment, V1Secret, V1Service } from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import { kubeLabel, labelsFor } from '../../core/labels.js';
import { DeployError } from '../../support/errors.js';

/**
 * Label and annotation keys, from the one table of src/core/labels.ts as `dev.immutable-deploy/<name>`. The digest,
 * image, run URL, deploy time, verified mark and run spec are annotations (values a label cannot hold: ':' and
 * '/' in digests and URLs, over 63 characters); the pool is a label, since the Service selects a pool.
 */
export const K = labelsFor(kubeLabel);

const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label value or a clear refusal naming what it was. */
export function labelValue(what: string, v: string): string {
  if (v.length > 63 || !LABEL_VALUE_RE.test(v))
    throw new DeployError(
      `The ${what} ${JSON.stringify(v)} cannot be a Kubernetes label value (up to 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit).`,
      `Use a shorter ${what} with runtime: kubernetes.`,
    );
  return v;
}

/** A DNS-1123 name from parts: lowercased, other characters as "-", shortened with a hash when over `max`. */
export function dnsName(parts: string[], max = 63): string {
  const joined = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (joined.length <= max) return joined;
  const hash = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 8);
  return `${joined.slice(0, max - 9).replace(/-$/, '')}-${hash}`;
}

export interface Names {
  deployment: string;
  secret: string;
  preview: string;
}

/** The names of one pool's objects (`pool` is `<version>-<random>`). */
export function versionNames(app: string, environment: string, pool: string, service: string): Names {
  const deployment = dnsName([app, environment, pool]);
  return { deployment, secret: dnsName([deployment, 'env']), preview: dnsName([service, 'preview']) };
}

export function leaseName(app: string, environment: string): string {
  return dnsName([app, environment, 'lock']);
}

/** What the production Service selects for a version (and the Deployment's own selector). */
export function versionSelector(app: string, environment: string, version: string): Record<string, string> {
  return {
    [K.app]: labelValue('app', app),
    [K.environment]: labelValue('environment', environment),
    [K.version]: labelValue('version', version),
  };
}

/** What the production and preview Services select for one pool (and the pool's Deployment's own selector). */
export function poolSelector(app: string, environment: string, version: string, pool: string): Record<string, string> {
  return { ...versionSelector(app, environment, version), [K.pool]: labelValue('pool', pool) };
}

/** All versions of the app in the environment. */
export function appSelector(app: string, environment: string): string {
  return `${K.app}=${app},${K.environment}=${environment}`;
}

/** Docker-style memory (512m, 1g, 1048576) -> a Kubernetes quantity (512Mi, 1Gi, 1048576). */
export function memoryQuantity(memory: string): string {
  const m = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(memory);
  if (!m) throw new DeployError(`memory ${JSON.stringify(memory)} is not a size such as 512m or 1g.`);
  const unit = m[2]!.toLowerCase();
  return unit === '' || unit === 'b' ? m[1]! : `${m[1]}${{ k: 'Ki', m: 'Mi', g: 'Gi' }[unit]}`;
}

/** Docker-style cpus (0.5, 2) -> a Kubernetes quantity in millicores (500m, 2000m). */
export function cpuQuantity(cpus: string): string {
  return `${Math.round(Number(cpus) * 1000)}m`;
}

export interface VersionSpec {
  app: string;
  environment: string;
  namespace: string;
  service: string;
  version: string;
  /** The pool id (`<version>-<random>`): names the Deployment, labels its pods. */
  pool: string;
  /** What the pods start from: `repo@sha256:...` when pushed, else the image id (nodes sharing the runner's engine). */
  image: string;
  digest: string;
  revision: string;
  runUrl: string;
  deployedAt: string;
  replicas: number;
  port: number;
  healthPath: string;
  env: Record<string, string>;
  /** Only the names: the values go into the Secret, never into the Deployment. */
  secretEnvNames: string[];
  memory: string | undefined;
  cpus: string | undefined;
  /** Read-only root filesystem; `tmpfs` paths (`/path` or `/path:options`) become in-memory emptyDir volumes. */
  readOnly: boolean;
  tmpfs: string[];
  /** Seconds without progress before the rollout counts as failed (progressDeadlineSeconds). */
  progressDeadlineSec: number;
  /** Seconds a pod gets after SIGTERM (terminationGracePeriodSeconds). */
  stopTimeoutSec: number;
  /** The run specification as recorded (JSON, never secret values); default: the fields above. */
  runSpec?: string | undefined;
}

function versionLabels(s: VersionSpec): Record<string, string> {
  return {
    ...poolSelector(s.app, s.environment, s.version, s.pool),
    ...(s.revision ? { [K.revision]: labelValue('revision', s.revision) } : {}),
  };
}

function versionAnnotations(s: VersionSpec): Record<string, string> {
  return { [K.digest]: s.digest, [K.image]: s.image, [K.runUrl]: s.runUrl, [K.deployedAt]: s.deployedAt };
}

export function deploymentManifest(s: VersionSpec): V1Deployment {
  const names = versionNames(s.app, s.environment, s.pool, s.service);
  const labels = versionLabels(s);
  const limits: Record<string, string> = {
    ...(s.memory ? { memory: memoryQuantity(s.memory) } : {}),
    ...(s.cpus ? { cpu: cpuQuantity(s.cpus) } : {}),
  };
  const runSpec = {
    port: s.port,
    healthPath: s.healthPath,
    env: s.env,
    secretEnvNames: s.secretEnvNames,
    memory: s.memory,
    cpus: s.cpus,
    replicas: s.replicas,
    readOnly: s.readOnly,
    tmpfs: s.tmpfs,
  };
  const scratch = s.tmpfs.map((t, i) => ({ name: `tmpfs-${i}`, path: t.split(':')[0]! }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: names.deployment,
      namespace: s.namespace,
      labels: { ...labels, [K.role]: 'instance' },
      annotations: { ...versionAnnotations(s), [K.spec]: s.runSpec ?? JSON.stringify(runSpec) },
    },
    spec: {
      replicas: s.replicas,
      selector: { matchLabels: poolSelector(s.app, s.environment, s.version, s.pool) },
      progressDeadlineSeconds: s.progressDeadlineSec,
      // A version's pods are never updated in place: a new version is a new Deployment.
      revisionHistoryLimit: 0,
      template: {
        metadata: { labels, annotations: versionAnnotations(s) },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: s.stopTimeoutSec,
          ...(scratch.length ? { volumes: scratch.map((v) => ({ name: v.name, emptyDir: { medium: 'Memory' } })) } : {}),
          containers: [
            {
              name: 'app',
              image: s.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: s.port }],
              env: Object.entries(s.env).map(([name, value]) => ({ name, value })),
              ...(s.secretEnvNames.length ? { envFrom: [{ secretRef: { name: names.secret } }] } : {}),
              readinessProbe: {
                httpGet: { path: s.healthPath, port: s.port },
                periodSeconds: 1,
                timeoutSeconds: 2,
                successThreshold: 1,
                failureThreshold: 3,
              },
              ...(Object.keys(limits).length ? { resources: { limits } } : {}),
              ...(s.readOnly ? { securityContext: { readOnlyRootFilesystem: true } } : {}),
              ...(scratch.length ? { volumeMounts: scratch.map((v) => ({ name: v.name, mountPath: v.path })) } : {}),
            },
          ],
        },
      },
    },
  };
}

/**
 * secret-env of a pool, in its own Secret (the Deployment names it; values never enter its spec). Owned by
 * its Deployment (`owner`: the Deployment's uid): the cluster's garbage collector removes it with the
 * Deployment, whatever stopped the run.
 */
export function secretManifest(s: VersionSpec, values: Record<string, string>, owner?: { name: string; uid: string }): V1Secret {
  const names = versionNames(s.app, s.environment, s.pool, s.service);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: names.secret,
      namespace: s.namespace,
      labels: { ...versionLabels(s), [K.role]: 'secret-env' },
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner.name, uid: owner.uid }] } : {}),
    },
    type: 'Opaque',
    stringData: values,
  };
}

/** A Service selecting one version: the preview Service (checks go there), or a new production Service. */
export function serviceManifest(name: string, namespace: string, port: number, selector: Record<string, string>, role: string): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { [K.app]: selector[K.app]!, [K.environment]: selector[K.environment]!, [K.role]: role } },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
  };
}

/**
 * The selector change as a JSON merge patch: exactly `to` (keys only in `from` are removed with null),
 * conditional on the Service's resourceVersion as read, so it applies only if nobody changed the
 * Service since (409 otherwise).
 */
export function selectorPatch(
  from: Record<string, string> | undefined,
  to: Record<string, string>,
  resourceVersion: string | undefined,
): { metadata: { resourceVersion?: string }; spec: { selector: Record<string, string | null> } } {
  const selector: Record<string, string | null> = { ...to };
  for (const key of Object.keys(from ?? {})) if (!(key in to)) selector[key] = null;
  return { metadata: resourceVersion ? { resourceVersion } : {}, spec: { selector } };
}

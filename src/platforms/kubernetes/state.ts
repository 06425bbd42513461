/**
 * What runs in the cluster, read from it (the truth is there, not on the runner): the versions'
 * Deployments of the app and environment, and the production Service whose selector says which
 * one is live. `classify` is the pure part.
 */
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { KINDS, type Cluster } from './cluster.js';
import { appSelector, K } from './manifests.js';
import type { InstanceLabels } from '../../core/model.js';
import { compareText } from '../../core/text.js';

/** A version's Deployment: what it carries of a version is what a Docker instance's labels carry. */
export interface KubeVersion extends Pick<InstanceLabels, 'version' | 'digest' | 'image' | 'revision' | 'deployedAt' | 'runUrl'> {
  /** The Deployment's name. */
  name: string;
  verified: boolean;
  liveUntil: string;
  /** Desired and ready replicas. */
  replicas: number;
  ready: number;
  deployment: V1Deployment;
}

export interface KubeObserved {
  service: V1Service | undefined;
  live: KubeVersion | undefined;
  /** Verified, not live: the one live most recently first, then the newest. */
  warm: KubeVersion[];
  /** Left behind by a killed or failed run: never verified and not live. */
  debris: KubeVersion[];
}

export function toVersion(d: V1Deployment): KubeVersion {
  const a = d.metadata?.annotations ?? {};
  const l = d.metadata?.labels ?? {};
  return {
    name: d.metadata!.name!,
    version: l[K.version] ?? '',
    digest: a[K.digest] ?? '',
    image: a[K.image] ?? '',
    revision: l[K.revision] ?? '',
    deployedAt: a[K.deployedAt] ?? '',
    runUrl: a[K.runUrl] ?? '',
    verified: a[K.verified] === 'true',
    liveUntil: a[K.liveUntil] ?? '',
    replicas: d.spec?.replicas ?? 0,
    ready: d.status?.readyReplicas ?? 0,
    deployment: d,
  };
}

/** Pure: live = the version the Service selects; warm and debris from the rest. */
export function classify(deployments: V1Deployment[], service: V1Service | undefined, app: string, environment: string): KubeObserved {
  const sel = service?.spec?.selector ?? {};
  const versions = deployments.map(toVersion);
  const live =
    sel[K.app] === app && sel[K.environment] === environment ? versions.find((v) => v.version === sel[K.version]) : undefined;
  const rest = versions.filter((v) => v !== live);
  const warm = rest
    .filter((v) => v.verified)
    .sort((a, b) => compareText(b.liveUntil, a.liveUntil) || compareText(b.deployedAt, a.deployedAt));
  return { service, live, warm, debris: rest.filter((v) => !v.verified) };
}

export async function observe(cluster: Cluster, app: string, environment: string, service: string): Promise<KubeObserved> {
  const [svc, list] = await Promise.all([
    cluster.read<V1Service>(KINDS.service, service),
    cluster.list<V1Deployment>(KINDS.deployment, { labelSelector: `${appSelector(app, environment)},${K.role}=instance` }),
  ]);
  return classify(list, svc, app, environment);
}

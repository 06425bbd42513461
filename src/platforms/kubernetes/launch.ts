/**
 * A version's pods: create its Secret and Deployment, wait until it is rolled out (failing fast on a
 * crash loop, an image that cannot be pulled, or the progress deadline, with the pods' events and
 * last log lines), remove it again.
 */
import type { CoreV1Event, V1Deployment, V1Pod, V1Secret } from '@kubernetes/client-node';
import { DeployError } from '../../support/errors.js';
import type { Log } from '../../support/log.js';
import { KINDS, type Cluster } from './cluster.js';
import { deploymentManifest, dnsName, K, secretManifest, versionSelector, type VersionSpec } from './manifests.js';
import { rolloutState } from './rollout.js';
import { toVersion, type KubeVersion } from './state.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareText } from '../../core/text.js';


export function selectorText(sel: Record<string, string>): string {
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export async function createVersion(cluster: Cluster, spec: VersionSpec, secretEnv: Record<string, string>): Promise<KubeVersion> {
  // The Secret first: pods that name it can start at once.
  if (spec.secretEnvNames.length) await cluster.create<V1Secret>(KINDS.secret, secretManifest(spec, secretEnv));
  return toVersion(await cluster.create<V1Deployment>(KINDS.deployment, deploymentManifest(spec)));
}

/** Delete a version's Deployment (its pods go with it) and its Secret. */
export async function deleteVersion(cluster: Cluster, v: Pick<KubeVersion, 'name'>): Promise<void> {
  await cluster.remove(KINDS.deployment, v.name);
  await cluster.remove(KINDS.secret, dnsName([v.name, 'env']));
}

export async function versionPods(cluster: Cluster, v: KubeVersion): Promise<V1Pod[]> {
  const sel = v.deployment.spec?.selector?.matchLabels ?? versionSelector('', '', v.version);
  const pods = await cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(sel) });
  return pods.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Wait until the Deployment is rolled out (`kubectl rollout status`), or fail fast. Resolves to its ready pods. */
export async function waitRolledOut(cluster: Cluster, v: KubeVersion, timeoutSec: number, log: Log): Promise<V1Pod[]> {
  const deadline = Date.now() + timeoutSec * 1000;
  let said = '';
  for (;;) {
    const [d, pods] = await Promise.all([cluster.read<V1Deployment>(KINDS.deployment, v.name), versionPods(cluster, v)]);
    if (!d) throw new RolloutFailed(`deployment ${v.name} is gone (deleted by someone else?)`, pods);
    const st = rolloutState(d, pods);
    if (st.state === 'ready') return pods;
    if (st.state === 'failed') throw new RolloutFailed(st.why, pods);
    if (st.why !== said) {
      log.info(`Waiting for deployment ${v.name}: ${st.why}`);
      said = st.why;
    }
    if (Date.now() > deadline)
      throw new RolloutFailed(`deployment ${v.name} was not rolled out within ${timeoutSec}s (last: ${st.why})`, pods);
    await sleep(500);
  }
}

export class RolloutFailed extends DeployError {
  constructor(
    readonly why: string,
    readonly pods: V1Pod[],
  ) {
    super(why);
  }
}

/** The pods' events and last log lines, for a failure message. */
export async function podDiagnostics(cluster: Cluster, lines: number, pods: V1Pod[]): Promise<string> {
  const parts: string[] = [];
  for (const pod of pods.slice(0, 3)) {
    const name = pod.metadata!.name!;
    const events = await cluster
      .list<CoreV1Event>(KINDS.event, { fieldSelector: `involvedObject.name=${name}` })
      .then((items) =>
        items
          .sort((a, b) => compareText(String(a.lastTimestamp ?? a.eventTime ?? ''), String(b.lastTimestamp ?? b.eventTime ?? '')))
          .map((e) => `  ${e.type} ${e.reason}: ${e.message}`),
      )
      .catch((err: Error) => [`  (events not readable: ${err.message.split('\n')[0]})`]);
    const restarted = (pod.status?.containerStatuses ?? []).some((c) => c.restartCount > 0);
    const readLog = (previous: boolean) => cluster.podLog(name, 'app', lines, previous);
    let logText = await readLog(false).catch(() => '');
    if (!logText.trim() && restarted) logText = await readLog(true).catch(() => '');
    parts.push(`Pod ${name} events:\n${events.join('\n') || '  (none)'}\nLast log lines of ${name}:\n${logText.trimEnd() || '(no output)'}`);
  }
  return parts.join('\n\n');
}

export async function markVerified(cluster: Cluster, v: KubeVersion): Promise<void> {
  await annotate(cluster, v.name, K.verified, 'true');
}

/** Set one annotation on a Deployment. */
export async function annotate(cluster: Cluster, deployment: string, key: string, value: string): Promise<void> {
  await cluster.mergePatch(KINDS.deployment, deployment, { metadata: { annotations: { [key]: value } } });
}

export async function scale(cluster: Cluster, deployment: string, replicas: number): Promise<void> {
  await cluster.mergePatch(KINDS.deployment, deployment, { spec: { replicas } });
}

/**
 * A pool's objects: create its Deployment (and its Secret, owned by the Deployment), wait until it is
 * rolled out (failing fast on a crash loop, an image that cannot be pulled, or the progress deadline,
 * with the pods' events and last log lines), remove it again; Secrets left without their Deployment.
 */
import type { CoreV1Event, V1Deployment, V1Pod, V1Secret } from '@kubernetes/client-node';
import { DeployError } from '../../support/errors.js';
import type { Log } from '../../support/log.js';
import { KINDS, KubeApiError, type Cluster } from './cluster.js';
import { appSelector, deploymentManifest, dnsName, K, secretManifest, type VersionSpec } from './manifests.js';
import { rolloutState } from './rollout.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareText } from '../../core/text.js';

export function selectorText(sel: Record<string, string>): string {
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * The pool's Deployment, and its Secret when there is secret-env. With a Secret the Deployment is created
 * with no replicas first, the Secret then names it as its owner (the garbage collector removes it with the
 * Deployment, whatever stops the run), and only then are the pods asked for: a pod never starts before its
 * Secret exists, and no Secret outlives its Deployment.
 */
export async function createPool(cluster: Cluster, spec: VersionSpec, secretEnv: Record<string, string>): Promise<V1Deployment> {
  const withSecret = spec.secretEnvNames.length > 0;
  const created = await cluster.create<V1Deployment>(KINDS.deployment, deploymentManifest(withSecret ? { ...spec, replicas: 0 } : spec));
  if (!withSecret) return created;
  const name = created.metadata!.name!;
  const secret = secretManifest(spec, secretEnv, { name, uid: created.metadata!.uid! });
  try {
    await cluster.create<V1Secret>(KINDS.secret, secret);
  } catch (err) {
    // A Secret of that name left by an earlier try (names are per pool, so only a repeated create): replace it.
    if (!(err instanceof KubeApiError && err.status === 409)) throw err;
    await cluster.remove(KINDS.secret, secret.metadata!.name!);
    await cluster.create<V1Secret>(KINDS.secret, secret);
  }
  return cluster.mergePatch<V1Deployment>(KINDS.deployment, name, { spec: { replicas: spec.replicas } });
}

/**
 * Retire a pool: scale its Deployment to 0 and wait up to `waitSec` until its pods are gone (each stops
 * within its grace period, stop-timeout: a retired pool is stopped when this returns, as a Docker instance
 * is, without waiting on the cluster's garbage collector), then delete the Deployment and its Secret (owned
 * by it; deleted here too, at once). Resolves to the pods still left at the deadline. `waitSec` 0: delete at once.
 */
export async function deletePool(cluster: Cluster, deployment: string, waitSec = 0): Promise<string[]> {
  let left: string[] = [];
  const d = waitSec > 0 ? await cluster.read<V1Deployment>(KINDS.deployment, deployment) : undefined;
  const sel = d?.spec?.selector?.matchLabels ?? {};
  if (d && Object.keys(sel).length > 0) {
    try {
      await cluster.mergePatch(KINDS.deployment, deployment, { spec: { replicas: 0 } });
    } catch (err) {
      if (!(err instanceof KubeApiError && err.status === 404)) throw err;
    }
    const deadline = Date.now() + waitSec * 1000;
    for (;;) {
      left = (await cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(sel) })).map((p) => p.metadata!.name!);
      if (left.length === 0 || Date.now() > deadline) break;
      await sleep(200);
    }
  }
  await cluster.remove(KINDS.deployment, deployment);
  await cluster.remove(KINDS.secret, dnsName([deployment, 'env']));
  return left;
}

/** Secrets of the app's pools whose Deployment is gone (a run killed between the two, or Secrets of older releases). Removed. */
export async function removeOrphanSecrets(cluster: Cluster, app: string, environment: string, log: Log): Promise<void> {
  const sel = `${appSelector(app, environment)},${K.role}=secret-env`;
  const [secrets, deployments] = await Promise.all([
    cluster.list<V1Secret>(KINDS.secret, { labelSelector: sel }),
    cluster.list<V1Deployment>(KINDS.deployment, { labelSelector: appSelector(app, environment) }),
  ]);
  const uids = new Set(deployments.map((d) => d.metadata?.uid));
  const names = new Set(deployments.map((d) => dnsName([d.metadata!.name!, 'env'])));
  const orphans = secrets.filter((s) => {
    const owners = s.metadata?.ownerReferences ?? [];
    return owners.length ? !owners.some((o) => uids.has(o.uid)) : !names.has(s.metadata!.name!);
  });
  if (orphans.length === 0) return;
  log.info(`Removing ${orphans.length} Secret(s) whose Deployment is gone: ${orphans.map((s) => s.metadata!.name).join(', ')}`);
  for (const s of orphans) await cluster.remove(KINDS.secret, s.metadata!.name!);
}

export async function deploymentPods(cluster: Cluster, d: V1Deployment): Promise<V1Pod[]> {
  const sel = d.spec?.selector?.matchLabels ?? {};
  if (Object.keys(sel).length === 0) return [];
  const pods = await cluster.list<V1Pod>(KINDS.pod, { labelSelector: selectorText(sel) });
  return pods.filter((p) => !p.metadata?.deletionTimestamp);
}

/** Wait until the Deployment is rolled out (`kubectl rollout status`), or fail fast. Resolves to its pods. */
export async function waitRolledOut(cluster: Cluster, name: string, timeoutSec: number, log: Log): Promise<{ deployment: V1Deployment; pods: V1Pod[] }> {
  const deadline = Date.now() + timeoutSec * 1000;
  let said = '';
  let pods: V1Pod[] = [];
  for (;;) {
    const d = await cluster.read<V1Deployment>(KINDS.deployment, name);
    if (!d) throw new RolloutFailed(`deployment ${name} is gone (deleted by someone else?)`, pods);
    pods = await deploymentPods(cluster, d);
    const st = rolloutState(d, pods);
    if (st.state === 'ready') return { deployment: d, pods };
    if (st.state === 'failed') throw new RolloutFailed(st.why, pods);
    if (st.why !== said) {
      log.info(`Waiting for deployment ${name}: ${st.why}`);
      said = st.why;
    }
    if (Date.now() > deadline) throw new RolloutFailed(`deployment ${name} was not rolled out within ${timeoutSec}s (last: ${st.why})`, pods);
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
    let logText = lines > 0 ? await readLog(false).catch(() => '') : '';
    if (lines > 0 && !logText.trim() && restarted) logText = await readLog(true).catch(() => '');
    parts.push(`Pod ${name} events:\n${events.join('\n') || '  (none)'}${lines > 0 ? `\nLast log lines of ${name}:\n${logText.trimEnd() || '(no output)'}` : ''}`);
  }
  return parts.join('\n\n');
}

/** Set one annotation on a Deployment. */
export async function annotate(cluster: Cluster, deployment: string, key: string, value: string): Promise<void> {
  await cluster.mergePatch(KINDS.deployment, deployment, { metadata: { annotations: { [key]: value } } });
}

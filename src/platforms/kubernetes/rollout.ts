/**
 * Pure judgements over what the cluster reports: is a version's Deployment rolled out (what
 * `kubectl rollout status` means), has it failed (progress deadline, crash loop, image that cannot
 * be pulled), and do a Service's endpoints hold exactly a version's pods.
 */
import type { V1Deployment, V1Endpoints, V1Pod } from '@kubernetes/client-node';

export type RolloutState = { state: 'ready' } | { state: 'waiting'; why: string } | { state: 'failed'; why: string };

/** Container states that will not fix themselves: fail at once instead of waiting for the deadline. */
const FATAL_WAITING = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The kubelet could not get the image onto the node (ImagePullBackOff is the retry wait after an ErrImagePull). */
const PULL_FAILED = new Set(['ErrImagePull', 'ImagePullBackOff']);

/** What to do when the nodes cannot pull a version's image. */
export function pullAdvice(image: string): string {
  return (
    `The nodes could not pull image ${image}: check that it is in a registry the nodes can reach (push: true with an image such as ` +
    `registry.example.com/team/app), and if that registry is private that the nodes can log in to it (an imagePullSecret on the ` +
    `namespace's ServiceAccount, or the nodes' own registry credentials). The kubelet's own reason is in the pod's events.`
  );
}

/** The first pod problem that will not go away by waiting, or undefined. */
export function podFailure(pods: V1Pod[]): string | undefined {
  for (const pod of pods) {
    for (const c of pod.status?.containerStatuses ?? []) {
      const waiting = c.state?.waiting;
      if (waiting?.reason && FATAL_WAITING.has(waiting.reason)) {
        const image = c.image || pod.spec?.containers.find((s) => s.name === c.name)?.image;
        return `pod ${pod.metadata?.name}: container ${c.name} is ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${
          c.lastState?.terminated ? ` (last exit code ${c.lastState.terminated.exitCode})` : ''
        }${PULL_FAILED.has(waiting.reason) && image ? `\n${pullAdvice(image)}` : ''}`;
      }
      // Exited and restarted: a crash loop in the making (the app's process does not stay up).
      if (c.restartCount > 0 && c.lastState?.terminated)
        return `pod ${pod.metadata?.name}: container ${c.name} exited with code ${c.lastState.terminated.exitCode} and was restarted ${c.restartCount} time(s)`;
    }
    if (pod.status?.phase === 'Failed') return `pod ${pod.metadata?.name} failed: ${pod.status.reason ?? ''} ${pod.status.message ?? ''}`.trim();
  }
  return undefined;
}

/** `kubectl rollout status` for a Deployment, plus fast failure from its pods. */
export function rolloutState(d: V1Deployment, pods: V1Pod[]): RolloutState {
  const failure = podFailure(pods);
  if (failure) return { state: 'failed', why: failure };
  const st = d.status ?? {};
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { state: 'failed', why: `deployment ${d.metadata?.name} exceeded its progress deadline (${d.spec?.progressDeadlineSeconds}s): ${progressing.message ?? ''}`.trim() };
  const want = d.spec?.replicas ?? 1;
  if ((st.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) return { state: 'waiting', why: 'waiting for the deployment spec update to be observed' };
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { state: 'waiting', why: `${updated} of ${want} new replicas have been updated` };
  if ((st.replicas ?? 0) > updated) return { state: 'waiting', why: `${(st.replicas ?? 0) - updated} old replicas are pending termination` };
  const available = st.availableReplicas ?? 0;
  if (available < updated) return { state: 'waiting', why: `${available} of ${updated} updated replicas are available` };
  return { state: 'ready' };
}

/** The ready addresses of a Service's endpoints. */
export function endpointIps(e: V1Endpoints | undefined): string[] {
  return (e?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
}

/** The pod IPs of ready pods. */
export function readyPodIps(pods: V1Pod[]): string[] {
  return pods
    .filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && p.status.podIP)
    .map((p) => p.status!.podIP!)
    .sort();
}

/** True when the endpoints hold exactly the given pods' addresses (and at least one). */
export function holdsOnly(e: V1Endpoints | undefined, ips: string[]): boolean {
  const have = endpointIps(e);
  return have.length > 0 && have.length === ips.length && have.every((ip, i) => ip === [...ips].sort()[i]);
}

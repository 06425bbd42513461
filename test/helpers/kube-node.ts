/**
 * A STAND-IN FOR THE KUBELET, for the tests only. No kubelet can run containers on these machines,
 * so this small node agent plays its part against the real control plane (test/helpers/kube.ts):
 *
 * - registers a Node (Ready, with capacity) and keeps its heartbeat;
 * - for each Pod the scheduler binds to it: a "pause" container holds the pod's network namespace
 *   (as dockershim did), which the agent names `kube<...>` (`ip netns attach`) and plumbs with its own
 *   veth and address in 10.78.<subnet>.0/24; the pod's container runs on the machine's Docker engine
 *   inside that namespace (`--network container:<pause>`, `--restart=always`), with the pod's env
 *   (Secrets resolved), limits and command;
 * - images: an image id (`sha256:...`) is taken from the shared engine (a node sharing the runner's
 *   engine); a registry reference (`host[:port]/repo@sha256:...` or `:tag`) is this node's own: the
 *   node pulls it itself the first time, with NO registry credentials (it has none of the runner's
 *   logins; imagePullSecrets are not implemented): the registry is asked for the manifest without
 *   credentials (its answer decides), then `docker pull`; so a private or missing image fails as on a real
 *   node: waiting ErrImagePull (the daemon's error) until the pod worker's next sync 10 s later, then
 *   retried with the kubelet's image back-off (10 s doubling to 300 s), ImagePullBackOff while it waits;
 *   events Pulling, Failed "Failed to pull image ...", Failed "Error: ErrImagePull", BackOff
 *   "Back-off pulling image ...", Failed "Error: ImagePullBackOff" (kubelet 1.20 with dockershim);
 * - reports the pod's status: Pending until every container started, then Running, podIP,
 *   containerStatuses (running, or waiting with CrashLoopBackOff / ErrImagePull / ImagePullBackOff),
 *   Ready from the readiness probe (httpGet, probed from the host at the pod's address), and events
 *   (Pulling/Failed/Started/BackOff) like a kubelet;
 * - serves the kubelet's log endpoint (HTTPS on 127.0.0.1, certificate from the test CA), so
 *   `pods/log` through the API server works;
 * - on pod deletion stops the containers (grace period), frees the address, deletes the pod.
 *
 * What it does not do: liveness probes, volumes, init containers, multiple containers' ordering,
 * image pull secrets, the back-off's jitter. The Endpoints controller (real) fills endpoints from what it reports, and the
 * API server's service proxy reaches the pods' real HTTP servers at their namespace addresses.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as k8s from '@kubernetes/client-node';
import { BUSYBOX } from './docker.js';
import type { ControlPlane } from './kube.js';

const execFileP = promisify(execFile);
const PAUSE_IMAGE = 'kube-pause:test';
const POD_RANGE = '10.78.0.0/16';
const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
/** kubelet 1.20: a pod worker whose sync failed is synced again after 10 s; image pulls back off 10 s doubling to 300 s. */
const SYNC_AFTER_ERROR_MS = 10_000;
const PULL_BACKOFF_MS = 10_000;
const PULL_BACKOFF_MAX_MS = 300_000;

/** An image named by a registry reference (not an image id, not a Docker Hub short name). */
export function isRegistryReference(image: string): boolean {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/**
 * Would the image's registry serve its manifest to a client without credentials? The registry's own
 * answer (the Distribution API request a daemon makes first), or undefined when it would. Asked
 * directly because the shared engine cannot stand for the node's store here: once the runner pulled
 * an image by digest with its login, dockerd serves `docker pull repo@digest` from its local store
 * without asking the registry, credentials or not.
 */
export async function registryRefusal(image: string): Promise<string | undefined> {
  const m = /^([^/]+)\/(.+?)(?:@(sha256:[0-9a-f]{64})|:([\w][\w.-]*))?$/.exec(image);
  if (!m) return `invalid reference format: ${image}`;
  const [, host, repo, digest, tag] = m;
  // dockerd speaks plain HTTP to 127.0.0.0/8 registries (insecure by default), HTTPS elsewhere.
  const scheme = /^(127\.|localhost(:|$))/.test(host!) ? 'http' : 'https';
  const url = `${scheme}://${host}/v2/${repo}/manifests/${digest ?? tag ?? 'latest'}`;
  const accept = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.index.v1+json'];
  try {
    const res = await fetch(url, { method: 'HEAD', headers: { accept: accept.join(', ') }, signal: AbortSignal.timeout(10_000) });
    if (res.ok) return undefined;
    const why = res.status === 401 ? 'no basic auth credentials' : res.status === 404 ? `manifest for ${image} not found: manifest unknown` : `${res.status} ${res.statusText}`;
    return `Error response from daemon: Head "${url}": ${why}`;
  } catch (err) {
    return `Error response from daemon: Head "${url}": ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`;
  }
}

/** A container whose image the node could not pull: the kubelet's view of it. */
interface PullFailure {
  state: 'ErrImagePull' | 'ImagePullBackOff';
  message: string;
  failures: number;
  lastFailure: number;
  nextSync: number;
}

async function sh(argv: string[], env?: Record<string, string>): Promise<string> {
  const { stdout } = await execFileP(argv[0]!, argv.slice(1), { encoding: 'utf8', env: env ? { ...process.env, ...env } : process.env });
  return stdout.trim();
}
async function shOk(argv: string[]): Promise<boolean> {
  try {
    await sh(argv);
    return true;
  } catch {
    return false;
  }
}

/** Before any pod address exists: the whole pod range is unreachable except the /32s we route. */
export function ensurePodRange(): void {
  const have = spawnSync('ip', ['route', 'show', POD_RANGE], { encoding: 'utf8' }).stdout;
  if (!have.includes('unreachable')) spawnSync('ip', ['route', 'add', 'unreachable', POD_RANGE]);
}

function ensurePauseImage(): void {
  if (spawnSync('docker', ['image', 'inspect', PAUSE_IMAGE]).status === 0) return;
  const r = spawnSync('docker', ['build', '-q', '-t', PAUSE_IMAGE, '-f-', '/usr/bin'], {
    input: `FROM scratch\nCOPY busybox /busybox\nENTRYPOINT ["/busybox","sleep","2147483647"]\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`could not build ${PAUSE_IMAGE} from ${BUSYBOX}: ${r.stderr}`);
}

interface PodState {
  uid: string;
  key: string;
  ip?: string;
  netns?: string;
  hostIf?: string;
  pause?: string;
  containers: Record<string, string>;
  busy: boolean;
  started: boolean;
  /** container name -> its image pull failure, while it has one */
  pullFailures: Record<string, PullFailure>;
  /** container name -> probe results */
  ready: Record<string, { ok: boolean; lastProbe: number; since: string; successes: number; failures: number }>;
  transitions: Record<string, string>;
  lastStatus?: string;
  startTime: string;
  events: Set<string>;
  restartsSeen: Record<string, number>;
  lastExit: Record<string, number>;
}

export interface NodeAgent {
  name: string;
  stop(): Promise<void>;
  /** Container ids the agent started for pods (for tests that look at the engine). */
  containers(): string[];
}

/**
 * `maxPods`: the pods the node takes (its capacity; default 110, the kubelet's default max-pods; at most 250, the
 * addresses of its subnet). A 50-replica deploy with keep 1 needs 150: the live pool, the warm one and the new one.
 */
export async function startNodeAgent(cp: ControlPlane, opts: { name: string; subnet: number; maxPods?: number }): Promise<NodeAgent> {
  const maxPods = String(Math.min(250, opts.maxPods ?? 110));
  ensurePodRange();
  ensurePauseImage();
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cp.kubeconfig(cp.admin));
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const node = opts.name;
  const prefix = `kube${opts.subnet}`;
  const pods = new Map<string, PodState>();
  /** Registry references this node has pulled (its own image store; image ids come from the shared engine). */
  const nodeImages = new Set<string>();
  const emptyDockerConfig = mkdtempSync(join(tmpdir(), `${node}-docker-config-`));
  const freeIps = Array.from({ length: 250 }, (_, i) => `10.78.${opts.subnet}.${i + 2}`);
  let stopped = false;

  // The kubelet's log endpoint: /containerLogs/<namespace>/<pod>/<container>?tailLines=N
  const server: Server = createServer({ cert: readFileSync(cp.certFile), key: readFileSync(cp.keyFile) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const state = m ? [...pods.values()].find((p) => p.key === `${m[1]}/${m[2]}`) : undefined;
    const id = m && state ? state.containers[m[3]!] : undefined;
    if (!id) {
      res.writeHead(404).end('no such container\n');
      return;
    }
    const tailLines = url.searchParams.get('tailLines') ?? 'all';
    execFile('docker', ['logs', '--tail', tailLines, id], { encoding: 'utf8' }, (_err, stdout, stderr) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(stdout + stderr);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const kubeletPort = (server.address() as { port: number }).port;

  const nodeConditions = () => {
    const now = new Date().toISOString();
    return [
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'test node agent is posting ready status', lastHeartbeatTime: now, lastTransitionTime: startedAt },
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: now, lastTransitionTime: startedAt },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', lastHeartbeatTime: now, lastTransitionTime: startedAt },
      { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', lastHeartbeatTime: now, lastTransitionTime: startedAt },
    ];
  };
  const startedAt = new Date().toISOString();
  const nodeStatus = () => ({
    status: {
      capacity: { cpu: '8', memory: '16Gi', pods: maxPods },
      allocatable: { cpu: '8', memory: '16Gi', pods: maxPods },
      conditions: nodeConditions(),
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: node },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
      nodeInfo: {
        machineID: node, systemUUID: node, bootID: node, kernelVersion: '', osImage: 'test node agent', containerRuntimeVersion: 'docker://',
        kubeletVersion: 'v1.20.2', kubeProxyVersion: 'v1.20.2', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  });
  await core.createNode({ body: { metadata: { name: node, labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux' } }, spec: {} } });
  await core.patchNodeStatus({ name: node, body: nodeStatus() }, merge);

  const event = async (pod: k8s.V1Pod, type: 'Normal' | 'Warning', reason: string, message: string, once?: string) => {
    const st = pods.get(pod.metadata!.uid!);
    if (once && st) {
      if (st.events.has(once)) return;
      st.events.add(once);
    }
    const now = new Date();
    await core
      .createNamespacedEvent({
        namespace: pod.metadata!.namespace!,
        body: {
          metadata: { generateName: `${pod.metadata!.name}.` },
          involvedObject: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid!, apiVersion: 'v1' },
          reason,
          message,
          type,
          source: { component: 'kubelet', host: node },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      })
      .catch(() => undefined);
  };

  const secretValue = async (namespace: string, name: string, key: string): Promise<string | undefined> => {
    const s = await core.readNamespacedSecret({ name, namespace }).catch(() => undefined);
    const v = s?.data?.[key];
    return v === undefined ? undefined : Buffer.from(v, 'base64').toString();
  };

  const containerEnv = async (namespace: string, c: k8s.V1Container): Promise<Record<string, string>> => {
    const env: Record<string, string> = {};
    for (const from of c.envFrom ?? []) {
      if (!from.secretRef?.name) continue;
      const s = await core.readNamespacedSecret({ name: from.secretRef.name, namespace });
      for (const [k, v] of Object.entries(s.data ?? {})) env[(from.prefix ?? '') + k] = Buffer.from(v, 'base64').toString();
    }
    for (const e of c.env ?? []) {
      if (e.value !== undefined) env[e.name] = e.value;
      else if (e.valueFrom?.secretKeyRef) {
        const v = await secretValue(namespace, e.valueFrom.secretKeyRef.name!, e.valueFrom.secretKeyRef.key);
        if (v !== undefined) env[e.name] = v;
      }
    }
    return env;
  };

  /** The pod's network namespace, held by a pause container and plumbed like a CNI plugin would. */
  const setupPod = async (st: PodState) => {
    const uid8 = st.uid.slice(0, 8);
    st.pause = await sh(['docker', 'run', '-d', '--name', `${prefix}-${uid8}-pause`, '--network', 'none', ...podLabels(st), PAUSE_IMAGE]);
    const pid = await sh(['docker', 'inspect', '-f', '{{.State.Pid}}', st.pause]);
    st.ip = freeIps.shift();
    if (!st.ip) throw new Error(`node ${node} has no pod address left`);
    st.netns = `${prefix}-${uid8}`;
    st.hostIf = `${prefix}h${st.ip.split('.')[3]}`;
    await sh(['ip', 'netns', 'attach', st.netns, pid]);
    await sh(['ip', 'link', 'add', st.hostIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', st.netns]);
    await sh(['ip', '-n', st.netns, 'addr', 'add', `${st.ip}/32`, 'dev', 'eth0']);
    await sh(['ip', '-n', st.netns, 'link', 'set', 'eth0', 'up']);
    await sh(['ip', '-n', st.netns, 'route', 'add', 'default', 'dev', 'eth0']);
    await sh(['ip', 'link', 'set', st.hostIf, 'up']);
    await sh(['ip', 'route', 'add', `${st.ip}/32`, 'dev', st.hostIf]);
  };
  const podLabels = (st: PodState) => ['--label', `dev.immutable-deploy.test-node=${node}`, '--label', `dev.immutable-deploy.test-pod=${st.uid}`];

  /** Is the image on this node, pulling it if not (imagePullPolicy IfNotPresent)? Records a pull failure as the kubelet does. */
  const ensureImage = async (pod: k8s.V1Pod, st: PodState, c: k8s.V1Container): Promise<boolean> => {
    const image = c.image!;
    const own = isRegistryReference(image);
    if (own ? nodeImages.has(image) : await shOk(['docker', 'image', 'inspect', image])) return true;
    const now = Date.now();
    const failed = st.pullFailures[c.name];
    if (failed && now < failed.nextSync) return false; // the pod worker has not synced again yet
    if (failed && now - failed.lastFailure < Math.min(PULL_BACKOFF_MS * 2 ** (failed.failures - 1), PULL_BACKOFF_MAX_MS)) {
      failed.state = 'ImagePullBackOff';
      failed.message = `Back-off pulling image "${image}"`;
      failed.nextSync = now + SYNC_AFTER_ERROR_MS;
      await event(pod, 'Normal', 'BackOff', failed.message);
      await event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      return false;
    }
    await event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
    // The node's own pull: no credentials (an empty docker config), as a node without imagePullSecrets.
    const pulled =
      (own ? await registryRefusal(image) : undefined) ??
      (await sh(['docker', 'pull', '--quiet', image], { DOCKER_CONFIG: emptyDockerConfig }).then(
        () => undefined,
        (err: Error & { stderr?: string }) => (err.stderr ?? err.message).trim() || 'pull failed',
      ));
    if (pulled === undefined) {
      if (own) nodeImages.add(image);
      delete st.pullFailures[c.name];
      await event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}"`);
      return true;
    }
    const message = `rpc error: code = Unknown desc = ${pulled}`;
    st.pullFailures[c.name] = { state: 'ErrImagePull', message, failures: (failed?.failures ?? 0) + 1, lastFailure: now, nextSync: now + SYNC_AFTER_ERROR_MS };
    await event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`);
    await event(pod, 'Warning', 'Failed', 'Error: ErrImagePull');
    return false;
  };

  /** Start the pod's containers that are not running yet (each once its image is on the node). */
  const startContainers = async (pod: k8s.V1Pod, st: PodState) => {
    const uid8 = st.uid.slice(0, 8);
    for (const c of pod.spec!.containers) {
      if (st.containers[c.name] || !(await ensureImage(pod, st, c))) continue;
      const image = c.image!;
      const env = await containerEnv(pod.metadata!.namespace!, c);
      const argv = ['docker', 'run', '-d', '--name', `${prefix}-${uid8}-${c.name}`, '--network', `container:${st.pause}`, '--restart', 'always', ...podLabels(st)];
      // Values reach docker through its own environment (`--env NAME`), never argv.
      for (const k of Object.keys(env)) argv.push('--env', k);
      const limits = c.resources?.limits ?? {};
      if (limits.memory) argv.push('--memory', `${k8sQuantityBytes(limits.memory)}b`);
      if (limits.cpu) argv.push('--cpus', String(k8sQuantityCpu(limits.cpu)));
      if (c.securityContext?.readOnlyRootFilesystem) argv.push('--read-only');
      for (const m of c.volumeMounts ?? [])
        if (pod.spec!.volumes?.find((v) => v.name === m.name)?.emptyDir) argv.push('--tmpfs', m.mountPath);
      if (c.command?.length) argv.push('--entrypoint', c.command[0]!);
      argv.push(image);
      if (c.command && c.command.length > 1) argv.push(...c.command.slice(1));
      if (c.args?.length) argv.push(...c.args);
      st.containers[c.name] = await sh(argv, env);
      await event(pod, 'Normal', 'Started', `Started container ${c.name}`, `started:${c.name}`);
    }
    st.started = pod.spec!.containers.every((c) => st.containers[c.name]);
  };

  const probe = async (pod: k8s.V1Pod, st: PodState, c: k8s.V1Container, running: boolean) => {
    const now = Date.now();
    const r = (st.ready[c.name] ??= { ok: false, lastProbe: 0, since: new Date().toISOString(), successes: 0, failures: 0 });
    const p = c.readinessProbe;
    if (!running) {
      if (r.ok) r.since = new Date().toISOString();
      r.ok = false;
      return;
    }
    if (!p?.httpGet) {
      if (!r.ok) r.since = new Date().toISOString();
      r.ok = true;
      return;
    }
    const period = (p.periodSeconds ?? 10) * 1000;
    if (now - Date.parse(st.startTime) < (p.initialDelaySeconds ?? 0) * 1000 || now - r.lastProbe < period) return;
    r.lastProbe = now;
    const port = typeof p.httpGet.port === 'number' ? p.httpGet.port : Number(c.ports?.find((x) => x.name === p.httpGet!.port)?.containerPort ?? p.httpGet.port);
    let ok: boolean;
    try {
      const res = await fetch(`http://${st.ip}:${port}${p.httpGet.path ?? '/'}`, { signal: AbortSignal.timeout((p.timeoutSeconds ?? 1) * 1000), redirect: 'manual' });
      await res.text();
      ok = res.status >= 200 && res.status < 400;
    } catch {
      ok = false;
    }
    if (ok) {
      r.successes++;
      r.failures = 0;
      if (!r.ok && r.successes >= (p.successThreshold ?? 1)) {
        r.ok = true;
        r.since = new Date().toISOString();
      }
    } else {
      r.failures++;
      r.successes = 0;
      if (r.ok && r.failures >= (p.failureThreshold ?? 3)) {
        r.ok = false;
        r.since = new Date().toISOString();
      }
      if (r.failures === 1 || r.failures % 10 === 0)
        await event(pod, 'Warning', 'Unhealthy', `Readiness probe failed: GET http://${st.ip}:${port}${p.httpGet.path ?? '/'}`);
    }
  };

  const reportStatus = async (pod: k8s.V1Pod, st: PodState) => {
    const statuses: k8s.V1ContainerStatus[] = [];
    for (const c of pod.spec!.containers) {
      const id = st.containers[c.name];
      if (!id) {
        const failed = st.pullFailures[c.name];
        statuses.push({
          name: c.name, image: c.image!, imageID: '', ready: false, restartCount: 0, started: false,
          state: { waiting: failed ? { reason: failed.state, message: failed.message } : { reason: 'ContainerCreating' } },
        });
        await probe(pod, st, c, false);
        continue;
      }
      const info = JSON.parse(await sh(['docker', 'inspect', id]))[0] as {
        RestartCount: number;
        Image: string;
        State: { Running: boolean; Restarting: boolean; ExitCode: number; StartedAt: string; FinishedAt: string };
      };
      const running = info.State.Running && !info.State.Restarting;
      await probe(pod, st, c, running);
      const restarts = info.RestartCount;
      if (!running && restarts > (st.restartsSeen[c.name] ?? -1)) {
        st.restartsSeen[c.name] = restarts;
        await event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name}`);
      }
      // Docker resets ExitCode when it starts the container again: remember the code seen while it was down.
      if (!running) st.lastExit[c.name] = info.State.ExitCode;
      const exitCode = st.lastExit[c.name];
      const last =
        exitCode !== undefined && info.State.FinishedAt && !info.State.FinishedAt.startsWith('0001')
          ? { terminated: { exitCode, reason: 'Error', finishedAt: new Date(info.State.FinishedAt), containerID: `docker://${id}` } }
          : {};
      statuses.push({
        name: c.name,
        image: c.image!,
        imageID: `docker-pullable://${info.Image}`,
        containerID: `docker://${id}`,
        ready: !!st.ready[c.name]?.ok,
        restartCount: restarts,
        started: running,
        state: running
          ? { running: { startedAt: new Date(info.State.StartedAt) } }
          : { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${c.name} in pod ${pod.metadata!.name}` } },
        lastState: restarts > 0 || !running ? last : {},
      });
    }
    const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
    const cond = (type: string, ok: boolean) => {
      const key = `${type}=${ok}`;
      if (!st.transitions[type]?.startsWith(key)) st.transitions[type] = `${key}@${new Date().toISOString()}`;
      return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: st.transitions[type].split('@')[1] };
    };
    const status = {
      phase: st.started ? 'Running' : 'Pending',
      hostIP: '127.0.0.1',
      podIP: st.ip,
      podIPs: st.ip ? [{ ip: st.ip }] : [],
      startTime: st.startTime,
      conditions: [cond('Initialized', true), cond('Ready', allReady), cond('ContainersReady', allReady), cond('PodScheduled', true)],
      containerStatuses: statuses,
    };
    const text = JSON.stringify(status);
    if (text === st.lastStatus) return;
    await core.patchNamespacedPodStatus({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, body: { status } }, merge);
    st.lastStatus = text;
  };

  const teardown = async (st: PodState, graceSec: number) => {
    const ids = Object.values(st.containers);
    if (ids.length) await shOk(['docker', 'stop', '--time', String(graceSec), ...ids]);
    await shOk(['docker', 'rm', '-f', ...ids, ...(st.pause ? [st.pause] : [])]);
    if (st.hostIf) await shOk(['ip', 'link', 'del', st.hostIf]);
    if (st.netns) await shOk(['ip', 'netns', 'delete', st.netns]);
    if (st.ip) freeIps.push(st.ip);
  };

  const tick = async () => {
    const list = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
    const seen = new Set<string>();
    for (const pod of list.items) {
      const uid = pod.metadata!.uid!;
      seen.add(uid);
      let st = pods.get(uid);
      if (!st) {
        st = { uid, key: `${pod.metadata!.namespace}/${pod.metadata!.name}`, containers: {}, busy: false, started: false, pullFailures: {}, ready: {}, transitions: {}, startTime: new Date().toISOString(), events: new Set(), restartsSeen: {}, lastExit: {} };
        pods.set(uid, st);
      }
      if (st.busy) continue;
      st.busy = true;
      const s = st;
      void (async () => {
        try {
          if (pod.metadata!.deletionTimestamp) {
            await teardown(s, pod.metadata!.deletionGracePeriodSeconds ?? 0);
            // The kubelet's final delete (containers stopped): grace 0 in the body (a body's options win over the query's,
            // so a gracePeriodSeconds in the query alone left the pod terminating for ever).
            await core.deleteNamespacedPod({ name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, body: { gracePeriodSeconds: 0, preconditions: { uid } } }).catch(() => undefined);
            pods.delete(uid);
            return;
          }
          if (!s.pause) await setupPod(s);
          if (!s.started) await startContainers(pod, s);
          await reportStatus(pod, s);
        } catch (err) {
          if (!stopped) console.error(`node agent ${node}: pod ${s.key}: ${(err as Error).message}`);
        } finally {
          s.busy = false;
        }
      })();
    }
    // Pods deleted outright (grace 0, or their namespace went): clean up what they left.
    for (const [uid, st] of pods) if (!seen.has(uid) && !st.busy) {
      pods.delete(uid);
      await teardown(st, 0);
    }
  };

  let lastBeat = Date.now();
  const loop = (async () => {
    while (!stopped) {
      try {
        await tick();
        if (Date.now() - lastBeat > 10_000) {
          lastBeat = Date.now();
          await core.patchNodeStatus({ name: node, body: { status: { conditions: nodeConditions() } } }, merge);
        }
      } catch (err) {
        if (!stopped) console.error(`node agent ${node}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  return {
    name: node,
    containers: () => [...pods.values()].flatMap((p) => Object.values(p.containers)),
    stop: async () => {
      stopped = true;
      await loop;
      await new Promise((r) => server.close(r));
      // The node goes: its pods' containers and namespaces all at once (each is its own), not one after another.
      await Promise.all([...pods.values()].map((st) => teardown(st, 0)));
      pods.clear();
      await core.deleteNode({ name: node }).catch(() => undefined);
      rmSync(emptyDockerConfig, { recursive: true, force: true });
    },
  };
}

/** Kubernetes quantity -> bytes (Ki, Mi, Gi, k, M, G or plain). */
export function k8sQuantityBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) throw new Error(`bad memory quantity ${q}`);
  const mult: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Math.round(Number(m[1]) * mult[m[2] ?? '']!);
}

/** Kubernetes CPU quantity -> cores ("500m" -> 0.5). */
export function k8sQuantityCpu(q: string): number {
  return q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

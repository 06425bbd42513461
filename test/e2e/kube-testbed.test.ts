/**
 * The Kubernetes test bed itself: a real control plane (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler built from Debian's source) and the node agent that STANDS IN FOR THE KUBELET
 * (test/helpers/kube-node.ts: pods as Docker containers in network namespaces at 10.78.x). A
 * Deployment's pods become ready, the real Endpoints controller fills the Service's endpoints, and the
 * API server's service proxy reaches the pods' real HTTP servers.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRepo, docker } from '../helpers/docker.js';
import { apiGet, startControlPlane, type ControlPlane } from '../helpers/kube.js';
import { startNodeAgent, type NodeAgent } from '../helpers/kube-node.js';

const APP = 'kubebed';

describe('Kubernetes test bed', () => {
  let cp: ControlPlane;
  let node: NodeAgent;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let image: string;

  beforeAll(async () => {
    cp = await startControlPlane();
    node = await startNodeAgent(cp, { name: 'kube-node-bed', subnet: 1 });
    const kc = new k8s.KubeConfig();
    kc.loadFromString(cp.kubeconfig(cp.admin));
    core = kc.makeApiClient(k8s.CoreV1Api);
    apps = kc.makeApiClient(k8s.AppsV1Api);
    image = docker('build', '-q', appRepo({ kind: 'web', text: 'hello from a pod' }));
  }, 900_000);
  afterAll(async () => {
    await node?.stop();
    await cp?.stop();
    if (image) docker('image', 'rm', '-f', image);
  });

  it('runs a Deployment whose pods serve through the API server service proxy', async () => {
    const labels = { app: APP };
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: APP },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 } }],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: 'default',
      body: { metadata: { name: APP }, spec: { selector: labels, ports: [{ port: 8080, targetPort: 8080 }] } },
    });
    // The Endpoints controller fills the endpoints once the agent reports the pods ready.
    let ips: string[] = [];
    for (let i = 0; i < 600 && ips.length < 2; i++) {
      const e = await core.readNamespacedEndpoints({ name: APP, namespace: 'default' }).catch(() => undefined);
      ips = (e?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
      if (ips.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip).toMatch(/^10\.78\.1\.\d+$/);
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=kubebed' });
    expect(pods.items.map((p) => p.status?.podIP).sort()).toEqual([...ips].sort());

    const r = await apiGet(cp, cp.admin, `/api/v1/namespaces/default/services/${APP}/proxy/`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('hello from a pod\n');

    // Pod logs come through the API server from the agent's kubelet endpoint.
    const name = pods.items[0]!.metadata!.name!;
    const logs = await apiGet(cp, cp.admin, `/api/v1/namespaces/default/pods/${name}/log?container=app`);
    expect(logs.status, logs.body).toBe(200);
  });

  it('a user without a binding is refused', async () => {
    const r = await apiGet(cp, cp.users.deployer!, '/apis/apps/v1/namespaces/default/deployments');
    expect(r.status).toBe(403);
  });
});

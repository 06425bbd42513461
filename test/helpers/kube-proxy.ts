/**
 * A small HTTPS proxy in front of the test API server (test/helpers/kube.ts) that fails requests of a
 * kind on purpose, as an API server or a load balancer in front of one really does: an HTTP status
 * (429, 503) with a Kubernetes Status body, or a reset connection. Everything else passes through
 * unchanged (the caller's own bearer token included). It serves the API server's own certificate, so a
 * kubeconfig with the control plane's CA trusts it.
 */
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { kubeconfigText, type ControlPlane, type User } from './kube.js';

export type Fault = number | 'reset' | undefined;

export interface ApiProxy {
  /** https://127.0.0.1:<port> */
  server: string;
  kubeconfig(user: User, namespace?: string): string;
  /** Every request seen, in order, with the fault given to it (if any). */
  seen: { method: string; path: string; fault: Fault }[];
  stop(): Promise<void>;
}

/** `fault` decides per request (method, path without the query) whether it fails, and how. */
export async function startApiProxy(cp: ControlPlane, fault: (method: string, path: string) => Fault): Promise<ApiProxy> {
  const upstream = new URL(cp.server);
  const seen: ApiProxy['seen'] = [];
  const server = createServer({ cert: readFileSync(cp.certFile), key: readFileSync(cp.keyFile) }, (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const f = fault(method, path);
    seen.push({ method, path, fault: f });
    if (f === 'reset') {
      req.socket.destroy();
      return;
    }
    if (typeof f === 'number') {
      res.writeHead(f, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `injected by the test proxy (${f})`, code: f }));
      return;
    }
    const up = request(
      { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers, ca: cp.ca },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;
  return {
    server: url,
    kubeconfig: (user, namespace) => kubeconfigText(url, cp.ca, user, namespace),
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

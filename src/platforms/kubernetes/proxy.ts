/**
 * The preview address for checks and the acceptance command: a forwarder on 127.0.0.1 (like
 * `kubectl proxy`, but for one Service) to the API server's service proxy,
 * /api/v1/namespaces/<ns>/services/<service>/proxy/..., with the action's own credentials. The
 * acceptance command gets a plain http://127.0.0.1:<port> as TARGET_URL and never sees a token.
 * Hand-written on node:http/https: client-node has no service-proxy forwarder.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Cluster } from './cluster.js';

export interface Forwarder {
  url: string;
  close(): Promise<void>;
}

/** The service proxy path; `port` is the Service port's name (the proxy matches endpoints by it). */
export function serviceProxyPath(namespace: string, service: string, port: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${encodeURIComponent(port)}/proxy`;
}

export async function forwardToService(cluster: Cluster, service: string, portName: string): Promise<Forwarder> {
  const base = new URL(cluster.server);
  const prefix = base.pathname.replace(/\/$/, '') + serviceProxyPath(cluster.namespace, service, portName);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const headers = { ...req.headers };
      delete headers.host;
      delete headers.authorization;
      const opts: RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: prefix + (req.url ?? '/'),
        headers,
      };
      await cluster.applyTo(opts);
      const up = request(opts, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`immutable-deploy: the API server's service proxy did not answer: ${err.message}\n`);
      });
      req.pipe(up);
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`immutable-deploy: ${err.message}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

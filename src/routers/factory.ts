/** Chooses the router from the config; each router's code is loaded only when it is used. */
import type { HostEntry, RouterConfig } from '../config/types.js';
import type { Router, RouterDeps } from './types.js';

export async function createRouter(cfg: RouterConfig, deps: RouterDeps, hosts: readonly HostEntry[] = []): Promise<Router | undefined> {
  // Hosts with their own balancer (router= on every hosts line): one router over them all.
  if (hosts.length > 0 && hosts.every((h) => h.router !== undefined)) return createHostsRouter(cfg, hosts, deps);
  switch (cfg.kind) {
    case 'none':
      return undefined;
    case 'nginx':
      if (cfg.routesFile) return new (await import('./nginx/njs.js')).NjsRouter(cfg, deps);
      return new (await import('./nginx/index.js')).NginxRouter(cfg, deps);
    case 'haproxy':
      return new (await import('./haproxy/index.js')).HaproxyRouter(cfg, deps);
    case 'caddy':
      return new (await import('./caddy/index.js')).CaddyRouter(cfg, deps);
    case 'command':
      return new (await import('./command/index.js')).CommandRouter(cfg, deps);
  }
}

/**
 * One HAProxy per host (hosts lines with router=): a socket path on an ssh:// host is reached through the run's
 * ssh connection to that host (stream-local forwarding, src/drivers/ssh); on a unix:// host (this machine) it is
 * a local path; host:port is reached from the runner.
 */
async function createHostsRouter(cfg: RouterConfig, hosts: readonly HostEntry[], deps: RouterDeps): Promise<Router> {
  if (cfg.kind !== 'haproxy')
    throw new Error(`router= on the hosts lines names each host's own HAProxy, and the router is "${cfg.kind}": set router: haproxy (src/config/read.ts refuses this first).`);
  const [{ HaproxyRouter }, { HostsRouter }, { openRemoteSocket }] = await Promise.all([
    import('./haproxy/index.js'),
    import('./hosts/index.js'),
    import('../drivers/ssh/index.js'),
  ]);
  return new HostsRouter(
    hosts.map((h) => {
      const socket = h.router!;
      const connect = socket.startsWith('/') && h.endpoint.startsWith('ssh://') ? () => openRemoteSocket(h.endpoint, socket) : undefined;
      const router = new HaproxyRouter({ ...cfg, socket, stateFile: undefined }, deps, { connect, on: h.endpoint });
      return { name: h.endpoint, address: h.address, router, counters: { socket, connect, on: h.endpoint } };
    }),
  );
}

/** Chooses the router from the config; each router's code is loaded only when it is used. */
import type { RouterConfig } from '../config/types.js';
import type { Router, RouterDeps } from './types.js';

export async function createRouter(cfg: RouterConfig, deps: RouterDeps): Promise<Router | undefined> {
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

/** Chooses the metrics source from the config; each source's code is loaded only when it is used. */
import type { MetricsConfig, RouterConfig } from '../config/types.js';
import type { Runner } from '../support/exec.js';
import type { MetricsSource } from './types.js';
import type { StatSocket } from './balancer.js';

/** `balancers`: the runtime APIs of the balancers the judged pool is behind, when there is one per host (waves); else router's socket. */
export async function createSource(m: MetricsConfig, router: RouterConfig, run: Runner, balancers?: readonly StatSocket[]): Promise<MetricsSource> {
  switch (m.kind) {
    case 'balancer':
      // inputs.ts allows metrics: balancer only with router: haproxy.
      if (router.kind !== 'haproxy') throw new Error(`metrics: balancer needs router: haproxy (the router is ${router.kind}).`);
      return new (await import('./balancer.js')).HaproxyStatSource(balancers?.length ? balancers : router.socket);
    case 'prometheus':
      return new (await import('./prometheus.js')).PrometheusSource(m.url, m.queries);
    case 'command':
      return new (await import('./command.js')).CommandSource(m.command, run, Date.now, m.everyPoll);
  }
}

/**
 * What the release asks of its router, checked before anything is built or started: canary steps (a share
 * below 100%) need a router that splits traffic by weight. A router says it cannot (weighted: false, e.g.
 * the Kubernetes Service selector, which picks one pool; Caddy 2.6; nginx in reload mode); the release then
 * refuses, naming the input and the router's own reason. One check for every router: the inputs that choose
 * a router do not refuse canary themselves.
 */
import type { Config } from '../config/types.js';
import { DeployError } from '../support/errors.js';
import type { Router } from '../routers/types.js';

export function checkStrategy(cfg: Pick<Config, 'delivery'>, router: Router | undefined): void {
  const { delivery } = cfg;
  const partial = delivery.strategy === 'canary' && delivery.steps.some((s) => s < 100);
  if (!partial || !router) return;
  if (router.weighted !== false && delivery.baseline && router.maxGroups !== undefined && router.maxGroups < 3)
    throw new DeployError(
      `baseline: true needs a router that weights three pools at once (the stable version, its baseline and the canary), and ${router.describe()} ` +
        `weights ${router.maxGroups}. Nothing was started.`,
      'Leave baseline out here (the canary is then judged by max-error-rate and max-response-ms), or put a balancer that weights any number of pools ' +
        '(haproxy, nginx with nginx-routes-file, command) in front.',
    );
  if (router.weighted !== false) return;
  throw new DeployError(
    `strategy: canary with canary-steps ${delivery.steps.join(', ')} needs a router that splits traffic by weight, and ${router.describe()} cannot: ` +
      `${router.unweightedBecause ?? 'it sends all traffic to one pool'}. Nothing was started.`,
    `Use strategy: blue-green here (bake-seconds still judges the new version after the switch and rolls back on a breach), ` +
      'or put a balancer that can weigh (haproxy, nginx with nginx-routes-file, command) in front.',
  );
}

/**
 * What the release asks of its router, checked before anything is built or started: canary steps (a share
 * below 100%) need a router that splits traffic by weight. A router says it cannot (weighted: false, e.g.
 * the Kubernetes Service selector, which picks one pool; Caddy 2.6; nginx in reload mode); the release then
 * refuses, naming the input and the router's own reason. One check for every router: the inputs that choose
 * a router do not refuse canary themselves.
 */
import type { Config } from '../config/types.js';
import { DeployError } from '../support/errors.js';
import { formatSticky, type Router } from '../routers/types.js';

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

/**
 * Testers first (preview-header): the router must hold a preview route (HAProxy, nginx njs, Caddy, command), or the
 * platform must reach each new pool on an address of its own (Kubernetes: the preview Service, PREVIEW_URL).
 * `size`: the new pool's instances. Refuses before anything starts, saying what to set up.
 */
export async function checkPreview(cfg: Pick<Config, 'delivery'>, router: Router | undefined, platform: { reach?: unknown }, size: number): Promise<void> {
  const header = cfg.delivery.previewHeader;
  if (!header) return;
  if (router?.preview) {
    await router.checkPreview?.(header, size);
    return;
  }
  if (platform.reach) return;
  throw new DeployError(
    `preview-header: ${header} needs a preview route in the balancer, and ${router ? router.describe() : 'router "none"'} has none. Nothing was started.`,
    'Use router haproxy (a <backend>-preview backend), nginx with nginx-routes-file, caddy (a reverse_proxy with "@id": "<id>-preview") or command ' +
      '(ROUTER_ACTION=preview); see docs/canary.md "Testers first". Or leave preview-header empty.',
  );
}

/**
 * Sticky users: with canary steps, the router must keep a client on one version (router.stick, which also
 * tells it how). Refuses before anything starts.
 */
export async function checkSticky(cfg: Pick<Config, 'delivery'>, router: Router | undefined): Promise<void> {
  const { delivery } = cfg;
  const sticky = delivery.sticky;
  if (!sticky || delivery.strategy !== 'canary' || !delivery.steps.some((s) => s < 100) || !router) return;
  if (router.stick) {
    await router.stick(sticky);
    return;
  }
  throw new DeployError(
    `sticky: ${formatSticky(sticky)} needs a router that keeps a client on one version during canary steps, and ${router.describe()} cannot. Nothing was started.`,
    'Use nginx with nginx-routes-file (a stable hash in the shipped njs script), haproxy with hash balancing (see docs/canary.md "Sticky users"), ' +
      'or command (it gets STICKY); or leave sticky empty.',
  );
}

/**
 * command: maintenance needs a router that can serve a maintenance page beside the live pool; one that cannot
 * (router none, nginx in reload mode, the Kubernetes Service selector) says so before anything starts. Returns
 * the router that can.
 */
export function checkMaintenance(cfg: Pick<Config, 'app' | 'environment'>, router: Router | undefined): Router & Required<Pick<Router, 'maintenance'>> {
  if (router?.maintenance) return router as Router & Required<Pick<Router, 'maintenance'>>;
  throw new DeployError(
    `command: maintenance needs a balancer that can answer with a maintenance page, and ${router ? router.describe() : `${cfg.app} in ${cfg.environment} has no router (router: none)`} cannot. Nothing was changed.`,
    'Maintenance mode works with router haproxy (a map and one line in the backend), nginx with nginx-routes-file (the njs mode), caddy (a route the action adds) and command (ROUTER_ACTION=maintenance); see docs/routers.md.',
  );
}

/**
 * Hosts with their own balancer, and waves (issue 21 §6), before anything starts: a balancer per host needs a
 * platform of hosts that does not route itself (not Kubernetes); `waves` needs such a router (router= on every
 * hosts line), at least two hosts, and blue-green (waves and canary-steps together are not supported: each wave
 * flips its hosts whole and is judged for wave-bake-seconds).
 */
export function checkWaves(
  cfg: Pick<Config, 'delivery'>,
  platform: { readonly kind: string; readonly targets: readonly { name: string }[]; readonly routes?: unknown },
  router: Router | undefined,
): void {
  const { waves } = cfg.delivery;
  if (router?.hosts && platform.routes)
    throw new DeployError(
      `router= on the hosts lines gives each host its own balancer, and the ${platform.kind} platform routes by itself. Nothing was started.`,
      'Leave router= out of hosts with runtime: kubernetes (the Service is the router).',
    );
  if (waves.length === 0) return;
  const shown = waves.map((w) => ('hosts' in w ? String(w.hosts) : `${w.percent}%`)).join(', ');
  if (platform.routes || platform.targets.length < 2)
    throw new DeployError(
      `waves: ${shown} releases the hosts of a fleet in groups, and ${platform.routes ? `the ${platform.kind} platform has no hosts` : `this run has ${platform.targets.length} host`}. Nothing was started.`,
      'Give at least two hosts (the hosts input, each with router=), or leave waves empty.',
    );
  if (!router?.forHosts || !router.hosts)
    throw new DeployError(
      `waves: ${shown} flips each wave's hosts' own balancers, and ${router ? router.describe() : 'router "none"'} is one balancer for the whole fleet. Nothing was started.`,
      "Add router=<socket> to every hosts line (the runtime API of that host's HAProxy, e.g. router=/run/haproxy/admin.sock, reached through the host's ssh connection), or leave waves empty.",
    );
  const missing = platform.targets.filter((t) => !router.hosts!.includes(t.name));
  if (missing.length)
    throw new DeployError(`waves: ${missing.map((t) => t.name).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no balancer of its own. Nothing was started.`, 'Add router=<socket> to every hosts line.');
  if (cfg.delivery.strategy === 'canary')
    throw new DeployError(
      `waves: ${shown} with strategy: canary: waves and canary-steps together are not supported (each wave flips its hosts whole, then is judged for wave-bake-seconds). Nothing was started.`,
      'Use strategy: blue-green with waves and wave-bake-seconds, or canary without waves.',
    );
}

/** src/release/capability.ts: canary steps need a router that can weigh; refused before anything starts. */
import { describe, expect, it } from 'vitest';
import { checkStrategy } from '../../src/release/capability.js';
import type { DeliveryConfig } from '../../src/config/types.js';
import type { Router } from '../../src/routers/types.js';
import { createRouter } from '../../src/routers/factory.js';
import { readConfig } from '../../src/config/read.js';
import { realDeps } from '../helpers/router-deps.js';

const delivery = (over: Partial<DeliveryConfig>): { delivery: DeliveryConfig } => ({
  delivery: { strategy: 'blue-green', steps: [100], stepSeconds: 60, bakeSeconds: 0, thresholds: { maxErrorRate: 1, maxResponseMs: undefined, minRequests: 0 }, metrics: undefined, baseline: undefined, ...over },
});
const router = (weighted: boolean | undefined, maxGroups?: number): Router =>
  ({ kind: 'x', weighted, maxGroups, describe: () => 'Service shop in namespace web', current: () => Promise.resolve([]), shift: () => Promise.resolve() });

describe('checkStrategy', () => {
  it('refuses canary steps on a router that cannot weigh, naming the steps, the router and what to use', () => {
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 50, 100] }), router(false))).toThrow(
      /canary-steps 10, 50, 100 needs a router that splits traffic by weight, and Service shop in namespace web cannot.*Nothing was started/,
    );
  });
  it('lets blue-green (with a bake) through on such a router, and canary through on one that can weigh or does not say', () => {
    expect(() => checkStrategy(delivery({ bakeSeconds: 30 }), router(false))).not.toThrow();
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [100] }), router(false))).not.toThrow();
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 100] }), router(true))).not.toThrow();
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 100] }), router(undefined))).not.toThrow();
  });
  it('refuses baseline: true on a router that weights fewer than three pools (the Kubernetes replica ratio), before anything starts', () => {
    const baseline = { maxErrorRateIncrease: 1, maxResponseIncrease: undefined, confidence: 0.95 };
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 100], baseline }), router(true, 2))).toThrow(
      /baseline: true needs a router that weights three pools at once .* and Service shop in namespace web weights 2\. Nothing was started/,
    );
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 100] }), router(true, 2))).not.toThrow();
    expect(() => checkStrategy(delivery({ strategy: 'canary', steps: [10, 100], baseline }), router(true))).not.toThrow();
  });

  it('refuses canary on Caddy 2.6 and on nginx in reload mode through the same check, with the router\'s reason', async () => {
    const routerFor = async (inputs: Record<string, string>) => {
      const cfg = readConfig((n) => ({ app: 'shop', strategy: 'canary', 'canary-steps': '10, 100', metrics: 'command', 'analysis-command': 'true', ...inputs })[n] ?? '');
      return { cfg, router: await createRouter(cfg.router, realDeps()) };
    };
    const caddy = await routerFor({ router: 'caddy', 'caddy-admin-url': 'http://127.0.0.1:2019' });
    expect(() => checkStrategy(caddy.cfg, caddy.router)).toThrow(/Caddy 2\.6 \(Debian 12\) has no weighted load-balancing policy.*Nothing was started/);
    const reload = await routerFor({ router: 'nginx', 'nginx-upstream-file': '/etc/nginx/shop.conf' });
    expect(() => checkStrategy(reload.cfg, reload.router)).toThrow(/nginx in reload mode.*nginx-routes-file/);
    const njs = await routerFor({ router: 'nginx', 'nginx-routes-file': '/var/lib/shop.json' });
    expect(() => checkStrategy(njs.cfg, njs.router)).not.toThrow();
  });
});

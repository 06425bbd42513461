/**
 * src/release/capability.ts: canary steps need a router that can weigh, preview-header a preview route, sticky a router that
 * keeps a client on one version; each refused before anything starts.
 */
import { describe, expect, it } from 'vitest';
import { checkMaintenance, checkPreview, checkStrategy, checkSticky } from '../../src/release/capability.js';
import type { DeliveryConfig } from '../../src/config/types.js';
import type { Router } from '../../src/routers/types.js';
import { createRouter } from '../../src/routers/factory.js';
import { readConfig } from '../../src/config/read.js';
import { realDeps } from '../helpers/router-deps.js';

const delivery = (over: Partial<DeliveryConfig>): { delivery: DeliveryConfig } => ({
  delivery: { strategy: 'blue-green', steps: [100], stepSeconds: 60, bakeSeconds: 0, waves: [], waveBakeSeconds: 0, thresholds: { maxErrorRate: 1, maxResponseMs: undefined, minRequests: 0 }, metrics: undefined, pauses: [], pauseTimeoutSec: 86_400, mode: 'enforce', loadCommand: undefined, previewHeader: undefined, previewUrl: undefined, sticky: undefined, baseline: undefined, ...over },
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

describe('checkPreview', () => {
  const plain = router(true);
  it('refuses preview-header on a router without a preview route when the platform has no preview address of its own', async () => {
    await expect(checkPreview(delivery({ previewHeader: 'X-Preview' }), plain, {}, 2)).rejects.toThrow(
      /preview-header: X-Preview needs a preview route in the balancer, and Service shop in namespace web has none\. Nothing was started/,
    );
    await expect(checkPreview(delivery({ previewHeader: 'X-Preview' }), undefined, {}, 2)).rejects.toThrow(/router "none" has none/);
  });
  it("asks the router whether its preview route holds the pool; a platform's own preview address (Kubernetes) is enough", async () => {
    const sizes: number[] = [];
    const withPreview: Router = { ...plain, preview: () => Promise.resolve(), checkPreview: (_h, size) => (sizes.push(size), Promise.resolve()) };
    await checkPreview(delivery({ previewHeader: 'X-Preview' }), withPreview, {}, 3);
    expect(sizes).toEqual([3]);
    await expect(checkPreview(delivery({ previewHeader: 'X-Preview' }), plain, { reach: () => undefined }, 2)).resolves.toBeUndefined();
    await expect(checkPreview(delivery({}), plain, {}, 2)).resolves.toBeUndefined();
  });
});

describe('checkSticky', () => {
  const canary = { strategy: 'canary' as const, steps: [10, 50, 100], sticky: { kind: 'cookie' as const, name: 'user' } };
  it('refuses sticky with canary steps on a router that cannot keep a client on one version', async () => {
    await expect(checkSticky(delivery(canary), router(true))).rejects.toThrow(/sticky: cookie:user needs a router that keeps a client on one version.*Nothing was started/);
  });
  it('tells a router that can how, and lets blue-green through untouched', async () => {
    const told: unknown[] = [];
    const sticky: Router = { ...router(true), stick: (how) => (told.push(how), Promise.resolve()) };
    await checkSticky(delivery(canary), sticky);
    expect(told).toEqual([{ kind: 'cookie', name: 'user' }]);
    await expect(checkSticky(delivery({ sticky: { kind: 'source' } }), router(true))).resolves.toBeUndefined();
  });
});

describe('checkMaintenance', () => {
  it('refuses a router without maintenance (nginx reload mode, the Service selector) and router none, saying which can', () => {
    const cfg = { app: 'shop', environment: 'production' };
    expect(() => checkMaintenance(cfg, router(false))).toThrow(/needs a balancer that can answer with a maintenance page, and Service shop in namespace web cannot.*Nothing was changed/);
    expect(() => checkMaintenance(cfg, undefined)).toThrow(/shop in production has no router \(router: none\)/);
    const can = { ...router(true), maintenance: () => Promise.resolve() };
    expect(checkMaintenance(cfg, can)).toBe(can);
  });
});

/**
 * Testers first (preview-header): the preview route of a deploy. Under the lock, before the pool is launched, a
 * route a killed run left is emptied; once every new instance is healthy and checked, requests that carry the header
 * go to the new pool through the balancer (the acceptance command gets PREVIEW_URL and PREVIEW_HEADER); when the run
 * ends (success, abort, failure, cancel) the route is emptied again. A platform that reaches each new pool on an
 * address of its own (Kubernetes: the preview Service) needs no route: PREVIEW_URL is that address.
 */
import { errorMessage } from '../support/errors.js';
import { onInterrupt } from '../support/interrupt.js';
import type { Instance } from '../core/model.js';
import type { PreviewStage } from './verify.js';
import type { ReleaseDeps } from './steps.js';

export interface PreviewRun {
  /** For launchPool; undefined without preview-header. */
  stage: PreviewStage | undefined;
  /** Empty the route (the run ends). Never throws: a failure is a warning naming what is left. */
  close(): Promise<void>;
}

const NONE: PreviewRun = { stage: undefined, close: () => Promise.resolve() };

export async function openPreview(d: ReleaseDeps, version: string): Promise<PreviewRun> {
  const header = d.cfg.delivery.previewHeader;
  if (!header) return NONE;
  const router = d.router;
  if (!router?.preview) return { stage: { header, url: undefined }, close: () => Promise.resolve() };
  const preview = router.preview.bind(router);
  // A run killed while its preview route was filled left it pointing at a pool that converge has removed.
  await preview({ header, addresses: [] });
  let filled = false;
  // One emptying, shared: a cancel (the interrupt task) and the run's own end (a failure the cancel caused) may
  // both close; the interrupt handler must wait for the same emptying, not return while it is still in flight.
  let closing: Promise<void> | undefined;
  const empty = async () => {
    try {
      await preview({ header, addresses: [] });
      d.log.info(`Preview route emptied: requests with ${header} go where every other request goes.`);
    } catch (err) {
      d.log.warning(
        `Could not empty the preview route of ${router.describe()} (${errorMessage(err)}): requests with ${header} may still reach ${version}. ` +
          'The next deploy with preview-header empties it first.',
        'Preview route not emptied',
      );
    }
  };
  const close = (): Promise<void> => (filled ? (closing ??= empty()) : Promise.resolve());
  const forget = onInterrupt(close, 'route');
  return {
    stage: {
      header,
      url: d.cfg.delivery.previewUrl,
      fill: async (instances: Instance[]) => {
        filled = true;
        const addresses = instances.flatMap((i) => (i.address ? [i.address] : []));
        await preview({ header, addresses, version });
        d.log.info(`Preview: requests with ${header} go to ${version} through ${router.describe()}; every other request as before.`);
      },
    },
    close: async () => {
      forget();
      await close();
    },
  };
}

/**
 * Deploy freezes (issue 21): a deploy or a recycle inside a `freeze` window is refused before anything is
 * built, naming the window and when it ends, unless `freeze-override` gives a reason (then the summary, the
 * GitHub Deployment and the notifications carry it). Rollback and maintenance are never frozen (incidents).
 */
import { activeFreeze, describeEnd } from '../config/freeze.js';
import { DeployError } from '../support/errors.js';
import type { ReleaseDeps } from './steps.js';

/** Throws when a window holds now and no override is given; returns the override's reason when one was used. */
export function checkFreeze(d: Pick<ReleaseDeps, 'cfg' | 'log' | 'report'>, now = Date.now()): string | undefined {
  const { cfg } = d;
  const f = activeFreeze(cfg.ops.freeze, now);
  if (!f) return undefined;
  const holds = `the freeze window "${f.window.line}" holds until ${describeEnd(f)}`;
  const override = cfg.ops.freezeOverride;
  if (!override)
    throw new DeployError(
      `command: ${cfg.command} of ${cfg.app} in ${cfg.environment} is frozen: ${holds}. Nothing was built or changed.`,
      'Deploy after the window ends, or give freeze-override with the reason (it goes into the job summary, the GitHub Deployment and the notifications). ' +
        'Rollbacks are never frozen.',
    );
  d.log.warning(`Deploying inside a freeze: ${holds}. freeze-override: ${override}`, 'Freeze overridden');
  d.report.section(`### Freeze overridden\n\n${holds.replace(/^t/, 'T')}.\n\nReason (freeze-override): ${override}`);
  return `freeze override: ${override}`;
}

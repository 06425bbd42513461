/**
 * Human gates: command: promote and command: abort of a canary paused at `pause` in canary-steps, and what
 * the other commands do while one waits. Plain use cases over Platform and Router like deploy and rollback:
 * everything they act on comes from the pause's intent record (src/release/pause.ts) and what the platform
 * and the balancer report, read again under the lock; nothing is guessed.
 *
 *   promote  the remaining steps of the recorded plan, each judged as usual (and the bake), then settle;
 *            another `pause` in the plan pauses again
 *   abort    all traffic back to the stable pool (a recorded shift back), the canary's pool removed
 *   past the pause-timeout, the next deploy, promote, rollback or recycle aborts it first (converge.ts)
 */
import { DeployError } from '../support/errors.js';
import { formatLeft, pauseLeftMs, pausedCanary } from '../core/history.js';
import { pools, up } from '../core/plan.js';
import type { Pool, ReleaseRecord } from '../core/model.js';
import { abortPaused, converge, pausedAt, type Paused } from './converge.js';
import { deliver } from './progressive.js';
import { emitPaused, gateCommand, pausedShare, reportPause, type PausedIntent } from './pause.js';
import { events, withEvents, type EventState } from './events.js';
import { dropPending, observe, recorded, settle, withLock, withRecordedSpec, type Observation, type ReleaseDeps } from './steps.js';

/** The paused canary that still waits (within its pause-timeout), if any. */
export function activePause(records: readonly ReleaseRecord[], now = new Date()): PausedIntent | undefined {
  const p = pausedCanary(records);
  return p && pauseLeftMs(p, now) > 0 ? p : undefined;
}

/**
 * A deploy while a canary waits: of the same version it is that canary (true: reported, nothing to do; `say`
 * false stays quiet, for the check before the lock); of another version it fails, changing nothing. A pause
 * past its timeout does not stop it (converge aborts it first).
 */
export function refusePaused(d: ReleaseDeps, records: readonly ReleaseRecord[], version: string, say = true): boolean {
  const p = activePause(records);
  if (!p) return false;
  if (p.next.version === version) {
    if (say) {
      d.log.info(`${version} is the canary paused at ${pausedAt(p.pause)}: nothing to do. command: promote goes on, command: abort goes back.`);
      reportPause(d, p);
    }
    return true;
  }
  throw blocked(d, p, `a deploy of ${version}`);
}

/** The error of a command that would change traffic under a paused canary (a deploy of another version, a rollback, a recycle). */
export function blocked(d: Pick<ReleaseDeps, 'cfg' | 'ctx'>, p: Paused, what: string): DeployError {
  const share = pausedShare(p.pause);
  return new DeployError(
    `A canary of ${p.next.version} in ${d.cfg.environment} is paused at ${pausedAt(p.pause)} (${share}% of the traffic, ` +
      `${p.stable?.version ?? 'the stable version'} the rest), waiting for command: promote or abort until ${p.pause.until} ` +
      `(${formatLeft(pauseLeftMs(p, new Date()))} left): ${what} is refused while it waits. Nothing was changed.`,
    `Decide on the canary first: \`${gateCommand(d, 'promote')}\` goes on with its remaining steps, ` +
      `\`${gateCommand(d, 'abort')}\` gives ${p.stable?.version ?? 'the stable version'} all traffic back. ` +
      `Past ${p.pause.until}, the next run aborts it first by itself.`,
  );
}

function nothingPaused(d: ReleaseDeps, command: 'promote' | 'abort', o: Observation): DeployError {
  const live = o.observed.live;
  return new DeployError(
    `No canary of ${d.cfg.app} in ${d.cfg.environment} is paused: there is nothing to ${command}. ` +
      `${live ? `${live.version} is live` : 'Nothing is live'}. Nothing was changed.`,
    'A canary pauses at `pause` in canary-steps (e.g. 5, 25, pause, 50); command: status shows one that waits.',
  );
}

/** The stable and the canary pool the pause names, as they run now; a clear error when one is gone. */
function pausedPools(d: ReleaseDeps, o: Observation, p: Paused): { stable: Pool; next: Pool } {
  const stable = p.stable ? pools(o.instances.filter((i) => i.verified && up(i))).find((x) => x.id === p.stable!.pool) : undefined;
  const next = pools(o.instances.filter((i) => i.verified && up(i))).find((x) => x.id === p.next.pool);
  if (!stable || !next)
    throw new DeployError(
      `The canary of ${p.next.version} paused at ${pausedAt(p.pause)} cannot go on: ` +
        `${!next ? `its pool (${p.next.pool}) is not running` : `the stable pool of ${p.stable?.version ?? '?'} (${p.stable?.pool ?? 'none'}) is not running`}. Nothing was changed.`,
      `Run command: abort (it gives what serves back to the stable version where it can), then deploy ${p.next.version} again.`,
    );
  return { stable, next };
}

function needsRouter(d: ReleaseDeps, command: string): void {
  if (!d.router)
    throw new DeployError(
      `command: ${command} needs the router the canary runs behind, and none is configured or recorded for ${d.cfg.app} in ${d.cfg.environment}.`,
      'Give the router inputs of your deploy step.',
    );
}

/** command: promote — a paused canary goes on with the remaining steps of its recorded plan, each judged. */
export async function promote(given: ReleaseDeps): Promise<void> {
  const state: EventState = {};
  const paused = await withEvents(given, state, () => promoteVersion(given, state));
  if (paused) return emitPaused(given, state, paused);
  await events(given).emit('succeeded', state);
}

async function promoteVersion(given: ReleaseDeps, state: EventState): Promise<PausedIntent | undefined> {
  const { d, seen } = await withRecordedSpec(given);
  needsRouter(d, 'promote');
  const first = await observe(d, true, seen);
  if (!pausedCanary(first.records)) throw nothingPaused(d, 'promote', first);
  return withLock(d, async () => {
    const { o, remaining, paused, expired } = await converge(d);
    if (!paused) {
      if (expired)
        throw new DeployError(
          `Nothing to promote any more: ${expired.said}`,
          `Deploy ${expired.pause.next.version} again (with its canary steps) if it should still go out.`,
        );
      throw nothingPaused(d, 'promote', o);
    }
    const { stable, next } = pausedPools(d, o, paused);
    const { pause } = paused;
    const rest = pause.steps.slice(pause.after + 1);
    d.log.info(
      `Promoting ${next.version}, paused at ${pausedAt(pause)} by ${paused.runUrl || 'a run'}: on with ${rest.map((s) => `${s}%`).join(', ')}, each judged as usual.`,
    );
    const i = next.instances[0]!;
    Object.assign(state, { version: next.version, previousVersion: stable.version });
    await events(d).emit('started', { ...state, detail: `promoted from ${pausedAt(pause)}` });
    const delivery = await recorded(
      d,
      { sha: i.revision, version: next.version, digest: i.digest, previousVersion: stable.version, rollback: false },
      async () => {
        const delivery = await deliver(d, next, stable, undefined, { steps: pause.steps, pauses: pause.pauses, from: pause.after + 1 });
        if (delivery.paused) return delivery;
        d.report.output('paused', 'false');
        const kept = await dropPending(d, o, next);
        await settle(d, [...remaining, ...kept, ...next.instances], next, stable, delivery.flipMs, true);
        return delivery;
      },
      {
        open: (r) => !!r.paused,
        adopt: pause.deployment !== undefined ? { id: pause.deployment, description: `Promoting ${next.version} from ${pausedShare(pause)}%` } : undefined,
      },
    );
    return delivery.paused;
  });
}

/** command: abort — a paused canary: all traffic back to the stable pool, the canary's pool removed. */
export async function abort(given: ReleaseDeps): Promise<void> {
  const { d, seen } = await withRecordedSpec(given);
  needsRouter(d, 'abort');
  const first = await observe(d, true, seen);
  if (!pausedCanary(first.records)) throw nothingPaused(d, 'abort', first);
  await withLock(d, async () => {
    const { o, paused, expired } = await converge(d);
    // Past its pause-timeout, converge has aborted it already (and said so): that is what was asked.
    const p = paused ?? expired?.pause;
    if (!p) throw nothingPaused(d, 'abort', o);
    const i = o.instances.find((x) => x.pool === p.next.pool);
    const said = await recorded(
      d,
      { sha: i?.revision ?? d.ctx.sha, version: p.next.version, digest: i?.digest ?? '', previousVersion: p.stable?.version, rollback: false },
      async () =>
        expired
          ? expired.said
          : abortPaused(d, o, p, `The canary of ${p.next.version} paused at ${pausedAt(p.pause)} is aborted (command: abort)`),
      {
        adopt: p.pause.deployment !== undefined ? { id: p.pause.deployment, description: `Aborting ${p.next.version} at ${pausedShare(p.pause)}%` } : undefined,
        failure: `Aborted at ${pausedShare(p.pause)}%: ${p.stable?.version ?? 'the stable version'} serves`,
      },
    );
    d.report.output('paused', 'false');
    d.report.output('live-version', p.stable?.version ?? '');
    d.log.info(said);
    await events(d).emit('aborted', { version: p.next.version, previousVersion: p.stable?.version, reason: expired ? 'pause-timeout ran out' : 'command: abort', detail: said });
  });
}

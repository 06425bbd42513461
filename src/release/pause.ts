/**
 * Human gates (`pause` in canary-steps): a pause is release state written down. After the step it follows
 * was judged, the run records an intent of step `pause` (the stable and the canary pool, the weights they
 * have, the canary's plan, where it stopped, until when it waits, the GitHub Deployment left in progress)
 * and ends with a success. That intent stays open: command: promote goes on from it, command: abort goes
 * back from it, command: status shows it, and past its `until` the next run aborts it first
 * (src/release/converge.ts). Nobody guesses: everything comes from this record.
 */
import { randomHex } from '../support/ids.js';
import { formatLeft, pauseLeftMs } from '../core/history.js';
import { poolRef, type IntentRecord, type PauseState, type Pool } from '../core/model.js';
import type { Routing } from '../routers/types.js';
import { recordHead, recorded, routedRef, RUN_ID, type ReleaseDeps } from './steps.js';
import { events, type EventState } from './events.js';

export type PausedIntent = IntentRecord & { pause: PauseState };

/** Where the canary goes on from: the plan, and the index of the first step still to come. */
export interface CanaryPlan {
  steps: number[];
  pauses: number[];
  /** The first step to shift to (0 on a deploy; after a pause, the step after it). */
  from: number;
}

/** The example workflow the summary names (examples/workflows/canary-gate.yml). */
export const GATE_WORKFLOW = 'canary-gate.yml';

/** Records that the canary `next` waits at step `after` of `plan`, with `to` applied. Returns the intent. */
export async function recordPause(d: ReleaseDeps, next: Pool, stable: Pool, to: Routing, plan: CanaryPlan, after: number): Promise<PausedIntent> {
  const now = new Date();
  const intent: PausedIntent = {
    kind: 'intent',
    ...recordHead(d, now),
    id: randomHex(6),
    run: RUN_ID,
    step: 'pause',
    name: `pause after step ${after + 1}/${plan.steps.length}`,
    stable: poolRef(stable),
    next: poolRef(next),
    routing: [stable, next].map((p) => routedRef(p, to)),
    final: false,
    spec: next.instances[0]?.spec,
    pause: {
      until: new Date(now.getTime() + d.cfg.delivery.pauseTimeoutSec * 1000).toISOString(),
      steps: plan.steps,
      pauses: plan.pauses,
      after,
      ...(d.deployment !== undefined ? { deployment: d.deployment } : {}),
    },
  };
  await d.platform.writeRecord(intent);
  return intent;
}

/**
 * The GitHub Deployment a paused run left in progress, finished as a failure once its canary was aborted by
 * a later run (its pause-timeout ran out).
 */
export async function closePausedDeployment(d: ReleaseDeps, p: PausedIntent, description: string): Promise<void> {
  if (p.pause.deployment === undefined) return;
  await recorded(
    d,
    { sha: d.ctx.sha, version: p.next.version, digest: '', previousVersion: p.stable?.version, rollback: false },
    () => Promise.resolve(),
    { adopt: { id: p.pause.deployment, description: `Aborting ${p.next.version}` }, failure: description },
  );
}

/** The `paused` event (notify-webhook, src/notify/): where the canary waits, until when, and how to go on. */
export async function emitPaused(d: ReleaseDeps, state: EventState, p: PausedIntent): Promise<void> {
  await events(d).emit('paused', {
    ...state,
    version: p.next.version,
    previousVersion: p.stable?.version,
    detail:
      `step ${p.pause.after + 1}/${p.pause.steps.length}: ${pausedShare(p.pause)}% to ${p.next.version}, waiting until ${p.pause.until}. ` +
      `Go on: ${gateCommand(d, 'promote')}  Go back: ${gateCommand(d, 'abort')}`,
  });
}

/** The share the paused canary was given (as its plan says). */
export const pausedShare = (p: PauseState): number => p.steps[p.after]!;

/** The `gh workflow run` line that goes on (promote) or back (abort). Pure. */
export function gateCommand(d: Pick<ReleaseDeps, 'cfg' | 'ctx'>, command: 'promote' | 'abort'): string {
  const repo = d.ctx.repository ? ` --repo ${d.ctx.repository}` : '';
  return `gh workflow run ${GATE_WORKFLOW}${repo} -f app=${d.cfg.app} -f environment=${d.cfg.environment} -f command=${command}`;
}

/**
 * Outputs (paused, paused-step, paused-share, paused-until) and the summary of a paused canary: its share,
 * the time left, and the exact commands that go on or back.
 */
export function reportPause(d: Pick<ReleaseDeps, 'cfg' | 'ctx' | 'report' | 'log'>, p: PausedIntent, now = new Date()): void {
  const { pause } = p;
  const share = pausedShare(pause);
  const left = pauseLeftMs(p, now);
  const rest = pause.steps.slice(pause.after + 1);
  const stable = p.stable?.version ?? 'the stable version';
  d.report.output('paused', 'true');
  d.report.output('paused-step', `${pause.after + 1}/${pause.steps.length}`);
  d.report.output('paused-share', String(share));
  d.report.output('paused-until', pause.until);
  const head =
    left > 0
      ? `### Paused: ${p.next.version} has ${share}% of the traffic (step ${pause.after + 1}/${pause.steps.length}), ${formatLeft(left)} left (until ${pause.until})`
      : `### Paused canary ran out: ${p.next.version} has ${share}% of the traffic (step ${pause.after + 1}/${pause.steps.length}); its pause-timeout ended ${formatLeft(-left)} ago (${pause.until})`;
  d.report.section(
    `${head}\n\n` +
      `The canary of ${d.cfg.app} in ${d.cfg.environment} waits for a person (paused by ${p.runUrl ? `[this run](${p.runUrl})` : 'a run'}). ` +
      `To go on with the remaining steps (${rest.map((s) => `${s}%`).join(', ')}), each judged as usual:\n\n` +
      '```\n' + gateCommand(d, 'promote') + '\n```\n\n' +
      `To go back (all traffic to ${stable}, ${p.next.version} removed):\n\n` +
      '```\n' + gateCommand(d, 'abort') + '\n```\n\n' +
      `(With the example examples/workflows/${GATE_WORKFLOW}; with a workflow of your own, its file name, or \`command: promote\` / \`command: abort\` ` +
      `with the inputs of your deploy step.) ` +
      `Past ${pause.until} (pause-timeout), the next deploy, promote, rollback or recycle of ${d.cfg.app} in ${d.cfg.environment} aborts the canary first; ` +
      `\`command: status\` shows it. A deploy of another version fails until then.`,
  );
}

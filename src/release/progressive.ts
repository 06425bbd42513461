/**
 * Progressive delivery (issue 11): move traffic to a verified pool in steps (canary-steps), each judged
 * by the metrics over step-seconds; after the pool has 100% (both strategies), bake: keep judging for
 * bake-seconds. Any breach: one shift back to 100% on the stable pool, the new pool removed (or kept
 * with keep-failed), and the run fails naming the metric, its value and the threshold.
 * Blue-green without a bake is the plain one-step switch (steps.ts switchOrUndo).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSource } from '../analysis/factory.js';
import type { MetricsSource, Numbers, OpenWindow, Subject, Verdict } from '../analysis/types.js';
import { describeFailure, errorRate, formatPercent } from '../analysis/verdict.js';
import { judgeWindow, SOURCE_RETRIES } from '../analysis/window.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { LockLostError } from '../platforms/lock.js';
import { lastLines, run, start } from '../support/exec.js';
import { onInterrupt } from '../support/interrupt.js';
import { instanceUrl, poolAddresses, type Instance, type Pool, type Target } from '../core/model.js';
import type { Platform } from '../platforms/types.js';
import { table } from '../github/summary.js';
import { allTo, formatRouting, type Router, type Routing } from '../routers/types.js';
import { poolShare } from '../core/plan.js';
import { stepGroups, stepRouting } from '../core/split.js';
import { baselineEnd } from './baseline.js';
import { events } from './events.js';
import { drainAndRetire, poolNames, readBack, recordFlip, shiftRecorded, switchOrUndo, type ReleaseDeps } from './steps.js';
import { deliveryChart } from './chart.js';
import { recordPause, reportPause, type CanaryPlan, type PausedIntent } from './pause.js';

/** One judged window, for the summary. */
export interface StepRecord {
  /** "step 1/3" or "bake". */
  name: string;
  share: number;
  /** The share the balancer's weights really give (HAProxy: whole server weights), when it differs. */
  realShare?: number | undefined;
  /** What gives it (Router.sharesBy): "weights" when unset. */
  sharesBy?: string | undefined;
  seconds: number;
  verdict: Verdict;
  /** The stable pool's numbers over the same window (sources that read it cheaply: balancer, prometheus), for the chart. */
  stable?: Numbers | undefined;
  /** Judged in analysis-mode dry-run: a breach is reported, never acted on. */
  dryRun?: boolean | undefined;
}

/** The outcome of a delivery: how long the shift to 100% took, or the pause it stopped at. */
export interface Delivery {
  flipMs: number | undefined;
  /** The canary waits at a human gate (its intent recorded): the run ends with a success, nothing settled. */
  paused?: PausedIntent | undefined;
}

/** The pools of a delivery: the stable one (undefined on a first deploy), the new one, and its baseline (baseline: true). */
interface Pools {
  stable: Pool | undefined;
  next: Pool;
  baseline: Pool | undefined;
}

/** The routing of a step (src/core/split.ts): `share` percent to `next`, as much to a baseline, the rest to `stable`. */
export { stepRouting } from '../core/split.js';

function cell(n: number | undefined, unit = ''): string {
  return n === undefined ? '–' : `${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit}`;
}

function verdictCell(v: Verdict, dryRun = false): string {
  if (v.result === 'pass') return 'pass';
  if (v.result === 'insufficient') return 'too few requests';
  return `**fail**${dryRun ? ' (dry-run: not aborted)' : ''}: ${v.metric === 'analysis-command' ? 'analysis command failed' : describeFailure(v)}`;
}

/** The share of `next` the balancer's weights really give at a step (undefined: as configured). */
function realShare(d: ReleaseDeps, p: Pools, share: number): number | undefined {
  const { stable, next, baseline } = p;
  if (!stable || share >= 100 || !d.router?.realShares) return undefined;
  try {
    const shares = d.router.realShares(stepGroups({ stable: stable.instances.length, baseline: baseline?.instances.length, next: next.instances.length }, share));
    return shares[shares.length - 1];
  } catch {
    return undefined;
  }
}

/** The summary table: one row per judged window. Pure. */
export function stepsTable(rows: readonly StepRecord[]): string {
  const rate = (n: Numbers | undefined) => (n?.errorRate === undefined ? '–' : formatPercent(n.errorRate));
  const time = (n: Numbers | undefined) => (n?.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`);
  // With a baseline: its requests, error rate and response time over the same window, beside the canary's.
  const withBaseline = rows.some((r) => r.verdict.baseline);
  const baseline = (r: StepRecord) => (withBaseline ? [cell(r.verdict.baseline?.requests), rate(r.verdict.baseline), time(r.verdict.baseline)] : []);
  return table(
    [
      'step',
      'share',
      'seconds',
      'requests',
      '5xx',
      'error rate',
      'response time',
      ...(withBaseline ? ['baseline requests', 'baseline error rate', 'baseline response time'] : []),
      'verdict',
    ],
    rows.map((r) => {
      const n: Numbers = r.verdict.numbers;
      return [
        r.name,
        r.realShare !== undefined && Math.abs(r.realShare - r.share) >= 0.005 ? `${r.share}% (${r.sharesBy ?? 'weights'} give ${Math.round(r.realShare * 100) / 100}%)` : `${r.share}%`,
        String(Math.round(r.seconds)),
        cell(n.requests),
        cell(n.errors),
        rate(n),
        time(n),
        ...baseline(r),
        verdictCell(r.verdict, r.dryRun),
      ];
    }),
  );
}

/**
 * Release `next` (verified) in place of `stable`: the steps of `plan` from its `from` (a deploy: the
 * configured canary-steps from the first; a promote: what is left of a paused canary), each judged, then the
 * bake. Returns the duration of the shift to 100% (ms), as switchOrUndo does (the flip is recorded once the
 * new pool has all the traffic), or the pause it stopped at (`pause` in canary-steps: recorded, see pause.ts).
 */
export async function deliver(d: ReleaseDeps, next: Pool, stable: Pool | undefined, baseline?: Pool, plan?: CanaryPlan): Promise<Delivery> {
  const { cfg, log, router } = d;
  const { delivery } = cfg;
  const canary = (delivery.strategy === 'canary' || !!plan) && !!stable;
  const steps = plan?.steps ?? (canary ? delivery.steps : [100]);
  const whole: CanaryPlan = { steps, pauses: plan?.pauses ?? (canary ? delivery.pauses : []), from: plan?.from ?? 0 };
  if (delivery.strategy === 'canary' && !stable) log.info(`Nothing of ${cfg.app} is live yet: no canary steps, ${next.version} gets all traffic at once.`);
  // The baseline goes when the run ends, whichever way (./baseline.ts): once the balancer gives it nothing.
  const base = baselineEnd(d, baseline);
  try {
    if (!router || (steps.length === 1 && delivery.bakeSeconds === 0) || !delivery.metrics) return { flipMs: await switchOrUndo(d, next, stable, true) };
    return await steps_(d, next, stable, base.pool, whole, canary);
  } finally {
    await base.end();
  }
}

/** The steps and the bake of a delivery (deliver), from `plan.from`; stops at a pause. */
async function steps_(d: ReleaseDeps, next: Pool, stable: Pool | undefined, baseline: Pool | undefined, plan: CanaryPlan, canary: boolean): Promise<Delivery> {
  const { cfg, log } = d;
  const router = d.router!;
  const { delivery } = cfg;
  const { steps, pauses } = plan;
  const pools: Pools = { stable, next, baseline: stable ? baseline : undefined };

  const source = await createSource(delivery.metrics!, cfg.router, run, router.counters);
  const records: StepRecord[] = [];
  let reported = false;
  const report = () => {
    if (reported || !records.length) return;
    reported = true;
    const mode = delivery.mode === 'dry-run' ? ', analysis-mode dry-run: judged and reported, never aborted' : '';
    const evidence =
      delivery.thresholds.minRequests > 0
        ? `A window passes only on evidence: at least min-requests ${delivery.thresholds.minRequests} requests to ${next.version} ` +
          '(it waits up to 3 times its length for them, then fails).'
        : 'min-requests 0: a window without requests passes on the other thresholds alone.';
    d.report.section(
      `### ${canary ? 'Canary steps' : 'Bake'} of ${next.version} (metrics: ${source.describe()}${mode})\n\n${stepsTable(records)}\n\n${evidence}\n\n` +
        deliveryChart(records, next.version, stable?.version),
    );
  };
  // Cancelled mid-way: traffic goes back to the stable pool and the new one goes, before the lock is released.
  const shifts = cancellableShifts(router);
  const back = async (to: Routing): Promise<void> => {
    if (stable) await shiftRecorded(d, { step: 'back', name: 'back (cancelled)', stable, next, to, final: true }, () => router.shift(to));
    else await router.shift(to);
  };
  // The shift back is a route task; the new pool goes in an instances task, after every route (the preview
  // route too) stopped sending to it. A failed shift back removes nothing (the pool still serves part of the traffic).
  let shiftedBack = false;
  const forgetRoute = onInterrupt(async () => {
    await shifts.cancel();
    shiftedBack = await shiftBackCancelled({ shift: back }, stable);
  }, 'route');
  const forgetPool = onInterrupt(async () => {
    if (shiftedBack) await retireCancelled(d.platform, next, cfg.release, pools.baseline);
  }, 'instances');
  const forget = () => {
    forgetRoute();
    forgetPool();
  };
  let flipMs: number | undefined;
  try {
    for (let n = plan.from; n < steps.length; n++) {
      const share = steps[n]!;
      const name = steps.length > 1 ? `step ${n + 1}/${steps.length}` : 'switch';
      // A run whose lock was taken over moves no more traffic: the next holder converges from its intent.
      lockHeld(d, next);
      const to = stepRouting(stable, next, share, pools.baseline);
      const started = performance.now();
      const last = share >= 100;
      const step = {
        step: last ? (delivery.bakeSeconds > 0 ? 'bake' : 'switch') : 'step',
        name,
        stable,
        next,
        to,
        final: last && delivery.bakeSeconds === 0,
        baseline: pools.baseline,
      } as const;
      const title = `${name}: ${share}% of traffic to ${next.version}${pools.baseline && !last ? ` and ${poolShare(pools.baseline, to)}% to its baseline (${pools.baseline.version})` : ''}`;
      try {
        await d.log.group(title, () => shiftRecorded(d, step, () => shifts.shift(to)));
      } catch (err) {
        // Cancelled: the interrupt's own shift back and removal are under way; nothing more here.
        if (shifts.isCancelled()) throw err;
        throw await failedStep(d, next, stable, `${name} (${share}% to ${next.version})`, err);
      }
      const ms = Math.round(performance.now() - started);
      if (last) flipMs = ms;
      log.info(`${name}: ${router.describe()} now routes ${formatRouting(to)} (shift took ${ms} ms)`);
      if (!last) void events(d).emit('step', { version: next.version, previousVersion: stable?.version, detail: `${name}: ${share}% of traffic to ${next.version}` });
      if (!last) await judged(d, source, pools, share, name, delivery.stepSeconds, records, () => shifts.isCancelled());
      if (!last && stable && pauses.includes(n) && !shifts.isCancelled()) {
        const paused = await pauseAt(d, pools, stable, share, name, plan, n, (x) => shifts.shift(x));
        report();
        reportPause(d, paused);
        return { flipMs: undefined, paused };
      }
    }
    if (delivery.bakeSeconds > 0) await judged(d, source, { ...pools, baseline: undefined }, 100, 'bake', delivery.bakeSeconds, records, () => shifts.isCancelled());
    // A run cancelled during the bake goes back to the stable pool: no record may say the new one is live.
    if (shifts.isCancelled()) throw new DeployError(`The run was cancelled: ${stable?.version ?? 'the previous version'} serves again.`);
    await recordFlip(d, next, stable);
  } finally {
    forget();
    report();
  }
  return { flipMs };
}

/**
 * A human gate after step `n` passed: the canary keeps its share and the pause is recorded (pause.ts). A
 * baseline does not wait with it: its share goes back to the stable pool first (a recorded shift), and it
 * goes when the run ends; the steps a promote judges are judged against the absolute thresholds.
 */
async function pauseAt(
  d: ReleaseDeps,
  pools: Pools,
  stable: Pool,
  share: number,
  name: string,
  plan: CanaryPlan,
  n: number,
  shift: (to: Routing) => Promise<void>,
): Promise<PausedIntent> {
  const { next, baseline } = pools;
  lockHeld(d, next);
  const to = stepRouting(stable, next, share);
  if (baseline) {
    try {
      await shiftRecorded(d, { step: 'step', name: `${name} (the baseline's share back to ${stable.version} for the pause)`, stable, next, to, final: false, baseline }, () => shift(to));
    } catch (err) {
      throw await failedStep(d, next, stable, `${name}: the baseline's share back to ${stable.version} before the pause`, err);
    }
  }
  const paused = await recordPause(d, next, stable, to, plan, n);
  d.log.info(`${name} passed: the canary pauses here, ${next.version} keeps ${share}% until command: promote or abort (until ${paused.pause.until}).`);
  return paused;
}

/**
 * Throws when this run's lock was lost (its renewals failed for a whole lease, or it was taken over): it then
 * moves no traffic at all, not even back. Its open intent tells the next holder to converge.
 */
function lockHeld(d: ReleaseDeps, next: Pool): void {
  try {
    d.held?.check();
  } catch (err) {
    throw new DeployError(
      `${errorMessage(err)}\nThis run shifts no more traffic (another run may hold the lock now). ${next.version} was never judged: ` +
        'its intent is recorded, so the next deploy, rollback or recycle gives the stable version all traffic back before anything else.',
      'Run command: status to see what serves, then re-run the deploy (or a rollback): it converges first.',
    );
  }
}

/**
 * A shift of the steps failed: the balancer is read back before anything is removed. When it gives the new
 * pool any traffic, that traffic goes back to the stable pool first (it was never judged); when it serves the
 * stable pool (or nothing, on a first deploy), the new pool is removed; when it cannot be read, or serves
 * something else, both pools stay. The error says exactly what serves now.
 */
export async function failedStep(d: ReleaseDeps, next: Pool, stable: Pool | undefined, what: string, err: unknown): Promise<DeployError> {
  // The lock may be another run's now: nothing is shifted, removed or recorded, not even to undo.
  if (err instanceof LockLostError) return err;
  const router = d.router!;
  const head = `The shift of ${what} failed: ${errorMessage(err)}`;
  const names = poolNames;
  const now = await readBack(
    d,
    head,
    next,
    stable,
    'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds (the intent of this shift is recorded).',
  );
  if (now instanceof DeployError) return now;
  const nextShare = poolShare(next, now);
  if (nextShare > 0 && stable) {
    const back = await undo(d, next, stable, false);
    return new DeployError(`${head}\nRead back, ${router.describe()} gave ${next.version} ${Math.round(nextShare * 10) / 10}% (${formatRouting(now)}). ${back}`);
  }
  if (nextShare > 0) {
    await recordFlip(d, next, undefined);
    return new DeployError(`${head}\nRead back, ${router.describe()} sends all traffic to ${next.version} (${formatRouting(now)}), the only version there is: it was kept and serves.`);
  }
  const stableShare = stable ? poolShare(stable, now) : 0;
  if (stable ? stableShare > 0 : now.every((g) => g.weight <= 0)) {
    await d.platform.remove(next.instances);
    return new DeployError(
      `${head}\nRead back, ${router.describe()} still serves ${stable ? `${stable.version} (${formatRouting(now)})` : 'nothing'}; ` +
        `the new instance${next.instances.length > 1 ? 's' : ''} ${names(next)} ${next.instances.length > 1 ? 'were' : 'was'} removed.`,
    );
  }
  return new DeployError(
    `${head}\nRead back, ${router.describe()} serves ${formatRouting(now)}, which is neither ${next.version} nor ${stable?.version ?? 'the version that was live'}: ` +
      `${names(next)}${stable ? ` and ${names(stable)}` : ''} were kept.`,
    'Look at the balancer, then run command: status; the next deploy or rollback converges from what it finds.',
  );
}

/**
 * The shifts of one delivery, one at a time as far as its cancellation goes: a cancel first waits for the
 * shift in flight (else that shift could land after the shift back and leave a share of the traffic on
 * instances the cancel then removes), and once cancelled no step shifts again.
 */
export function cancellableShifts(router: Pick<Router, 'shift'>): {
  shift(to: Routing): Promise<void>;
  cancel(): Promise<void>;
  isCancelled(): boolean;
} {
  let inFlight: Promise<unknown> = Promise.resolve();
  let cancelledNow = false;
  return {
    shift(to) {
      if (cancelledNow) return Promise.reject(new DeployError('The run was cancelled: this step moves no traffic.'));
      const p = router.shift(to);
      inFlight = p.catch(() => undefined);
      return p;
    },
    async cancel() {
      cancelledNow = true;
      await inFlight;
    },
    isCancelled: () => cancelledNow,
  };
}

/** A cancelled job gets a few seconds (the runner's SIGINT, SIGTERM, kill; our own exit after 5 s): so much of them for the drain and the stop. */
export const CANCEL_DRAIN_MAX_SEC = 1;
export const CANCEL_STOP_MAX_SEC = 2;

/**
 * A run cancelled during the steps or the bake: one shift back to 100% on the stable pool (this, an interrupt's
 * route task), then the new pool goes (retireCancelled, its instances task, after every route task): it never
 * became live (no flip record names it) and goes as a replaced pool does, drained and stopped gracefully, for
 * at most CANCEL_DRAIN_MAX_SEC and CANCEL_STOP_MAX_SEC: requests it still answers finish (a removal at once cut
 * them into 502s). Nothing to go back to (a first deploy's bake): the new pool serves all traffic and stays
 * (resolves to false). A failed shift back throws, and then nothing is removed: the instances still serve part
 * of the traffic.
 */
export async function shiftBackCancelled(router: Pick<Router, 'shift'>, stable: Pool | undefined): Promise<boolean> {
  if (!stable) return false;
  await router.shift(allTo(poolAddresses(stable), stable.version));
  return true;
}

/** After a cancelled run's shift back (shiftBackCancelled), every route task done: drain, then stop the new pool. */
export async function retireCancelled(
  platform: Pick<Platform, 'retire'>,
  next: Pool,
  release: { drainSeconds: number; stopTimeoutSec: number },
  baseline?: Pool,
): Promise<void> {
  await sleep(Math.min(release.drainSeconds, CANCEL_DRAIN_MAX_SEC) * 1000);
  await platform.retire([...next.instances, ...(baseline?.instances ?? [])], Math.min(release.stopTimeoutSec, CANCEL_STOP_MAX_SEC));
}

/** For people: which instances keep-failed left and what removes them (`docker rm -f`, on their engine). Pure. */
export function keptMessage(kept: readonly Instance[], targets: readonly Target[]): string {
  const names = kept.map((i) => i.name);
  const remote = [...new Set(kept.map((i) => targets.find((t) => t.name === i.target)).filter((t) => t?.endpoint).map((t) => t!.name))];
  const one = kept.length === 1;
  return (
    `${one ? `The new instance ${names[0]} was` : `The new instances ${names.join(', ')} were`} kept (keep-failed), without traffic; ` +
    `the next deploy or rollback removes ${one ? 'it' : 'them'}, or now: docker rm -f ${names.join(' ')}${remote.length ? ` (on ${remote.join(', ')})` : ''}.`
  );
}

/** Judge one window; on a breach, abort (throws). */
async function judged(
  d: ReleaseDeps,
  source: MetricsSource,
  pools: Pools,
  share: number,
  name: string,
  seconds: number,
  records: StepRecord[],
  isCancelled: () => boolean,
): Promise<void> {
  const { log } = d;
  const { next, stable, baseline } = pools;
  let window: Awaited<ReturnType<typeof judgeWindow>>;
  let stableNumbers: Numbers | undefined;
  const load = startLoad(d, next, stable, share, name);
  try {
    const subject: Subject = {
      app: d.cfg.app,
      environment: d.cfg.environment,
      version: next.version,
      stableVersion: stable?.version,
      targets: poolAddresses(next),
      share,
      ...(await balancerNames(d, next)),
    };
    // The baseline over the same window: the stable version, in its own fresh pool, at the canary's share.
    const compared =
      baseline && d.cfg.delivery.baseline
        ? {
            subject: { ...subject, role: 'baseline' as const, version: baseline.version, targets: poolAddresses(baseline), ...(await balancerNames(d, baseline)) },
            thresholds: d.cfg.delivery.baseline,
          }
        : undefined;
    log.info(`${name}: judging ${next.version} at ${share}%${compared ? ' against its baseline' : ''} for ${seconds}s by ${source.describe()}`);
    // The stable pool over the same window, for the picture only (never judged): sources that read cheaply.
    const beside = stable && share < 100 && source.continuous ? await openStable(d, source, subject, stable, share) : undefined;
    window = await judgeWindow(source, subject, {
      seconds,
      baseline: compared,
      thresholds: d.cfg.delivery.thresholds,
      onSourceError: (e, n) => log.warning(`${name}: ${source.describe()} failed (${errorMessage(e)}); asking again (${n}/${SOURCE_RETRIES})`),
    });
    stableNumbers = await beside?.read().then(
      (r) => ({ ...r.numbers, ...(errorRate(r.numbers) !== undefined ? { errorRate: errorRate(r.numbers)! } : {}) }),
      () => undefined,
    );
    await load?.stop();
  } catch (err) {
    await load?.stop();
    // No verdict (the metrics source failed, or anything else): the pool was not judged, so it gets no traffic.
    if (isCancelled()) throw err;
    lockHeld(d, next);
    log.error(`${name}: ${errorMessage(err)}`, `${next.version} could not be judged`);
    const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
    throw new DeployError(
      `${next.version} could not be judged in its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}%: ${errorMessage(err)}\nNo verdict is no pass. ${back}`,
      `Make the metrics source (${source.describe()}) answer, then deploy again.`,
    );
  }
  const { verdict, seconds: took } = window;
  const dryRun = d.cfg.delivery.mode === 'dry-run';
  records.push({ name, share, realShare: realShare(d, pools, share), sharesBy: d.router?.sharesBy, seconds: took, verdict, stable: stableNumbers, dryRun: dryRun || undefined });
  const said = (n: Numbers) =>
    `${cell(n.requests)} requests, ${cell(n.errors)} 5xx, error rate ${n.errorRate === undefined ? '–' : formatPercent(n.errorRate)}, response ${n.responseMs === undefined ? '–' : `${Math.round(n.responseMs)} ms`}`;
  const numbers = `${said(verdict.numbers)}${verdict.baseline ? `; baseline: ${said(verdict.baseline)}` : ''}`;
  if (verdict.result !== 'fail') {
    log.info(`${name}: pass after ${Math.round(took)}s (${numbers})`);
    return;
  }
  const why = describeFailure(verdict);
  if (dryRun) {
    log.warning(`${name}: ${why} (${numbers}); analysis-mode dry-run: reported, not aborted`, `${next.version} would have failed its ${name === 'bake' ? 'bake' : 'canary step'}`);
    return;
  }
  log.error(`${name}: ${why} (${numbers})`, `${next.version} failed its ${name === 'bake' ? 'bake' : 'canary step'}`);
  // The abort goes out at the decision (webhooks only; on-failure-command once traffic is back on the stable pool).
  void events(d).emit('aborted', { version: next.version, previousVersion: stable?.version, reason: `${name}: ${why}` }, { hook: false });
  const back = await undo(d, next, stable, d.cfg.verify.keepFailed);
  throw new DeployError(
    `${next.version} failed its ${name === 'bake' ? 'bake' : `canary ${name}`} at ${share}% after ${Math.round(took)}s: ${why}.\n${back}`,
    `Look at ${next.version}'s logs and numbers (job summary), fix it and deploy again; thresholds: max-error-rate, max-response-ms, min-requests` +
      `${baseline ? ', max-error-rate-increase, max-response-increase, confidence' : ''}.`,
  );
}

/** A window on the stable pool beside the judged one (for the chart): undefined when the source cannot open it. */
async function openStable(d: ReleaseDeps, source: MetricsSource, subject: Subject, stable: Pool, share: number): Promise<OpenWindow | undefined> {
  try {
    const names = await balancerNames(d, stable);
    return await source.open({ ...subject, version: stable.version, stableVersion: stable.version, targets: poolAddresses(stable), share: 100 - share, ...names });
  } catch {
    return undefined;
  }
}

/**
 * load-command: started for one judged window (in bash, like a `run:` step) and stopped after it. It gets
 * the window's subject in its environment; what it printed last is logged when it is stopped.
 */
function startLoad(d: ReleaseDeps, next: Pool, stable: Pool | undefined, share: number, step: string): { stop(): Promise<void> } | undefined {
  const command = d.cfg.delivery.loadCommand;
  if (!command) return undefined;
  const env = {
    APP: d.cfg.app,
    ENVIRONMENT: d.cfg.environment,
    VERSION: next.version,
    STABLE_VERSION: stable?.version ?? '',
    SHARE: String(share),
    STEP: step,
    TARGET_URLS: next.instances.map(instanceUrl).join(' '),
    ENVIRONMENT_URL: d.cfg.environmentUrl ?? '',
  };
  d.log.info(`${step}: load-command started`);
  const bg = start(['bash', '-c', command], { env });
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const r = await bg.stop();
      const out = lastLines(r.stdout.trim(), 5);
      d.log.info(`${step}: load-command stopped${r.exitCode !== 0 && r.exitCode !== 128 && r.exitCode !== 143 ? ` (it had ended with exit code ${r.exitCode})` : ''}${out ? `:\n${out}` : ''}`);
    },
  };
}

/** The balancer's names for the pool (HAProxy backend and servers), for metrics that need them. */
async function balancerNames(d: ReleaseDeps, next: Pool): Promise<{ backend: string | undefined; servers: string[] }> {
  const names = await d.router?.serverNames?.(poolAddresses(next));
  return { backend: names?.backend, servers: names?.servers ?? [] };
}

/** Abort: one shift back to 100% on the stable pool, then the new pool goes (or stays, with keep-failed). Says what happened. */
async function undo(d: ReleaseDeps, next: Pool, stable: Pool | undefined, keep: boolean): Promise<string> {
  const { router, log, platform } = d;
  let back: string;
  if (stable && router) {
    const started = performance.now();
    try {
      const to = allTo(poolAddresses(stable), stable.version);
      await shiftRecorded(d, { step: 'back', name: 'back', stable, next, to, final: true }, () => router.shift(to));
      const ms = Math.round(performance.now() - started);
      log.info(`Traffic is back on ${stable.version} (100%) after ${ms} ms.`);
      back = `Traffic is back on ${stable.version} (100%).`;
    } catch (err) {
      // The new pool still serves part of the traffic: it must stay, or those requests would fail.
      return `Shifting traffic back to ${stable.version} failed too: ${errorMessage(err)}. ${next.version} was left running; fix the balancer and roll back (command: rollback).`;
    }
  } else {
    return `Nothing was live before ${next.version}, so there is nothing to go back to: it still serves all traffic.`;
  }
  if (keep) {
    const kept = keptMessage(next.instances, platform.targets);
    log.warning(`keep-failed: ${kept}`);
    return `${back} ${kept}`;
  }
  // It answered part of the traffic until the shift back: its open requests finish before it goes.
  await drainAndRetire(d, next.instances);
  return `${back} The new instance${next.instances.length > 1 ? 's were' : ' was'} removed.`;
}

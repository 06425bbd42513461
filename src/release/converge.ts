/**
 * Converge, under the lock, before a release: the balancer's saved state back in line with what it serves
 * (router.repair); a release a killed run left unfinished (an open intent: src/core/history.ts openIntent)
 * put right first: the stable pool gets all traffic back (with drain), the never-judged pool goes (or
 * stays, with keep-failed); pools the balancer serves beside the live one brought back the same way; the
 * flip record a killed run did not write; the leftovers of killed or failed runs (candidates, stopped
 * instances, verified pools that never served) removed. First of all, what a killed run left that no record
 * names: a preview route still filled (emptied before any instance goes) and a release command's one-off container.
 * The log and the summary say what happened.
 */
import { runUrl } from '../github/context.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { poolShare, pools, resumeDecision } from '../core/plan.js';
import { formatLeft, missingRecord, openIntent, pauseLeftMs, servedPools, unclosedIntents, wavesOfRun } from '../core/history.js';
import { hostsRouter } from './waves.js';
import { formatAddress, poolAddresses, type Instance, type IntentRecord, type PauseState, type Pool } from '../core/model.js';
import { allTo, formatRouting } from '../routers/types.js';
import { keptMessage } from './progressive.js';
import { closePausedDeployment } from './pause.js';
import { drainAndRetire, observe, recordFlip, recordHead, runLink, shiftRecorded, type Observation, type ReleaseDeps } from './steps.js';

export type Paused = IntentRecord & { pause: PauseState };

/** What converge found and did. */
export interface Converged {
  o: Observation;
  /** The instances that remain (live and warm). */
  remaining: Instance[];
  /** A canary waiting at a human gate within its pause-timeout: left as it is (its pool is neither warm nor debris). */
  paused?: Paused | undefined;
  /** A paused canary past its pause-timeout, aborted first: what was said. */
  expired?: { pause: Paused; said: string } | undefined;
}

/** Returns the observation after converging, and the instances that remain (live and warm). */
export async function converge(d: ReleaseDeps): Promise<Converged> {
  const { router } = d;
  // A release command's one-off container is no instance (its own role label): removing it beside the first read
  // changes nothing that read sees, and saves the run a round trip to each engine.
  let [o] = await Promise.all([observe(d), removeLeftOneOffs(d)]);
  if (router?.repair && o.divergence.length > 0) {
    await router.repair();
    o = await observe(d, true);
  }
  await emptyLeftPreview(d);
  const open = openIntent(o.records);
  let paused: Paused | undefined;
  let expired: Converged['expired'];
  if (open?.step === 'pause' && open.pause && pauseLeftMs(open, new Date()) > 0) paused = open as Paused;
  else if (open) {
    const said = await resume(d, o, open);
    if (open.step === 'pause' && open.pause) {
      expired = { pause: open as Paused, said };
      await closePausedDeployment(d, expired.pause, `Aborted: its pause-timeout ran out (${open.pause.until})`);
    }
    o = await observe(d, true);
  }
  const { live } = o.observed;
  // The paused canary's pool gets its share beside the live one by design, until promote or abort.
  const beside = o.observed.beside.filter((p) => p.id !== paused?.next.pool);
  if (router && live && beside.length > 0) {
    const said = await backTo(d, o, live, beside, `${router.describe()} gives traffic to ${beside.map((p) => p.version).join(', ')} beside the live ${live.version}`);
    d.log.warning(said, 'Traffic on an unfinished release');
    d.report.section(`### Converged before this run\n\n${said}`);
    o = await observe(d, true);
  }
  const missing = router ? missingRecord(o.records, o.observed.live, o.observed.warm, runUrl(d.ctx), new Date()) : undefined;
  if (missing) {
    d.log.info(
      `${router!.describe()} serves ${missing.live.version} (pool ${missing.live.pool}), but no flip record says so (a run killed ` +
        `right after its flip, or instances from before flip records): recording that it replaced ${missing.replaced?.version ?? 'nothing'}.`,
    );
    const pool = o.observed.live!;
    const replaced = missing.replaced ? pools(o.instances).find((p) => p.id === missing.replaced!.pool) ?? { id: missing.replaced.pool, version: missing.replaced.version, instances: [] } : undefined;
    await recordFlip(d, pool, replaced);
    o = await observe(d, true);
  }
  const { debris } = o.observed;
  if (debris.length > 0) {
    d.log.info(`Removing ${debris.length} leftover instance(s): ${debris.map((i) => `${i.name} (${leftoverWhy(i)})`).join(', ')}`);
    await d.platform.remove(debris);
  }
  d.records = o.records;
  return { o, remaining: [...(o.observed.live?.instances ?? []), ...o.observed.warm.flatMap((p) => p.instances)], paused, expired };
}

/**
 * A preview route a killed run left filled (its run empties it however it ends, but a SIGKILL): requests with the
 * header would reach a pool that is about to go. Emptied before any instance is removed; a failure is a warning.
 */
async function emptyLeftPreview(d: ReleaseDeps): Promise<void> {
  const { router, log } = d;
  if (!router?.readPreview || !router.preview) return;
  const left = await router.readPreview().catch(() => undefined);
  if (!left || left.addresses.length === 0) return;
  const header = left.header ?? d.cfg.delivery.previewHeader ?? '';
  const what =
    `The preview route of ${router.describe()} still sends requests with ${header || 'the preview header'} to ` +
    `${left.addresses.map(formatAddress).join(', ')}${left.version ? ` (${left.version})` : ''}: a run was killed before it emptied it`;
  try {
    await router.preview({ header, addresses: [] });
  } catch (err) {
    log.warning(`${what}, and emptying it failed: ${errorMessage(err)}.`, 'Preview route left filled');
    return;
  }
  const said = `${what}. Emptied: requests with the header go where every other request goes.`;
  log.warning(said, 'Preview route left filled');
  d.report.section(`### Converged before this run\n\n${said}`);
}

/** A release command's one-off container a killed run left (running or stopped): removed, under the lock. */
async function removeLeftOneOffs(d: ReleaseDeps): Promise<void> {
  if (!d.platform.removeOneOffs) return;
  const gone = await d.platform.removeOneOffs(d.cfg.app, d.cfg.environment);
  if (gone.length === 0) return;
  const said =
    `Removed the release command container${gone.length > 1 ? 's' : ''} ${gone.join(', ')} that a killed run left: ` +
    'its release command may have stopped part-way (look at what it changes); no traffic moved to its version.';
  d.log.warning(said, 'Release command left running');
  d.report.section(`### Converged before this run\n\n${said}`);
}

/** For people: "2/4 at 25%". */
export function pausedAt(p: PauseState): string {
  return `step ${p.after + 1}/${p.steps.length} at ${p.steps[p.after]}%`;
}

/**
 * command: abort of a paused canary (within its pause-timeout or not): all traffic back to the stable pool (a
 * recorded shift back), the canary's pool drained and removed, the pause closed. Returns what was said.
 */
export async function abortPaused(d: ReleaseDeps, o: Observation, paused: Paused, why: string): Promise<string> {
  return resume(d, o, paused, why);
}

function leftoverWhy(i: Instance): string {
  if (!i.verified) return 'never verified';
  if (!i.running && !i.restarting) return `stopped, exit code ${i.exitCode}`;
  return 'verified but never served';
}

const share = (n: number) => `${Math.round(n * 10) / 10}%`;

/**
 * The release `open` describes was left unfinished by its (killed) run, or is a paused canary that ran out of
 * its pause-timeout (or is aborted: `why`): put it right, and close its intents. Returns what was said.
 */
async function resume(d: ReleaseDeps, o: Observation, open: IntentRecord, why?: string): Promise<string> {
  const { router, log } = d;
  const decision = resumeDecision(open, o.instances, o.routing, !!router);
  const by = runLink(open.runUrl) || 'a run';
  const pause = open.step === 'pause' ? open.pause : undefined;
  const what = pause
    ? why ??
      `The canary of ${open.next.version} paused at ${pausedAt(pause)} by ${by} ran out of its pause-timeout at ${pause.until} ` +
        `(${formatLeft(-pauseLeftMs(open, new Date()))} ago), without promote or abort: it is aborted first`
    : `${by} was interrupted during ${open.name} of ${open.next.version} (${open.step === 'back' ? 'a shift back' : `it had ${share(decision.nextShare)} of the traffic`})`;
  let said: string;
  if (decision.action === 'record-flip') {
    await recordFlip(d, decision.next, decision.stable);
    said = `${what}: its switch had taken effect (${decision.next.version} serves all traffic, verified); recorded as the flip it was.`;
  } else if (decision.action === 'back') {
    const others = [decision.other, decision.baseline].filter((p): p is Pool => !!p);
    // A release in waves: only the hosts of the waves it had started may have been flipped (its wave records,
    // written before each wave); those go back, the other hosts are not touched.
    const wave = router?.forHosts ? wavesOfRun(o.records, open.run) : undefined;
    const scoped = wave ? { ...d, router: hostsRouter(d, wave.released) } : d;
    const waves = wave ? ` (wave ${wave.index + 1} of ${wave.count} had started: only ${wave.released.join(', ')} may have been flipped, and only they are flipped back)` : '';
    said = `${what}${waves}: ${await backTo(scoped, o, decision.stable, others, what, pause ? 'never promoted' : 'never judged')}`;
  } else {
    said = router
      ? `${what}; the pool it started from (${open.stable?.version ?? 'none'}) is not running, so there is nothing to shift back to: ` +
        `${router.describe()} serves ${formatRouting(o.routing)} as it is.`
      : `${what}; without a router there is no traffic to move.`;
  }
  const title = pause ? (why ? 'Paused canary aborted' : 'Paused canary aborted (pause-timeout)') : 'Interrupted release converged';
  if (why) log.info(said);
  else log.warning(said, title);
  d.report.section(`### ${title}\n\n${said}`);
  const head = recordHead(d);
  const closing = unclosedIntents(o.records).filter((i) => i.run === open.run);
  // Every intent of that run closed at once (one unit, one call).
  await d.platform.writeRecords((closing.length ? closing : [open]).map((i) => ({ kind: 'result', ...head, intent: i.id, outcome: 'converged', detail: said })));
  return said;
}

/**
 * All traffic to `stable` (a recorded shift, when it does not have it all), then the `others` that never
 * served go (drained, or kept with keep-failed); those that served stay (warm, as retention decides).
 * Returns what happened, for the log. A failed shift back removes nothing and throws, saying so.
 */
async function backTo(d: ReleaseDeps, o: Observation, stable: Pool, others: Pool[], why: string, never_ = 'never judged'): Promise<string> {
  const router = d.router!;
  const servedBefore = servedPools(o.records);
  const parts: string[] = [];
  if (poolShare(stable, o.routing) < 99.5) {
    const to = allTo(poolAddresses(stable), stable.version);
    try {
      await shiftRecorded(d, { step: 'back', name: 'back', stable, next: others[0] ?? stable, to, final: true }, () => router.shift(to));
    } catch (err) {
      throw new DeployError(
        `${why}; shifting all traffic back to ${stable.version} failed: ${errorMessage(err)}. Nothing was removed: ${router.describe()} serves ${formatRouting(o.routing)}.`,
        'Look at the balancer, then re-run: the release converges first.',
        { cause: err },
      );
    }
    parts.push(`traffic is back on ${stable.version} (100%)`);
  } else parts.push(`${stable.version} already had all traffic`);
  const never = others.filter((p) => !servedBefore?.has(p.id));
  const stays = others.filter((p) => servedBefore?.has(p.id));
  if (never.length > 0) {
    const instances = never.flatMap((p) => p.instances);
    if (d.cfg.verify.keepFailed) parts.push(keptMessage(instances, d.platform.targets));
    else {
      await drainAndRetire(d, instances);
      parts.push(`${never.map((p) => p.version).join(', ')}, ${never_}, ${instances.length > 1 ? 'were' : 'was'} removed (${instances.map((i) => i.name).join(', ')})`);
    }
  }
  if (stays.length > 0) parts.push(`${stays.map((p) => p.version).join(', ')} served before and stays as retention decides`);
  return parts.join('; ') + '.';
}

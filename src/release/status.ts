/**
 * command: status — what runs, what can be restored, and why. Changes nothing. Tells the truth: when what
 * the balancer serves is not a running, verified, answering pool of this app and environment, or the
 * balancer's saved state would take it elsewhere, it fails, saying what is wrong and what to run.
 */
import type { InstanceDrift } from '../drift/assess.js';
import { checkDrift, reportDrift } from './drift.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { formatAddress, instanceUrl, sameAddress, type Pool } from '../core/model.js';
import { commitLink, details, table } from '../github/summary.js';
import { served, type Router } from '../routers/types.js';
import { applySpec } from '../config/recorded.js';
import type { VersionState } from '../core/plan.js';
import { foreignOwners, observe, probe, runLink, withRecordedSpec, type Observation, type ReleaseDeps } from './steps.js';
import { compareText } from '../core/text.js';
import { formatLeft, maintenanceState, openIntent, pauseLeftMs, pausedCanary, recordedVersions } from '../core/history.js';
import { describeAllow } from '../core/maintenance.js';
import { pausedAt } from './converge.js';
import { reportPause } from './pause.js';
import { poolShare, pools, resumeDecision } from '../core/plan.js';

export interface VersionInfo {
  version: string;
  digest: string;
  revision: string;
  /** When the image was built. */
  created: string;
  state: VersionState;
  /** When its running instance was started (live and warm versions). */
  deployed?: string;
  /** The workflow run that started that instance: why this version runs. */
  runUrl?: string;
  /** Its running instances (live and warm versions): the host each runs on and its address. */
  instances?: { host: string; name: string; url: string; drift?: InstanceDrift }[];
}

/** What runs and what can be restored. Changes nothing. */
export async function status(given: ReleaseDeps): Promise<VersionInfo[]> {
  const { d, seen: read } = await withRecordedSpec(given);
  const { cfg } = d;
  // The versions worth showing are those the records and instances name: each looked up by name, never a
  // list of every image on the engine.
  const names = [...new Set([...read.instances.map((i) => i.version), ...recordedVersions(read.records)])];
  const [o, images] = await Promise.all([observe(d, true, read), d.platform.listVersions(names)]);
  const { observed } = o;
  const versions: VersionInfo[] = [];
  const seen = new Set<string>();
  const running = [...(observed.live ? [observed.live] : []), ...observed.warm].flatMap((p) => p.instances);
  const drift = await checkDrift(running, cfg.drift.writablePaths, d.platform);
  const add = (p: Pool, state: VersionState) => {
    if (seen.has(p.version)) return;
    seen.add(p.version);
    const i = p.instances[0]!;
    versions.push({
      version: p.version,
      digest: i.digest,
      revision: i.revision,
      created: images.find((x) => x.version === p.version)?.created ?? '',
      state,
      deployed: i.deployedAt,
      ...(i.runUrl ? { runUrl: i.runUrl } : {}),
      instances: p.instances.map((x) => ({ host: x.target, name: x.name, url: instanceUrl(x), ...(drift.has(x.id) ? { drift: drift.get(x.id)! } : {}) })),
    });
  };
  if (observed.live) add(observed.live, 'live');
  for (const p of observed.warm) add(p, 'warm');
  const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => compareText(b.created, a.created));
  for (const i of inspected)
    versions.push({ version: i.version, digest: i.digest, revision: i.revision, created: i.created, state: 'image-only' });
  d.report.output('live-version', observed.live?.version ?? '');
  d.report.output('versions', JSON.stringify(versions));
  // A fleet: the instance count per host in the table, every instance folded away below it.
  const fleet = d.platform.targets.length > 1 || versions.some((v) => (v.instances?.length ?? 0) > 1);
  const everyInstance = versions.flatMap((v) => (v.instances ?? []).map((i) => [v.state, v.version, i.host, i.name, i.url]));
  const instancesCell = (list: NonNullable<VersionInfo['instances']>): string => {
    if (!fleet) return list.map((i) => i.url).join('<br>');
    const perHost = new Map<string, number>();
    for (const i of list) perHost.set(i.host, (perHost.get(i.host) ?? 0) + 1);
    return [...perHost].map(([host, n]) => `${n} on ${host}`).join('<br>');
  };
  d.report.section(
    `### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
      table(
        ['state', 'version', 'commit', 'digest', 'built', 'instances', 'instance started', 'started by', 'drift'],
        versions.map((v) => [
          v.state,
          v.version,
          commitLink(d.ctx, v.revision),
          `\`${v.digest.slice(0, 19)}\``,
          v.created,
          instancesCell(v.instances ?? []),
          v.deployed ?? '',
          runLink(v.runUrl),
          driftCell(v),
        ]),
      ) +
      (fleet ? `\n\n${details(`Every instance (${everyInstance.length})`, table(['state', 'version', 'host', 'instance', 'address'], everyInstance))}` : ''),
  );
  const snowflakes = reportDrift([...drift.values()], cfg.drift.writablePaths, d.report);
  // A canary paused at a human gate: its share and time left; past its pause-timeout, a problem.
  const paused = pausedCanary(o.records);
  if (paused) reportPause(d, paused);
  else d.report.output('paused', 'false');
  const problems = d.router ? await liveProblems(d, d.router, o) : [];
  problems.push(...(await maintenanceStatus(d, o)));
  if (problems.length > 0) {
    const list = problems.map((p) => `- ${p}`).join('\n');
    d.report.section(`### Not serving as it should\n\n${list}`);
    throw new DeployError(
      `${cfg.app} in ${cfg.environment} is not served as it should be:\n${list}${snowflakes ? `\n${errorMessage(snowflakes)}` : ''}`,
      "Re-run the last deploy, or run command: rollback (to a warm version): either converges — it repairs the balancer's saved " +
        'state and points it at a verified, running pool. The table above lists the versions that can be restored.',
    );
  }
  if (snowflakes) throw snowflakes;
  return versions;
}

/** Everything that keeps what the balancer serves from being a running, verified, answering pool of this app and environment. */
async function liveProblems(d: ReleaseDeps, router: Router, o: Observation): Promise<string[]> {
  const { cfg } = d;
  const { live } = o.observed;
  const problems: string[] = [];
  const open = openIntent(o.records);
  const paused = pausedCanary(o.records);
  const pausedPool = paused ? pools(o.instances).find((p) => p.id === paused.next.pool) : undefined;
  if (paused) {
    const left = pauseLeftMs(paused, new Date());
    if (left <= 0)
      problems.push(
        `The canary of ${paused.next.version} paused at ${pausedAt(paused.pause)} ran out of its pause-timeout at ${paused.pause.until} (${formatLeft(-left)} ago) ` +
          `without promote or abort. The next deploy, promote, rollback or recycle aborts it first (${paused.stable?.version ?? 'the stable version'} gets all traffic back, ${paused.next.version} is removed); ` +
          'command: abort does it now.',
      );
  } else if (open) {
    const next = pools(o.instances).find((p) => p.id === open.next.pool);
    const share = next ? Math.round(poolShare(next, o.routing) * 10) / 10 : 0;
    const decision = resumeDecision(open, o.instances, o.routing, true);
    const kind = { step: 'canary', bake: 'bake', switch: 'switch', back: 'shift back', pause: 'paused canary' }[open.step];
    const then =
      decision.action === 'back'
        ? `gives ${decision.stable.version} all traffic back first${decision.other && decision.other.id === open.next.pool ? ` and removes ${open.next.version} (never judged)` : ''}`
        : decision.action === 'record-flip'
          ? `records the switch to ${open.next.version} as the flip it was (it took effect)`
          : `leaves what serves as it is (${open.stable?.version ?? 'the stable version'} is not running)`;
    problems.push(
      `An interrupted ${kind}: ${open.next.version} has ${share}% of the traffic (${open.name}` +
        `${open.stable ? `; the stable version is ${open.stable.version}` : ''}), left by ${runLink(open.runUrl) || 'a run'} that did not finish. ` +
        `The next deploy, rollback or recycle ${then}.`,
    );
  }
  const addrs = served(o.routing);
  if (addrs.length === 0) {
    if (o.records.length > 0 || o.observed.warm.length > 0)
      problems.push(`${router.describe()} points at nothing, while ${cfg.app} has been deployed to ${cfg.environment}.`);
  }
  for (const a of addrs) {
    const mine = o.instances.find((i) => sameAddress(i.address, a));
    if (mine && live && live.instances.includes(mine)) continue;
    // The paused canary's share, reported above.
    if (mine && pausedPool?.instances.includes(mine)) continue;
    const owner = mine ? undefined : (await foreignOwners(d, [{ addresses: [a], weight: 100 }]))[0];
    problems.push(
      owner
        ? `${router.describe()} serves ${owner.app} in ${owner.environment} (${owner.name}, ${owner.version}) at ${formatAddress(a)}, not ${cfg.app} in ${cfg.environment}.`
        : mine
          ? `${router.describe()} sends traffic to ${mine.name} at ${formatAddress(a)}, which is not a verified instance of the live pool.`
          : `${router.describe()} points at ${formatAddress(a)}, where no instance of ${cfg.app} in ${cfg.environment} is published (a dead port).`,
    );
  }
  for (const i of live?.instances ?? []) {
    if (i.restarting)
      problems.push(
        `The live instance ${i.name} (${i.version}) is being restarted by Docker (restart ${i.restartCount}, last exit code ${i.exitCode}); it serves again once it is up, at the same address.`,
      );
    else if (!i.running) problems.push(`The live instance ${i.name} (${i.version}) is stopped (exit code ${i.exitCode}).`);
  }
  if (live && live.instances.every((i) => i.running)) {
    const spec = live.instances[0]!.spec;
    const path = spec ? applySpec(cfg, spec).verify.healthPath : cfg.verify.healthPath;
    const answer = await probe(live, path, d.platform);
    if (!answer.ok) problems.push(`The live pool of ${live.version} does not answer GET ${path} (${answer.detail}).`);
  }
  for (const x of o.divergence) problems.push(x.problem);
  return problems;
}

/**
 * Maintenance mode as recorded (and as the balancer has it, where it can tell): a line in the summary, the
 * `maintenance` output; a problem when the balancer differs from the record (HAProxy restarted: its maps came back empty).
 */
async function maintenanceStatus(d: ReleaseDeps, o: Observation): Promise<string[]> {
  const rec = maintenanceState(o.records);
  const view = d.router?.readMaintenance ? await d.router.readMaintenance().catch(() => undefined) : undefined;
  const on = rec?.on ?? view?.on ?? false;
  d.report.output('maintenance', on ? 'on' : 'off');
  if (rec?.on)
    d.report.section(
      `### Maintenance is on

Since ${rec.at} (${runLink(rec.runUrl) || 'a run'}): everyone gets 503 and ${rec.page?.source === 'default' || !rec.page ? 'the default page' : `\`${rec.page.source}\``}; ` +
        `${describeAllow(rec.allow)} reach the live version. Switch it off with \`command: maintenance\`, \`maintenance: off\`.`,
    );
  if (view && rec && view.on !== rec.on)
    return [
      `Maintenance is recorded as ${rec.on ? 'on' : 'off'} (${rec.at}), but ${d.router!.describe()} has it ${view.on ? 'on' : 'off'} (restarted or changed by hand?). ` +
        `Run command: maintenance with maintenance: ${rec.on ? 'on' : 'off'} again to put it back, or the opposite to change it.`,
    ];
  return [];
}

function driftCell(v: VersionInfo): string {
  const checked = (v.instances ?? []).filter((i) => i.drift);
  if (checked.length === 0) return v.instances?.length ? 'not checked' : '';
  return checked.some((i) => i.drift!.drifted) ? 'DRIFTED' : 'none';
}

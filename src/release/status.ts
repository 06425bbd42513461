/**
 * command: status — what runs, what can be restored, and why. Changes nothing. Tells the truth: when what
 * the balancer serves is not a running, verified, answering pool of this app and environment, or the
 * balancer's saved state would take it elsewhere, it fails, saying what is wrong and what to run.
 */
import type { InstanceDrift } from '../drift/assess.js';
import { checkDrift, reportDrift } from './drift.js';
import { DeployError, errorMessage } from '../support/errors.js';
import { formatAddress, instanceUrl, sameAddress, type Pool } from '../core/model.js';
import { commitLink, table } from '../github/summary.js';
import { served, type Router } from '../routers/types.js';
import { applySpec } from '../config/recorded.js';
import type { VersionState } from '../core/plan.js';
import { foreignOwners, observe, probe, runLink, withRecordedSpec, type Observation, type ReleaseDeps } from './steps.js';
import { compareText } from '../core/text.js';
import { openIntent, recordedVersions } from '../core/history.js';
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
          (v.instances ?? []).map((i) => (d.platform.targets.length > 1 ? `${i.host}: ${i.url}` : i.url)).join('<br>'),
          v.deployed ?? '',
          runLink(v.runUrl),
          driftCell(v),
        ]),
      ),
  );
  const snowflakes = reportDrift([...drift.values()], cfg.drift.writablePaths, d.report);
  const problems = d.router ? await liveProblems(d, d.router, o) : [];
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
  if (open) {
    const next = pools(o.instances).find((p) => p.id === open.next.pool);
    const share = next ? Math.round(poolShare(next, o.routing) * 10) / 10 : 0;
    const decision = resumeDecision(open, o.instances, o.routing, true);
    const kind = { step: 'canary', bake: 'bake', switch: 'switch', back: 'shift back' }[open.step];
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

function driftCell(v: VersionInfo): string {
  const checked = (v.instances ?? []).filter((i) => i.drift);
  if (checked.length === 0) return v.instances?.length ? 'not checked' : '';
  return checked.some((i) => i.drift!.drifted) ? 'DRIFTED' : 'none';
}

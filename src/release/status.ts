/** command: status — what runs, what can be restored, and why. Changes nothing. */
import type { InstanceDrift } from '../drift/assess.js';
import { checkDrift, reportDrift } from '../drift/check.js';
import { instanceUrl, type Pool } from '../model.js';
import { commitLink, table } from '../report.js';
import type { VersionState } from './plan.js';
import { observe, runLink, type ReleaseDeps } from './steps.js';

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
export async function status(d: ReleaseDeps): Promise<VersionInfo[]> {
  const { cfg } = d;
  const [{ observed }, images] = await Promise.all([observe(d), d.platform.listVersions()]);
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
  const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
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
  if (snowflakes) throw snowflakes;
  return versions;
}

function driftCell(v: VersionInfo): string {
  const checked = (v.instances ?? []).filter((i) => i.drift);
  if (checked.length === 0) return v.instances?.length ? 'not checked' : '';
  return checked.some((i) => i.drift!.drifted) ? 'DRIFTED' : 'none';
}

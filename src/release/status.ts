/** command: status — what runs, what can be restored, and why. Changes nothing. */
import { commitLink, table } from '../report.js';
import { createRouter } from '../routers/factory.js';
import type { Instance } from '../runtime/types.js';
import { listVersionImages } from './images.js';
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
}

/** What runs and what can be restored. Changes nothing. */
export async function status(d: ReleaseDeps): Promise<VersionInfo[]> {
  const { cfg } = d;
  const router = await createRouter(cfg.router, { run: d.exec, log: d.log });
  const [{ observed }, images] = await Promise.all([observe(d, router), listVersionImages(cfg.app, cfg.image, d.engine)]);
  const versions: VersionInfo[] = [];
  const seen = new Set<string>();
  const add = async (i: Instance, state: VersionState) => {
    if (seen.has(i.version)) return;
    seen.add(i.version);
    const image = await d.docker.inspectImage(i.image);
    const created = image?.Config.Labels?.['org.opencontainers.image.created'] ?? image?.Created ?? '';
    versions.push({
      version: i.version,
      digest: i.digest,
      revision: i.revision,
      created,
      state,
      deployed: i.deployedAt,
      ...(i.runUrl ? { runUrl: i.runUrl } : {}),
    });
  };
  if (observed.live) await add(observed.live, 'live');
  for (const i of observed.warm) await add(i, 'warm');
  const inspected = images.filter((i) => !seen.has(i.version)).sort((a, b) => b.created.localeCompare(a.created));
  for (const i of inspected)
    versions.push({ version: i.version, digest: i.digest, revision: i.revision, created: i.created, state: 'image-only' });
  d.report.output('live-version', observed.live?.version ?? '');
  d.report.output('versions', JSON.stringify(versions));
  d.report.section(
    `### ${cfg.app} in ${cfg.environment}: ${observed.live ? `${observed.live.version} is live` : 'nothing is live'}\n\n` +
      table(
        ['state', 'version', 'commit', 'digest', 'built', 'instance started', 'started by'],
        versions.map((v) => [
          v.state,
          v.version,
          commitLink(d.ctx, v.revision),
          `\`${v.digest.slice(0, 19)}\``,
          v.created,
          v.deployed ?? '',
          runLink(v.runUrl),
        ]),
      ),
  );
  return versions;
}

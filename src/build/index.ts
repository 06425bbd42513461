/** The build phase: commit metadata -> an image with tags and labels, optionally pushed without moving a version tag. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config, PackerConfig } from '../config/types.js';
import type { GitContext } from '../github/context.js';
import { buildArgv } from '../drivers/docker/argv.js';
import type { Docker } from '../drivers/docker/client.js';
import { DeployError } from '../support/errors.js';
import { lastLines, run } from '../support/exec.js';
import type { Log } from '../support/log.js';
import { commitLink, table, type Report } from '../github/summary.js';
import { buildMetadata, type Metadata } from './metadata.js';
import { policyGate } from '../policy/check.js';
import { recordLogin } from '../support/step-state.js';

export interface BuildResult extends Metadata {
  image: string;
  /** The pushed manifest digest, or the local image id when not pushed. */
  digest: string;
  /** The local image id: instances start from exactly these bytes. */
  imageId: string;
  pushed: boolean;
}

/** Log in to the registry when credentials are given (password on stdin, masked); the post step logs out. */
export async function loginIfConfigured(cfg: Config, docker: Docker, log: Log): Promise<void> {
  const { username, password, server } = cfg.registry;
  if (username && password) {
    await log.group(`Log in to ${server ?? 'the registry'}`, () => docker.login(server, username, password));
    // The post step logs out again (unless logout: false).
    recordLogin(server);
  } else if (username || password) {
    throw new DeployError(
      'registry-username and registry-password go together: one of them is empty.',
      'Set both (the password from a secret), or neither to use the credentials already on the runner.',
    );
  }
}

/** Packer builds the image; the stamp context turns it into the version's image (same layers, our tags and labels). */
async function packerImage(cfg: Config, packer: PackerConfig, meta: Metadata, ctx: GitContext, log: Log, dir: string) {
  const { packerBuild, stampContext } = await import('./packer.js');
  const id = await packerBuild(packer, cfg.build.context, {
    app: cfg.app,
    image: cfg.image,
    version: meta.version,
    revision: ctx.sha,
    created: meta.labels['org.opencontainers.image.created'] ?? '',
    labels: meta.labels,
  }, log);
  log.info(`Packer built ${id}: stamping it as ${meta.tags.join(', ')}`);
  return stampContext(dir, id);
}

export async function build(cfg: Config, ctx: GitContext, docker: Docker, log: Log, report: Report, now = new Date()): Promise<BuildResult> {
  const meta = buildMetadata(
    {
      app: cfg.app,
      image: cfg.image,
      version: cfg.version,
      tagRules: cfg.build.tagRules,
      extraLabels: cfg.build.extraLabels,
      created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    ctx,
  );
  log.info(`Version ${meta.version} from commit ${ctx.sha.slice(0, 12)} (${ctx.ref || 'no ref'})`);
  if (ctx.provenanceWarning) {
    log.warning(ctx.provenanceWarning, 'Built commit differs from the event');
    report.section(`> [!WARNING]\n> ${ctx.provenanceWarning}`);
  }

  await loginIfConfigured(cfg, docker, log);

  const buildx = await docker.hasBuildx();
  if (cfg.build.secrets.length > 0 && !buildx)
    throw new DeployError(
      'build-secrets need BuildKit, but "docker buildx" is not installed on this runner.',
      'Add docker/setup-buildx-action before this step, or remove build-secrets.',
    );
  const dir = mkdtempSync(join(tmpdir(), 'immutable-deploy-'));
  let imageId: string;
  try {
    const iidFile = join(dir, 'iid');
    // builder: packer — the template builds the image; the docker build below only stamps it (FROM <id>, tags, labels).
    const source = cfg.build.packer
      ? { ...(await packerImage(cfg, cfg.build.packer, meta, ctx, log, dir)), buildArgs: {}, secrets: [], target: undefined }
      : {};
    const argv = buildArgv({ ...cfg.build, ...source, tags: meta.tags, labels: meta.labels, iidFile, buildx });
    const r = await log.group(`Build ${meta.tags[0]}`, () =>
      run(argv, { echo: true, allowFailure: true, env: buildx ? {} : { DOCKER_BUILDKIT: '0' } }),
    );
    if (r.exitCode !== 0) {
      const why = lastLines((r.stderr.trim() || r.stdout.trim()).replace(/^DEPRECATED:[\s\S]*?environment-variable\.\n*/m, ''), 12);
      throw new DeployError(
        `The image build failed (${buildx ? 'docker buildx build' : 'docker build'} exited with ${r.exitCode}) for ${meta.tags[0]} from ${cfg.build.context}:\n${why}`,
        'The full build log is in the "Build" group above. Nothing was deployed.',
      );
    }
    imageId = readFileSync(iidFile, 'utf8').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The image policy looks at what was built before it goes anywhere (pushed, or started).
  await policyGate(cfg.policy, docker, imageId, meta.version, log, report);

  if (!cfg.build.push) {
    return { ...meta, image: cfg.image, digest: imageId, imageId, pushed: false };
  }
  const pushed = await log.group(`Push ${cfg.image}`, () => pushImmutably(meta, imageId, ctx.sha, docker, log));
  return { ...meta, image: cfg.image, digest: pushed.digest, imageId: pushed.imageId, pushed: true };
}

/**
 * Push every tag, but never move the version tag. When the registry already has it:
 * - the same bytes: nothing to push;
 * - an image built from the same commit (a re-run: labels such as the run URL differ): that image
 *   stays the version; it is pulled by digest and our tags point at it, so the version keeps one digest;
 * - anything else: fail, the tag is not moved.
 */
export async function pushImmutably(
  meta: Metadata,
  imageId: string,
  revision: string,
  docker: Docker,
  log: Log,
): Promise<{ digest: string; imageId: string }> {
  const [versionRef, ...otherRefs] = meta.tags as [string, ...string[]];
  const repo = versionRef.slice(0, versionRef.lastIndexOf(':'));
  const existing = await docker.remoteManifest(versionRef);
  let finalId = imageId;
  if (existing && existing.configDigest !== imageId) {
    const pinned = `${repo}@${existing.digest}`;
    await docker.pull(pinned);
    const theirs = await docker.inspectImage(pinned);
    const theirRevision = theirs?.Config.Labels?.['org.opencontainers.image.revision'];
    if (!theirs || theirRevision !== revision) {
      throw new DeployError(
        `${versionRef} already exists in the registry as ${existing.digest}, built from ${theirRevision ? `commit ${theirRevision}` : 'another source'}, not from ${revision}. Version tags are never moved.`,
        'Deploy the existing version as it is, or build a new commit (or set a new "version").',
      );
    }
    log.info(`${versionRef} was already built from commit ${revision.slice(0, 12)} (${existing.digest}): keeping that image as the version, not pushing a rebuild`);
    finalId = theirs.Id;
    for (const ref of meta.tags) await docker.tag(pinned, ref);
  } else if (existing) {
    log.info(`${versionRef} is already in the registry with the same content (${existing.digest}): not pushed again`);
  } else {
    await docker.push(versionRef);
  }
  for (const ref of otherRefs) await docker.push(ref);
  const pushed = existing ?? (await docker.remoteManifest(versionRef));
  if (!pushed) throw new DeployError(`${versionRef} was pushed but the registry does not list it`);
  return { digest: pushed.digest, imageId: finalId };
}

export function reportBuild(b: BuildResult, ctx: GitContext, report: Report): void {
  report.output('version', b.version);
  report.output('image', b.image);
  report.output('digest', b.digest);
  report.output('tags', b.tags.join('\n'));
  report.output('labels', Object.entries(b.labels).map(([k, v]) => `${k}=${v}`).join('\n'));
  const commit = commitLink(ctx, ctx.sha);
  report.section(
    `### Built ${b.version}\n\n` +
      table(
        ['', ''],
        [
          ['Commit', commit],
          ['Image', `\`${b.image}\``],
          [b.pushed ? 'Digest' : 'Image id', `\`${b.digest}\``],
          ['Tags', b.tags.map((t) => `\`${t}\``).join('<br>')],
        ],
      ),
  );
}

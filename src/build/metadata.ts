/**
 * Commit metadata -> version, tags and OCI labels. Pure: everything comes in as arguments.
 * Tag rules (src/build/tags.ts) follow docker/metadata-action.
 */
import type { GitContext } from '../github/context.js';
import { runUrl } from '../github/context.js';
import { dockerLabel } from '../core/labels.js';
import { evalTagRules } from './tags.js';

export { evalTagRule, parseTagRule, sanitizeTag, TagRuleError } from './tags.js';


export interface Metadata {
  version: string;
  /** Full references: `<image>:<tag>`, the version tag first. */
  tags: string[];
  labels: Record<string, string>;
}

export function defaultVersion(sha: string): string {
  return `sha-${sha.slice(0, 7)}`;
}

export interface MetadataInput {
  app: string;
  image: string;
  version: string | undefined;
  tagRules: string[];
  extraLabels: Record<string, string>;
  /** RFC 3339 build time. */
  created: string;
}

export function buildMetadata(input: MetadataInput, ctx: GitContext): Metadata {
  const version = input.version ?? defaultVersion(ctx.sha);
  const tagNames = [version];
  for (const tag of evalTagRules(input.tagRules, ctx)) if (!tagNames.includes(tag)) tagNames.push(tag);
  const source = ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : '';
  const oci = 'org.opencontainers.image';
  const labels: Record<string, string> = {
    [`${oci}.title`]: input.app,
    [`${oci}.description`]: ctx.description ?? '',
    [`${oci}.url`]: ctx.homepage ?? source,
    [`${oci}.source`]: source,
    [`${oci}.version`]: version,
    [`${oci}.created`]: input.created,
    [`${oci}.revision`]: ctx.sha,
    [`${oci}.licenses`]: ctx.license ?? '',
    [dockerLabel('app')]: input.app,
    [dockerLabel('ref')]: ctx.ref,
    [dockerLabel('runUrl')]: runUrl(ctx),
    [dockerLabel('actor')]: ctx.actor,
    [dockerLabel('workflow')]: ctx.workflow,
  };
  for (const [k, v] of Object.entries(labels)) if (v === '') delete labels[k];
  Object.assign(labels, input.extraLabels);
  return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

/**
 * Commit metadata -> version, tags and OCI labels. Pure: everything comes in as arguments.
 * Tag rules follow docker/metadata-action's syntax for the cases that make sense here.
 */
import type { GitContext } from './context.js';
import { runUrl } from './context.js';
import { LABEL_PREFIX } from './labels.js';


export interface Metadata {
  version: string;
  /** Full references: `<image>:<tag>`, the version tag first. */
  tags: string[];
  labels: Record<string, string>;
}

export class TagRuleError extends Error {}

export function defaultVersion(sha: string): string {
  return `sha-${sha.slice(0, 7)}`;
}

/** Branch or PR ref -> a valid Docker tag piece (as metadata-action does: invalid characters become "-"). */
export function sanitizeTag(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '').slice(0, 128);
}

interface Rule {
  type: string;
  attrs: Record<string, string>;
}

export function parseTagRule(line: string): Rule {
  const attrs: Record<string, string> = {};
  for (const part of line.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new TagRuleError(`tag rule ${JSON.stringify(line)}: "${part}" is not key=value`);
    attrs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const type = attrs.type;
  if (!type || !['sha', 'ref', 'semver', 'raw'].includes(type))
    throw new TagRuleError(
      `tag rule ${JSON.stringify(line)}: type must be one of sha, ref, semver, raw (for example type=ref,event=branch)`,
    );
  if (type === 'ref' && !['branch', 'tag', 'pr'].includes(attrs.event ?? ''))
    throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=ref needs event=branch, event=tag or event=pr`);
  if (type === 'raw' && !attrs.value) throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=raw needs value=...`);
  if (type === 'semver' && !attrs.pattern)
    throw new TagRuleError(`tag rule ${JSON.stringify(line)}: type=semver needs pattern=..., e.g. pattern={{version}}`);
  if (attrs.enable !== undefined && !['true', 'false'].includes(attrs.enable))
    throw new TagRuleError(`tag rule ${JSON.stringify(line)}: enable must be true or false`);
  return { type, attrs };
}

const SEMVER_RE = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** One rule -> the tag it yields for this context, or undefined when it does not apply. */
export function evalTagRule(rule: Rule, ctx: GitContext): string | undefined {
  const { type, attrs } = rule;
  if (attrs.enable === 'false') return undefined;
  const prefix = attrs.prefix ?? '';
  const suffix = attrs.suffix ?? '';
  let value: string | undefined;
  switch (type) {
    case 'sha':
      value = attrs.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7);
      if (attrs.prefix === undefined) return `sha-${value}${suffix}`;
      break;
    case 'raw':
      value = attrs.value;
      break;
    case 'ref':
      if (attrs.event === 'branch' && ctx.ref.startsWith('refs/heads/')) value = sanitizeTag(ctx.ref.slice(11));
      else if (attrs.event === 'tag' && ctx.ref.startsWith('refs/tags/')) value = sanitizeTag(ctx.ref.slice(10));
      else if (attrs.event === 'pr' && ctx.prNumber !== undefined) {
        value = String(ctx.prNumber);
        if (attrs.prefix === undefined) return `pr-${value}${suffix}`;
      }
      break;
    case 'semver': {
      const m = ctx.ref.startsWith('refs/tags/') ? SEMVER_RE.exec(ctx.ref.slice(10)) : null;
      if (!m) return undefined;
      const [, major, minor, patch, pre] = m;
      // Like metadata-action: a pre-release only yields the full {{version}}.
      if (pre && attrs.pattern !== '{{version}}') return undefined;
      value = attrs.pattern!
        .replace(/\{\{\s*version\s*\}\}/g, `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`)
        .replace(/\{\{\s*major\s*\}\}/g, major!)
        .replace(/\{\{\s*minor\s*\}\}/g, minor!)
        .replace(/\{\{\s*patch\s*\}\}/g, patch!);
      break;
    }
  }
  if (value === undefined || value === '') return undefined;
  return `${prefix}${value}${suffix}`;
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
  for (const line of input.tagRules) {
    const tag = evalTagRule(parseTagRule(line), ctx);
    if (tag === undefined) continue;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
      throw new TagRuleError(`tag rule ${JSON.stringify(line)} gave "${tag}", which is not a valid Docker tag`);
    if (!tagNames.includes(tag)) tagNames.push(tag);
  }
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
    [`${LABEL_PREFIX}.app`]: input.app,
    [`${LABEL_PREFIX}.ref`]: ctx.ref,
    [`${LABEL_PREFIX}.run-url`]: runUrl(ctx),
    [`${LABEL_PREFIX}.actor`]: ctx.actor,
    [`${LABEL_PREFIX}.workflow`]: ctx.workflow,
  };
  for (const [k, v] of Object.entries(labels)) if (v === '') delete labels[k];
  Object.assign(labels, input.extraLabels);
  return { version, tags: tagNames.map((t) => `${input.image}:${t}`), labels };
}

/**
 * Tag rules in docker/metadata-action's `tags` syntax, behaving as its documentation and its own test
 * cases do, for the rule types accepted here: sha, ref, semver, raw.
 *
 *   type=sha[,format=short|long]          sha-<7> (or the full commit); prefix defaults to "sha-"
 *   type=ref,event=branch|tag|pr          the branch, the tag, or pr-<N> (prefix defaults to "pr-")
 *   type=semver,pattern=...[,value=...]   {{version}} {{major}} {{minor}} {{patch}} {{raw}} of a semver tag
 *   type=raw,value=...  (or a bare value)  the value; a line without type= is raw
 * Every rule takes prefix, suffix, enable (true/false after expressions) and priority; values, prefix,
 * suffix and enable take the global expressions {{branch}} {{tag}} {{sha}} {{base_ref}}
 * {{is_default_branch}}.
 *
 * Deliberate differences (README "Tag rules"): no `flavor`, so no automatic `latest` (write
 * type=raw,value=latest); the version tag always comes first (priority orders the rest); the commit is
 * the checked-out one; on workflow_run the ref is the triggering run's branch; types schedule, pep440,
 * match, edge and {{date}} are refused rather than ignored; unknown attributes are refused (typos).
 */
import type { GitContext } from '../github/context.js';

export { parseTagRule, splitFields, TagRuleError, type TagRule, type TagType } from '../config/tag-rules.js';
import { parseTagRule, TagRuleError, type TagRule } from '../config/tag-rules.js';

export function sanitizeTag(s: string): string {
  return s.replace(/[^a-zA-Z0-9._-]+/g, '-');
}

/** The ref tag rules see: on pull_request_target (whose GITHUB_REF is the base branch) the PR's merge ref, as metadata-action. */
export function ruleRef(ctx: GitContext): string {
  return /pull_request_target/.test(ctx.eventName) && ctx.prNumber !== undefined ? `refs/pull/${ctx.prNumber}/merge` : ctx.ref;
}

/** Global expressions: {{branch}} {{tag}} {{sha}} {{base_ref}} {{is_default_branch}}. */
export function expand(text: string, ctx: GitContext, rule: string): string {
  const ref = ruleRef(ctx);
  return text.replace(/\{\{\s*([A-Za-z_]+)([^}]*)\}\}/g, (_m, name: string) => {
    switch (name) {
      case 'branch':
        return ref.startsWith('refs/heads/') ? ref.slice(11) : '';
      case 'tag':
        return ref.startsWith('refs/tags/') ? ref.slice(10) : '';
      case 'sha':
        return ctx.sha.slice(0, 7);
      case 'base_ref':
        return (ref.startsWith('refs/tags/') || ref.startsWith('refs/pull/')) && ctx.baseRef ? ctx.baseRef : '';
      case 'is_default_branch': {
        const branch = ref.replace(/^refs\/heads\//, '');
        if (!branch) return 'false';
        if (ctx.defaultBranch === branch) return 'true';
        return /create|discussion|issues|schedule/.test(ctx.eventName) ? 'true' : 'false';
      }
      default:
        throw new TagRuleError(
          `tag rule ${JSON.stringify(rule)}: {{${name}}} is not supported here (use {{branch}}, {{tag}}, {{sha}}, {{base_ref}} or {{is_default_branch}})`,
        );
    }
  });
}

const SEMVER_RE =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

function semverValue(rule: TagRule, ctx: GitContext): string | undefined {
  const ref = ruleRef(ctx);
  const given = rule.attrs.value ?? '';
  if (given === '' && !ref.startsWith('refs/tags/')) return undefined;
  const raw = given !== '' ? expand(given, ctx, rule.source) : ref.slice(10).replace(/\//g, '-');
  const m = SEMVER_RE.exec(raw);
  if (!m) return undefined;
  const [, major, minor, patch, pre] = m as unknown as [string, string, string, string, string | undefined];
  const fields: Record<string, string> = { version: `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`, major, minor, patch, raw };
  const pattern = rule.attrs.pattern!;
  // A pre-release only ever yields {{version}}, or {{raw}} when that is the whole pattern: it moves too often.
  const effective = pre ? (/^\{\{\s*raw\s*\}\}$/.test(pattern) ? pattern : '{{version}}') : pattern;
  return effective.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (_m, name: string) => {
    const v = fields[name];
    if (v === undefined)
      throw new TagRuleError(`tag rule ${JSON.stringify(rule.source)}: {{${name}}} is not a semver field ({{version}}, {{major}}, {{minor}}, {{patch}}, {{raw}})`);
    return v;
  });
}

/** One rule -> the tag it yields for this context, or undefined when it does not apply. */
export function evalTagRule(rule: TagRule, ctx: GitContext): string | undefined {
  const { attrs } = rule;
  const enable = expand(attrs.enable ?? 'true', ctx, rule.source);
  if (enable !== 'true' && enable !== 'false')
    throw new TagRuleError(`tag rule ${JSON.stringify(rule.source)}: enable must be true or false, not "${enable}"`);
  if (enable === 'false') return undefined;
  const ref = ruleRef(ctx);
  let value: string | undefined;
  switch (rule.type) {
    case 'sha':
      value = ctx.sha ? (attrs.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7)) : undefined;
      break;
    case 'raw':
      value = expand(attrs.value!, ctx, rule.source);
      break;
    case 'ref':
      if (attrs.event === 'branch' && ref.startsWith('refs/heads/')) value = ref.slice(11);
      else if (attrs.event === 'tag' && ref.startsWith('refs/tags/')) value = ref.slice(10);
      else if (attrs.event === 'pr' && ref.startsWith('refs/pull/')) value = ref.slice(10).replace(/\/merge$/, '');
      break;
    case 'semver':
      value = semverValue(rule, ctx);
      break;
  }
  if (value === undefined || value === '') return undefined;
  const prefix = attrs.prefix !== undefined ? expand(attrs.prefix, ctx, rule.source) : '';
  const suffix = attrs.suffix !== undefined ? expand(attrs.suffix, ctx, rule.source) : '';
  return sanitizeTag(`${prefix}${value}${suffix}`);
}

/** The tags of all rules for this context: by priority (highest first, then as written), without duplicates. */
export function evalTagRules(lines: readonly string[], ctx: GitContext): string[] {
  const rules = lines.map(parseTagRule);
  const sorted = rules.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
  const tags: string[] = [];
  for (const { r } of sorted) {
    const tag = evalTagRule(r, ctx);
    if (tag === undefined) continue;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag))
      throw new TagRuleError(`tag rule ${JSON.stringify(r.source)} gave "${tag}", which is not a valid Docker tag`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

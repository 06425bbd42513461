/**
 * The `tags` input: tag rules in docker/metadata-action's `tags` syntax, behaving as its documentation and its own test
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
export class TagRuleError extends Error {}

export type TagType = 'sha' | 'ref' | 'semver' | 'raw';
const TYPES: readonly TagType[] = ['sha', 'ref', 'semver', 'raw'];
const NOT_SUPPORTED = ['schedule', 'pep440', 'match', 'edge'];
const PRIORITY: Record<TagType, number> = { semver: 900, ref: 600, raw: 200, sha: 100 };
const ATTRS = new Set(['type', 'value', 'pattern', 'event', 'prefix', 'suffix', 'enable', 'priority', 'format']);

export interface TagRule {
  /** The line as written, for messages. */
  source: string;
  type: TagType;
  attrs: Record<string, string>;
  priority: number;
}

/** Comma-separated fields; a field that starts with a double quote runs to the closing quote ("" is a quote), as CSV. */
export function splitFields(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let i = 0;
  let atStart = true;
  while (i < line.length) {
    const c = line[i]!;
    if (atStart && c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new TagRuleError(`tag rule ${JSON.stringify(line)}: a quote is not closed`);
        if (line[i] === '"' && line[i + 1] === '"') {
          cur += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else cur += line[i++];
      }
      atStart = false;
    } else if (c === ',') {
      fields.push(cur);
      cur = '';
      atStart = true;
      i++;
    } else {
      if (!(atStart && /\s/.test(c))) {
        cur += c;
        atStart = false;
      }
      i++;
    }
  }
  fields.push(cur);
  return fields.map((f) => f.trim()).filter((f) => f !== '');
}

export function parseTagRule(line: string): TagRule {
  const fail = (why: string): never => {
    throw new TagRuleError(`tag rule ${JSON.stringify(line)}: ${why}`);
  };
  const attrs: Record<string, string> = {};
  let type: string | undefined;
  for (const field of splitFields(line)) {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      attrs.value = field;
      continue;
    }
    const key = field.slice(0, eq).trim().toLowerCase();
    const value = field.slice(eq + 1).trim();
    if (key === 'type') type = value;
    else if (!ATTRS.has(key)) fail(`"${key}" is not a tag rule attribute (${[...ATTRS].join(', ')})`);
    else attrs[key] = value;
  }
  type ??= 'raw';
  if (NOT_SUPPORTED.includes(type)) fail(`type=${type} is not supported here; use sha, ref, semver or raw`);
  if (!(TYPES as readonly string[]).includes(type)) fail('type must be one of sha, ref, semver, raw (for example type=ref,event=branch)');
  const t = type as TagType;
  switch (t) {
    case 'ref':
      if (!['branch', 'tag', 'pr'].includes(attrs.event ?? '')) fail('type=ref needs event=branch, event=tag or event=pr');
      if (attrs.event === 'pr' && attrs.prefix === undefined) attrs.prefix = 'pr-';
      break;
    case 'raw':
      if (attrs.value === undefined) fail('type=raw needs a value (value=... or a bare value)');
      break;
    case 'semver':
      if (attrs.pattern === undefined) fail('type=semver needs pattern=..., e.g. pattern={{version}}');
      break;
    case 'sha':
      attrs.prefix ??= 'sha-';
      attrs.format ??= 'short';
      if (!['short', 'long'].includes(attrs.format)) fail(`format must be short or long, not "${attrs.format}"`);
      break;
  }
  let priority = PRIORITY[t];
  if (attrs.priority !== undefined) {
    if (!/^-?\d+$/.test(attrs.priority)) fail('priority must be a whole number');
    priority = Number(attrs.priority);
  }
  return { source: line, type: t, attrs, priority };
}

/** As metadata-action: every run of characters a tag cannot hold becomes one "-". */

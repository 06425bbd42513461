/**
 * Image policy: rules checked on an image's own config (what `docker image inspect` says), before any
 * instance of it runs. Pure: the image comes in as data, results go out as data.
 */

export { parsePolicy, POLICY_MODES, POLICY_RULES_ACCEPTED, PolicySyntaxError, type PolicyConfig, type PolicyMode, type PolicyRule } from '../config/policy.js';
import type { PolicyRule } from '../config/policy.js';

export interface PolicyImage {
  /** Config.User: '' means root. */
  user: string;
  /** Config.Env, as NAME=VALUE strings. */
  env: string[];
  /** Config.Healthcheck.Test, undefined when the image declares none. */
  healthcheck: string[] | undefined;
  labels: Record<string, string>;
  sizeBytes: number;
}

export interface PolicyResult {
  rule: string;
  ok: boolean;
  /** Why it passed or failed. Never an ENV value (it may be the secret). */
  detail: string;
}

/** The OCI labels every build of this action sets (metadata.ts): a policy `labels` rule wants all of them. */
export const PROMISED_LABELS = [
  'org.opencontainers.image.title',
  'org.opencontainers.image.version',
  'org.opencontainers.image.created',
  'org.opencontainers.image.revision',
] as const;

/** ENV names that say "secret": *_PASSWORD, *_TOKEN, *_SECRET, API/private/access keys, credentials. */
const SECRET_NAME_RE =
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|SECRET_ACCESS_KEY|CREDENTIALS?|AUTH)$/i;
/** Values that are secrets whatever their name: cloud and forge key formats, PEM private keys, URLs with a password. */
const SECRET_VALUE_RES: [RegExp, string][] = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{22,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bsk_live_[A-Za-z0-9]{16,}\b/, 'a Stripe secret key'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'a URL with a password'],
];

function isRootUser(user: string): boolean {
  const u = user.split(':')[0]!.trim();
  return u === '' || u === 'root' || u === '0';
}

/** The ENV entries that look secret, as "NAME (why)": names, never values. */
export function secretLookingEnv(env: string[]): string[] {
  const found: string[] = [];
  for (const entry of env) {
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    const byValue = SECRET_VALUE_RES.find(([re]) => re.test(value));
    if (byValue) found.push(`${name} (its value looks like ${byValue[1]})`);
    // A secret-looking name with an empty value holds no secret (a placeholder the platform fills in).
    else if (value !== '' && SECRET_NAME_RE.test(name)) found.push(`${name} (a secret-looking name with a value)`);
  }
  return found;
}

export function evaluate(rule: PolicyRule, img: PolicyImage, version: string): PolicyResult {
  const r = (ok: boolean, detail: string): PolicyResult => ({ rule: rule.source, ok, detail });
  switch (rule.kind) {
    case 'non-root':
      return isRootUser(img.user)
        ? r(false, img.user ? `USER is ${img.user}` : 'no USER: the image runs as root')
        : r(true, `USER is ${img.user}`);
    case 'no-secret-env': {
      const found = secretLookingEnv(img.env);
      return found.length ? r(false, `ENV holds ${found.join(', ')}`) : r(true, `${img.env.length} ENV entries, none secret-looking`);
    }
    case 'healthcheck': {
      const t = img.healthcheck;
      if (!t || t.length === 0 || t[0] === 'NONE') return r(false, 'no HEALTHCHECK declared');
      return r(true, `HEALTHCHECK ${t.slice(1).join(' ')}`);
    }
    case 'labels': {
      const missing: string[] = PROMISED_LABELS.filter((l) => !img.labels[l]);
      const labelled = img.labels['org.opencontainers.image.version'];
      if (labelled && labelled !== version) missing.push(`org.opencontainers.image.version (is ${labelled}, not ${version})`);
      return missing.length ? r(false, `missing or wrong: ${missing.join(', ')}`) : r(true, `${PROMISED_LABELS.length} OCI labels present`);
    }
    case 'max-size': {
      const mb = img.sizeBytes / 1e6;
      return r(mb <= rule.maxMB, `${mb.toFixed(1)} MB ${mb <= rule.maxMB ? '<=' : '>'} ${rule.maxMB} MB`);
    }
  }
}

export function evaluatePolicy(rules: PolicyRule[], img: PolicyImage, version: string): PolicyResult[] {
  return rules.map((rule) => evaluate(rule, img, version));
}

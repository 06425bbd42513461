/** The `policy` input: its rules (one per line) and mode. Checked against images by src/policy/. */

export type PolicyRule =
  | { kind: 'non-root'; source: string }
  | { kind: 'no-secret-env'; source: string }
  | { kind: 'healthcheck'; source: string }
  | { kind: 'labels'; source: string }
  | { kind: 'max-size'; source: string; maxMB: number };

export type PolicyMode = 'warn' | 'enforce';
export const POLICY_MODES: readonly PolicyMode[] = ['warn', 'enforce'];

export interface PolicyConfig {
  rules: PolicyRule[];
  mode: PolicyMode;
}

export const POLICY_RULES_ACCEPTED = 'one rule per line: non-root, no-secret-env, healthcheck, labels, max-size=<MB>';

export class PolicySyntaxError extends Error {}

/** Parse the `policy` input's lines (comments and blank lines already dropped). */
export function parsePolicy(lines: string[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const source of lines) {
    const [name, value, ...rest] = source.split('=').map((s) => s.trim());
    if (rest.length) throw new PolicySyntaxError(source);
    if (name === 'max-size') {
      if (value === undefined || !/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new PolicySyntaxError(source);
      rules.push({ kind: 'max-size', source, maxMB: Number(value) });
    } else if ((name === 'non-root' || name === 'no-secret-env' || name === 'healthcheck' || name === 'labels') && value === undefined) {
      rules.push({ kind: name, source });
    } else throw new PolicySyntaxError(source);
  }
  return rules;
}

/** What the rules look at: the image's config, as `docker image inspect` (or GET /images/{id}/json) gives it. */

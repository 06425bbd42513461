/** The placeholders the user's Prometheus queries may hold (filled in by src/analysis/promql.ts). Pure. */

/** Placeholder -> what it becomes. `servers` and `targets` are regex alternations, for `=~"..."`. */
export const PLACEHOLDERS = ['version', 'stable-version', 'app', 'environment', 'backend', 'servers', 'targets', 'window'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const RE = /\{\{\s*([a-z-]+)\s*\}\}/g;

/** Placeholders in `query` that the action does not know (for input validation). */
export function unknownPlaceholders(query: string): string[] {
  return [...query.matchAll(RE)].map((m) => m[1] as string).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
}

/**
 * Query templates for metrics: prometheus. The user's queries name the new pool with placeholders the
 * action fills in; values are escaped for the place they go (a PromQL string, or a regex in one). Pure.
 */
import { formatAddress } from '../core/model.js';
import type { Subject } from './types.js';

import { PLACEHOLDERS, RE, type Placeholder } from '../config/placeholders.js';

export { PLACEHOLDERS, unknownPlaceholders, type Placeholder } from '../config/placeholders.js';

/** Escape for inside a double-quoted PromQL string. */
function str(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A regex that matches exactly one of `values`, escaped for a PromQL string (`=~"..."` is anchored). */
function alternation(values: readonly string[]): string {
  return str(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

export function fillQuery(query: string, s: Subject, windowSec: number): string {
  const value = (p: Placeholder): string => {
    switch (p) {
      case 'version':
        return str(s.version);
      case 'stable-version':
        return str(s.stableVersion ?? '');
      case 'app':
        return str(s.app);
      case 'environment':
        return str(s.environment);
      case 'backend':
        return str(s.backend ?? '');
      case 'servers':
        return alternation(s.servers);
      case 'targets':
        return alternation(s.targets.map(formatAddress));
      case 'window':
        return `${Math.max(1, Math.ceil(windowSec))}s`;
    }
  };
  return query.replace(RE, (all, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? value(name as Placeholder) : all));
}

/**
 * The one number of an instant query's `data`: a scalar, or a vector of exactly one sample.
 * undefined when the vector is empty or the value is NaN (no traffic: no evidence). Throws on more
 * than one series (the query must aggregate, e.g. with sum()).
 */
export function singleValue(data: unknown, query: string): number | undefined {
  const d = data as { resultType?: string; result?: unknown };
  let raw: unknown;
  if (d?.resultType === 'scalar') raw = (d.result as unknown[])?.[1];
  else if (d?.resultType === 'vector') {
    const list = Array.isArray(d.result) ? (d.result as { value?: unknown[] }[]) : [];
    if (list.length === 0) return undefined;
    if (list.length > 1)
      throw new Error(`The Prometheus query \`${query}\` returned ${list.length} series; it must return one number (aggregate it, e.g. with sum(...)).`);
    raw = list[0]?.value?.[1];
  } else throw new Error(`The Prometheus query \`${query}\` returned a ${d?.resultType ?? 'malformed'} result; it must return a scalar or one-sample vector.`);
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

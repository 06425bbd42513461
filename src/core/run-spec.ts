/**
 * The run specification of a version (src/core/model.ts RunSpec): everything needed to start, verify, route
 * and retire its instances again, except secret values. Each instance carries it as a label (labels
 * never change), and each flip record carries the spec of the pool it made live, so that a rollback —
 * warm or cold, from any runner — needs only app, environment and (optionally) version. Inputs given
 * explicitly win over the recorded spec. Pure.
 */
import type { RunSpec } from './model.js';

/** The URL without its user:password (as recorded, and as said to people). A value that is no URL is returned as it is. */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\s]*@/, '$1');
}

/** The spec in a label, or undefined when there is none or it is not one (an instance of an older release). */
export function parseSpec(text: string | undefined): RunSpec | undefined {
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as RunSpec;
    const ok =
      typeof s === 'object' && s !== null &&
      Number.isInteger(s.port) && typeof s.healthPath === 'string' && typeof s.restart === 'string' &&
      typeof s.env === 'object' && s.env !== null && Array.isArray(s.secretEnvNames);
    return ok ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Secret env names a version ran with that this run does not have (a fresh instance would need them). */
export function missingSecretKeys(spec: RunSpec, secretEnv: Record<string, string>): string[] {
  return spec.secretEnvNames.filter((k) => !(k in secretEnv));
}


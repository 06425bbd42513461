/** Runs the built-in HTTP checks against an instance. */
import type { HttpCheck } from '../config/types.js';
import { describeFetchError, request } from '../support/http.js';

export interface CheckResult {
  check: string;
  ok: boolean;
  /** What was seen: status, time, and why it failed. */
  detail: string;
  ms: number | undefined;
}

export function lookup(value: unknown, path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Pure: check one answer against one check. Returns the failure reason, or undefined when it passes. */
export function checkAnswer(check: HttpCheck, status: number, body: string, ms: number): string | undefined {
  if (status !== check.status) return `expected status ${check.status}, got ${status}`;
  if (check.contains !== undefined && !body.includes(check.contains))
    return `the body does not contain ${JSON.stringify(check.contains)}`;
  if (check.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'the body is not JSON';
    }
    const field = '.' + check.json.path.join('.');
    const actual = lookup(parsed, check.json.path);
    const equal = JSON.stringify(actual) === JSON.stringify(check.json.value);
    if (equal !== (check.json.op === '=='))
      return `${field} is ${actual === undefined ? 'missing' : JSON.stringify(actual)}, expected ${check.json.op === '!=' ? 'not ' : ''}${JSON.stringify(check.json.value)}`;
  }
  if (check.maxMs !== undefined && ms > check.maxMs) return `took ${ms} ms, over the budget of ${check.maxMs} ms`;
  return undefined;
}

export async function runChecks(baseUrl: string, checks: HttpCheck[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      const a = await request(baseUrl + check.path, { method: check.method, timeoutMs: Math.max(10_000, (check.maxMs ?? 0) * 2) });
      const why = checkAnswer(check, a.status, a.body, a.ms);
      results.push({ check: check.source, ok: !why, detail: why ?? `${a.status} in ${a.ms} ms`, ms: a.ms });
    } catch (err) {
      results.push({ check: check.source, ok: false, detail: describeFetchError(err), ms: undefined });
    }
  }
  return results;
}

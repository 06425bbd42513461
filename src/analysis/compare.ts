/**
 * The canary against its baseline (a fresh pool of the stable version with the same share, over the same
 * window). Pure.
 *
 * Error rate: the canary fails when its rate is more than `max-error-rate-increase` percentage points above
 * the baseline's AND that is more than noise: a one-sided two-proportion test at `confidence` (default 0.95)
 * of H0 "canary rate - baseline rate <= increase". The statistic is the Wald z with the Agresti-Caffo
 * adjustment (one error and one success added to each pool), which behaves with few requests and with
 * rates of 0: z = (p1 - p0 - increase) / sqrt(p1(1-p1)/(n1+2) + p0(1-p0)/(n0+2)), p = (errors+1)/(n+2).
 * The canary fails when z is above the normal quantile of `confidence` (1.645 at 0.95).
 *
 * Response time: the canary fails when its mean is more than `max-response-increase` percent above the
 * baseline's (means only: no source gives the spread of the times).
 */
import { formatPercent, errorRate } from './verdict.js';
import type { Numbers, Verdict } from './types.js';
import type { BaselineThresholds } from '../config/types.js';

// One shape for the thresholds: the typed config's (read from the inputs), as src/analysis/prometheus.ts does for its queries.
export type { BaselineThresholds } from '../config/types.js';

/**
 * The standard normal quantile (inverse CDF) of `p` in (0, 1): Acklam's rational approximation (relative
 * error below 1.2e-9), enough for a test threshold.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: ${p} is not in (0, 1)`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface ErrorRateTest {
  /** The canary's rate minus the baseline's, in percentage points (raw counts). */
  increase: number;
  /** The test statistic (see the module comment). */
  z: number;
  /** The threshold z must exceed for a failure. */
  critical: number;
  /** The increase is above the allowed one with the confidence asked for. */
  significant: boolean;
}

/** The one-sided test of "the canary's error rate is more than `margin` points above the baseline's". */
export function errorRateTest(canary: { errors: number; requests: number }, baseline: { errors: number; requests: number }, margin: number, confidence: number): ErrorRateTest {
  const rate = (x: { errors: number; requests: number }) => (x.requests > 0 ? x.errors / x.requests : 0);
  const adjusted = (x: { errors: number; requests: number }) => (x.errors + 1) / (x.requests + 2);
  const p1 = adjusted(canary);
  const p0 = adjusted(baseline);
  const se = Math.sqrt((p1 * (1 - p1)) / (canary.requests + 2) + (p0 * (1 - p0)) / (baseline.requests + 2));
  const z = (p1 - p0 - margin / 100) / se;
  const critical = normalQuantile(confidence);
  const increase = 100 * (rate(canary) - rate(baseline));
  return { increase, z, critical, significant: increase > margin && z > critical };
}

/** Errors and requests of a reading, when it has both (a rate alone cannot be tested: it has no count). */
function counts(n: Numbers): { errors: number; requests: number } | undefined {
  if (n.requests === undefined || n.requests <= 0) return undefined;
  if (n.errors !== undefined) return { errors: n.errors, requests: n.requests };
  const r = errorRate(n);
  return r === undefined ? undefined : { errors: Math.round((r * n.requests) / 100), requests: n.requests };
}

const points = (x: number) => `${Number(x.toFixed(2))} points`;

/**
 * The canary's verdict against the baseline's numbers of the same window: a failure, or undefined when it
 * holds (or there is nothing to compare: a pool without requests in the window). `canary` is the canary's
 * own verdict so far (its numbers); the baseline's numbers are kept on the verdict for the summary.
 */
export function compareWithBaseline(canary: Numbers, baseline: Numbers, t: BaselineThresholds): Extract<Verdict, { result: 'fail' }> | undefined {
  const c = counts(canary);
  const b = counts(baseline);
  const fail = (metric: string, value: string, threshold: string) => ({ result: 'fail' as const, numbers: canary, baseline, metric, value, threshold });
  if (c && b) {
    const test = errorRateTest(c, b, t.maxErrorRateIncrease, t.confidence);
    if (test.significant)
      return fail(
        'error-rate-increase',
        `${formatPercent((100 * c.errors) / c.requests)} vs ${formatPercent((100 * b.errors) / b.requests)} on the baseline (+${points(test.increase)}, z ${test.z.toFixed(2)} > ${test.critical.toFixed(2)})`,
        `max-error-rate-increase ${points(t.maxErrorRateIncrease)} at confidence ${t.confidence}`,
      );
  } else {
    // A source that gives rates without counts (a Prometheus rate query without a requests query): no test, the points alone.
    const rc = errorRate(canary);
    const rb = errorRate(baseline);
    if (rc !== undefined && rb !== undefined && rc - rb > t.maxErrorRateIncrease)
      return fail(
        'error-rate-increase',
        `${formatPercent(rc)} vs ${formatPercent(rb)} on the baseline (+${points(rc - rb)}, no request counts to test against noise)`,
        `max-error-rate-increase ${points(t.maxErrorRateIncrease)}`,
      );
  }
  const inc = t.maxResponseIncrease;
  if (inc !== undefined && canary.responseMs !== undefined && baseline.responseMs !== undefined && baseline.responseMs > 0) {
    const more = (100 * (canary.responseMs - baseline.responseMs)) / baseline.responseMs;
    if (more > inc)
      return fail(
        'response-increase',
        `${Math.round(canary.responseMs)} ms vs ${Math.round(baseline.responseMs)} ms on the baseline (+${Math.round(more)}%)`,
        `max-response-increase ${inc}%`,
      );
  }
  return undefined;
}

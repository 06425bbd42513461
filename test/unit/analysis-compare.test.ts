/** src/analysis/compare.ts and the window's verdict with a baseline: the canary against the stable version's fresh pool. */
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, errorRateTest, normalQuantile } from '../../src/analysis/compare.js';
import { judgeReading } from '../../src/analysis/window.js';

const t = { maxErrorRateIncrease: 1, maxResponseIncrease: undefined, confidence: 0.95 };
const n = (requests: number, errors: number, responseMs?: number) => ({ requests, errors, ...(responseMs !== undefined ? { responseMs } : {}) });

describe('normalQuantile', () => {
  it('gives the known quantiles', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6449, 4);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263, 4);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263, 4);
  });
});

describe('errorRateTest / compareWithBaseline', () => {
  it('3% against 3%: passes, however many requests', () => {
    for (const requests of [50, 200, 1000, 10000]) expect(compareWithBaseline(n(requests, requests * 0.03), n(requests, requests * 0.03), t)).toBeUndefined();
  });

  it('noise of a few requests does not fail: 3 errors of 40 against 0 of 40 is +7.5 points but not significant', () => {
    const test = errorRateTest({ errors: 3, requests: 40 }, { errors: 0, requests: 40 }, 1, 0.95);
    expect(test.increase).toBeCloseTo(7.5, 9);
    expect(test.significant).toBe(false);
    expect(compareWithBaseline(n(40, 3), n(40, 0), t)).toBeUndefined();
  });

  it('15% against 3% with a hundred requests each fails, naming both rates, the increase and the threshold', () => {
    const v = compareWithBaseline(n(100, 15), n(100, 3), t);
    expect(v).toMatchObject({ result: 'fail', metric: 'error-rate-increase', baseline: n(100, 3) });
    expect(v!.value).toMatch(/^15% vs 3% on the baseline \(\+12 points, z [\d.]+ > 1\.64\)$/);
    expect(v!.threshold).toBe('max-error-rate-increase 1 points at confidence 0.95');
  });

  it('a higher confidence needs more evidence', () => {
    expect(errorRateTest({ errors: 9, requests: 100 }, { errors: 3, requests: 100 }, 1, 0.9).significant).toBe(true);
    expect(errorRateTest({ errors: 9, requests: 100 }, { errors: 3, requests: 100 }, 1, 0.99).significant).toBe(false);
  });

  it('an increase within the allowed points never fails, however significant', () => {
    expect(errorRateTest({ errors: 4000, requests: 100000 }, { errors: 3100, requests: 100000 }, 1, 0.95).significant).toBe(false);
    expect(errorRateTest({ errors: 4200, requests: 100000 }, { errors: 3000, requests: 100000 }, 1, 0.95).significant).toBe(true);
  });

  it('rates without counts (Prometheus without a requests query): the points alone', () => {
    expect(compareWithBaseline({ errorRate: 5 }, { errorRate: 3 }, t)?.metric).toBe('error-rate-increase');
    expect(compareWithBaseline({ errorRate: 3.5 }, { errorRate: 3 }, t)).toBeUndefined();
  });

  it('response time: more than max-response-increase percent above the baseline fails', () => {
    const rt = { ...t, maxResponseIncrease: 20 };
    expect(compareWithBaseline(n(100, 0, 130), n(100, 0, 100), rt)).toMatchObject({ metric: 'response-increase', value: '130 ms vs 100 ms on the baseline (+30%)' });
    expect(compareWithBaseline(n(100, 0, 115), n(100, 0, 100), rt)).toBeUndefined();
    expect(compareWithBaseline(n(100, 0, 500), n(100, 0, 100), t)).toBeUndefined();
  });
});

describe('judgeReading with a baseline', () => {
  const thresholds = { maxErrorRate: undefined, maxResponseMs: undefined, minRequests: 20 };
  it('no verdict until both pools have min-requests', () => {
    expect(judgeReading({ numbers: n(100, 15) }, { numbers: n(10, 0) }, thresholds, t)).toMatchObject({ result: 'insufficient', baseline: { requests: 10 } });
    expect(judgeReading({ numbers: n(10, 5) }, { numbers: n(100, 3) }, thresholds, t).result).toBe('insufficient');
  });
  it('absolute thresholds still apply when given; without them 3% passes against 3%', () => {
    expect(judgeReading({ numbers: n(200, 6) }, { numbers: n(200, 6) }, thresholds, t)).toMatchObject({ result: 'pass', baseline: { requests: 200, errorRate: 3 } });
    expect(judgeReading({ numbers: n(200, 6) }, { numbers: n(200, 6) }, { ...thresholds, maxErrorRate: 1 }, t)).toMatchObject({ result: 'fail', metric: 'error-rate' });
    expect(judgeReading({ numbers: n(200, 30) }, { numbers: n(200, 6) }, thresholds, t)).toMatchObject({ result: 'fail', metric: 'error-rate-increase' });
  });
});

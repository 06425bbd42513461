/** The verdict on one window's numbers against the thresholds. Pure. */
import type { Numbers, Reading, Thresholds, Verdict } from './types.js';

/** The error rate in percent: the source's own rate, else errors / requests; undefined without evidence. */
export function errorRate(n: Numbers): number | undefined {
  if (n.errorRate !== undefined && Number.isFinite(n.errorRate)) return n.errorRate;
  if (n.errors !== undefined && n.requests !== undefined && n.requests > 0) return (100 * n.errors) / n.requests;
  return undefined;
}

export function formatPercent(p: number): string {
  return `${Number(p.toFixed(2))}%`;
}

/**
 * Judge a reading. Order: too few requests is no evidence (insufficient), whatever the rest says, so a
 * window never passes (nor fails on the rate of 2 requests) on noise; then error rate, then response
 * time, then a command's own verdict.
 */
export function verdictOf(reading: Reading, t: Thresholds): Verdict {
  const numbers: Numbers = { ...reading.numbers };
  const rate = errorRate(numbers);
  if (rate !== undefined) numbers.errorRate = rate;
  if (numbers.requests !== undefined && numbers.requests < t.minRequests) return { result: 'insufficient', numbers };
  if (rate !== undefined && t.maxErrorRate !== undefined && rate > t.maxErrorRate)
    return { result: 'fail', numbers, metric: 'error-rate', value: formatPercent(rate), threshold: `max-error-rate ${formatPercent(t.maxErrorRate)}` };
  if (t.maxResponseMs !== undefined && numbers.responseMs !== undefined && numbers.responseMs > t.maxResponseMs)
    return {
      result: 'fail',
      numbers,
      metric: 'response-ms',
      value: `${Math.round(numbers.responseMs)} ms`,
      threshold: `max-response-ms ${t.maxResponseMs} ms`,
    };
  if (reading.says === 'fail')
    return {
      result: 'fail',
      numbers,
      metric: 'analysis-command',
      value: 'failed',
      threshold: 'exit code 0',
      ...(reading.output !== undefined ? { output: reading.output } : {}),
    };
  // A source that counts nothing (a command printing no numbers) stands on its own verdict.
  if (numbers.requests === undefined && rate === undefined && reading.says === undefined && t.minRequests > 0)
    return { result: 'insufficient', numbers };
  return { result: 'pass', numbers };
}

/** The failure when the window has reached its limit still without enough requests. */
export function noEvidence(numbers: Numbers, t: Thresholds, seconds: number): Verdict {
  return {
    result: 'fail',
    numbers,
    metric: 'min-requests',
    value: numbers.requests === undefined ? 'no request count' : `${numbers.requests} requests in ${Math.round(seconds)}s`,
    threshold: `min-requests ${t.minRequests}`,
  };
}

/** One line for logs and errors: `error-rate 12.5% > max-error-rate 1%`. */
export function describeFailure(v: Extract<Verdict, { result: 'fail' }>): string {
  if (v.metric === 'min-requests') return `too few requests to judge: ${v.value} (${v.threshold})`;
  if (v.metric === 'analysis-command') return `the analysis command failed${v.output ? `:\n${v.output}` : ''}`;
  if (v.metric === 'error-rate-increase' || v.metric === 'response-increase') return `${v.metric === 'response-increase' ? 'response time' : 'error rate'} ${v.value} > ${v.threshold}`;
  return `${v.metric} ${v.value} > ${v.threshold}`;
}

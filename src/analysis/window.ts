/**
 * Judging one window (a canary step or the bake): open the source, read it every POLL_MS while it runs and
 * judge each reading (a breach ends the window at once), judge at the end, and when there were too few
 * requests keep the window open longer, up to a limit, rather than pass on no evidence.
 */
import { noEvidence, verdictOf } from './verdict.js';
import { compareWithBaseline, type BaselineThresholds } from './compare.js';
import type { MetricsSource, OpenWindow, Reading, Subject, Thresholds, Verdict } from './types.js';

/** A window without enough requests may grow to this many times its length before it fails. */
export const EXTEND_FACTOR = 3;
/**
 * A quarter of a second: a breach is seen within 250 ms of the reading that shows it (HAProxy's stats and a
 * Prometheus instant query cost a few ms each; a command run every poll starts again when it returns).
 * A second before issue 22: the time from a bad canary's first bad answer to traffic back was 1.0 s
 * (balancer) and 2.2 s (Prometheus), see docs/benchmarks.md.
 */
export const POLL_MS = 250;
/** A metrics source that fails is asked again this many times (a poll apart) before the window ends without a verdict. */
export const SOURCE_RETRIES = 3;

/** The metrics source failed, every retry included: no verdict (never a pass). Names the source and its error. */
export class SourceError extends Error {
  constructor(source: MetricsSource, attempts: number, cause: unknown) {
    super(`the metrics source (${source.describe()}) failed ${attempts} time${attempts > 1 ? 's' : ''} in a row: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SourceError';
  }
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface WindowResult {
  verdict: Verdict;
  /** How long the window ran, in seconds. */
  seconds: number;
}

export interface WindowOptions {
  seconds: number;
  thresholds: Thresholds;
  pollMs?: number;
  clock?: Clock;
  /** Called with each judged reading while the window runs (for logs). */
  onReading?: (v: Verdict, elapsedSec: number) => void;
  /** Called when the source fails and will be asked again (for logs). */
  onSourceError?: (err: unknown, failures: number) => void;
  /**
   * Compare the canary with its baseline (baseline: true): the same source, over the same window, for the
   * baseline pool (`subject`); the canary fails on the increases of `thresholds` (./compare.ts).
   */
  baseline?: { subject: Subject; thresholds: BaselineThresholds } | undefined;
}

/**
 * The verdict on a reading of the canary and (with a baseline) of the baseline over the same window: the
 * canary's own verdict first (absolute thresholds, min-requests); then, once both pools have min-requests,
 * the comparison. Pure.
 */
export function judgeReading(canary: Reading, base: Reading | undefined, thresholds: Thresholds, baseline: BaselineThresholds | undefined): Verdict {
  const own = verdictOf(canary, thresholds);
  if (!base || !baseline) return own;
  const b = verdictOf({ numbers: base.numbers }, { ...thresholds, maxErrorRate: undefined, maxResponseMs: undefined });
  if (own.result === 'fail') return { ...own, baseline: b.numbers };
  if (own.result === 'insufficient' || b.result === 'insufficient') return { result: 'insufficient', numbers: own.numbers, baseline: b.numbers };
  return compareWithBaseline(own.numbers, b.numbers, baseline) ?? { ...own, baseline: b.numbers };
}

export async function judgeWindow(source: MetricsSource, subject: Subject, o: WindowOptions): Promise<WindowResult> {
  const clock = o.clock ?? realClock;
  const pollMs = o.pollMs ?? POLL_MS;
  const start = clock.now();
  const end = start + o.seconds * 1000;
  const limit = start + o.seconds * 1000 * EXTEND_FACTOR;
  let failures = 0;
  /** `fn`, or undefined after a failure that may be retried; throws SourceError once the retries are spent. */
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      const r = await fn();
      failures = 0;
      return r;
    } catch (err) {
      failures++;
      if (failures > SOURCE_RETRIES) throw new SourceError(source, failures, err);
      o.onSourceError?.(err, failures);
      return undefined;
    }
  };
  // With a baseline both windows open together and are read together: the same window for both pools.
  const base = o.baseline;
  const open = async (): Promise<{ canary: OpenWindow; baseline: OpenWindow | undefined }> => {
    const [canary, baseline] = await Promise.all([source.open(subject), base ? source.open(base.subject) : undefined]);
    return { canary, baseline };
  };
  let w = await attempt(open);
  while (!w) {
    await clock.sleep(pollMs);
    w = await attempt(open);
  }
  const opened = w;
  const read = async (): Promise<{ canary: Reading; baseline: Reading | undefined }> => {
    const [canary, baseline] = await Promise.all([opened.canary.read(), opened.baseline?.read()]);
    return { canary, baseline };
  };
  for (;;) {
    const now = clock.now();
    // After a failed read: ask again a poll later, whatever the source.
    const due = failures > 0 || now >= end ? now + pollMs : source.continuous ? Math.min(now + pollMs, end) : end;
    await clock.sleep(Math.max(0, due - now));
    const t = clock.now();
    const elapsed = (t - start) / 1000;
    const reading = await attempt(read);
    if (!reading) continue;
    const v = judgeReading(reading.canary, reading.baseline, o.thresholds, base?.thresholds);
    o.onReading?.(v, elapsed);
    if (v.result === 'fail') return { verdict: v, seconds: elapsed };
    if (t < end) continue;
    if (v.result === 'pass') return { verdict: v, seconds: elapsed };
    if (t >= limit) return { verdict: { ...noEvidence(v.numbers, o.thresholds, elapsed), baseline: v.baseline }, seconds: elapsed };
  }
}

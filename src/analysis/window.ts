/**
 * Judging one window (a canary step or the bake): open the source, read it about every second while it
 * runs (a breach ends the window at once), judge at the end, and when there were too few requests keep
 * the window open longer, up to a limit, rather than pass on no evidence.
 */
import { noEvidence, verdictOf } from './verdict.js';
import type { MetricsSource, Subject, Thresholds, Verdict } from './types.js';

/** A window without enough requests may grow to this many times its length before it fails. */
export const EXTEND_FACTOR = 3;
export const POLL_MS = 1000;

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
}

export async function judgeWindow(source: MetricsSource, subject: Subject, o: WindowOptions): Promise<WindowResult> {
  const clock = o.clock ?? realClock;
  const pollMs = o.pollMs ?? POLL_MS;
  const start = clock.now();
  const end = start + o.seconds * 1000;
  const limit = start + o.seconds * 1000 * EXTEND_FACTOR;
  const w = await source.open(subject);
  for (;;) {
    const now = clock.now();
    const due = now >= end ? now + pollMs : source.continuous ? Math.min(now + pollMs, end) : end;
    await clock.sleep(Math.max(0, due - now));
    const t = clock.now();
    const elapsed = (t - start) / 1000;
    const v = verdictOf(await w.read(), o.thresholds);
    o.onReading?.(v, elapsed);
    if (v.result === 'fail') return { verdict: v, seconds: elapsed };
    if (t < end) continue;
    if (v.result === 'pass') return { verdict: v, seconds: elapsed };
    if (t >= limit) return { verdict: noEvidence(v.numbers, o.thresholds, elapsed), seconds: elapsed };
  }
}

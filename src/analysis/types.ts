/**
 * Analysis: the new pool's numbers over a window, from one metrics source, judged against thresholds.
 * These types are shared by the sources (balancer stats, Prometheus, a command), the verdict and the
 * window loop; nothing here knows about routers or releases.
 */

export type { Thresholds } from '../config/types.js';

/** What a source measured for the new pool over the window so far. Every field is optional: sources differ. */
export interface Numbers {
  requests?: number;
  /** 5xx answers (and, for HAProxy, responses the server broke off). */
  errors?: number;
  /** Percent of requests answered with 5xx; computed from errors/requests when the source gives no rate. */
  errorRate?: number;
  /** Mean response time in milliseconds. */
  responseMs?: number;
}

/** What is being judged: the new pool as the balancer and the user's metrics know it. */
export interface Subject {
  app: string;
  environment: string;
  /** The new version. */
  version: string;
  /** The version that keeps the rest of the traffic (undefined on a first deploy). */
  stableVersion: string | undefined;
  /** The new pool's addresses (host:port the balancer sends to). */
  targets: { host: string; port: number }[];
  /** The balancer's names for the new pool's servers (HAProxy server names), when it has them. */
  servers: string[];
  /** The balancer's backend (HAProxy backend), when it has one. */
  backend: string | undefined;
  /** The new pool's share of traffic in this window, in percent. */
  share: number;
  /**
   * What the window measures: the canary (the default), or its baseline, a fresh pool of the stable version
   * (then `version` is the stable version and `targets` and `servers` are the baseline pool's).
   */
  role?: 'canary' | 'baseline' | undefined;
}

/** One read of a window: the numbers, and for a command source its own pass/fail and printed output. */
export interface Reading {
  numbers: Numbers;
  /** A command's own verdict (exit code); undefined for sources that only measure. */
  says?: 'pass' | 'fail';
  /** What a command printed (last lines), for the failure message. */
  output?: string;
}

/** An open window on a source: read() returns the numbers from the window's start until now. */
export interface OpenWindow {
  read(): Promise<Reading>;
}

export interface MetricsSource {
  readonly kind: 'balancer' | 'prometheus' | 'command';
  describe(): string;
  /**
   * Is the window read while it runs (cheap reads: balancer stats, Prometheus; a command with
   * analysis-command-every-poll)? Those are read every poll so that a breach aborts at once. Otherwise (a
   * command) it is run only when the window ends.
   */
  readonly continuous: boolean;
  open(subject: Subject): Promise<OpenWindow>;
}

/** `baseline`: the baseline pool's numbers over the same window, when the canary is compared with one (baseline: true). */
export type Verdict =
  | { result: 'pass'; numbers: Numbers; baseline?: Numbers | undefined }
  /**
   * `metric` names what breached (error-rate, response-ms, min-requests, analysis-command, error-rate-increase,
   * response-increase), with value and threshold as text.
   */
  | { result: 'fail'; numbers: Numbers; metric: string; value: string; threshold: string; output?: string; baseline?: Numbers | undefined }
  /** Fewer than min-requests requests (of the canary, or of its baseline): no verdict yet. */
  | { result: 'insufficient'; numbers: Numbers; baseline?: Numbers | undefined };

/**
 * metrics: command — the user's analysis-command, run in bash like a `run:` step when a window ends.
 * It gets the window and the new pool in its environment (never in the command text), exits 0 for pass
 * and non-zero for fail, and may print its numbers as `requests=N`, `errors=N`, `error-rate=P`
 * (percent), `response-ms=M` lines; printed numbers are judged against the thresholds too.
 */
import { lastLines, type Runner } from '../support/exec.js';
import { formatAddress } from '../core/model.js';
import type { MetricsSource, Numbers, OpenWindow, Subject } from './types.js';

const TIMEOUT_MS = 120_000;

export function analysisEnv(s: Subject, startMs: number, endMs: number): Record<string, string> {
  return {
    APP: s.app,
    ENVIRONMENT: s.environment,
    VERSION: s.version,
    STABLE_VERSION: s.stableVersion ?? '',
    SHARE: String(s.share),
    // baseline: true: the command runs for the canary and for its baseline (a fresh pool of STABLE_VERSION) over the same window.
    ROLE: s.role ?? 'canary',
    TARGETS: s.targets.map(formatAddress).join(' '),
    TARGET_URLS: s.targets.map((t) => `http://${formatAddress(t)}`).join(' '),
    SERVERS: s.servers.join(' '),
    BACKEND: s.backend ?? '',
    WINDOW_START: String(Math.floor(startMs / 1000)),
    WINDOW_END: String(Math.ceil(endMs / 1000)),
    WINDOW_SECONDS: String(Math.max(1, Math.round((endMs - startMs) / 1000))),
  };
}

const KEYS: Record<string, keyof Numbers> = { requests: 'requests', errors: 'errors', 'error-rate': 'errorRate', 'response-ms': 'responseMs' };

/** `key=number` lines of the command's stdout (the last one of each key wins). */
export function parsePrintedNumbers(stdout: string): Numbers {
  const n: Numbers = {};
  for (const line of stdout.split('\n')) {
    const m = /^\s*(requests|errors|error-rate|response-ms)\s*[=:]\s*(-?[\d.]+)\s*(%|ms)?\s*$/.exec(line);
    const v = m ? Number(m[2]) : NaN;
    if (m && Number.isFinite(v)) n[KEYS[m[1] as string] as keyof Numbers] = v;
  }
  return n;
}

export class CommandSource implements MetricsSource {
  readonly kind = 'command';
  /** analysis-command-every-poll: run on every poll (a failure ends the window at once), else when the window ends. */
  readonly continuous: boolean;

  constructor(
    private readonly command: string,
    private readonly run: Runner,
    private readonly now: () => number = Date.now,
    everyPoll = false,
  ) {
    this.continuous = everyPoll;
  }

  describe(): string {
    const first = this.command.split('\n')[0] ?? '';
    return `analysis command \`${first}${this.command.includes('\n') ? ' …' : ''}\``;
  }

  open(subject: Subject): Promise<OpenWindow> {
    const start = this.now();
    return Promise.resolve({
      read: async () => {
        const r = await this.run(['bash', '-e', '-o', 'pipefail', '-c', this.command], {
          env: analysisEnv(subject, start, this.now()),
          allowFailure: true,
          timeoutMs: TIMEOUT_MS,
        });
        const output = lastLines([r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n'), 20);
        return {
          numbers: parsePrintedNumbers(r.stdout),
          says: r.exitCode === 0 && !r.timedOut ? 'pass' : 'fail',
          output: r.timedOut ? `(timed out after ${TIMEOUT_MS / 1000}s)\n${output}` : output,
        };
      },
    });
  }
}

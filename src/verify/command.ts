/**
 * The user's acceptance command. It is written by the workflow author (like a `run:` step), so it runs
 * in bash; the data it needs is passed in environment variables, never spliced into the text.
 */
import { lastLines, run, type Runner } from '../support/exec.js';

export interface AcceptanceEnv {
  TARGET_URL: string;
  VERSION: string;
  APP: string;
  ENVIRONMENT: string;
  IMAGE: string;
  DIGEST: string;
  /** Testers first (preview-header): the balancer's URL (Kubernetes: the preview Service) and the header that reaches the new version there. */
  PREVIEW_URL?: string;
  PREVIEW_HEADER?: string;
}

export interface CommandOutcome {
  ok: boolean;
  exitCode: number;
  timedOut: boolean;
  ms: number;
  output: string;
}

export async function runAcceptanceCommand(
  command: string,
  env: AcceptanceEnv,
  timeoutSec: number,
  exec: Runner = run,
  /** Print the output as it comes (one command at a time); otherwise only its last lines are kept. */
  echo = true,
): Promise<CommandOutcome> {
  const started = Date.now();
  const r = await exec(['bash', '-e', '-o', 'pipefail', '-c', command], {
    env: { ...env },
    echo,
    allowFailure: true,
    timeoutMs: timeoutSec * 1000,
  });
  return {
    ok: r.exitCode === 0 && !r.timedOut,
    exitCode: r.exitCode,
    timedOut: !!r.timedOut,
    ms: Date.now() - started,
    output: lastLines((r.stdout + r.stderr).trimEnd(), 30),
  };
}

/**
 * The release's events (issue 21): one call per event from the release use cases (through ReleaseDeps.notify),
 * fanned out to the `notify-webhook` URLs (in the background: a slow receiver never holds the release up) and to
 * the event's hook on the runner (post-deploy-command, on-failure-command, on-rollback-command; awaited).
 * Nothing here fails a run, except post-deploy-command, whose failure fails the job (the release stays).
 */
import type { Config } from '../config/types.js';
import { DeployError } from '../support/errors.js';
import { lastLines, run, type Runner } from '../support/exec.js';
import type { Log } from '../support/log.js';
import { eventBody, hookEnv, releaseEvent, type EventFacts, type EventName, type ReleaseEvent } from './events.js';
import { deliverAll } from './webhook.js';

export { EVENTS, eventBody, eventText, hookEnv, releaseEvent, rollbackCommand, type EventFacts, type EventName, type ReleaseEvent } from './events.js';

/** What the caller says about an event (app, environment and run come from the notifier). */
export type EventInput = Partial<Omit<EventFacts, 'app' | 'environment' | 'runUrl'>>;

export interface EmitOptions {
  /** Run the event's hook (default true); false: the webhooks only (an abort's message at the decision, its hook once traffic is back). */
  hook?: boolean;
  /** Send to the webhooks (default true). */
  webhooks?: boolean;
}

export interface Notifier {
  /**
   * The event to every webhook (started now, not awaited), then its hook on the runner (awaited). Throws only
   * when post-deploy-command fails.
   */
  emit(event: EventName, facts: EventInput, opts?: EmitOptions): Promise<void>;
  /** Whether this run already sent `event` (an abort sent at the decision is not sent again as a failure). */
  emitted(event: EventName): boolean;
  /** Waits for the deliveries still under way (each bounded by its timeout and retries). */
  flush(): Promise<void>;
}

/** A notifier that does nothing (no webhook, no hook): tests and commands without events. */
export const silent: Notifier = { emit: () => Promise.resolve(), emitted: () => false, flush: () => Promise.resolve() };

const HOOK_INPUT = { succeeded: 'post-deploy-command', failed: 'on-failure-command', aborted: 'on-failure-command', 'rolled back': 'on-rollback-command' } as const;

/** The hook command of an event, if the workflow gave one. */
export function hookFor(cfg: Pick<Config, 'ops'>, event: EventName): { input: string; command: string } | undefined {
  const input = (HOOK_INPUT as Partial<Record<EventName, string>>)[event];
  const { postDeploy, onFailure, onRollback } = cfg.ops.hooks;
  const command = input === 'post-deploy-command' ? postDeploy : input === 'on-failure-command' ? onFailure : input === 'on-rollback-command' ? onRollback : undefined;
  return input && command ? { input, command } : undefined;
}

export function createNotifier(cfg: Pick<Config, 'app' | 'environment' | 'ops' | 'verify'>, runUrl: string, log: Log, exec: Runner = run): Notifier {
  const pending = new Set<Promise<void>>();
  const sent = new Set<EventName>();
  const send = (e: ReleaseEvent) => {
    if (cfg.ops.webhooks.length === 0) return;
    const p = deliverAll(cfg.ops.webhooks, eventBody(e), e.event, log).finally(() => pending.delete(p));
    pending.add(p);
  };
  const hook = async (e: ReleaseEvent) => {
    const h = hookFor(cfg, e.event);
    if (!h) return;
    const r = await log.group(`${h.input} (${e.event})`, () =>
      exec(['bash', '-e', '-o', 'pipefail', '-c', h.command], {
        env: hookEnv(e),
        echo: true,
        allowFailure: true,
        timeoutMs: cfg.verify.acceptanceTimeoutSec * 1000,
      }),
    );
    if (r.exitCode === 0 && !r.timedOut) return;
    const why = r.timedOut ? `timed out after ${cfg.verify.acceptanceTimeoutSec}s (acceptance-timeout)` : `failed with exit code ${r.exitCode}`;
    const tail = lastLines((r.stdout + r.stderr).trimEnd(), 15);
    if (h.input === 'post-deploy-command')
      throw new DeployError(
        `post-deploy-command ${why}${tail ? `:\n${tail}` : '.'}\nThe release stays: ${e.version} is live.`,
        `Fix the command and re-run it by hand, or roll back: ${e.rollbackCommand}`,
      );
    log.warning(`${h.input} ${why}${tail ? `:\n${tail}` : '.'}`, `${h.input} failed`);
  };
  return {
    async emit(event, facts, opts = {}) {
      const e = releaseEvent(event, {
        app: cfg.app,
        environment: cfg.environment,
        runUrl,
        version: facts.version,
        previousVersion: facts.previousVersion,
        reason: facts.reason ?? '',
        detail: facts.detail,
      });
      if (opts.webhooks !== false) {
        sent.add(event);
        send(e);
      }
      if (opts.hook !== false) await hook(e);
    },
    emitted: (event) => sent.has(event),
    async flush() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

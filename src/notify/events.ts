/**
 * Release events (issue 21): what happened to a release, for people (webhooks: Slack, Microsoft Teams, any
 * receiver) and for the workflow's own hooks on the runner. Pure: the event, its message and its body.
 */

export const EVENTS = ['started', 'step', 'paused', 'aborted', 'failed', 'succeeded', 'rolled back', 'maintenance on', 'maintenance off'] as const;
export type EventName = (typeof EVENTS)[number];

/** What every event says. */
export interface EventFacts {
  app: string;
  environment: string;
  /** The version the release brings (a rollback: the version gone back to). */
  version: string | undefined;
  /** The version live before it. */
  previousVersion: string | undefined;
  /** Why (a failure's first line, a breach, an override's or a forced rollback's reason); '' when there is none. */
  reason: string;
  runUrl: string;
  /** More for people: "step 2/3: 50% to v2". */
  detail?: string | undefined;
}

export interface ReleaseEvent extends EventFacts {
  event: EventName;
  /** The exact command that rolls this app and environment back (to previousVersion, or the default target). */
  rollbackCommand: string;
}

/**
 * The command that rolls back: the example manual-rollback workflow (examples/workflows/manual-rollback.yml)
 * run with gh, the same one the job summary gives.
 */
export function rollbackCommand(environment: string, version: string | undefined): string {
  return `gh workflow run manual-rollback.yml -f environment=${environment}${version ? ` -f version=${version}` : ''}`;
}

/**
 * The event with its rollback command. After a flip (succeeded, rolled back) it names the version the flip
 * replaced; before one (the live version has not changed) it is the rollback of the last flip (no version).
 */
export function releaseEvent(event: EventName, f: EventFacts): ReleaseEvent {
  const flipped = event === 'succeeded' || event === 'rolled back';
  return { event, ...f, rollbackCommand: rollbackCommand(f.environment, flipped ? f.previousVersion : undefined) };
}

const VERB: Record<EventName, string> = {
  started: 'started deploying',
  step: 'canary step of',
  paused: 'paused at',
  aborted: 'aborted',
  failed: 'failed to deploy',
  succeeded: 'deployed',
  'rolled back': 'rolled back to',
  'maintenance on': 'maintenance mode on at',
  'maintenance off': 'maintenance mode off at',
};

/** One line for people (Slack's and Teams' `text`), then the detail, the reason, the rollback command and the run. */
export function eventText(e: ReleaseEvent): string {
  const v = e.version ?? 'the new version';
  const head = `${e.app} (${e.environment}): ${VERB[e.event]} ${e.event.startsWith('maintenance') ? '' : `${v} `}`.trimEnd();
  const from = e.previousVersion && e.event !== 'rolled back' ? ` (live before: ${e.previousVersion})` : e.event === 'rolled back' && e.previousVersion ? ` from ${e.previousVersion}` : '';
  return [
    `${head}${from}`,
    e.detail,
    e.reason ? `Reason: ${e.reason}` : undefined,
    `Roll back: ${e.rollbackCommand}`,
    e.runUrl ? `Run: ${e.runUrl}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The JSON body: `text` (what Slack and Microsoft Teams incoming webhooks show), then the structured fields
 * for any other receiver, always all present (null when unknown).
 */
export function eventBody(e: ReleaseEvent): Record<string, string | null> {
  return {
    text: eventText(e),
    event: e.event,
    app: e.app,
    environment: e.environment,
    version: e.version ?? null,
    previous_version: e.previousVersion ?? null,
    reason: e.reason,
    run_url: e.runUrl,
    rollback_command: e.rollbackCommand,
    detail: e.detail ?? null,
  };
}

/** What a hook on the runner gets in its environment. */
export function hookEnv(e: ReleaseEvent): Record<string, string> {
  return {
    EVENT: e.event,
    APP: e.app,
    ENVIRONMENT: e.environment,
    VERSION: e.version ?? '',
    PREVIOUS_VERSION: e.previousVersion ?? '',
    REASON: e.reason,
    RUN_URL: e.runUrl,
  };
}
